package org.rmichat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * A throw-away {@code redis-server} for {@code --cluster}: a child process on 127.0.0.1, a free port and a
 * temporary directory, without persistence (a bench run needs none, and an fsync would be measured as chat
 * latency). {@link #close} destroys it, waits with a bound and deletes the directory.
 */
final class RedisProcess implements AutoCloseable {
    private static final String EOF = "";   // put by the output reader at end of stream; compared by identity

    private final Process process;
    private final int port;
    private final Path dir;
    private final Thread outputReader;

    private RedisProcess(Process process, int port, Path dir, Thread outputReader) {
        this.process = process;
        this.port = port;
        this.dir = dir;
        this.outputReader = outputReader;
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
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            deleteTree(dir);
            throw new IOException("cannot start " + executable + " (apt-get install -y redis-server, or give "
                    + "--redis-server PATH): " + e.getMessage(), e);
        }
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process, lines), "bench-redis-output");
        reader.setDaemon(true);   // a blocked read ignores interrupts; the stream's end (process exit) ends it
        reader.start();
        RedisProcess redis = new RedisProcess(process, port, dir, reader);
        try {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) throw new IOException("redis-server not ready within " + timeout);
                if (line == EOF) throw new IOException("redis-server exited with " + process.waitFor());
                if (line.contains("Ready to accept connections")) return redis;
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            redis.close();
            throw e;
        }
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            // read to the end, not just to "Ready": a full pipe would stall Redis's logging
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            // the process went away; EOF below says so
        } finally {
            lines.add(EOF);
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
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        outputReader.join(2_000);
        deleteTree(dir);
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
