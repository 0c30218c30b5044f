package org.rmichat.server;

import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.rmichat.api.ChatService;
import org.rmichat.api.startup.ConfigDefaults;
import org.rmichat.api.startup.SecretFile;
import org.rmichat.api.startup.StartupFailure;
import org.rmichat.server.core.RoomConfig;
import org.rmichat.server.core.RoomsConfig;
import org.rmichat.api.Protocol;
import org.rmichat.server.history.HistoryConfig;
import org.rmichat.server.history.HistoryUnavailableException;
import org.rmichat.server.metrics.MetricsEndpoint;
import org.rmichat.server.rmi.ConnectionLimits;
import org.rmichat.server.rmi.FloodLimits;
import org.rmichat.server.rmi.ServerTls;
import org.rmichat.server.redis.RedisConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** Parses the command line, starts a {@link ChatServer}, and stops it on Ctrl-C or SIGTERM. */
@Command(name = "chat-server", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Runs the rmichat server: an RMI registry and the chat service on one port.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:stopped normally (Ctrl-C, SIGTERM)", "1:could not start (port in use, bad file, Redis unreachable), or stopped by a fatal error",
                "2:bad usage"})
public final class ServerMain implements Callable<Integer> {
    private static final Logger log = LoggerFactory.getLogger(ServerMain.class);
    static final String PASSWORD_ENV = "RMICHAT_PASSWORD";
    static final String KEYSTORE_PASSWORD_ENV = "RMICHAT_KEYSTORE_PASSWORD";
    static final String REDIS_PASSWORD_ENV = "RMICHAT_REDIS_PASSWORD";
    static final String BANNER = "🚀 Real-Time RPC Chat Server Running...";
    /** Threads a server has besides one per client: broadcaster, timers, RMI's accept loop, the JVM's own. */
    private static final int SERVER_THREADS = 64;

    @Option(names = ConfigDefaults.CONFIG_OPTION, paramLabel = "FILE",
            description = "Read options from FILE (key = value, one a line; see docs/operations.md); or set "
                    + "RMICHAT_CONFIG. The command line overrides the environment (RMICHAT_PORT, ...), "
                    + "which overrides the file.")
    Path config;

    @Option(names = ConfigDefaults.PRINT_OPTION,
            description = "Print the effective configuration, with where each value came from, and exit. "
                    + "Secrets are never printed.")
    boolean printConfig;

    @Option(names = "--port", defaultValue = "1099", paramLabel = "PORT",
            description = "Port for the registry and the service (default: ${DEFAULT-VALUE}; 0 = any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS",
            description = "Address to listen on (default: all interfaces).")
    InetAddress bind;

    @Option(names = "--advertise-host", paramLabel = "HOST",
            description = "Host name clients on other machines use to reach this server "
                    + "(sets java.rmi.server.hostname; default: what the JVM picks).")
    String advertiseHost;

    @Option(names = "--session-timeout", defaultValue = "30s", converter = DurationConverter.class,
            paramLabel = "DURATION",
            description = "Remove a client that neither polls nor sends for this long: a number and ms, s, m "
                    + "or h, such as 30s or 2m (default: ${DEFAULT-VALUE}).")
    Duration sessionTimeout;

    @Option(names = "--max-queue", defaultValue = "10000", paramLabel = "N",
            description = "Events held per client, queued or sent and not yet acknowledged, before it is disconnected "
                    + "as too slow (default: ${DEFAULT-VALUE}).")
    int maxQueue;

    @Option(names = "--max-message-length", defaultValue = "2000", paramLabel = "CHARACTERS",
            description = "Longest message, in characters (default: ${DEFAULT-VALUE}).")
    int maxMessageLength;

