package org.rmichat.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
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
}
