package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.rmi.RemoteException;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rmichat.api.ChatEvent;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.HistoryLine;
import org.rmichat.api.HistoryPage;
import org.rmichat.api.HistoryRequest;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.MessagePosted;
import org.rmichat.api.Notice;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;

/** History through real processes: scrollback for a late joiner, and a server that restarts with its history. */
@Timeout(180)
class HistoryIT {
    private static final String SCROLLBACK_LINE = "\\[\\d\\d:\\d\\d\\] ";
    @TempDir Path data;

    @Test
    void aLateJoinerSeesTheLastLinesWithTheirTimeThenNow() throws Exception {
        try (var server = JarProcess.startServer("--data-dir", data.toString())) {
            int port = server.listeningPort();
            String address = "127.0.0.1:" + port;
            try (var alice = TestClient.join(service(port), "alice")) {
                alice.send("one");
                alice.send("two");
                try (var carol = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "carol")) {
                    carol.awaitLine("Type messages and press Enter.");
                    assertTrue(carol.nextLine().matches(SCROLLBACK_LINE + "alice: one"), carol.stdoutSeen().toString());
                    assertTrue(carol.nextLine().matches(SCROLLBACK_LINE + "alice: two"), carol.stdoutSeen().toString());
                    assertEquals("── now ──", carol.nextLine());
                    alice.send("three");
                    assertEquals("alice: three", carol.nextLine());
                }
            }
        }
    }

    @ParameterizedTest(name = "after {0}")
    @ValueSource(strings = {"SIGTERM", "SIGKILL"})
    void theServerRestartsWithItsHistoryAndAClientThatWasThereMissesNothing(String signal) throws Exception {
        JarProcess first = JarProcess.startServer("--data-dir", data.toString());
        int port = first.listeningPort();
        String address = "127.0.0.1:" + port;
        try (var bob = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "bob")) {
            bob.awaitLine("Type messages and press Enter.");
            try (var alice = TestClient.join(service(port), "alice")) {
                alice.send("before the restart");   // returned: committed
                bob.awaitLine("alice: before the restart");
            }
            stop(first, signal);
            bob.awaitLine("⚠ connection lost, reconnecting…");
            try (var again = JarProcess.startServer(port, "--data-dir", data.toString())) {
                bob.awaitLine("✅ reconnected");
                try (var alice = TestClient.join(service(port), "alice")) {
                    alice.send("after the restart");
                    List<String> before = bob.awaitLine("alice: after the restart");
                    assertFalse(before.contains("⚠ " + Notice.CHAT_RESTARTED), before.toString());
                    assertFalse(before.contains("alice: before the restart"), "shown twice: " + before);
                }
                try (var carol = JarProcess.start(JarProcess.clientJar(), "--server", address, "--name", "carol")) {
                    carol.awaitLine("Type messages and press Enter.");
                    assertTrue(carol.nextLine().matches(SCROLLBACK_LINE + "alice: before the restart"),
                            carol.stdoutSeen().toString());
                    assertTrue(carol.nextLine().matches(SCROLLBACK_LINE + "alice: after the restart"),
                            carol.stdoutSeen().toString());
                    assertEquals("── now ──", carol.nextLine());
                }
            }
        } finally {
            first.close();
        }
    }

    @Test
    void aKill9UnderLoadLosesNoLineWhoseSenderWasToldItWasSent() throws Exception {
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        JarProcess first = JarProcess.startServer("--data-dir", data.toString(), "--rate-limit", "0",
                "--line-limit", "0");
        try {
            ChatService service = service(first.listeningPort());
            int senders = 4;
            CountDownLatch enough = new CountDownLatch(400);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                Session session = service.join(new JoinRequest("sender" + s, null));
                int sender = s;
                Thread thread = new Thread(() -> sendUntilTheServerDies(service, session, sender, acknowledged, enough),
                        "load-" + s);
                thread.start();
                threads.add(thread);
            }
            assertTrue(enough.await(60, TimeUnit.SECONDS), "the load never reached 400 lines");
            first.kill();
            for (Thread thread : threads) thread.join(30_000);
        } finally {
            first.close();
        }

        try (var again = JarProcess.startServer("--data-dir", data.toString())) {
            ChatService service = service(again.listeningPort());
            Session reader = service.join(new JoinRequest("reader", null));
            Map<String, Integer> kept = new HashMap<>();
            String before = null;
            while (true) {
                HistoryPage page = service.history(new HistoryRequest(reader.token(), "#lobby", before, 500, 0));
                for (HistoryLine line : page.lines()) {
                    if (line.event() instanceof MessagePosted m) kept.merge(m.text(), 1, Integer::sum);
                }
                if (page.lines().isEmpty() || !page.more()) break;
                before = page.lines().get(0).position();
            }
            List<String> lost = acknowledged.stream().filter(text -> !kept.containsKey(text)).sorted().toList();
            List<String> twice = kept.entrySet().stream().filter(e -> e.getValue() > 1).map(Map.Entry::getKey).toList();
            assertTrue(acknowledged.size() >= 400, "acknowledged " + acknowledged.size());
            assertEquals(List.of(), lost, "lost of " + acknowledged.size() + " acknowledged");
            assertEquals(List.of(), twice);
        }
    }

    @Test
    void onSeveralServersTheHistoryIsTheSharedStream() throws Exception {
        try (var redis = RedisServerFixture.start();
             var s1 = JarProcess.startServer("--redis", redis.uri().toString(), "--rate-limit", "0");
             var s2 = JarProcess.startServer("--redis", redis.uri().toString(), "--rate-limit", "0")) {
            int p1 = s1.listeningPort();
            int p2 = s2.listeningPort();
            try (var alice = TestClient.join(service(p1), "alice");
                 var bob = TestClient.join(service(p2), "bob")) {
                alice.send("said on the first server");
                alice.sendPrivately("bob", "for bob only");
                assertEquals(List.of("alice: said on the first server"), bob.nextMessages(1));
                try (var carol = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + p2,
                        "--name", "carol")) {
                    carol.awaitLine("Type messages and press Enter.");
                    assertTrue(carol.nextLine().matches(SCROLLBACK_LINE + "alice: said on the first server"),
                            carol.stdoutSeen().toString());
                    assertEquals("── now ──", carol.nextLine());   // not bob's private line
                }
            }
        }
    }

    @Test
    void aClientStoppedWhileLinesPourInIsEvictedAndMissesNothingBetweenItsReplayAndHistory() throws Exception {
        try (var server = JarProcess.startServer("--data-dir", data.toString(), "--max-queue", "40",
                "--rate-limit", "0")) {
            int port = server.listeningPort();
            try (var alice = TestClient.join(service(port), "alice");
                 var bob = JarProcess.start(JarProcess.clientJar(), "--server", "127.0.0.1:" + port, "--name", "bob")) {
                bob.awaitLine("Type messages and press Enter.");
                alice.send("l0");
                bob.awaitLine("alice: l0");

                // a client that stopped reading mid-stream: its stream hands out half its queue of 40 and ends,
                // waiting to be acknowledged, and the other half overflows
                bob.pause();
                for (int i = 1; i <= 60; i++) alice.send("l" + i);
                bob.resume();
                bob.awaitLine("✅ rejoined");
                // the older part it cannot be replayed is counted first, then the newer part is, marked as missed
                bob.awaitLineContaining("lines were missed");
                bob.awaitLineContaining("lines you missed, since ");
                bob.awaitLine("── now ──");
                List<String> shown = numbered(bob.stdoutSeen());   // live before the pause, then the replay
                bob.type("/history 100");
                bob.awaitLineContaining("earlier lines of #lobby");
                List<String> page = numbered(bob.awaitLine("── now ──"));

                List<String> expected = new ArrayList<>();
                for (int i = 0; i <= 60; i++) expected.add("l" + i);
                assertEquals(shown.stream().distinct().toList(), shown, "a line shown twice");
                java.util.Set<String> seen = new java.util.TreeSet<>(shown);
                seen.addAll(page);
                assertEquals(new java.util.TreeSet<>(expected), seen, "shown " + shown + ", history " + page);
            }
        }
    }

    @Test
    void aFullDiskPausesTheHistoryOnceWhileTheChatGoesOnAndItResumesWhenThereIsRoom() throws Exception {
        try (var server = JarProcess.startServer("--data-dir", data.toString(), "--rate-limit", "0")) {
            int port = server.listeningPort();
            try (var alice = TestClient.join(service(port), "alice"); var bob = TestClient.join(service(port), "bob")) {
                alice.send("before");
                assertEquals(List.of("alice: before"), bob.nextMessages(1));
                // a full disk, as the kernel makes it for this process: no file of its may grow any more
                limitFileSize(server.pid(), "1:unlimited");   // soft: raising it again needs no privilege
                int lines = 300;   // 300 KB: far more than the write-ahead log has room for
                String padding = " " + "x".repeat(1000);
                for (int i = 1; i <= lines; i++) alice.send("l" + i + padding);   // each returns: sends are not held

                List<String> notices = new ArrayList<>();
                int shown = 0;
                while (shown < lines) {
                    ChatEvent event = bob.next(1).get(0);
                    if (event instanceof Notice n) notices.add(n.text());
                    if (event instanceof MessagePosted) shown++;
                }
                assertEquals(List.of(Notice.HISTORY_PAUSED), notices, "told once, and every line went out live");

                limitFileSize(server.pid(), "unlimited:unlimited");
                alice.send("after");
                // the line goes out as it is queued, the notice once its batch is written: either may come first
                assertEquals(Set.of("⚠ " + Notice.HISTORY_RESUMED, "alice: after"), Set.copyOf(bob.nextLines(2)));
            }
        }
    }

    /** {@code prlimit --fsize=SOFT:HARD}: the largest file the process may write, in bytes. */
    private static void limitFileSize(long pid, String bytes) throws Exception {
        Process prlimit = new ProcessBuilder("prlimit", "--pid", Long.toString(pid), "--fsize=" + bytes)
                .inheritIO().start();
        assertEquals(0, prlimit.waitFor(), "prlimit failed");
    }

    /** The texts of alice's lines among {@code lines}, live or from history. */
    private static List<String> numbered(List<String> lines) {
        List<String> texts = new ArrayList<>();
        for (String line : lines) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\[\\d\\d:\\d\\d\\] )?alice: (l\\d+)( x+)?")
                    .matcher(line);
            if (m.matches()) texts.add(m.group(2));
        }
        return texts;
    }

    private static void sendUntilTheServerDies(ChatService service, Session session, int sender, Set<String> acknowledged,
                                               CountDownLatch enough) {
        for (long seq = 1; ; seq++) {
            String text = "s" + sender + "-" + seq;
            try {
                service.send(new SendRequest(session.token(), seq, text));
                acknowledged.add(text);
                enough.countDown();
            } catch (RemoteException | ChatException e) {
                return;   // the server died: this line was never acknowledged
            }
        }
    }

    private static void stop(JarProcess server, String signal) throws InterruptedException {
        if (signal.equals("SIGKILL")) {
            server.kill();
        } else {
            server.terminate();
            assertEquals(0, server.awaitExit(Duration.ofSeconds(30)));
        }
    }

    private static ChatService service(int port) throws Exception {
        return (ChatService) LocateRegistry.getRegistry("127.0.0.1", port)
                .lookup(ChatService.REGISTRY_NAME);
    }
}
