package org.rmichat.it.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.rmi.registry.LocateRegistry;
import java.rmi.registry.Registry;
import java.rmi.server.RMIClientSocketFactory;
import java.rmi.server.RMIServerSocketFactory;
import java.rmi.server.UnicastRemoteObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ServerSocketFactory;
import org.rmichat.api.ChatService;
import org.rmichat.client.ChatClient;
import org.rmichat.client.ClientConfig;
import org.rmichat.client.HostPort;
import org.rmichat.client.console.Console;
import org.rmichat.server.ChatServer;
import org.rmichat.server.ServerConfig;
import org.rmichat.server.core.RoomConfig;

/** What the security tests share: a loopback server, a recording client, and jar processes. */
final class SecurityFixtures {
    static final Duration WAIT = Duration.ofSeconds(10);

    private SecurityFixtures() {
    }

    /** A server on 127.0.0.1, any free port; the caller stops it. */
    static ChatServer startServer(RoomConfig room) throws Exception {
        return new ChatServer(ServerConfig.loopback(room)).start();
    }

    /**
     * A registry of the test's own, on 127.0.0.1 and any free port, reached with {@code clientSockets} and
     * listening through {@code serverSockets}; the caller binds what it likes and closes it.
     */
    static final class ForeignRegistry implements AutoCloseable {
        final Registry registry;
        final int port;
        private final List<ServerSocket> opened = new java.util.concurrent.CopyOnWriteArrayList<>();

        ForeignRegistry(RMIClientSocketFactory clientSockets, ServerSocketFactory serverSockets) throws Exception {
            RMIServerSocketFactory listen = port -> {
                ServerSocket socket = serverSockets.createServerSocket(port, 50, InetAddress.getLoopbackAddress());
                opened.add(socket);
                return socket;
            };
            registry = LocateRegistry.createRegistry(0, clientSockets, listen);
            port = opened.get(0).getLocalPort();
        }

        @Override
        public void close() throws Exception {
            UnicastRemoteObject.unexportObject(registry, true);
            for (ServerSocket socket : opened) socket.close();
        }
    }

    /** The service stub exactly as a client finds it. */
    static ChatService lookup(ChatServer server) throws Exception {
        return (ChatService) LocateRegistry.getRegistry("127.0.0.1", server.port()).lookup(ChatService.REGISTRY_NAME);
    }

    /** Takes from {@code lines} until one matches, failing after {@link #WAIT}; returns the ones skipped too. */
    static String awaitLine(BlockingQueue<String> lines, Predicate<String> wanted, List<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("no matching line within " + WAIT + "; saw " + seen);
            seen.add(line);
            if (wanted.test(line)) return line;
        }
    }

    /** A real {@link ChatClient} whose console is two queues: lines typed in, lines shown. */
    static final class Inbox implements Console, AutoCloseable {
        private static final Optional<String> EOF = Optional.empty();

        private final BlockingQueue<Optional<String>> typed = new LinkedBlockingQueue<>();
        final BlockingQueue<String> shown = new LinkedBlockingQueue<>();
        private final ChatClient client;

        Inbox(ChatServer server, String name) throws Exception {
            this(server.port(), name);
        }

        /** A client told the registry is at 127.0.0.1:{@code port}. */
        Inbox(int port, String name) throws Exception {
            client = new ChatClient(ClientConfig.of(new HostPort("127.0.0.1", port), Optional.of(name)), this);
            client.start();
        }

        void type(String line) {
            typed.add(Optional.of(line));
        }

        /** The next line shown that matches, skipping others. */
        String awaitShown(Predicate<String> wanted) throws InterruptedException {
            return awaitLine(shown, wanted, new ArrayList<>());
        }

        @Override
        public Optional<String> readLine() throws IOException {
            try {
                return typed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return EOF;
            }
        }

        @Override
        public void println(String line) {
            shown.add(line);
        }

        @Override
        public void close() {
            typed.add(EOF);
            client.close();
        }
    }

    /** A {@code java -jar} process with its output read, line by line, into queues by named threads. */
    static final class JarProcess implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
        final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
        private final List<String> stderrSeen = new ArrayList<>();

        JarProcess(String jarProperty, Map<String, String> env, String... args) throws IOException {
            this(List.of(), jarProperty, env, args);
        }

        /** With {@code jvmArgs} before {@code -jar}, such as an agent. */
        JarProcess(List<String> jvmArgs, String jarProperty, Map<String, String> env, String... args)
                throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString()));
            command.addAll(jvmArgs);
            command.addAll(List.of("-jar", jarPath(jarProperty)));
            command.addAll(List.of(args));
            // a server of its own history, never what an earlier test left in the working directory
            if (jarProperty.equals("rmichat.serverJar")) command.addAll(org.rmichat.bench.ServerDataDir.unlessGiven(List.of(args)));
            ProcessBuilder builder = new ProcessBuilder(command);
            builder.environment().keySet().removeIf(k -> k.startsWith("RMICHAT_"));
            builder.environment().putAll(env);
            process = builder.start();
            pump(process.getInputStream(), stdout, "stdout");
            pump(process.getErrorStream(), stderr, "stderr");
        }

        private static String jarPath(String property) {
            String path = System.getProperty(property);
            if (path == null) throw new IllegalStateException(property + " not set; run through failsafe");
            return path;
        }

        private void pump(InputStream in, BlockingQueue<String> into, String stream) {
            Thread reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) into.add(line);
                } catch (IOException e) {
                    into.add("<" + stream + " closed: " + e.getMessage() + ">");
                }
            }, "jar-" + stream + "-" + process.pid());
            reader.setDaemon(true);
            reader.start();
        }

        void type(String line) throws IOException {
            process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
            process.getOutputStream().flush();
        }

        void endInput() throws IOException {
            process.getOutputStream().close();
        }

        String awaitStdout(Predicate<String> wanted) throws InterruptedException {
            return awaitLine(stdout, wanted, new ArrayList<>());
        }

        String awaitStderr(Predicate<String> wanted) throws InterruptedException {
            return awaitLine(stderr, wanted, stderrSeen);
        }

        /** Every stderr line so far, after the process ended. */
        List<String> allStderr() {
            stderr.drainTo(stderrSeen);
            return List.copyOf(stderrSeen);
        }

        int awaitExit() throws InterruptedException {
            if (!process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
                throw new AssertionError("process did not exit within " + WAIT + "; stderr " + allStderr());
            }
            return process.exitValue();
        }

        /** The server jar's port, from its "Listening on rmi://host:port/chat" line. */
        int awaitListeningPort() throws InterruptedException {
            String line = awaitStdout(l -> l.startsWith("Listening on rmi://"));
            String afterHost = line.substring(line.indexOf(':', "Listening on rmi://".length()) + 1);
            return Integer.parseInt(afterHost.substring(0, afterHost.indexOf('/')));
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }
}
