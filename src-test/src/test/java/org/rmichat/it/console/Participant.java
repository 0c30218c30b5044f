package org.rmichat.it.console;

import java.util.List;
import java.util.Optional;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.HostPort;

/** A real {@link ChatClient} over real RMI, typed into and read through a {@link ScriptedConsole}. */
final class Participant implements AutoCloseable {
    private final ScriptedConsole console = new ScriptedConsole();
    private final ChatClient client;

    private Participant(int port, String name) {
        client = new ChatClient(ClientConfig.of(new HostPort("127.0.0.1", port), Optional.of(name)), console);
    }

    static Participant join(int port, String name) throws Exception {
        Participant participant = new Participant(port, name);
        participant.client.start();
        participant.console.awaitLine("💬 Joined chat as " + name);
        return participant;
    }

    void type(String line) {
        console.type(line);
    }

    List<String> awaitLine(String expected) throws InterruptedException {
        return console.awaitLine(expected);
    }

    String nextLine() throws InterruptedException {
        return console.nextLine();
    }

    /** Waits until the client ended on its own (/quit, end of input, gave up); false if it still runs. */
    boolean awaitExit() throws InterruptedException {
        var ended = java.util.concurrent.CompletableFuture.runAsync(() -> {
            try {
                client.awaitExit();
            } catch (InterruptedException | ChatClient.Failed e) {
                throw new java.util.concurrent.CompletionException(e);
            }
        });
        try {
            ended.get(ScriptedConsole.WAIT.toNanos(), java.util.concurrent.TimeUnit.NANOSECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            throw new AssertionError("the client failed", e.getCause());
        }
    }

    @Override
    public void close() {
        client.close();
        console.close();
    }
}
