package org.rmichat.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class EventCodecTest {
    /** One of each kind of event, by the name its golden bytes are filed under. */
    static final Map<String, ChatEvent> SAMPLES = samples();

    private static Map<String, ChatEvent> samples() {
        Map<String, ChatEvent> samples = new LinkedHashMap<>();
        samples.put("joined", new UserJoined(7, "alice"));
        samples.put("left", new UserLeft(8, "bob", UserLeft.Reason.TOO_SLOW));
        samples.put("message", new MessagePosted(7, "alice", "héllo 👋 wörld"));
        samples.put("notice", new Notice(Notice.SHUTTING_DOWN));
        samples.put("nick", new NickChanged(7, "alice", "alicia"));
        samples.put("private", new PrivateMessage(8, "bob", "alicia", "psst"));
        samples.put("action", new ActionPosted(7, "alicia", "waves"));
        samples.put("presence", new PresenceDigest(List.of(new UserJoined(9, "carol")), 37,
                List.of(new UserLeft(300, "dave", UserLeft.Reason.TIMED_OUT)), 0));
        samples.put("unknown", new UnknownEvent(99, new byte[] {1, 2, 3}));
        // protocol 3: rooms; a line's room is a field appended to the body of protocol 2
        samples.put("message-in-room", new MessagePosted(7, "alice", "hi", "#dev"));
        samples.put("action-in-room", new ActionPosted(7, "alice", "waves", "#dev"));
        samples.put("room-joined", new RoomJoined("#dev", 8, "bob"));
        samples.put("room-left", new RoomLeft("#dev", 8, "bob"));
        samples.put("topic", new TopicChanged("#dev", "release on Friday", "alice"));
        samples.put("presence-in-room", new PresenceDigest(List.of(new UserJoined(9, "carol")), 37, List.of(), 0,
                "#dev"));
        // protocol 4: a run of replayed lines is announced
        samples.put("missed", new MissedLines(3, 1_767_225_600_000L));
        return samples;
    }

    @Test
    void everyKindOfEventIsEncodedAsItsGoldenBytesSay() throws IOException {
        Map<String, String> golden = golden();
        assertEquals(SAMPLES.keySet(), golden.keySet(), "a sample without golden bytes, or the reverse");
        for (var sample : SAMPLES.entrySet()) {
            byte[] expected = HexFormat.of().parseHex(golden.get(sample.getKey()));
            assertEquals(HexFormat.of().formatHex(expected), HexFormat.of().formatHex(encode(sample.getValue())),
                    sample.getKey() + ": the format changed; a changed format needs a new protocol version");
            assertEquals(sample.getValue(), EventCodec.read(new WireReader(expected)), sample.getKey());
        }
    }

    @Test
    void everyKindOfEventHasOneTagAndASample() {
        Set<Class<?>> kinds = Arrays.stream(ChatEvent.class.getPermittedSubclasses())
                .filter(kind -> kind != UnknownEvent.class).collect(Collectors.toSet());
        Set<Class<?>> tagged = Arrays.stream(EventCodec.Tag.values()).map(tag -> tag.type).collect(Collectors.toSet());
        assertEquals(kinds, tagged);
        assertEquals(EventCodec.Tag.values().length,
                Arrays.stream(EventCodec.Tag.values()).map(tag -> tag.code).distinct().count(), "a tag used twice");
        assertEquals(kinds.size() + 1L, SAMPLES.values().stream().map(Object::getClass).distinct().count());
    }

    @Test
    void aLineOfProtocol2ReadsAsALineOfTheDefaultRoom() throws IOException {
        byte[] v2 = HexFormat.of().parseHex(golden().get("message"));

        assertEquals(new MessagePosted(7, "alice", "héllo 👋 wörld", null), EventCodec.read(new WireReader(v2)));
    }

    @Test
    void aReaderSkipsAKindOfEventItDoesNotKnowAndGoesOn() {
        WireWriter out = new WireWriter(64).varint(2);
        out.varint(42).block(body -> body.string("a room join, say").varint(12345));
        EventCodec.write(new MessagePosted(1, "alice", "after it"), out);

        List<ChatEvent> events = EventCodec.decode(out.toByteArray());

        assertEquals(42, ((UnknownEvent) events.get(0)).tag());
        assertEquals(new MessagePosted(1, "alice", "after it"), events.get(1));
        // passed on as it came: a server that does not know it still hands it intact to clients that do
        byte[] again = EventCodec.encode(events);
        assertArrayEquals(out.toByteArray(), again);
    }

    @Test
    void fieldsANewerWriterAppendedToAKnownEventAreIgnored() {
        WireWriter out = new WireWriter(64).varint(2);
        out.varint(EventCodec.Tag.JOINED.code).block(body -> body.varint(5).string("erin").string("a new field"));
        EventCodec.write(new Notice("next"), out);

        assertEquals(List.of(new UserJoined(5, "erin"), new Notice("next")), EventCodec.decode(out.toByteArray()));
    }

    @Test
    void aReasonThisBuildDoesNotKnowReadsAsOther() {
        WireWriter out = new WireWriter(64);
        out.varint(EventCodec.Tag.LEFT.code).block(body -> body.varint(5).string("erin").varint(77));

        assertEquals(new UserLeft(5, "erin", UserLeft.Reason.OTHER), EventCodec.read(new WireReader(out.toByteArray())));
    }

    @Test
    void reasonsTravelAsTheirCodesNotTheirPlaceInTheEnum() {
        for (UserLeft.Reason reason : UserLeft.Reason.values()) assertEquals(reason, UserLeft.Reason.ofCode(reason.code()));
        assertEquals(List.of(0, 1, 2, 3), Arrays.stream(UserLeft.Reason.values()).map(UserLeft.Reason::code).toList());
    }

    static byte[] encode(ChatEvent event) {
        WireWriter out = new WireWriter(64);
        EventCodec.write(event, out);
        return out.toByteArray();
    }

    /** {@code name hex} lines of the golden file; {@code #} starts a comment. */
    static Map<String, String> golden() throws IOException {
        try (InputStream in = EventCodecTest.class.getResourceAsStream("events.golden")) {
            assertNotNull(in, "events.golden missing");
            Map<String, String> golden = new LinkedHashMap<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] parts = line.trim().split("\\s+");
                golden.put(parts[0], parts[1]);
            }
            return golden;
        }
    }
}
