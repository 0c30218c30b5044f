package org.rmichat.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    private final ChildProcess process;
    private final HostPort address;

    private EmbeddedServer(ChildProcess process, HostPort address) {
        this.process = process;
        this.address = address;
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
        ChildProcess process = ChildProcess.start(builder, "bench-server-stdout");
        try {
            String listening = process.awaitLine(LISTENING.asPredicate(), timeout,
                    "server did not report its port within " + timeout, "server exited with %d before listening");
            Matcher m = LISTENING.matcher(listening);
            m.find();
            return new EmbeddedServer(process, new HostPort(m.group(1), Integer.parseInt(m.group(2))));
        } catch (IOException | InterruptedException | RuntimeException e) {
            process.kill();
            throw e;
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
        process.close();
    }
}
