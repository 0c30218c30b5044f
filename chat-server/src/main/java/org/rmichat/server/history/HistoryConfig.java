package org.rmichat.server.history;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How a server alone keeps its history.
 *
 * @param dataDir       where the database lives
 * @param retention     lines older than this are deleted; zero keeps them by age forever
 * @param maxLinesPerRoom each room keeps at most this many lines; 0 for no count limit
 * @param trimEvery     how often the retention pass runs
 */
public record HistoryConfig(Path dataDir, Duration retention, int maxLinesPerRoom, Duration trimEvery) {
    public static final Path DEFAULT_DIR = Path.of("rmichat-data");

    public HistoryConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(trimEvery, "trimEvery");
        if (retention.isNegative()) throw new IllegalArgumentException("--history-retention < 0: " + retention);
        if (maxLinesPerRoom < 0) throw new IllegalArgumentException("--history-max-lines < 0: " + maxLinesPerRoom);
        if (trimEvery.isNegative() || trimEvery.isZero()) throw new IllegalArgumentException("trimEvery must be > 0");
    }

    /** Kept forever, in {@code dataDir}. */
    public static HistoryConfig in(Path dataDir) {
        return new HistoryConfig(dataDir, Duration.ZERO, 0, Duration.ofMinutes(1));
    }

    public HistoryConfig withRetention(Duration age, int linesPerRoom) {
        return new HistoryConfig(dataDir, age, linesPerRoom, trimEvery);
    }

    public HistoryConfig withTrimEvery(Duration every) {
        return new HistoryConfig(dataDir, retention, maxLinesPerRoom, every);
    }
}
