package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A shared bus in memory for core tests: one log, and a reader per room with its own cursor, as each server
 * reads the Redis stream from its own last id. Positions are log indexes from 1.
 */
final class SharedLog {
    private final List<Envelope> log = new ArrayList<>();   // guarded by this

    EventBus reader() {
        return new EventBus() {
            private int next;   // only the room's broadcaster

            @Override
            public void publish(Envelope envelope) {
                append(envelope);
            }

            @Override
            public void publishSend(long clientSeq, Envelope envelope) {
                append(envelope);
            }

            @Override
            public Delivery take() throws InterruptedException {
                synchronized (SharedLog.this) {
                    while (next >= log.size()) SharedLog.this.wait();
                    next++;
                    return new Delivery(Integer.toString(next), log.get(next - 1));
                }
            }

            @Override
            public Replay replay(String after, String upTo) {
                synchronized (SharedLog.this) {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (int i = Integer.parseInt(after) + 1; i <= Integer.parseInt(upTo); i++) {
                        deliveries.add(new Delivery(Integer.toString(i), log.get(i - 1)));
                    }
                    return new Replay(0, deliveries);
                }
            }

            @Override
            public boolean isAfter(String position, String other) {
                return Integer.parseInt(position) > Integer.parseInt(other);
            }

            @Override
            public void close() {
            }
        };
    }

    private synchronized void append(Envelope envelope) {
        log.add(envelope);
        notifyAll();
    }
}
