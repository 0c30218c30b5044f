package org.rmichat.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One workload. With {@code rooms} > 1, client i is in room {@code #r<i % rooms>} (and the lobby), and with
 * {@code roomsPerClient} K also in the K − 1 rooms after it ({@code #r<(i + 1) % rooms>}, …); sender s posts to
 * its first room, so each room holds K · clients / rooms members and each line reaches all of them but one.
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
 * @param rooms          rooms the clients are spread over; 1: everyone in the lobby
 * @param roomsPerClient rooms each client is in, out of {@code rooms}
 * @param singleReplies  poll as a client of before streams (protocol 3) does: one reply per call
 */
record BenchConfig(int clients, int senders, double rate, Duration warmup, Duration duration, int payloadBytes,
                   int maxBatch, Duration pollWait, int pollerStackKib, int servers, int rooms, int roomsPerClient,
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
        if (roomsPerClient < 1 || roomsPerClient > 1 && roomsPerClient > rooms / 2) {
            throw new IllegalArgumentException("--rooms-per-client must be 1, or at most half of --rooms: "
                    + roomsPerClient);
        }
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
        return clients / rooms * roomsPerClient - 1;
    }

    /** The rooms client {@code index} is in besides the lobby, the one it posts to first; none with one room. */
    List<String> roomsOf(int index) {
        if (rooms == 1) return List.of();
        List<String> names = new ArrayList<>(roomsPerClient);
        for (int k = 0; k < roomsPerClient; k++) names.add(roomName(index + k));
        return names;
    }

    /** The name of room {@code r % rooms}. */
    String roomName(int r) {
        return "#r" + (r % rooms);
    }
}