    @Option(names = "--rate-limit", defaultValue = "10", paramLabel = "PER_SECOND",
            description = "Messages per second per client; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double rateLimit;

    @Option(names = "--rate-burst", defaultValue = "20", paramLabel = "N",
            description = "Messages a client may send back to back (default: ${DEFAULT-VALUE}).")
    int rateBurst;

    @Option(names = "--max-clients", defaultValue = "10000", paramLabel = "N",
            description = "Most clients at once (default: ${DEFAULT-VALUE}).")
    int maxClients;

    @Option(names = "--announce-limit", paramLabel = "N", defaultValue = "200",
            description = "With more than N clients on this server, joins and leaves are announced together once "
                    + "a second instead of one line each; 0 = always (default: ${DEFAULT-VALUE}).")
    int announceLimit;

    @Option(names = "--poll-budget", paramLabel = "REPLIES_PER_SECOND",
            description = "Poll replies per second the server aims to stay under: a client receiving two or more "
                    + "lines per (clients / budget) seconds is answered at most that often, with everything that "
                    + "arrived meanwhile; 0 answers every event at once (default: "
                    + RoomConfig.POLL_BUDGET_PER_PROCESSOR + " per processor, so 7500 on a 2-core box).")
    Integer pollBudget;   // null: the default, which depends on the machine

    @Option(names = "--stream-coalesce", paramLabel = "DURATION", defaultValue = "2ms",
            converter = DurationConverter.class,
            description = "Least time between two batches of one streamed poll (clients of protocol 4): what "
                    + "arrives meanwhile goes out in one frame; 0 = at once (default: ${DEFAULT-VALUE}).")
    Duration streamCoalesce;

    @Option(names = "--default-room", paramLabel = "#ROOM", defaultValue = Protocol.DEFAULT_ROOM,
            description = "The room everyone is in from the start (default: ${DEFAULT-VALUE}).")
    String defaultRoom;

    @Option(names = "--max-rooms", paramLabel = "N", defaultValue = "1000",
            description = "Most rooms the chat may have at once (default: ${DEFAULT-VALUE}).")
    int maxRooms;

    @Option(names = "--max-rooms-per-user", paramLabel = "N", defaultValue = "20",
            description = "Most rooms one person may be in, the default room included (default: ${DEFAULT-VALUE}).")
    int maxRoomsPerUser;

    @Option(names = "--max-connections-per-address", paramLabel = "N", defaultValue = "256",
            description = "Most TCP connections open at once from one client address; a client uses two or three; "
                    + "0 = unlimited (default: ${DEFAULT-VALUE}).")
    int maxConnectionsPerAddress;

    @Option(names = "--join-limit", paramLabel = "PER_SECOND", defaultValue = "20",
            description = "Joins and leaves a second from one client address, five times as many on the whole "
                    + "server; 0 = unlimited (default: ${DEFAULT-VALUE}).")
    double joinLimit;

    @Option(names = "--line-limit", paramLabel = "PER_SECOND", defaultValue = "2000",
            description = "Lines a second on the whole server, shared equally among the client addresses posting; "
                    + "0 = unlimited (default: ${DEFAULT-VALUE}).")
    double lineLimit;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "Require this shared secret (FILE holds only it) to join; "
                    + "or set RMICHAT_PASSWORD. Never given on the command line.")
    Path passwordFile;

    @Option(names = "--tls",
            description = "Speak TLS on the registry and the service; needs --keystore. Clients need --tls too.")
    boolean tls;

    @Option(names = "--keystore", paramLabel = "FILE",
            description = "The server's key and certificate (PKCS12 or JKS), for --tls.")
    Path keystore;

    @Option(names = "--keystore-password-file", paramLabel = "FILE",
            description = "The keystore's password (FILE holds only it); or set RMICHAT_KEYSTORE_PASSWORD. "
                    + "Never given on the command line.")
    Path keystorePasswordFile;

    @Option(names = "--redis", paramLabel = "URI",
            description = "Share one chat with every server on this Redis (redis://host:port), or on the master "
                    + "Redis Sentinel names (redis-sentinel://host:port[,host:port]#MASTER); "
                    + "without it the server stands alone.")
    URI redis;

    @Option(names = "--redis-password-file", paramLabel = "FILE",
            description = "Redis password (FILE holds only it); or set RMICHAT_REDIS_PASSWORD.")
    Path redisPasswordFile;

