package org.rmichat.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One of the built jars running as a process, driven through its stdin and read through its stdout and
 * stderr, each drained by a named thread into a queue that tests await.
 */
public final class JarProcess implements AutoCloseable {
    private static final Duration DEFAULT_WAIT = Duration.ofSeconds(20);

    private final Process process;
    private final Writer stdin;
    private final BlockingQueue<String> stdout = new LinkedBlockingQueue<>();
    private final BlockingQueue<String> stderr = new LinkedBlockingQueue<>();
    private final List<String> stdoutSeen = new ArrayList<>();

    private JarProcess(Process process, String label) {
        this.process = process;
        this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        drain(process.getInputStream(), stdout, label + "-stdout");
        drain(process.getErrorStream(), stderr, label + "-stderr");
    }

    public static Path serverJar() {
        return jar("rmichat.serverJar");
    }

    public static Path clientJar() {
        return jar("rmichat.clientJar");
    }

    private static Path jar(String property) {
        String path = System.getProperty(property);
        if (path == null) throw new IllegalStateException(property + " is not set; run through mvn verify");
        Path jar = Path.of(path);
        if (!Files.isRegularFile(jar)) throw new IllegalStateException(jar + " is missing; run mvn package");
        return jar;
    }

    /** Starts {@code java [jvmArgs] -jar jar args}. */
    public static JarProcess start(Path jar, List<String> jvmArgs, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        boolean serving = jar.equals(serverJar()) && !List.of(args).contains("--help")
                && !List.of(args).contains("--version") && !List.of(args).contains("--print-config");
        if (serving) command.addAll(org.rmichat.bench.ServerDataDir.unlessGiven(List.of(args)));
        String label = jar.getFileName().toString().replace(".jar", "");
        return new JarProcess(new ProcessBuilder(command).start(), label);
    }

    public static JarProcess start(Path jar, String... args) throws IOException {
        return start(jar, List.of(), args);
    }

    /** A server jar on 127.0.0.1 and a free port, started and ready. */
    public static JarProcess startServer(String... extraArgs) throws IOException, InterruptedException {
        return startServer(0, extraArgs);
    }

    /** A server jar on 127.0.0.1 and {@code port} (0: a free one), started and ready. */
    public static JarProcess startServer(int port, String... extraArgs) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("--bind", "127.0.0.1", "--port", Integer.toString(port)));
        args.addAll(List.of(extraArgs));
        JarProcess server = start(serverJar(), args.toArray(String[]::new));
        server.awaitLine("🚀 Real-Time RPC Chat Server Running...");
        return server;
    }

    /** The port a server jar printed in its "Listening on" line. */
    public int listeningPort() throws InterruptedException {
        Matcher m = Pattern.compile("rmi://[^:]+:(\\d+)/chat").matcher(awaitLineContaining("Listening on rmi://"));
        if (!m.find()) throw new AssertionError("no port in the listening line");
        return Integer.parseInt(m.group(1));
    }

    public void type(String line) throws IOException {
        stdin.write(line + "\n");
        stdin.flush();
    }

    public void closeInput() throws IOException {
        stdin.close();
    }

    /** Waits for a stdout line equal to {@code expected}; returns the lines printed before it. */
    public List<String> awaitLine(String expected) throws InterruptedException {
        return awaitStdout(line -> line.equals(expected), "\"" + expected + "\"", DEFAULT_WAIT);
    }

    /** The next stdout line, whatever it is. */
    public String nextLine() throws InterruptedException {
        awaitStdout(line -> true, "a line", DEFAULT_WAIT);
        synchronized (stdoutSeen) {
            return stdoutSeen.get(stdoutSeen.size() - 1);
        }
    }

    public String awaitLineContaining(String part) throws InterruptedException {
        awaitStdout(line -> line.contains(part), "a line containing \"" + part + "\"", DEFAULT_WAIT);
        synchronized (stdoutSeen) {
            return stdoutSeen.get(stdoutSeen.size() - 1);
        }
    }

    private List<String> awaitStdout(java.util.function.Predicate<String> wanted, String what, Duration within)
            throws InterruptedException {
        List<String> before = new ArrayList<>();
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            String line = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("never printed " + what + "; stdout " + before + "; stderr " + stderrSoFar());
            }
            synchronized (stdoutSeen) {
                stdoutSeen.add(line);
            }
            if (wanted.test(line)) return before;
            before.add(line);
        }
    }

    /** Every stdout line the awaits have consumed so far. */
    public List<String> stdoutSeen() {
        synchronized (stdoutSeen) {
            return List.copyOf(stdoutSeen);
        }
    }

    /** Waits for the process to end and returns its exit code. */
    public int awaitExit(Duration within) throws InterruptedException {
        if (!process.waitFor(within.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + within + "; stderr " + stderrSoFar());
        }
        return process.exitValue();
    }

    /** Everything the process wrote to stderr so far, waiting briefly for it to flush once the process ended. */
    public List<String> stderrSoFar() {
        List<String> lines = new ArrayList<>();
        stderr.drainTo(lines);
        stderr.addAll(lines);
        return lines;
    }

    /** SIGKILL: no shutdown hooks, no goodbye. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGTERM: what Ctrl-C or a service manager does. */
    public void terminate() {
        process.destroy();
    }

    /** SIGSTOP: the process stands still, as one whose machine froze would, until {@link #resume}. */
    public void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT after {@link #pause}. */
    public void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) kill();
    }

    private static void drain(InputStream stream, BlockingQueue<String> into, String name) {
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) into.add(line);
            } catch (IOException e) {
                into.add("<" + name + " closed: " + e.getMessage() + ">");
            }
        }, name);
        reader.setDaemon(true);
        reader.start();
    }
}
