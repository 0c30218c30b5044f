package org.rmichat.it.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.io.IOException;
import java.io.InvalidClassException;
import java.net.SocketException;
import java.rmi.RemoteException;
import java.rmi.ServerException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.ChatException;
import org.rmichat.api.ChatService;
import org.rmichat.api.JoinRequest;
import org.rmichat.api.RequestLimits;
import org.rmichat.api.PollRequest;
import org.rmichat.api.SendRequest;
import org.rmichat.api.Session;
import org.rmichat.api.SessionToken;
import org.rmichat.it.security.SecurityFixtures.Inbox;
import org.rmichat.server.ChatServer;
import org.rmichat.server.core.RoomConfig;

/**
 * A few thousand random and hostile calls through real RMI while two well-behaved clients talk: every call
 * ends in success or a readable {@link ChatException} (or, for a request too big to read, the allow-list's
 * refusal), and every line of the well-behaved pair arrives, in order.
 */
@Timeout(60)
class FuzzIT {
    private static final int CALLS = 3_000;
    private static final int LINES = 30;
    /** Names that look like others, or hold invisible characters; and text with zero-width and tag characters. */
    private static final List<String> LOOK_ALIKES = List.of("\u0430lice", "alice\uFE0F", "alice\u034F", "\u3164",
            "\uFF41\uFF4C\uFF49\uFF43\uFF45", "ALICE", "a\u200Bb", "x\uDB40\uDC41y", "\u200D", "\uFEFF");

