package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.rmichat.api.UserJoined;
import org.rmichat.api.UserLeft;
import org.rmichat.server.core.Envelope;
import org.rmichat.server.core.Presence;
import org.rmichat.server.core.PresenceClaim;
import org.rmichat.server.redis.RedisCluster;
import org.rmichat.server.redis.RedisConfig;

/** Presence on a real Redis: leases of all of a server's sessions are renewed together, not one call each. */
@Timeout(60)
class RedisPresenceIT {
    private static RedisServerFixture redis;

    @BeforeAll
    static void startRedis() throws Exception {
        redis = RedisServerFixture.start();
    }

    @AfterAll
    static void stopRedis() throws Exception {
        redis.close();
    }

    @Test
    void renewingAThousandSessionsTakesAFewScriptsAndReportsTheOneTakenOver() throws Exception {
        RedisConfig config = RedisConfig.of(redis.uri(), Duration.ofSeconds(30));
        try (RedisCluster here = RedisCluster.connect(config, "renew:");
             RedisCluster elsewhere = RedisCluster.connect(config, "renew:")) {
            List<PresenceClaim> claims = new ArrayList<>();
            long now = System.currentTimeMillis();
            for (int i = 1; i <= 1_200; i++) {
                PresenceClaim claim = new PresenceClaim(i, i, "user" + i, now, now);
                here.presence().claim(claim, joined(claim), obituary(claim));
                claims.add(claim);
            }
            // the client of user7 failed over: the other server now holds its name
            PresenceClaim moved = claims.get(6);
            assertEquals(Presence.Arrival.RETURNING, elsewhere.presence().claim(moved, joined(moved), obituary(moved)));

            long before = evalCalls();
            Set<Long> takenOver = here.presence().renew(claims);
            long scripts = evalCalls() - before;

            assertEquals(Set.of(moved.clientId()), takenOver);
            assertEquals(3, scripts, "1,200 renewals in scripts of 500");
        }
    }

    @Test
    void anAwayTextGoesWithItsPresenceOnReleaseAndOnSweep() throws Exception {
        try (RedisCluster here = RedisCluster.connect(RedisConfig.of(redis.uri(), Duration.ofSeconds(30)), "away:");
             RedisCluster dying = RedisCluster.connect(RedisConfig.of(redis.uri(), Duration.ofMillis(200)), "away:")) {
            long now = System.currentTimeMillis();
            PresenceClaim alice = new PresenceClaim(1, 1, "alice", now, now);
            PresenceClaim carol = new PresenceClaim(3, 3, "carol", now, now);
            here.presence().claim(alice, joined(alice), obituary(alice));
            dying.presence().claim(carol, joined(carol), obituary(carol));
            here.presence().awayChanged(alice, "lunch");
            dying.presence().awayChanged(carol, "gone");

            assertEquals(Map.of("alice", "lunch", "carol", "gone"), aways(here.presence().members().orElseThrow()));

            here.presence().release(alice, obituary(alice));
            assertEquals(1, awayFields("away:away"), "alice's went with her");

            // carol's server dies: nothing renews her 200 ms lease, and the sweep announces her, away text and all
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (awayFields("away:away") > 0 && System.nanoTime() < deadline) {
                here.presence().sweep();
                TimeUnit.MILLISECONDS.sleep(50);   // polling a lease lapse, with a deadline
            }
            assertEquals(0, awayFields("away:away"));
            assertEquals(Map.of(), aways(here.presence().members().orElseThrow()));
        }
    }

    private static Map<String, String> aways(List<Presence.Present> members) {
        Map<String, String> aways = new java.util.TreeMap<>();
        for (Presence.Present p : members) if (p.away() != null) aways.put(p.name(), p.away());
        return aways;
    }

    private static long awayFields(String key) {
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (var connection = client.connect()) {
            return connection.sync().hlen(key);
        } finally {
            client.shutdown();
        }
    }

    private static Envelope joined(PresenceClaim claim) {
        return new Envelope(claim.clientId(), new UserJoined(claim.userId(), claim.name()));
    }

    private static Envelope obituary(PresenceClaim claim) {
        return Envelope.toEveryone(new UserLeft(claim.userId(), claim.name(), UserLeft.Reason.TIMED_OUT));
    }

    /** How many EVAL calls Redis has served, from its own statistics. */
    private static long evalCalls() {
        RedisClient client = RedisClient.create(redis.uri().toString());
        try (var connection = client.connect()) {
            Matcher m = Pattern.compile("cmdstat_eval:calls=(\\d+)").matcher(connection.sync().info("commandstats"));
            return m.find() ? Long.parseLong(m.group(1)) : 0;
        } finally {
            client.shutdown();
        }
    }
}
