package org.rmichat.bench;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.NotBoundException;
import java.rmi.registry.LocateRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.zip.DataFormatException;
import org.rmichat.api.ChatService;
import org.rmichat.client.HostPort;
import org.rmichat.client.transport.LocalPingSocketFactory;
import org.rmichat.server.DurationConverter;
import org.rmichat.server.FutexHash;
import org.rmichat.server.core.RoomConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Parses the command line, runs one workload (or draws a plot from earlier results), and reports. */
@Command(name = "chat-bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Load generator for rmichat: N real RMI clients in one room, S of them sending on a fixed "
                + "schedule; reports fan-out latency (from the scheduled send time), CPU per delivery and memory.",
                "Or, with --plot, draws the latency curves of earlier --json results as SVG."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ran, nothing lost or duplicated", "1:failed, or messages were lost or duplicated",
                "2:bad usage"})
public final class BenchMain implements Callable<Integer> {
    /** Threads the load generator has besides a poller per client: senders, joiners, RMI's, the JVM's. */
    private static final int BENCH_THREADS = 256;

    @Option(names = "--server", converter = HostPort.Parser.class, paramLabel = "HOST:PORT",
            description = "A running server to load.")
    HostPort server;

    @Option(names = "--server-pid", paramLabel = "PID",
            description = "Pid of the --server process on this box, for its CPU and memory.")
    Long serverPid;

    @Option(names = "--embedded",
            description = "Start the server jar in its own JVM on a free 127.0.0.1 port, and stop it after.")
    boolean embedded;

    @Option(names = "--cluster", paramLabel = "N",
            description = "With --embedded: start a throw-away redis-server and N servers on it (--redis), "
                    + "client i on server i %% N. Without it, one server and no Redis.")
    Integer cluster;

    @Option(names = "--redis-server", defaultValue = "redis-server", paramLabel = "PATH",
            description = "redis-server executable for --cluster (default: ${DEFAULT-VALUE}).")
    String redisServer;

    @Option(names = "--server-jar", paramLabel = "JAR",
            description = "Server jar for --embedded (default: chat-server/target/chat-server.jar beside this build).")
    Path serverJar;

    @Option(names = "--server-jvm-arg", paramLabel = "ARG",
            description = "JVM option for the --embedded server; repeatable (e.g. --server-jvm-arg=-XX:+UseParallelGC).")
    List<String> serverJvmArgs = new ArrayList<>();

    @Option(names = "--server-arg", paramLabel = "ARG",
            description = "Extra server option for --embedded; repeatable (e.g. --server-arg=--poll-budget=0).")
    List<String> serverArgs = new ArrayList<>();

    @Option(names = "--server-log", paramLabel = "FILE", description = "Where the --embedded server logs (default: nowhere).")
    Path serverLog;

    @Option(names = "--clients", defaultValue = "100", description = "Clients in the room, senders included (default: ${DEFAULT-VALUE}).")
    int clients;

    @Option(names = "--rooms", defaultValue = "1", paramLabel = "R",
            description = "Spread the clients over R rooms (#r0..), client i in room i %% R; sender s posts to its "
                    + "own room. R must divide --clients (default: ${DEFAULT-VALUE}: everyone in the lobby).")
    int rooms;

    @Option(names = "--rooms-per-client", defaultValue = "1", paramLabel = "K",
            description = "Put each client in K rooms: client i in #r<i %% R> .. #r<(i + K - 1) %% R>, posting to "
                    + "the first, so rooms hold K × clients / R; K at most R / 2 (default: ${DEFAULT-VALUE}).")
    int roomsPerClient;

    @Option(names = "--single-replies",
            description = "Poll as clients of before streamed replies (protocol 3) do: one reply per call.")
    boolean singleReplies;

    @Option(names = "--senders", defaultValue = "10", description = "Clients that send (default: ${DEFAULT-VALUE}).")
    int senders;

    @Option(names = "--rate", defaultValue = "100",
            description = "Messages per second from all senders together, on a fixed schedule (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--duration", defaultValue = "20s", converter = DurationConverter.class,
            description = "Measured window (default: ${DEFAULT-VALUE}).")
    Duration duration;

