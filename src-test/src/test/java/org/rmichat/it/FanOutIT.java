package org.rmichat.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Many clients sending at once over real RMI: everyone gets everyone else's lines once, in one order. */
@Timeout(60)
class FanOutIT {
    private static final int CLIENTS = 8;
    private static final int MESSAGES = 100;

    @Test
    void everyClientReceivesEveryOtherClientsMessagesOnceInTheSameOrder() throws Exception {
        try (var server = ServerFixture.start()) {
            List<TestClient> clients = new ArrayList<>();
            ExecutorService senders = Executors.newFixedThreadPool(CLIENTS);
            try {
                for (int i = 0; i < CLIENTS; i++) clients.add(TestClient.join(server.service(), "c" + i));
                for (int i = 0; i < CLIENTS; i++) clients.get(i).next(CLIENTS - 1 - i);   // later joins

                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> sent = new ArrayList<>();
                for (TestClient client : clients) {
                    sent.add(senders.submit(() -> {
                        go.await();
                        for (int m = 0; m < MESSAGES; m++) client.send(client.name() + "-" + m);
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> f : sent) f.get(30, TimeUnit.SECONDS);

                List<List<String>> received = new ArrayList<>();
                for (TestClient client : clients) received.add(client.nextMessages((CLIENTS - 1) * MESSAGES));

                for (int i = 0; i < CLIENTS; i++) {
                    List<String> mine = received.get(i);
                    assertEquals(mine.size(), new HashSet<>(mine).size(), "duplicates at " + clients.get(i).name());
                    String self = clients.get(i).name() + ":";
                    assertEquals(0, mine.stream().filter(line -> line.startsWith(self)).count(), "self-echo");
                }
                for (int i = 1; i < CLIENTS; i++) {
                    String first = clients.get(0).name() + ":";
                    String other = clients.get(i).name() + ":";
                    assertEquals(received.get(0).stream().filter(l -> !l.startsWith(other)).toList(),
                            received.get(i).stream().filter(l -> !l.startsWith(first)).toList(),
                            "order differs between c0 and " + clients.get(i).name());
                }
            } finally {
                senders.shutdownNow();
                senders.awaitTermination(5, TimeUnit.SECONDS);
                clients.forEach(TestClient::close);
            }
        }
    }
}
