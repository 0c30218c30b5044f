package org.rmichat.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Start-up failures end as main ends them: one line on stderr, exit 1, or 2 for a secret that is refused. */
@Timeout(30)
class ServerStartupTest {
    @TempDir Path dir;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs the server's command; its history goes to a temporary directory unless {@code args} name one. */
    private int run(String... args) {
        CommandLine cmd = ServerMain.commandLine(new ServerMain());
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        List<String> all = new java.util.ArrayList<>(List.of(args));
        if (!all.contains("--data-dir")) all.addAll(List.of("--data-dir", dir.resolve("data").toString()));
        return cmd.execute(all.toArray(String[]::new));
    }

    @Test
    void aDamagedHistoryFileIsOneLineNamingItAndIsLeftAsItWas() throws Exception {
        Path data = Files.createDirectories(dir.resolve("damaged"));
        Path file = data.resolve("history.db");
        byte[] garbage = "SQLite format 3\0 but not really a database, only its first words".repeat(80)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(file, garbage);

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));

        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).contains(file.toAbsolutePath().toString()), err.toString());
        assertTrue(errLines().get(0).endsWith("; restore it from a backup or move it away"), err.toString());
        assertTrue(java.util.Arrays.equals(garbage, Files.readAllBytes(file)), "the file was changed");
    }

    @Test
    void aHistoryWhosePagesAreDamagedIsOneLineHoweverManyProblemsSQLiteFinds() throws Exception {
        Path data = dir.resolve("pages");
        try (var history = org.rmichat.server.history.SqliteHistoryLog.open(
                org.rmichat.server.history.HistoryConfig.in(data))) {
            long place = history.firstPlace();
            for (int i = 0; i < 400; i++) {
                history.append(new org.rmichat.server.core.ArchivedLine(place + i, 1_000 + i, "#lobby",
                        new org.rmichat.server.core.Envelope(7, new org.rmichat.api.MessagePosted(1, "alice",
                                "line " + i + " " + "x".repeat(100), null))));
            }
            history.awaitWritten(place + 399);
        }
        Path file = data.resolve("history.db");
        byte[] bytes = Files.readAllBytes(file);
        assertTrue(bytes.length > 16 * 4096, "a history of several pages: " + bytes.length);
        java.util.Random random = new java.util.Random(17);
        for (int i = 3 * 4096; i < 12 * 4096; i++) bytes[i] = (byte) random.nextInt();   // pages, not the header
        Files.write(file, bytes);

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));

        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).matches(java.util.regex.Pattern.quote(file.toAbsolutePath().toString())
                + "(:| is damaged).*; restore it from a backup or move it away"), err.toString());
    }

    @Test
    void anotherProgramsDatabaseIsRefusedAndLeftAsItWas() throws Exception {
        Path data = Files.createDirectories(dir.resolve("foreign"));
        Path file = data.resolve("history.db");
        try (var c = java.sql.DriverManager.getConnection("jdbc:sqlite:" + file);
             var s = c.createStatement()) {
            s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL)");
        }
        byte[] before = Files.readAllBytes(file);

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));

        assertTrue(errLines().get(0).contains("is not an rmichat history"), err.toString());
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file was changed");
    }

    @Test
    void aDataDirectoryThatCannotBeCreatedIsOneLine() throws Exception {
        // under a plain file: refused even to root, whom permissions would not stop
        Path file = Files.writeString(dir.resolve("a-file"), "");

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", file.resolve("data").toString()));

        assertEquals(List.of("cannot create data directory " + file.resolve("data") + ": not a directory"),
                errLines());
    }

    @Test
    void aDataDirectoryThatIsAFileIsOneLineSayingSo() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "");

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", file.toString()));

        assertEquals(List.of("cannot create data directory " + file + ": it is a file, not a directory"),
                errLines());
    }

    @Test
    void aDataDirectoryInUseByAnotherServerIsOneLine() throws Exception {
        Path data = dir.resolve("shared");
        ChatServer first = ChatServer.withHistory(ServerConfig.loopback(org.rmichat.server.core.RoomConfig.defaults()),
                org.rmichat.server.history.HistoryConfig.in(data)).start();
        try {
            assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--data-dir", data.toString()));

            assertTrue(errLines().get(0).contains("is in use by another rmichat server"), err.toString());
        } finally {
            first.stop();
        }
    }

    private List<String> errLines() {
        return err.toString().lines().toList();
    }

    private Path secret(String name, String content) throws IOException {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    @Test
    void anEmptyPasswordFileIsRefusedInOneLineWithTwo() throws Exception {
        Path empty = secret("empty", "\n");

        assertEquals(2, run("--bind", "127.0.0.1", "--port", "0", "--password-file", empty.toString()));
        assertEquals(List.of("password file " + empty + " is empty"), errLines());
    }

    @Test
    void anEmptyKeystorePasswordFileIsRefusedLikeAnyOtherSecret() throws Exception {
        Path empty = secret("empty", "");

        assertEquals(2, run("--bind", "127.0.0.1", "--port", "0", "--tls", "--keystore", "server.p12",
                "--keystore-password-file", empty.toString()));
        assertEquals(List.of("keystore password file " + empty + " is empty"), errLines());
    }

    @Test
    void anEmptyRedisPasswordFileIsRefusedBeforeRedisIsTried() throws Exception {
        Path empty = secret("empty", "");

        assertEquals(2, run("--bind", "127.0.0.1", "--port", "0", "--redis", "redis://127.0.0.1:1",
                "--redis-password-file", empty.toString()));
        assertEquals(List.of("Redis password file " + empty + " is empty"), errLines());
    }

    @Test
    void aMissingPasswordFileCannotStart() {
        Path missing = dir.resolve("missing");

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--password-file", missing.toString()));
        assertEquals(List.of("cannot read password file " + missing + ": no such file"), errLines());
    }

    @Test
    void anUnreadableKeystoreCannotStart() throws Exception {
        Path password = secret("keystore-password", "changeit\n");
        Path missing = dir.resolve("server.p12");

        assertEquals(1, run("--bind", "127.0.0.1", "--port", "0", "--tls", "--keystore", missing.toString(),
                "--keystore-password-file", password.toString()));
        assertEquals(1, errLines().size(), err.toString());
        assertTrue(errLines().get(0).startsWith("cannot read keystore " + missing + ": "), err.toString());
    }

    @Test
    void aPortInUseCannotStart() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = taken.getLocalPort();

            assertEquals(1, run("--bind", "127.0.0.1", "--port", String.valueOf(port)));
            assertEquals(1, errLines().size(), err.toString());
            assertTrue(errLines().get(0).startsWith("cannot listen on port " + port + ": "), err.toString());
        }
    }

    @Test
    void anythingUnexpectedIsOneLineAndOne() throws Exception {
        CommandLine cmd = ServerMain.commandLine(new ServerMain()).setErr(new PrintWriter(err, true));

        int code = cmd.getExecutionExceptionHandler().handleExecutionException(
                new IllegalStateException("a bug", new IOException("disk gone")), cmd, null);

        assertEquals(1, code);
        assertEquals(List.of("could not start: disk gone"), errLines());
    }
}
