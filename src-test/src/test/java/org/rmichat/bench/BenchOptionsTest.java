package org.rmichat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What a bare run measures. */
class BenchOptionsTest {

    @Test
    void theWindowOpensOnlyAfterTheJitHasHadTwentySeconds() {
        BenchMain main = new BenchMain();
        new CommandLine(main).parseArgs("--embedded");

        assertEquals(Duration.ofSeconds(20), main.warmup);
    }

    @Test
    void eachServerOfAClusterOnThisBoxGetsItsShareOfThePollBudget() {
        assertEquals(List.of("--poll-budget", "3750"), BenchMain.pollBudgetShare(List.of(), 2, 7_500));
        assertEquals(List.of(), BenchMain.pollBudgetShare(List.of(), 1, 7_500));
        assertEquals(List.of(), BenchMain.pollBudgetShare(List.of("--poll-budget=0"), 2, 7_500));
    }

    @Test
    void theHelpFormatsEveryDescriptionWithoutAWarning() {
        // picocli formats descriptions: a bare % made it warn "Could not format" on stderr over each such option
        java.io.ByteArrayOutputStream warnings = new java.io.ByteArrayOutputStream();
        java.io.PrintStream stderr = System.err;
        String help;
        System.setErr(new java.io.PrintStream(warnings, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            help = new CommandLine(new BenchMain()).getUsageMessage(CommandLine.Help.Ansi.OFF).replaceAll("\\s+", " ");
        } finally {
            System.setErr(stderr);
        }

        assertEquals("", warnings.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(help.contains("#r<i % R> .. #r<(i + K - 1) % R>"), help);
    }
}