    // 20 s: on a 2-core box both JVMs' JIT compilers stay busy for about 17 s after start, and a window that
    // opens earlier measures the compiler as much as the chat (docs/performance.md, third round)
    @Option(names = "--warmup", defaultValue = "20s", converter = DurationConverter.class,
            description = "Sending before the window, not measured; long enough for the JIT to settle "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration warmup;

    @Option(names = "--payload", defaultValue = "64", paramLabel = "BYTES",
            description = "Message text length (default: ${DEFAULT-VALUE}).")
    int payload;

    @Option(names = "--max-batch", defaultValue = "1000", description = "Events per poll (default: ${DEFAULT-VALUE}).")
    int maxBatch;

    @Option(names = "--poll-wait", defaultValue = "10s", converter = DurationConverter.class,
            description = "Long-poll wait (default: ${DEFAULT-VALUE}).")
    Duration pollWait;

    @Option(names = "--poller-stack", defaultValue = "256", paramLabel = "KIB",
            description = "Stack of each poll thread, KiB (default: ${DEFAULT-VALUE}).")
    int pollerStackKib;

    @Option(names = "--label", description = "Name of this run in reports and plots (default: the workload).")
    String label;

    @Option(names = "--json", paramLabel = "FILE", description = "Also write the result, histogram included, as JSON.")
    Path json;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the result as a Markdown table.")
    Path markdown;

    @Option(names = "--plot", paramLabel = "FILE.svg",
            description = "Instead of running, draw the latency curves of the JSON results given as arguments.")
    Path plot;

    @Option(names = "--title", defaultValue = "rmichat fan-out latency by percentile",
            description = "Plot title (default: ${DEFAULT-VALUE}).")
    String title;

    @Parameters(paramLabel = "RESULT.json", arity = "0..*", description = "Results to plot, with --plot.")
    List<Path> results = new ArrayList<>();

    @Option(names = "--rmi-pings", description = "Let RMI ask the server whether a pooled connection is alive "
            + "before each reuse, as plain RMI does; by default the bench answers that locally, as chat-client does.")
    boolean rmiPings;

    @Spec CommandSpec spec;

    public static void main(String... args) {
        // a run stopped by a signal (timeout(1), Ctrl-C) skips the try-with-resources that stop the embedded
        // servers and Redis: without this they would outlive it, holding ports and CPU
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy),
                "chat-bench-stop-children"));
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new CommandLine(new BenchMain()).setOut(out).setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("chat-bench: " + e);   // one line; the class says what kind of failure
                    return cmd.getCommandSpec().exitCodeOnExecutionException();
                })
                .execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (plot != null) return plot();
        if (embedded == (server != null)) {
            throw new ParameterException(spec.commandLine(), "give exactly one of --server HOST:PORT and --embedded");
        }
        BenchConfig config;
        try {
            config = new BenchConfig(clients, senders, rate, warmup, duration, payload, maxBatch, pollWait,
                    pollerStackKib, cluster == null ? 1 : cluster, rooms, roomsPerClient, singleReplies);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (cluster != null && !embedded) {
            throw new ParameterException(spec.commandLine(), "--cluster needs --embedded");
        }
        // a poller thread per client parks here as a connection thread per client does in the server
        spec.commandLine().getErr().println(FutexHash.widen(config.clients() + BENCH_THREADS).description());
        BenchResult result;
        if (cluster != null) {
            result = runCluster(config);
        } else if (embedded) {
            try (EmbeddedServer embeddedServer = EmbeddedServer.start(serverJar(), serverJvmArgs,
                    embeddedServerArgs(config, List.of()), serverLog, Duration.ofSeconds(30))) {
                spec.commandLine().getErr().println("server pid " + embeddedServer.pid() + " on "
                        + embeddedServer.address());
                result = run(config, List.of(embeddedServer.address()),
                        new ServerProbe(OptionalLong.of(embeddedServer.pid())));
            }
        } else {
            result = run(config, List.of(server),
                    new ServerProbe(serverPid == null ? OptionalLong.empty() : OptionalLong.of(serverPid)));
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(Report.table(result));
        out.flush();
        if (json != null) Files.writeString(json, Report.json(result));
        if (markdown != null) Files.writeString(markdown, Report.MARKDOWN_HEADER + Report.markdownRow(result));
        return result.lost() == 0 && result.duplicated() == 0 && result.sent() > 0 ? 0 : 1;
    }

    /**
     * Redis first, then the servers on it, each stopped in the reverse order whatever happens: a server
     * outliving its Redis would spend its shutdown retrying the bus.
     */
    private BenchResult runCluster(BenchConfig config) throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        List<EmbeddedServer> servers = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start(redisServer, Duration.ofSeconds(30))) {
            err.println("redis-server pid " + redis.pid() + " on " + redis.uri());
            try {
                List<String> args = embeddedServerArgs(config, List.of("--redis", redis.uri().toString()));
                for (int i = 0; i < config.servers(); i++) {
                    Path log = serverLog == null ? null
                            : config.servers() == 1 ? serverLog : serverLog.resolveSibling(serverLog.getFileName() + "." + i);
                    EmbeddedServer started = EmbeddedServer.start(serverJar(), serverJvmArgs, args, log,
                            Duration.ofSeconds(30));
                    servers.add(started);
                    err.println("server " + i + " pid " + started.pid() + " on " + started.address());
                }
                return run(config, servers.stream().map(EmbeddedServer::address).toList(),
                        new ServerProbe(servers.stream().map(EmbeddedServer::pid).toList()));
            } finally {
                for (int i = servers.size() - 1; i >= 0; i--) servers.get(i).close();
            }
        }
    }

    private BenchResult run(BenchConfig config, List<HostPort> addresses, ServerProbe probe)
            throws IOException, InterruptedException {
        if (!rmiPings) LocalPingSocketFactory.install();
        List<ChatService> services = new ArrayList<>();
        for (HostPort address : addresses) {
            try {
                services.add((ChatService) LocateRegistry.getRegistry(address.host(), address.port())
                        .lookup(ChatService.REGISTRY_NAME));
            } catch (NotBoundException e) {
                throw new IOException("no chat service at " + address);
            }
        }
        return new LoadGenerator(config, services, probe, spec.commandLine().getErr())
                .run(label != null ? label : config.label());
    }

    /**
     * Loopback, any port, and no limit that would throttle the load instead of measuring it: no send rate
     * limit, no join or line limit per address or server, room for every client, queues deep enough for a
     * 10,000-client join storm.
     */
    private List<String> embeddedServerArgs(BenchConfig config, List<String> bus) throws java.io.IOException {
        List<String> args = new ArrayList<>(bus);
        args.addAll(List.of("--bind", "127.0.0.1", "--port", "0", "--rate-limit", "0",
                "--max-clients", Integer.toString(config.clients() + 16), "--max-connections-per-address", "0",
                "--join-limit", "0", "--line-limit", "0",
                "--max-queue", Integer.toString(Math.max(10_000, config.clients() * 4)),
                "--max-message-length", Integer.toString(Math.max(2_000, config.payloadBytes() + 64))));
        args.addAll(pollBudgetShare(serverArgs, config.servers(), RoomConfig.defaults().pollBudget()));
        args.addAll(serverArgs);
        args.addAll(ServerDataDir.unlessGiven(args));
        return args;
    }

    /**
     * The servers of a cluster run on this one box, so unless told otherwise each gets its share of the poll
     * budget the box would give one server: each taking the whole (the default on a machine of its own)
     * overloads the box at 1,000/100/100 (p99 400 ms against 135 ms with the share).
     */
    static List<String> pollBudgetShare(List<String> serverArgs, int servers, int boxBudget) {
        if (servers < 2 || serverArgs.stream().anyMatch(arg -> arg.startsWith("--poll-budget"))) return List.of();
        return List.of("--poll-budget", Integer.toString(Math.max(1, boxBudget / servers)));
    }

    /** The server jar: given, or where this build puts it, found from wherever this class was loaded. */
    private Path serverJar() throws URISyntaxException, IOException {
        if (serverJar != null) return serverJar;
        Path here = Path.of(BenchMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        // src-test/target/chat-bench.jar and src-test/target/classes both sit in src-test/target
        Path jar = here.getParent().getParent().resolveSibling("chat-server").resolve("target/chat-server.jar");
        if (!Files.isRegularFile(jar)) throw new IOException("no server jar at " + jar + "; give --server-jar");
        return jar;
    }

    private int plot() throws IOException, DataFormatException {
        if (results.isEmpty()) throw new ParameterException(spec.commandLine(), "--plot needs RESULT.json files");
        List<LatencyPlot.Series> series = new ArrayList<>();
        for (Path result : results) series.add(LatencyPlot.parse(Files.readString(result)));
        if (plot.toAbsolutePath().getParent() != null) Files.createDirectories(plot.toAbsolutePath().getParent());
        Files.writeString(plot, LatencyPlot.svg(title, series));
        return 0;
    }
}
