package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.RoomRequest;
import org.rmichat.server.core.RoomConfig;

/**
 * A chat above its announce limit, over real RMI: the digest crosses the wire and reads as one line; across two
 * servers on one Redis, a room's digest reaches the room's members on the other server, and nobody else.
 */
@Timeout(60)
class PresenceDigestIT {

    @Test
    void joinsPastTheLimitReachTheScreenAsOneLineBeforeTheNextMessage() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withAnnounceLimit(2)
                .withDigestInterval(Duration.ofMinutes(10));   // only the marker announces them
        try (var server = ServerFixture.start(room);
             var alice = TestClient.join(server.service(), "alice");
             var bob = TestClient.join(server.service(), "bob")) {
            assertEquals(List.of("🔵 bob joined"), alice.nextLines(1));
            try (var carol = TestClient.join(server.service(), "carol");
                 var dave = TestClient.join(server.service(), "dave");
                 var erin = TestClient.join(server.service(), "erin")) {

                bob.send("marker");

                assertEquals(List.of("🔵 carol, dave and erin joined", "bob: marker"), alice.nextLines(2));
                assertEquals(List.of("🔵 dave and erin joined", "bob: marker"), carol.nextLines(2));
            }
        }
    }

    @Test
    void aCrowdEnteringARoomOnAnotherServerReachesTheRoomsMembersOnlyAsOneLine() throws Exception {
        RoomConfig room = RoomConfig.defaults().withRateLimit(0, 1).withAnnounceLimit(0)
                .withDigestInterval(Duration.ofMinutes(10));   // every join digested; only a line announces them
        try (var redis = RedisServerFixture.start();
             var a = ServerFixture.clustered(redis, room);
             var b = ServerFixture.clustered(redis, room);
             var alice = TestClient.join(a.service(), "alice");
             var bob = TestClient.join(a.service(), "bob")) {
            a.service().joinRoom(new RoomRequest(alice.session().token(), "#dev"));
            bob.send("settled");
            assertEquals(List.of("🔵 bob joined", "bob: settled"), alice.nextLines(2));
            try (var carol = TestClient.join(b.service(), "carol");
                 var dave = TestClient.join(b.service(), "dave");
                 var erin = TestClient.join(b.service(), "erin")) {
                for (TestClient member : List.of(carol, dave, erin)) {
                    b.service().joinRoom(new RoomRequest(member.session().token(), "#dev"));
                }

                erin.send("marker");

                assertEquals(List.of("🔵 carol, dave and erin joined", "🔵 carol, dave and erin joined #dev",
                        "erin: marker"), alice.nextLines(3));
                assertEquals(List.of("🔵 carol, dave and erin joined", "erin: marker"), bob.nextLines(2),
                        "bob is not in #dev");
            }
        }
    }
}
