package org.rmichat.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real {@code redis-server} as a child process on 127.0.0.1, a free port and a throw-away directory, with
 * no persistence of its own. A missing {@code redis-server} fails the test with what to install: these tests
 * are the multi-server guarantees, and skipping them would hide that they never ran.
 */
public final class RedisServerFixture implements AutoCloseable {
    private static final Duration READY_WAIT = Duration.ofSeconds(10);

    private final int port;
    private final Path dir;
    private final List<String> extraArgs;
    private final String readyLine;
    private Process process;

    private RedisServerFixture(int port, Path dir) {
        this(port, dir, List.of(), "Ready to accept connections");
    }

    private RedisServerFixture(int port, Path dir, List<String> extraArgs, String readyLine) {
        this.port = port;
        this.dir = dir;
        this.extraArgs = extraArgs;
        this.readyLine = readyLine;
    }

    /** A replica of {@code master}, on a free port. */
    public static RedisServerFixture replicaOf(RedisServerFixture master) throws IOException, InterruptedException {
        RedisServerFixture replica = new RedisServerFixture(freePort(), Files.createTempDirectory("rmichat-replica"),
                List.of("--replicaof", "127.0.0.1", Integer.toString(master.port)), "Ready to accept connections");
        replica.launch();
        return replica;
    }

    /**
     * A sentinel watching {@code master} as {@code name}, quorum 2, that calls it down after one second of silence.
     * Its configuration file is its own: sentinels rewrite theirs.
     */
    public static RedisServerFixture sentinel(RedisServerFixture master, String name)
            throws IOException, InterruptedException {
        int port = freePort();
        Path dir = Files.createTempDirectory("rmichat-sentinel");
        Path conf = dir.resolve("sentinel.conf");
        Files.writeString(conf, "port " + port + "\nbind 127.0.0.1\ndir " + dir + "\n"
                + "sentinel monitor " + name + " 127.0.0.1 " + master.port + " 2\n"
                + "sentinel down-after-milliseconds " + name + " 1000\n"
                + "sentinel failover-timeout " + name + " 5000\n"
                + "sentinel parallel-syncs " + name + " 1\n");
        RedisServerFixture sentinel = new RedisServerFixture(port, dir, List.of(conf.toString(), "--sentinel"),
                "+monitor master " + name);
        sentinel.launch();
        return sentinel;
    }

    /** SIGKILL: the master dies as a machine would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("redis-server did not die");
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    public static RedisServerFixture start() throws IOException, InterruptedException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        RedisServerFixture redis = new RedisServerFixture(port, Files.createTempDirectory("rmichat-redis"));
        redis.launch();
        return redis;
    }

    private void launch() throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("redis-server"));
        if (extraArgs.contains("--sentinel")) {
            command.addAll(extraArgs);   // the configuration file first, then --sentinel
        } else {
            command.addAll(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "",
                    "--appendonly", "no", "--dir", dir.toString()));
            command.addAll(extraArgs);
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("redis-server is not installed (apt-get install -y redis-server; .ci/run "
                    + "does it): the multi-server tests need a real Redis", e);
        }
        BlockingQueue<String> output = new LinkedBlockingQueue<>();
        Thread drain = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) output.add(line);
            } catch (IOException e) {
                output.add("<closed: " + e.getMessage() + ">");
            }
        }, "redis-" + port + "-output");
        drain.setDaemon(true);
        drain.start();
        long deadline = System.nanoTime() + READY_WAIT.toNanos();
        while (true) {
            String line = output.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new AssertionError("redis-server on port " + port + " never became ready");
            if (line.contains(readyLine)) return;
        }
    }

    public URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    /**
     * Stops Redis as an operator restarting it would, saving its data first ({@code SHUTDOWN SAVE}), so
     * {@link #restart} brings the same stream back.
     */
    public void stop() throws IOException, InterruptedException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            OutputStream out = socket.getOutputStream();
            out.write("SHUTDOWN SAVE\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            socket.getInputStream().read();   // the connection closes once Redis is down
        }
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("redis-server did not stop");
    }

    /** Kills Redis and starts it again on the same port with nothing in it: a restart without persistence. */
    public void restartEmpty() throws IOException, InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) throw new AssertionError("redis-server did not die");
        try (Stream<Path> files = Files.walk(dir)) {
            files.filter(path -> !path.equals(dir)).sorted(Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        }
        launch();
    }

    /** Starts Redis again on the same port and directory, loading what {@link #stop} saved. */
    public void restart() throws IOException, InterruptedException {
        launch();
    }

    @Override
    public void close() throws IOException, InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
