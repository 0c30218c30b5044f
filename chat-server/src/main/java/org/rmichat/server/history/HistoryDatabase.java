package org.rmichat.server.history;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rmichat.server.core.ArchivedLine;
import org.rmichat.server.core.EnvelopeCodec;
import org.rmichat.server.core.HistoryPosition;
import org.rmichat.server.core.NotKept;
import org.sqlite.SQLiteConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's one SQLite file: schema, migrations ({@code PRAGMA user_version}), and every statement. One
 * connection writes (the writer thread, the retention thread, each under this object's write lock), another
 * reads: in WAL mode a reader never waits for the writer.
 *
 * <p>Durability: WAL with {@code synchronous=NORMAL}. A commit is in the WAL file when it returns, so a process
 * crash loses nothing committed; the WAL is synced to disk only at checkpoints, so a power loss or kernel crash may
 * lose the last commits (docs/operations.md).
 */
final class HistoryDatabase implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HistoryDatabase.class);
    static final String FILE_NAME = "history.db";
    /** "rmic" in ASCII: tells our file from another program's SQLite database. */
    static final int APPLICATION_ID = 0x726d6963;
    /** The schema this build writes; older files are migrated up to it, newer ones refused. */
    static final int SCHEMA_VERSION = 2;
    private static final String DAMAGED_HINT = "; restore it from a backup or move it away";
    /** Places of one run: 2^40 lines (a trillion) before the next run's would begin. */
    static final long PLACES_PER_RUN = 1L << 40;

    private final Path file;
    private final Connection writer;
    private final Connection reader;
    private final Object writeLock = new Object();
    private final Object readLock = new Object();
    private final String historyId;
    private final long run;
    private final long lastPlaceBefore;

    private HistoryDatabase(Path file, Connection writer, Connection reader, String historyId, long run,
                            long lastPlaceBefore) {
        this.file = file;
        this.writer = writer;
        this.reader = reader;
        this.historyId = historyId;
        this.run = run;
        this.lastPlaceBefore = lastPlaceBefore;
    }

    /**
     * Opens (or creates) the history in {@code directory} and starts a new run in it.
     *
     * @throws HistoryUnavailableException naming the file, when it is not an rmichat history, is damaged, is of
     *                                     a newer schema, or cannot be written; nothing is overwritten then
     */
    static HistoryDatabase open(Path directory) throws HistoryUnavailableException {
        Path file = directory.resolve(FILE_NAME);
        boolean existed = Files.exists(file);
        Connection writer = null;
        Connection reader = null;
        try {
            if (existed) {
                // looked at read-only first: a file that is not ours, or is damaged, is left exactly as it was
                try (Connection probe = DriverManager.getConnection("jdbc:sqlite:file:" + file + "?mode=ro")) {
                    check(file, probe, true);
                }
            }
            writer = connect(file, false);
            check(file, writer, false);
            String historyId;
            long run;
            long lastPlace;
            writer.setAutoCommit(false);
            try {
                migrate(writer);
                historyId = meta(writer, "history").orElse(null);
                if (historyId == null) {
                    historyId = HistoryPosition.newHistory(new SecureRandom());
                    setMeta(writer, "history", historyId);
                }
                run = meta(writer, "run").map(Long::parseLong).orElse(0L) + 1;
                setMeta(writer, "run", Long.toString(run));
                lastPlace = lastPlace(writer);
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
            reader = connect(file, true);
            return new HistoryDatabase(file, writer, reader, historyId, run, lastPlace);
        } catch (SQLException e) {
            closeQuietly(writer);
            closeQuietly(reader);
            String message = e.getMessage() == null ? "" : e.getMessage();
            boolean damaged = message.contains("SQLITE_NOTADB") || message.contains("SQLITE_CORRUPT");
            throw new HistoryUnavailableException(file + ": " + describe(e) + (damaged ? DAMAGED_HINT : ""), e);
        } catch (HistoryUnavailableException | RuntimeException e) {
            closeQuietly(writer);
            closeQuietly(reader);
            throw e;
        }
    }

    private static Connection connect(Path file, boolean readOnly) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.setBusyTimeout(5_000);
        config.setReadOnly(readOnly);
        return DriverManager.getConnection("jdbc:sqlite:" + file, config.toProperties());
    }

    /** Refuses a file that is not ours, or is damaged, before anything is written to it. */
    private static void check(Path file, Connection connection, boolean existed)
            throws SQLException, HistoryUnavailableException {
        try (Statement s = connection.createStatement()) {
            int applicationId = intPragma(s, "application_id");
            int version = intPragma(s, "user_version");
            boolean hasTables = false;
            try (ResultSet rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
                hasTables = rs.next() && rs.getInt(1) > 0;
            }
            if (applicationId == 0 && !hasTables) {
                if (!existed) s.execute("PRAGMA application_id = " + APPLICATION_ID);   // new: ours from now
                return;
            }
            if (applicationId != APPLICATION_ID) {
                throw new HistoryUnavailableException(file + " is not an rmichat history (another program's"
                        + " database); move it away or choose another --data-dir");
            }
            if (version > SCHEMA_VERSION) {
                throw new HistoryUnavailableException(file + " was written by a newer rmichat (schema " + version
                        + ", this one reads up to " + SCHEMA_VERSION + ")");
            }
            if (existed) {
                try (ResultSet rs = s.executeQuery("PRAGMA quick_check")) {
                    List<String> problems = new ArrayList<>();
                    while (rs.next()) {
                        // one row may hold several lines; "*** in database main ***" only says where
                        rs.getString(1).lines().map(String::strip)
                                .filter(line -> !line.isEmpty() && !line.startsWith("***")).forEach(problems::add);
                    }
                    if (!problems.equals(List.of("ok"))) {
                        String first = problems.isEmpty() ? "no answer to a check" : problems.get(0);
                        String more = problems.size() > 1 ? " and " + (problems.size() - 1) + " more problems" : "";
                        throw new HistoryUnavailableException(file + " is damaged (" + first + more + ")"
                                + DAMAGED_HINT);
                    }
                }
            }
        }
    }

    private static int intPragma(Statement s, String pragma) throws SQLException {
        try (ResultSet rs = s.executeQuery("PRAGMA " + pragma)) {
            return rs.next() ? rs.getInt(1) : 0;
        }
    }

    /** Brings the schema up to {@link #SCHEMA_VERSION}, one step per version, in the open transaction. */
    private static void migrate(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            int version = intPragma(s, "user_version");
            if (version < 1) {
                s.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)");
                s.execute("CREATE TABLE lines (place INTEGER PRIMARY KEY, at INTEGER NOT NULL, room TEXT,"
                        + " envelope BLOB NOT NULL)");
                s.execute("CREATE INDEX lines_by_room ON lines (room, place)");
                s.execute("CREATE INDEX lines_by_time ON lines (at)");
                s.execute("CREATE TABLE trimmed (through INTEGER NOT NULL, count INTEGER NOT NULL)");
            }
            if (version < 2) {
                // retention counted per room: a pass recorded before is of any room
                s.execute("ALTER TABLE trimmed ADD COLUMN room TEXT NOT NULL DEFAULT '" + NotKept.ANY_ROOM + "'");
            }
            if (version != SCHEMA_VERSION) s.execute("PRAGMA user_version = " + SCHEMA_VERSION);
        }
    }

    private static Optional<String> meta(Connection connection, String key) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT value FROM meta WHERE key = ?")) {
            s.setString(1, key);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private static void setMeta(Connection connection, String key, String value) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value")) {
            s.setString(1, key);
            s.setString(2, value);
            s.executeUpdate();
        }
    }

    private static long lastPlace(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("SELECT max(place) FROM lines")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    String historyId() {
        return historyId;
    }

    long firstPlace() {
        return run * PLACES_PER_RUN + 1;
    }

    long lastPlaceBefore() {
        return lastPlaceBefore;
    }

    Path file() {
        return file;
    }

    /** Writes {@code lines} in one transaction. */
    void insert(List<ArchivedLine> lines) throws SQLException {
        synchronized (writeLock) {
            writer.setAutoCommit(false);
            try (PreparedStatement s = writer.prepareStatement(
                    "INSERT OR IGNORE INTO lines (place, at, room, envelope) VALUES (?, ?, ?, ?)")) {
                for (ArchivedLine line : lines) {
                    s.setLong(1, line.place());
                    s.setLong(2, line.atMillis());
                    s.setString(3, line.roomKey());
                    s.setBytes(4, EnvelopeCodec.encode(line.envelope()));
                    s.addBatch();
                }
                s.executeBatch();
                writer.commit();
            } catch (SQLException | RuntimeException e) {
                try {
                    writer.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        }
    }

    List<ArchivedLine> after(long after, long upTo, int limit) throws SQLException {
        synchronized (readLock) {
            try (PreparedStatement s = reader.prepareStatement(
                    "SELECT place, at, room, envelope FROM lines WHERE place > ? AND place <= ? ORDER BY place LIMIT ?")) {
                s.setLong(1, after);
                s.setLong(2, upTo);
                s.setInt(3, limit);
                return read(s);
            }
        }
    }

    List<ArchivedLine> before(String roomKey, boolean withPrivate, long before, long notBeforeMillis,
                                           int limit) throws SQLException {
        synchronized (readLock) {
            // two index range scans merged by place: a room's lines, and the private lines
            String sql = withPrivate
                    ? "SELECT place, at, room, envelope FROM lines WHERE (room = ? OR room IS NULL) AND place < ? AND at >= ?"
                      + " ORDER BY place DESC LIMIT ?"
                    : "SELECT place, at, room, envelope FROM lines WHERE room = ? AND place < ? AND at >= ?"
                      + " ORDER BY place DESC LIMIT ?";
            try (PreparedStatement s = reader.prepareStatement(sql)) {
                s.setString(1, roomKey);
                s.setLong(2, before);
                s.setLong(3, notBeforeMillis);
                s.setInt(4, limit);
                return read(s);
            }
        }
    }

    private static List<ArchivedLine> read(PreparedStatement s) throws SQLException {
        List<ArchivedLine> lines = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                long place = rs.getLong(1);
                try {
                    EnvelopeCodec.decode(rs.getBytes(4)).ifPresent(envelope -> {
                        try {
                            lines.add(new ArchivedLine(place, rs.getLong(2), rs.getString(3), envelope));
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    });
                } catch (IllegalArgumentException e) {
                    log.warn("history line {} cannot be read, skipped: {}", place, e.getMessage());
                }
            }
        }
        return lines;
    }

    /**
     * Deletes lines older than {@code cutoffMillis}, and in each room all but its newest {@code perRoom}
     * (0: no count limit); remembers how many went, for clients coming back from before them.
     */
    long trim(long cutoffMillis, int perRoom) throws SQLException {
        synchronized (writeLock) {
            writer.setAutoCommit(false);
            try (Statement s = writer.createStatement()) {
                long count = 0;
                List<TrimmedRoom> byRoom = new ArrayList<>();
                String doomed = "at < " + cutoffMillis + (perRoom <= 0 ? "" : " OR place IN (SELECT place FROM"
                        + " (SELECT place, row_number() OVER (PARTITION BY room ORDER BY place DESC) AS age FROM lines)"
                        + " WHERE age > " + perRoom + ")");
                try (ResultSet rs = s.executeQuery("SELECT coalesce(room, '" + NotKept.PRIVATE + "'), max(place),"
                        + " count(*) FROM lines WHERE " + doomed + " GROUP BY room")) {
                    while (rs.next()) {
                        byRoom.add(new TrimmedRoom(rs.getString(1), rs.getLong(2), rs.getLong(3)));
                        count += rs.getLong(3);
                    }
                }
                if (count > 0) {
                    s.executeUpdate("DELETE FROM lines WHERE " + doomed);
                    try (PreparedStatement insert = writer.prepareStatement(
                            "INSERT INTO trimmed (room, through, count) VALUES (?, ?, ?)")) {
                        for (TrimmedRoom room : byRoom) {
                            insert.setString(1, room.roomKey());
                            insert.setLong(2, room.through());
                            insert.setLong(3, room.count());
                            insert.executeUpdate();
                        }
                    }
                }
                writer.commit();
                return count;
            } catch (SQLException | RuntimeException e) {
                writer.rollback();
                throw e;
            } finally {
                writer.setAutoCommit(true);
            }
        }
    }

    /** What one retention pass deleted of one room: up to which place, how many lines. */
    private record TrimmedRoom(String roomKey, long through, long count) {
    }

    /** Lines deleted by retention passes that reached past {@code place}, by room: at most this many were after it. */
    NotKept deletedAfter(long place) throws SQLException {
        synchronized (readLock) {
            try (PreparedStatement s = reader.prepareStatement(
                    "SELECT room, sum(count) FROM trimmed WHERE through > ? GROUP BY room")) {
                s.setLong(1, place);
                Map<String, Long> byRoom = new HashMap<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) byRoom.put(rs.getString(1), rs.getLong(2));
                }
                return new NotKept(byRoom);
            }
        }
    }

    /** Lets the file grow to at most {@code pages} pages: a full disk, for tests. */
    void limitPages(long pages) throws SQLException {
        synchronized (writeLock) {
            try (Statement s = writer.createStatement()) {
                s.execute("PRAGMA max_page_count = " + pages);
            }
        }
    }

    /** Bytes the history takes on disk: the database and its write-ahead log. */
    long sizeBytes() {
        long size = 0;
        for (String suffix : new String[] {"", "-wal", "-shm"}) {
            try {
                size += Files.size(file.resolveSibling(file.getFileName() + suffix));
            } catch (java.io.IOException e) {
                // not there (yet): nothing to count
            }
        }
        return size;
    }

    static String describe(SQLException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (message.contains("SQLITE_NOTADB")) return "not a database file (damaged, or another program's)";
        if (message.contains("SQLITE_CORRUPT")) return "the database is damaged";
        if (message.contains("SQLITE_CANTOPEN")) return "cannot open the file (permissions?)";
        if (message.contains("SQLITE_READONLY")) return "the file is read-only";
        if (message.contains("SQLITE_FULL")) return "the disk is full";
        // SQLite rolled the transaction back itself when the write failed (in WAL mode a full disk shows here)
        if (message.contains("no transaction is active")) return "the commit was refused (a full disk or an I/O error)";
        return message;
    }

    private static void closeQuietly(Connection connection) {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("closing the history database", e);
        }
    }

    @Override
    public void close() {
        synchronized (readLock) {
            closeQuietly(reader);
        }
        synchronized (writeLock) {
            closeQuietly(writer);
        }
    }
}