    @Test
    void hostileCallsNeitherBreakTheServerNorCostAnotherUserAMessage() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        ChatServer server = SecurityFixtures.startServer(RoomConfig.defaults().withMaxPollWait(Duration.ofMillis(50)));
        try (Inbox bob = new Inbox(server, "bob"); Inbox alice = new Inbox(server, "alice")) {
            for (int i = 1; i <= LINES; i++) alice.type("steady " + i);   // sent while the fuzzing runs

            ChatService service = SecurityFixtures.lookup(server);
            List<Session> fuzzers = new ArrayList<>();
            int refusedUnread = 0;
            boolean cutOff = false;   // the last call was refused unread, so the server closed its connection
            for (int call = 0; call < CALLS; call++) {
                boolean afterCutOff = cutOff;
                cutOff = false;
                oversized = false;
                try {
                    switch (random.nextInt(8)) {
                        case 0 -> {
                            Session joined = service.join(random.nextInt(50) == 0 ? null
                                    : new JoinRequest(random.nextInt(4) == 0 ? null : fits(text(random)),
                                            random.nextBoolean() ? null : fits(text(random))));
                            fuzzers.add(joined);
                        }
                        case 1, 2 -> service.send(new SendRequest(token(random, fuzzers), positive(random),
                                text(random)));
                        case 3 -> service.poll(new PollRequest(token(random, fuzzers),
                                random.nextBoolean() ? Long.MAX_VALUE : random.nextInt(5),
                                random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(3),
                                random.nextInt(10) == 0 ? Long.MAX_VALUE : 0));
                        case 4 -> service.who(random.nextInt(20) == 0 ? null : token(random, fuzzers));
                        case 5 -> {
                            if (random.nextInt(20) > 0) continue;
                            // 4 MiB: cut off at the call limit; unless socket buffers held it all, the client cannot
                            // even finish sending, and learns of it as a reset connection
                            try {
                                service.send(new SendRequest(token(random, fuzzers), 1, "w".repeat(1 << 22)));
                                throw new AssertionError("seed " + seed + ": a 4 MiB line was accepted");
                            } catch (RemoteException e) {
                                assertTrue(e instanceof ServerException ? isRefusedUnread(e) : isConnectionCut(e),
                                        () -> "seed " + seed + ": " + e);
                                refusedUnread++;
                                cutOff = true;
                            }
                        }
                        case 7 -> {
                            if (random.nextInt(10) > 0) continue;
                            // a field past its bound, written by hand: refused as the request is read
                            String field = List.of("NAME", "PASSWORD", "POSITION").get(random.nextInt(3));
                            String placeholder = field.repeat(8);
                            String tooLong = "q".repeat(RequestLimits.MAX_PASSWORD_LENGTH + 1 + random.nextInt(16_000));
                            ChatService hostile = HostileStubs.via(service,
                                    HostileStubs.rewriting(java.util.Map.of(placeholder, tooLong)));
                            JoinRequest join = new JoinRequest(field.equals("NAME") ? placeholder : "fz",
                                    field.equals("PASSWORD") ? placeholder : null, 0,
                                    field.equals("POSITION") ? placeholder : null);
                            try {
                                fuzzers.add(hostile.join(join));
                                throw new AssertionError("seed " + seed + ": an oversized " + field + " was read");
                            } catch (RemoteException e) {
                                assertTrue(OversizedFieldsIT.isRefusedAsRead(e), () -> "seed " + seed + ": " + e);
                            }
                        }
                        default -> {
                            SessionToken token = token(random, fuzzers);
                            service.leave(token);
                            fuzzers.removeIf(s -> s.token().equals(token));
                        }
                    }
                } catch (ChatException e) {
                    assertFalse(e.getMessage().contains("internal"), () -> "seed " + seed + ": " + e.getMessage());
                    assertTrue(e.getMessage().codePoints().noneMatch(c -> c < 0x20 || (c >= 0x7F && c <= 0x9F)),
                            () -> "seed " + seed + ": control character in " + e.getMessage());
                } catch (ServerException e) {
                    assertTrue(isRefusedUnread(e), () -> "seed " + seed + ": " + e);
                    refusedUnread++;
                    cutOff = true;
                } catch (RemoteException e) {
                    cutOff = oversized;
                    // RMI pools the connection a refusal was answered on, and the server has closed it; a call
                    // within RMI's 5 ms of trust in a pooled connection finds that out
                    // and a call over the limit may be cut while it is still being sent
                    if (!((afterCutOff || oversized) && isConnectionCut(e))) {
                        throw new AssertionError("seed " + seed + ": the server failed: " + e, e);
                    }
                }
            }

            List<String> received = new ArrayList<>();
            while (received.size() < LINES) received.add(bob.awaitShown(line -> line.startsWith("alice: ")));
            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= LINES; i++) expected.add("alice: steady " + i);
            assertEquals(expected, received, "seed " + seed);
            assertTrue(refusedUnread < CALLS / 10, "huge requests are rare in the mix; seed " + seed);
            for (Session fuzzer : fuzzers) service.leave(fuzzer.token());
        } finally {
            server.stop();
        }
    }

    /** The allow-list's refusal, or the transport's: a call bigger than the largest legal one is cut off. */
    private static boolean isRefusedUnread(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidClassException && t.getMessage().contains("REJECTED")) return true;
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().startsWith("call larger than")) {
                return true;
            }
        }
        return false;
    }

    /** The connection ended under the call: reset while sending, or closed before the reply. */
    private static boolean isConnectionCut(RemoteException e) {
        return e.getCause() instanceof SocketException || e.getCause() instanceof EOFException;
    }

    /** Mostly a real fuzzer token, else a forgery. */
    private static SessionToken token(Random random, List<Session> fuzzers) {
        if (!fuzzers.isEmpty() && random.nextInt(3) > 0) return fuzzers.get(random.nextInt(fuzzers.size())).token();
        return new SessionToken(random.nextInt(3) == 0 ? 0 : random.nextLong(), random.nextInt(100));
    }

    private static long positive(Random random) {
        return switch (random.nextInt(3)) {
            case 0 -> Long.MAX_VALUE;
            case 1 -> 1;
            default -> 1 + (random.nextLong() & Long.MAX_VALUE) % 1_000_000;
        };
    }

    /** Whether this call carries a text over the per-call byte limit (about 44 KB here). */
    private boolean oversized;

    /** Within what a request's record accepts; what lies beyond is case 7's, sent by hand. */
    private static String fits(String text) {
        return text.length() <= RequestLimits.MAX_NAME_LENGTH ? text : text.substring(0, RequestLimits.MAX_NAME_LENGTH);
    }

    private String text(Random random) {
        String text = switch (random.nextInt(8)) {
            case 0 -> TerminalSafetyIT.CORPUS.get(random.nextInt(TerminalSafetyIT.CORPUS.size()));
            case 1 -> "";
            case 2 -> "z".repeat(random.nextInt(60_000));   // past the length limit, sometimes past the byte limit
            case 3 -> randomUtf16(random, 1 + random.nextInt(40));   // lone surrogates, controls, anything
            case 4 -> randomCodePoints(random, 1 + random.nextInt(40));
            case 5 -> "User " + random.nextInt(1_000);
            case 6 -> LOOK_ALIKES.get(random.nextInt(LOOK_ALIKES.size()));
            default -> "n" + Integer.toString(random.nextInt(100_000), 36);
        };
        if (text.length() > 40_000) oversized = true;
        return text;
    }

    private static String randomUtf16(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) s.append((char) random.nextInt(0x10000));
        return s.toString();
    }

    private static String randomCodePoints(Random random, int length) {
        StringBuilder s = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int c = random.nextInt(Character.MAX_CODE_POINT + 1);
            if (c < 0xD800 || c > 0xDFFF) s.appendCodePoint(c);
        }
        return s.toString();
    }
}
