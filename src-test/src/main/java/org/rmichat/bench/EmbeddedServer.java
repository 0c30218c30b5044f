package org.rmichat.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rmichat.client.HostPort;

/**
 * The real server jar in its own JVM on an ephemeral loopback port, so server and load generator do not share
 * a heap, a GC or a JIT. The port comes from the server's own "Listening on" line. {@link #close} destroys the
 * process and waits for it, with a bound.
 */
final class EmbeddedServer implements AutoCloseable {
    private static final Pattern LISTENING = Pattern.compile("Listening on rmi://([^:/\\s]+):(\\d+)/");
    private static final String EOF = "";   // put by the stdout reader at end of stream; compared by identity

    private final Process process;
    private final HostPort address;
    private final Thread stdoutReader;

    private EmbeddedServer(Process process, HostPort address, Thread stdoutReader) {
        this.process = process;
        this.address = address;
        this.stdoutReader = stdoutReader;
    }

    /**
     * Starts {@code java [jvmArgs] -jar serverJar [serverArgs]} and waits up to {@code timeout} for it to
     * listen. The server's log (stderr) goes to {@code log}, or nowhere.
     */
    static EmbeddedServer start(Path serverJar, List<String> jvmArgs, List<String> serverArgs, Path log,
                                Duration timeout) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(serverJar.toString());
        command.addAll(serverArgs);
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectError(log == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        Process process = builder.start();
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> readLines(process, lines), "bench-server-stdout");
        reader.setDaemon(true);   // a blocked read ignores interrupts; the stream's end (process exit) ends it
        reader.start();
        try {
            HostPort address = awaitListening(lines, process, timeout);
            return new EmbeddedServer(process, address, reader);
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw e;
        }
    }

    private static HostPort awaitListening(BlockingQueue<String> lines, Process process, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) throw new IOException("server did not report its port within " + timeout);
            if (line == EOF) throw new IOException("server exited with " + process.waitFor() + " before listening");
            Matcher m = LISTENING.matcher(line);
            if (m.find()) return new HostPort(m.group(1), Integer.parseInt(m.group(2)));
        }
    }

    private static void readLines(Process process, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) lines.add(line);
        } catch (IOException e) {
            // the process went away; EOF below says so
        } finally {
            lines.add(EOF);
        }
    }

    HostPort address() {
        return address;
    }

    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        stdoutReader.join(2_000);
    }
}
