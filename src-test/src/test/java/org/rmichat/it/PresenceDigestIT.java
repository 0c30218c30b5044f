package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.server.core.RoomConfig;

/** A chat above its announce limit, over real RMI: the digest crosses the wire and reads as one line. */
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
}
