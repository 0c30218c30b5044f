package org.rmichat.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * A throw-away {@code redis-server} for {@code --cluster}: a child process on 127.0.0.1, a free port and a
 * temporary directory, without persistence (a bench run needs none, and an fsync would be measured as chat
 * latency). {@link #close} destroys it, waits with a bound and deletes the directory.
 */
final class RedisProcess implements AutoCloseable {
    private final ChildProcess process;
    private final int port;
    private final Path dir;

    private RedisProcess(ChildProcess process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts {@code executable} and waits up to {@code timeout} for "Ready to accept connections". */
    static RedisProcess start(String executable, Duration timeout) throws IOException, InterruptedException {
        int port;
        // the port may be taken between this probe and Redis binding it; Redis then exits and we say so
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        Path dir = Files.createTempDirectory("chat-bench-redis");
        List<String> command = List.of(executable, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", dir.toString());
        ChildProcess process;
        try {
            process = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true), "bench-redis-output");
        } catch (IOException e) {
            deleteTree(dir);
            throw new IOException("cannot start " + executable + " (apt-get install -y redis-server, or give "
                    + "--redis-server PATH): " + e.getMessage(), e);
        }
        RedisProcess redis = new RedisProcess(process, port, dir);
        try {
            process.awaitLine(line -> line.contains("Ready to accept connections"), timeout,
                    "redis-server not ready within " + timeout, "redis-server exited with %d");
            return redis;
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    URI uri() {
        return URI.create("redis://127.0.0.1:" + port);
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException, IOException {
        process.close();
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
