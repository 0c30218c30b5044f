package org.rmichat.server.core;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * A shared bus in memory for core tests: one log, and a reader per room with its own cursor, as each server
 * reads the Redis stream from its own last id. Positions are log indexes from 1 in the log's one history.
 */
final class SharedLog {
    private final List<Envelope> log = new ArrayList<>();   // guarded by this
    private final String history = HistoryPosition.newHistory(new SecureRandom());

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
                    return new Delivery(position(next), log.get(next - 1));
                }
            }

            @Override
            public Replay replay(String after, String upTo) {
                synchronized (SharedLog.this) {
                    List<Delivery> deliveries = new ArrayList<>();
                    for (int i = index(after) + 1; i <= index(upTo); i++) {
                        deliveries.add(new Delivery(position(i), log.get(i - 1)));
                    }
                    return new Replay(0, deliveries);
                }
            }

            @Override
            public boolean belongs(String position) {
                return index(position) >= 0;
            }

            @Override
            public boolean isAfter(String position, String other) {
                int a = index(position);
                int b = index(other);
                return a < 0 || b < 0 || a > b;
            }

            @Override
            public void close() {
            }
        };
    }

    private String position(int index) {
        return new HistoryPosition(history, Integer.toString(index)).toString();
    }

    /** The log index of a position of this log; -1 for any other. */
    private int index(String position) {
        HistoryPosition parsed = HistoryPosition.parse(position);
        return parsed == null || !parsed.isIn(history) ? -1 : Integer.parseInt(parsed.place());
    }

    private synchronized void append(Envelope envelope) {
        log.add(envelope);
        notifyAll();
    }
}
