package org.rmichat.server.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.PrivateMessage;
import org.rmichat.server.core.ArchivedLine;
import org.rmichat.server.core.Audience;
import org.rmichat.server.core.Envelope;

@Timeout(30)
class SqliteHistoryLogTest {
    private static final List<String> LOBBY = List.of("#lobby");

    @TempDir Path dir;
    private final AtomicLong clock = new AtomicLong(1_000_000);

    private SqliteHistoryLog open() throws HistoryUnavailableException {
        return SqliteHistoryLog.open(HistoryConfig.in(dir), clock::get);
    }

    private static ArchivedLine line(long place, long at, String room, String text) {
        return new ArchivedLine(place, at, room, new Envelope(7, new MessagePosted(1, "alice", text, null),
                Audience.room(room, 7)));
    }

    private static List<String> texts(List<ArchivedLine> lines) {
        return lines.stream().map(l -> ((MessagePosted) l.envelope().event()).text()).toList();
    }

    @Test
    void aLineIsReadableOnceItsSendWasToldItIsWritten() throws Exception {
        try (SqliteHistoryLog log = open()) {
            long place = log.firstPlace();
            log.append(line(place, 1, "#lobby", "hi"));
            log.awaitWritten(place);

            assertEquals(List.of("hi"), texts(log.after(0, Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void reopenedItKeepsItsLinesAndItsHistoryAndHandsOutLaterPlaces() throws Exception {
        String history;
        long firstRun;
        try (SqliteHistoryLog log = open()) {
            history = log.historyId();
            firstRun = log.firstPlace();
            for (int i = 0; i < 3; i++) log.append(line(firstRun + i, 1, "#lobby", "line " + i));
            log.awaitWritten(firstRun + 2);
        }
        try (SqliteHistoryLog log = open()) {
            assertEquals(history, log.historyId());
            assertEquals(firstRun + 2, log.lastPlaceBefore());
            // places handed out but never committed (a kill -9) must never be handed out again
            assertTrue(log.firstPlace() > firstRun + HistoryDatabase.PLACES_PER_RUN - 1, "places restart below the last run's");
            assertEquals(List.of("line 0", "line 1", "line 2"), texts(log.after(0, Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void aPageIsOneRoomsLinesBeforeAPlaceNewestFirstWithPrivateLinesOnlyWhenAsked() throws Exception {
        try (SqliteHistoryLog log = open()) {
            long p = log.firstPlace();
            log.append(line(p, 10, "#lobby", "l1"));
            log.append(line(p + 1, 11, "#dev", "d1"));
            log.append(new ArchivedLine(p + 2, 12, null, Envelope.privately(7, 8,
                    new PrivateMessage(1, "alice", "bob", "psst"))));
            log.append(line(p + 3, 13, "#lobby", "l2"));
            log.append(line(p + 4, 14, "#lobby", "l3"));
            log.awaitWritten(p + 4);

            assertEquals(List.of("l2", "l1"), texts(log.before("#lobby", false, p + 4, Long.MIN_VALUE, 10)));
            assertEquals(List.of(p + 3, p + 2, p), log.before("#lobby", true, p + 4, Long.MIN_VALUE, 10).stream()
                    .map(ArchivedLine::place).toList());
            assertEquals(List.of("l3", "l2"), texts(log.before("#lobby", false, Long.MAX_VALUE, 13, 10)));
        }
    }

    @Test
    void retentionDeletesLinesOlderThanItsAgeAndCountsThemForClientsComingBack() throws Exception {
        long p;
        try (SqliteHistoryLog log = open()) {
            p = log.firstPlace();
            log.append(line(p, clock.get() - Duration.ofDays(40).toMillis(), "#lobby", "old"));
            log.append(line(p + 1, clock.get() - Duration.ofDays(1).toMillis(), "#lobby", "recent"));
            log.awaitWritten(p + 1);
        }
        HistoryConfig kept30Days = HistoryConfig.in(dir).withRetention(Duration.ofDays(30), 0)
                .withTrimEvery(Duration.ofMillis(20));
        try (SqliteHistoryLog log = SqliteHistoryLog.open(kept30Days, clock::get)) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.deletedAfter(p - 1).countFor(LOBBY) == 0 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertEquals(1, log.deletedAfter(p - 1).countFor(LOBBY));
            assertEquals(List.of("recent"), texts(log.after(0, Long.MAX_VALUE, 10)));
        }
    }

    @Test
    void retentionByCountKeepsTheNewestLinesOfEachRoom() throws Exception {
        HistoryConfig twoPerRoom = HistoryConfig.in(dir).withRetention(Duration.ZERO, 2)
                .withTrimEvery(Duration.ofMillis(20));
        try (SqliteHistoryLog log = SqliteHistoryLog.open(twoPerRoom, clock::get)) {
            long p = log.firstPlace();
            for (int i = 0; i < 4; i++) log.append(line(p + i, 1, "#lobby", "l" + i));
            log.append(line(p + 4, 1, "#dev", "d0"));
            log.awaitWritten(p + 4);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (log.after(0, Long.MAX_VALUE, 10).size() > 3 && System.nanoTime() < deadline) {
                java.util.concurrent.locks.LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            assertEquals(List.of("l2", "l3", "d0"), texts(log.after(0, Long.MAX_VALUE, 10)));
            // a member of #dev alone lost nothing; one of #lobby is told of its two lines
            assertEquals(0, log.deletedAfter(p - 1).countFor(List.of("#dev")));
            assertEquals(2, log.deletedAfter(p - 1).countFor(LOBBY));
            // a pass that reached past the position counts whole: an upper bound (only l1 was after p)
            assertEquals(2, log.deletedAfter(p).countFor(LOBBY));
            assertEquals(0, log.deletedAfter(p + 1).countFor(LOBBY));
        }
    }

    @Test
    void aHistoryOfSchemaOneIsMigratedAndItsRetentionPassesCountForEveryRoom() throws Exception {
        long p;
        try (SqliteHistoryLog log = open()) {
            p = log.firstPlace();
        }
        try (java.sql.Connection db = java.sql.DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("history.db"));
             java.sql.Statement s = db.createStatement()) {
            // as schema 1 left it: passes counted for the whole chat
            s.execute("ALTER TABLE trimmed DROP COLUMN room");
            s.execute("INSERT INTO trimmed (through, count) VALUES (" + (p + 10) + ", 3)");
            s.execute("PRAGMA user_version = 1");
        }
        try (SqliteHistoryLog log = open()) {
            assertEquals(3, log.deletedAfter(p).countFor(List.of("#dev")));
            assertEquals(0, log.deletedAfter(p + 10).countFor(List.of("#dev")));
        }
    }

    @Test
    void aFullDiskPausesTheHistoryOnceWithoutHoldingSendsAndItResumesWhenThereIsRoom() throws Exception {
        java.util.concurrent.BlockingQueue<String> told = new java.util.concurrent.LinkedBlockingQueue<>();
        try (SqliteHistoryLog log = open()) {
            log.onPauseChange(new SqliteHistoryLog.Listener() {
                @Override
                public void paused(String reason) {
                    told.add("paused: " + reason);
                }

                @Override
                public void resumed() {
                    told.add("resumed");
                }
            });
            long p = log.firstPlace();
            log.append(line(p, 1, "#lobby", "kept"));
            log.awaitWritten(p);
            log.database().limitPages(1);   // smaller than the file: nothing more fits

            String big = "x".repeat(50_000);
            for (int i = 1; i <= 3; i++) {
                log.append(line(p + i, 1, "#lobby", big));
                log.awaitWritten(p + i);   // returns: a full disk must not hold the chat
            }
            String paused = told.poll(10, TimeUnit.SECONDS);
            assertTrue(paused != null && paused.matches("paused: the (disk is full|commit was refused .*)"), paused);

            log.database().limitPages(1_000_000);
            log.append(line(p + 4, 1, "#lobby", "after"));
            log.awaitWritten(p + 4);
            assertEquals("resumed", told.poll(10, TimeUnit.SECONDS));
            assertEquals(List.of("kept", "after"), texts(log.after(0, Long.MAX_VALUE, 10)));
            assertEquals(List.of(), List.copyOf(told), "told more than once");
        }
    }
}
