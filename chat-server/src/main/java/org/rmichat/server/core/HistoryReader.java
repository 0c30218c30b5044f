package org.rmichat.server.core;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.rmichat.api.HistoryLine;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.RoomNames;

/**
 * Reads pages of history from the bus for one reader: the bus gives candidates, {@link Envelope#isReadableBy}
 * decides which the reader may see (the one audience rule), and lines it may not see are skipped, not counted
 * against the page.
 */
final class HistoryReader {
    /** Most candidates looked at for one page: a room full of others' private lines cannot make a page scan forever. */
    static final int MAX_SCANNED = 5_000;

    private final EventBus bus;
    private final String defaultRoomKey;

    HistoryReader(EventBus bus, String defaultRoom) {
        this.bus = bus;
        this.defaultRoomKey = RoomNames.key(defaultRoom);
    }

    HistoryPage page(Recipient reader, String room, String before, int limit, long spanSeconds) {
        String key = RoomNames.key(room);
        boolean withPrivate = key.equals(defaultRoomKey);   // private lines show with the default room's
        int wanted = Math.min(limit, HistoryRequest.MAX_LIMIT);
        List<HistoryLine> lines = new ArrayList<>();
        String cursor = before;
        long notBefore = Long.MIN_VALUE;
        int scanned = 0;
        boolean more = false;
        page:
        while (lines.size() < wanted && scanned < MAX_SCANNED) {
            int ask = Math.min(wanted - lines.size() + 16, MAX_SCANNED - scanned);
            List<TimedLine> candidates = bus.history(key, withPrivate, cursor, notBefore, ask);
            scanned += candidates.size();
            for (TimedLine candidate : candidates) {
                cursor = candidate.position();
                if (!candidate.envelope().isReadableBy(reader)) continue;
                if (spanSeconds > 0 && notBefore == Long.MIN_VALUE) {
                    notBefore = candidate.atMillis() - TimeUnit.SECONDS.toMillis(spanSeconds);
                }
                if (candidate.atMillis() < notBefore) break page;
                lines.add(new HistoryLine(candidate.position(), candidate.atMillis(), candidate.envelope().event()));
                if (lines.size() == wanted) {
                    more = true;   // perhaps: the next page says
                    break page;
                }
            }
            if (candidates.size() < ask) break;   // the history has nothing older
        }
        if (scanned >= MAX_SCANNED && lines.size() < wanted) more = true;
        Collections.reverse(lines);
        return new HistoryPage(lines, more);
    }
}
