package org.rmichat.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * One workload. With {@code rooms} > 1, client i is in room {@code #r<i % rooms>} (and the lobby), and sender s
 * posts to its own room, so each line reaches clients / rooms − 1 others.
 *
 * @param clients        users joined at once, senders included
 * @param senders        how many of them send
 * @param rate           messages per second from all senders together
 * @param warmup         sending before the measured window (JIT, connection pools); not reported
 * @param duration       the measured window
 * @param payloadBytes   message text length
 * @param maxBatch       events a poll may return
 * @param pollWait       how long a poll waits when nothing is queued
 * @param pollerStackKib stack size of each poll thread: 10,000 clients are 10,000 blocked threads
 * @param servers        servers the clients are spread over (client i on server i % servers)
 * @param singleReplies  poll as a client of before streams (protocol 3) does: one reply per call
 */
record BenchConfig(int clients, int senders, double rate, Duration warmup, Duration duration, int payloadBytes,
                   int maxBatch, Duration pollWait, int pollerStackKib, int servers, int rooms,
                   boolean singleReplies) {
    BenchConfig {
        Objects.requireNonNull(warmup, "warmup");
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(pollWait, "pollWait");
        if (clients < 2) throw new IllegalArgumentException("clients < 2: " + clients);
        if (senders < 1 || senders > clients) throw new IllegalArgumentException("senders not in 1.." + clients);
        if (!(rate > 0)) throw new IllegalArgumentException("rate must be > 0: " + rate);
        if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException("duration must be > 0");
        if (warmup.isNegative()) throw new IllegalArgumentException("warmup < 0");
        if (payloadBytes < 1) throw new IllegalArgumentException("payload < 1: " + payloadBytes);
        if (maxBatch < 1) throw new IllegalArgumentException("max batch < 1: " + maxBatch);
        if (rooms < 1 || clients % rooms != 0) {
            throw new IllegalArgumentException("--rooms must divide --clients evenly: " + clients + " / " + rooms);
        }
        if (rooms > 1 && clients / rooms < 2) throw new IllegalArgumentException("rooms of fewer than 2 clients");
        if (servers < 1) throw new IllegalArgumentException("servers < 1: " + servers);
        if (pollerStackKib < 64) throw new IllegalArgumentException("poller stack < 64 KiB: " + pollerStackKib);
    }

    String label() {
        return clients + " clients, " + senders + " senders, " + formatRate() + " msg/s"
                + (servers > 1 ? ", " + servers + " servers" : "");
    }

    private String formatRate() {
        return rate == Math.rint(rate) ? Long.toString((long) rate) : Double.toString(rate);
    }

    /** Clients each line reaches: everyone but its sender, in its room. */
    int receiversPerLine() {
        return clients / rooms - 1;
    }

    /** The room client {@code index} is in; null with one room (the lobby). */
    String roomOf(int index) {
        return rooms == 1 ? null : "#r" + (index % rooms);
    }
}
