package org.rmichat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
}