    @Option(names = "--redis-max-len", defaultValue = "100000", paramLabel = "N",
            description = "Events the Redis stream keeps; bounds how far back a client failing over can resume "
                    + "(default: ${DEFAULT-VALUE}).")
    long redisMaxLen;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "rmichat-data",
            description = "Where a server alone keeps its history (one SQLite file), created on first start; "
                    + "relative to the working directory (default: ${DEFAULT-VALUE}). Not used with --redis.")
    Path dataDir;

    @Option(names = "--no-history",
            description = "Keep no history: nothing is written to disk, clients get no scrollback, and a restart "
                    + "forgets everything.")
    boolean noHistory;

    @Option(names = "--history-on-join", paramLabel = "N", defaultValue = "50",
            description = "Lines of a room's history a client shows when it joins it; 0 = none "
                    + "(default: ${DEFAULT-VALUE}, at most " + org.rmichat.api.HistoryRequest.MAX_LIMIT + ").")
    int historyOnJoin;

    @Option(names = "--history-retention", paramLabel = "AGE", defaultValue = "30d", converter = DurationConverter.class,
            description = "Delete lines older than this, in the background; 0 = keep them by age forever "
                    + "(default: ${DEFAULT-VALUE}). With --redis, --redis-max-len bounds the history instead.")
    Duration historyRetention;

    @Option(names = "--history-max-lines", paramLabel = "N", defaultValue = "0",
            description = "Keep at most N lines per room (the newest); 0 = no count limit (default: ${DEFAULT-VALUE}).")
    int historyMaxLines;

    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://BIND:PORT/metrics and a health check on /health "
                    + "(default: off; 0 = any free port).")
    Integer metricsPort;

    @Option(names = "--metrics-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address the metrics endpoint listens on (default: ${DEFAULT-VALUE}).")
    InetAddress metricsBind;

    @Spec CommandSpec spec;

    private ConfigDefaults defaults;

    public static void main(String... args) {
        PrintWriter out = new PrintWriter(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(commandLine(new ServerMain()).setOut(out).setErr(err).execute(args));
    }

    /** The command with its one start-up failure handler; tests run it as {@code main} does. */
    static CommandLine commandLine(ServerMain main) {
        return commandLine(main, System.getenv());
    }

    /** As {@link #commandLine(ServerMain)}, reading options from {@code env} instead of the process's. */
    static CommandLine commandLine(ServerMain main, Map<String, String> env) {
        CommandLine cmd = new CommandLine(main).setExecutionExceptionHandler(new StartupErrors());
        main.defaults = ConfigDefaults.install(cmd, env, Optional.empty());
        return cmd;
    }

    @Override
    public Integer call() throws Exception {
        if (printConfig) {
            defaults.print(spec.commandLine().getParseResult(), spec.commandLine().getOut(),
                    Set.of(PASSWORD_ENV, KEYSTORE_PASSWORD_ENV, REDIS_PASSWORD_ENV));
            return 0;
        }
        checkTlsOptions();
        if (advertiseHost != null) System.setProperty("java.rmi.server.hostname", advertiseHost);
        ServerConfig config;
        try {
            config = new ServerConfig(Optional.ofNullable(bind), port, roomConfig())
                    .withConnectionLimits(connectionLimits())
                    .withRooms(new RoomsConfig(defaultRoom, maxRooms, maxRoomsPerUser, noHistory ? 0 : historyOnJoin));
            if (metricsPort != null) config = config.withMetrics(new MetricsEndpoint(metricsBind, metricsPort));
        } catch (IllegalArgumentException e) {
            // a limit out of range (--rate-limit -1, --max-clients 0) is bad usage: one line and exit code 2
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (tls) {
            char[] password = secret("keystore password file").fromFileOrEnv(keystorePasswordFile,
                    KEYSTORE_PASSWORD_ENV, System.getenv()).orElseThrow(() -> new ParameterException(
                    spec.commandLine(), "--tls needs the keystore password: --keystore-password-file FILE or "
                    + KEYSTORE_PASSWORD_ENV)).toCharArray();
            try {
                config = config.withTls(ServerTls.fromKeystore(keystore, password));
            } catch (IOException | GeneralSecurityException e) {
                throw StartupFailure.because("cannot read keystore " + keystore, e);
            }
        }
        // RMI parks a thread per connection, so a thread per client waits on a futex: size the hash for them
        FutexHash.Outcome futexHash = FutexHash.widen(maxClients + SERVER_THREADS);
        if (futexHash.widened()) log.info(futexHash.description()); else log.debug(futexHash.description());
        ChatServer server = redis != null ? clustered(config) : noHistory ? new ChatServer(config) : withHistory(config);
        try {
            server.start();
        } catch (java.rmi.RemoteException e) {
            throw StartupFailure.because("cannot listen on port " + port, e);
        } catch (java.io.UncheckedIOException e) {   // the metrics port
            throw StartupFailure.because("cannot serve metrics on " + metricsBind.getHostAddress() + ":"
                    + metricsPort, e.getCause());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(BANNER);
        out.println("Listening on rmi://" + displayHost() + ":" + server.port() + "/" + ChatService.REGISTRY_NAME
                + " - start clients with: java -jar chat-client/target/chat-client.jar --server "
                + displayHost() + ":" + server.port() + (tls ? " --tls" : ""));
        server.logStartup();
        stopOnSignals(server);
        server.blockUntilShutdown();
        if (server.failure().isPresent()) {
            // a supervisor restarts a server that exits non-zero; the log has the error and its thread
            spec.commandLine().getErr().println("server stopped: " + server.failure().get());
            return StartupFailure.COULD_NOT_START;
        }
        return 0;
    }

    private ChatServer clustered(ServerConfig config) throws StartupFailure {
        Optional<String> password = secret("Redis password file").fromFileOrEnv(redisPasswordFile,
                REDIS_PASSWORD_ENV, System.getenv());
        try {
            return ChatServer.clustered(config, RedisConfig.of(redis, sessionTimeout)
                    .withPassword(password).withMaxLen(redisMaxLen));
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        } catch (RuntimeException e) {   // Lettuce's RedisConnectionException, unchecked
            throw StartupFailure.because("cannot reach Redis at " + redis, e);
        }
    }

    private ChatServer withHistory(ServerConfig config) throws StartupFailure {
        HistoryConfig history;
        try {
            history = HistoryConfig.in(dataDir).withRetention(historyRetention, historyMaxLines);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try {
            return ChatServer.withHistory(config, history);
        } catch (HistoryUnavailableException e) {
            throw StartupFailure.couldNotStart(e.getMessage(), e);
        }
    }

    /**
     * The one place start-up failures become what the user sees: the failure's one line on stderr and its
     * exit code (1, or 2 for a refused secret). Anything else thrown is a bug; it too gets one line and 1, with
     * the stack trace in the debug log, so a failed start never ends in a page of trace.
     */
    static final class StartupErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (ex instanceof StartupFailure failure) {
                cmd.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            log.debug("could not start", ex);
            cmd.getErr().println("could not start: " + StartupFailure.reason(ex));
            return StartupFailure.COULD_NOT_START;
        }
    }

    /**
     * Ctrl-C and SIGTERM stop the server in an orderly way and exit 0: clients are told, then the port closes.
     * A handler rather than only a shutdown hook, because a JVM ended by a signal exits 130 or 143; the hook
     * stays for any other way the JVM is asked to end.
     */
    private static void stopOnSignals(ChatServer server) {
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "rmichat-shutdown"));
        for (String name : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(server::stop, "rmichat-stop-" + name).start());
            } catch (IllegalArgumentException e) {
                log.debug("cannot handle SIG{} here; the shutdown hook covers it", name, e);
            }
        }
    }

    /** Usage errors picocli cannot see alone: a keystore without TLS, or TLS without one. */
    private void checkTlsOptions() {
        if (!tls) {
            if (keystore != null || keystorePasswordFile != null) {
                throw new ParameterException(spec.commandLine(), "--keystore needs --tls");
            }
            return;
        }
        if (keystore == null) throw new ParameterException(spec.commandLine(), "--tls needs --keystore FILE");
    }

    private static SecretFile secret(String what) {
        return new SecretFile(what, log::warn);
    }

    ConnectionLimits connectionLimits() {
        return ConnectionLimits.defaults().withMaxPerAddress(maxConnectionsPerAddress)
                .withFlood(FloodLimits.defaults().withPresencePerAddress(joinLimit).withLinesPerServer(lineLimit));
    }

    RoomConfig roomConfig() throws StartupFailure {
        RoomConfig defaults = RoomConfig.defaults();
        return defaults
                .withSessionTimeout(sessionTimeout)
                .withPollBudget(pollBudget == null ? defaults.pollBudget() : pollBudget)
                .withMaxQueue(maxQueue)
                .withMaxMessageLength(maxMessageLength)
                .withRateLimit(rateLimit, rateBurst)
                .withMaxClients(maxClients)
                .withAnnounceLimit(announceLimit)
                .withStreamCoalesce(streamCoalesce)
                .withPassword(secret("password file").fromFileOrEnv(passwordFile, PASSWORD_ENV, System.getenv()));
    }

    private String displayHost() {
        if (advertiseHost != null) return advertiseHost;
        return bind == null ? "localhost" : bind.getHostAddress();
    }

}
