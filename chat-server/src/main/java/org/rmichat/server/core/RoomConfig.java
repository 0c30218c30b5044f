package org.rmichat.server.core;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The rules a {@link ChatRoom} enforces.
 *
 * @param sessionTimeout   a session that neither polls nor sends for this long is removed
 * @param maxPollWait      longest a poll waits for events; always well below the session timeout
 * @param pollBudget       replies per second all polls together aim to stay under: a client answered less than
 *                         (clients / budget) ago waits out the rest, collecting what arrives; 0 turns pacing off
 * @param maxQueue         events held per session before it is evicted as too slow
 * @param maxBatch         most events one poll returns
 * @param maxMessageLength longest accepted message, in characters
 * @param ratePerSecond    sustained sends per session per second; 0 disables the limit
 * @param rateBurst        sends allowed back to back
 * @param maxClients       most sessions at once
 * @param password         the shared secret a join must present, if any
 * @param announceLimit    with more sessions than this on the server, joins and leaves are announced together
 *                         in a {@link org.rmichat.api.PresenceDigest} rather than one line each; 0 always does
 * @param digestInterval   longest a join or leave waits in a digest before it is announced
 * @param streamCoalesce   least time between two batches of one streamed poll: what arrives meanwhile goes out
 *                         in one frame; 0 writes each batch as soon as the stream's writer is woken
 */
public record RoomConfig(Duration sessionTimeout, Duration maxPollWait, int pollBudget, int maxQueue,
                         int maxBatch, int maxMessageLength, double ratePerSecond, int rateBurst, int maxClients,
                         Optional<String> password, int announceLimit, Duration digestInterval,
                         Duration streamCoalesce) {

    /**
     * Replies a second one processor sustains beside the rest of the server's work. Measured on a 2-core box:
     * 1,000 clients each hearing 100 lines a second stay about 130 ms behind at 7,500, and fall seconds
     * behind at 12,000 or without pacing; clients hearing fewer lines than two per spacing are never held.
     */
    public static final int POLL_BUDGET_PER_PROCESSOR = 3_750;

    /** Chosen from measurements: docs/performance.md, "Streamed replies". */
    public static final Duration DEFAULT_STREAM_COALESCE = Duration.ofMillis(2);

    public RoomConfig {
        Objects.requireNonNull(sessionTimeout, "sessionTimeout");
        Objects.requireNonNull(maxPollWait, "maxPollWait");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(digestInterval, "digestInterval");
        if (sessionTimeout.compareTo(maxPollWait.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("session timeout " + sessionTimeout
                    + " must be at least twice the poll wait " + maxPollWait);
        }
        if (pollBudget < 0) throw new IllegalArgumentException("poll budget < 0: " + pollBudget);
        if (maxQueue < 1) throw new IllegalArgumentException("max queue < 1: " + maxQueue);
        if (maxBatch < 1) throw new IllegalArgumentException("max batch < 1: " + maxBatch);
        if (maxMessageLength < 1) throw new IllegalArgumentException("max message length < 1: " + maxMessageLength);
        if (!(ratePerSecond >= 0)) throw new IllegalArgumentException("rate limit < 0: " + ratePerSecond);
        if (rateBurst < 1) throw new IllegalArgumentException("rate burst < 1: " + rateBurst);
        if (maxClients < 1) throw new IllegalArgumentException("max clients < 1: " + maxClients);
        if (announceLimit < 0) throw new IllegalArgumentException("announce limit < 0: " + announceLimit);
        Objects.requireNonNull(streamCoalesce, "streamCoalesce");
        if (streamCoalesce.isNegative()) throw new IllegalArgumentException("stream coalesce < 0: " + streamCoalesce);
        if (digestInterval.isNegative() || digestInterval.isZero()) {
            throw new IllegalArgumentException("digest interval must be positive: " + digestInterval);
        }
    }

    /** The defaults, with a poll budget for the processors this JVM may use. */
    public static RoomConfig defaults() {
        int pollBudget = POLL_BUDGET_PER_PROCESSOR * Runtime.getRuntime().availableProcessors();
        return new RoomConfig(Duration.ofSeconds(30), Duration.ofSeconds(10), pollBudget, 10_000, 1_000, 2_000,
                10, 20, 10_000, Optional.empty(), 200, Duration.ofSeconds(1), DEFAULT_STREAM_COALESCE);
    }

    /** A poll wait that fits the timeout: at most a third of it, so a client polling back to back never expires. */
    public RoomConfig withSessionTimeout(Duration timeout) {
        Duration wait = maxPollWait.compareTo(timeout.dividedBy(3)) > 0 ? timeout.dividedBy(3) : maxPollWait;
        return new RoomConfig(timeout, wait, pollBudget, maxQueue, maxBatch, maxMessageLength, ratePerSecond,
                rateBurst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withMaxPollWait(Duration wait) {
        return new RoomConfig(sessionTimeout, wait, pollBudget, maxQueue, maxBatch, maxMessageLength, ratePerSecond,
                rateBurst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withPollBudget(int budget) {
        return new RoomConfig(sessionTimeout, maxPollWait, budget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withMaxQueue(int queue) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, queue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withMaxMessageLength(int length) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, length, ratePerSecond,
                rateBurst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withRateLimit(double perSecond, int burst) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                perSecond, burst, maxClients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withMaxClients(int clients) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, clients, password, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withPassword(Optional<String> secret) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, secret, announceLimit, digestInterval,
                streamCoalesce);
    }

    public RoomConfig withAnnounceLimit(int limit) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, password, limit, digestInterval, streamCoalesce);
    }

    public RoomConfig withStreamCoalesce(Duration coalesce) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, password, announceLimit, digestInterval, coalesce);
    }

    public RoomConfig withDigestInterval(Duration interval) {
        return new RoomConfig(sessionTimeout, maxPollWait, pollBudget, maxQueue, maxBatch, maxMessageLength,
                ratePerSecond, rateBurst, maxClients, password, announceLimit, interval, streamCoalesce);
    }

    @Override
    public String toString() {
        return "RoomConfig[sessionTimeout=" + sessionTimeout + ", maxPollWait=" + maxPollWait + ", pollBudget="
                + pollBudget + ", maxQueue=" + maxQueue + ", maxBatch=" + maxBatch + ", maxMessageLength="
                + maxMessageLength + ", ratePerSecond=" + ratePerSecond + ", rateBurst=" + rateBurst
                + ", maxClients=" + maxClients + ", password=" + (password.isPresent() ? "set" : "none")
                + ", announceLimit=" + announceLimit + ", digestInterval=" + digestInterval + ", streamCoalesce="
                + streamCoalesce + "]";
    }
}
