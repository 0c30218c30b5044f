package org.rmichat.client;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.rmi.NotBoundException;
import java.rmi.RemoteException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.util.stream.Collectors;
import org.rmichat.api.ChatException;
import org.rmichat.api.startup.ConfigDefaults;
import org.rmichat.api.startup.SecretFile;
import org.rmichat.api.startup.StartupFailure;
import org.rmichat.client.console.Console;
import org.rmichat.client.console.JLineConsole;
import org.rmichat.client.console.PlainConsole;
import org.rmichat.client.console.PlainTerminalConsole;
import org.rmichat.client.console.Theme;
import org.rmichat.client.transport.LocalPingSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/** Parses the command line, joins, and runs until the user quits or the server is gone for good. */
@Command(name = "chat-client", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Joins an rmichat server. Type a line and press Enter to send it; /help lists commands.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:left normally (/quit, Ctrl-D, Ctrl-C, end of input)",
                "1:server unreachable, join refused, or gave up reconnecting", "2:bad usage"},
        footerHeading = "%nCommands in the chat:%n")
public final class ClientMain implements Callable<Integer> {
    /** Longer than any poll wait, so a healthy long poll never times out but a dead connection does. */
    private static final String RESPONSE_TIMEOUT = "sun.rmi.transport.tcp.responseTimeout";
    private static final String RESPONSE_TIMEOUT_MILLIS = "30000";
    /** A host that accepts the connection but never speaks RMI must not hold the client for RMI's default minute. */
    private static final String HANDSHAKE_TIMEOUT = "sun.rmi.transport.tcp.handshakeTimeout";
    private static final String HANDSHAKE_TIMEOUT_MILLIS = "10000";
    static final String PASSWORD_ENV = "RMICHAT_PASSWORD";
    static final String TRUSTSTORE_PASSWORD_ENV = "RMICHAT_TRUSTSTORE_PASSWORD";
    private static final Logger log = LoggerFactory.getLogger(ClientMain.class);

    @Option(names = ConfigDefaults.CONFIG_OPTION, paramLabel = "FILE",
            description = "Read options from FILE (key = value, one a line); or set RMICHAT_CONFIG "
                    + "(default: ~/.config/rmichat/client.conf if it exists). The command line overrides the "
                    + "environment (RMICHAT_NAME, ...), which overrides the file.")
    Path config;

    @Option(names = ConfigDefaults.PRINT_OPTION,
            description = "Print the effective configuration, with where each value came from, and exit.")
    boolean printConfig;

    @Option(names = "--server", converter = HostPort.Parser.class, split = ",", paramLabel = "HOST:PORT[,HOST:PORT…]",
            defaultValue = "${env:RMICHAT_SERVER:-localhost:1099}",
            description = "Server as host:port, or the servers of one chat as a comma-separated list, tried in "
                    + "turn and failed over to (env RMICHAT_SERVER; default: ${DEFAULT-VALUE}).")
    List<HostPort> servers;

    @Option(names = "--name", defaultValue = "${env:RMICHAT_NAME}", paramLabel = "NAME",
            description = "Your display name: 1-24 letters, digits, _ or - (env RMICHAT_NAME; "
                    + "default: User N).")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The server's shared secret (FILE holds only it); or set RMICHAT_PASSWORD.")
    Path passwordFile;

    @Option(names = "--tls", description = "Talk to the server over TLS (the server runs with --tls).")
    boolean tls;

    @Option(names = "--truststore", paramLabel = "FILE",
            description = "Certificates to trust for --tls, such as the server's own (default: the JDK's CAs).")
    Path truststore;

    @Option(names = "--truststore-password-file", paramLabel = "FILE",
            description = "The truststore's password (FILE holds only it); or set RMICHAT_TRUSTSTORE_PASSWORD.")
    Path truststorePasswordFile;

    @Option(names = "--reconnect-timeout", defaultValue = "0", converter = SecondsConverter.class,
            paramLabel = "SECONDS",
            description = "Give up reconnecting after this many seconds; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration reconnectTimeout;

    @Option(names = "--plain", defaultValue = "false",
            description = "Plain line mode even on a terminal: no line editor, no colours "
                    + "(default: ${DEFAULT-VALUE}; always plain when input or output is not a terminal).")
    boolean plain;

    @Option(names = "--no-color", defaultValue = "false",
            description = "No colours or styles; so does a non-empty NO_COLOR (default: ${DEFAULT-VALUE}).")
    boolean noColor;

    @Option(names = "--timestamps", defaultValue = "false",
            description = "Prefix incoming lines with [HH:mm] (default: ${DEFAULT-VALUE}).")
    boolean timestamps;

    @Option(names = "--quiet", defaultValue = "false",
            description = "No terminal bell when someone mentions your name (default: ${DEFAULT-VALUE}).")
    boolean quiet;

    @Spec CommandSpec spec;

    private ConfigDefaults defaults;
    private final PrintStream out;

    ClientMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String... args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        setDefault(RESPONSE_TIMEOUT, RESPONSE_TIMEOUT_MILLIS);
        setDefault(HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_MILLIS);
        answerRmiPingsLocally(err);
        int code = commandLine(new ClientMain(out))
                .setOut(new PrintWriter(out, true))
                .setErr(err)
                .execute(args);
        System.exit(code);
    }

    /** The command with its help footer, which lists the chat commands from the one list /help prints. */
    static CommandLine commandLine(ClientMain main) {
        return commandLine(main, System.getenv());
    }

    /** As {@link #commandLine(ClientMain)}, reading options and the per-user file's place from {@code env}. */
    static CommandLine commandLine(ClientMain main, Map<String, String> env) {
        CommandLine cmd = new CommandLine(main).setExecutionExceptionHandler(new StartupErrors());
        main.defaults = ConfigDefaults.install(cmd, env, ConfigDefaults.userConfig(env, "client.conf"));
        List<String> footer = new ArrayList<>();
        ChatCommand.HELP.forEach(line -> footer.add("  " + line));
        footer.add("%nEnvironment: RMICHAT_SERVER, RMICHAT_NAME and RMICHAT_PASSWORD as above;");
        footer.add("NO_COLOR (any non-empty value) turns colours off.");
        cmd.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
        return cmd;
    }

    /**
     * The line editor only when both ends are a terminal it can drive, and not under {@code --plain}; plain
     * lines that keep the half-typed one visible on any other terminal; and lines in, lines out for scripts and
     * pipes, which see no prompt and no escape codes.
     */
    private Console openConsole() {
        if (System.console() != null) {
            Optional<? extends Console> console = plain ? Optional.empty() : JLineConsole.system();
            if (console.isEmpty()) console = PlainTerminalConsole.system();
            if (console.isPresent()) return console.get();
        }
        return new PlainConsole(System.in, out);
    }

    @Override
    public Integer call() throws Exception {
        if (printConfig) {
            defaults.print(spec.commandLine().getParseResult(), spec.commandLine().getOut(),
                    Set.of(PASSWORD_ENV, TRUSTSTORE_PASSWORD_ENV));
            return 0;
        }
        if (!tls && (truststore != null || truststorePasswordFile != null)) {
            throw new ParameterException(spec.commandLine(), "--truststore needs --tls");
        }
        if (tls && truststore != null) {
            // null when none is given: a certificate-only PKCS12 store then loads without its integrity check
            char[] password = secret("truststore password file").fromFileOrEnv(truststorePasswordFile,
                    TRUSTSTORE_PASSWORD_ENV, System.getenv()).map(String::toCharArray).orElse(null);
            try {
                // before any TLS socket exists: SslRMIClientSocketFactory takes the default context once
                SSLContext.setDefault(trusting(truststore, password));
            } catch (IOException | GeneralSecurityException e) {
                throw StartupFailure.because("cannot read truststore " + truststore, e);
            }
        }
        ClientConfig config = ClientConfig.of(servers, Optional.ofNullable(name).filter(n -> !n.isBlank()))
                .withPassword(secret("password file").fromFileOrEnv(passwordFile, PASSWORD_ENV, System.getenv()))
                .withReconnectTimeout(reconnectTimeout)
                .withTls(tls);
        Console console = openConsole();
        // closed before the handler prints anything, so an error line is never drawn into the line editor
        try (console) {
            boolean colour = Theme.coloursWanted(noColor, System.getenv("NO_COLOR"), console.supportsStyles());
            boolean terminal = System.console() != null;
            ChatClient client = new ChatClient(config, console,
                    new DisplayOptions(colour, timestamps, quiet, terminal && !colour));
            // before joining, so a Ctrl-C right after the welcome lines still leaves instead of timing out
            leaveOnSignals(client, console.readsInterrupts());
            try {
                client.start();
            } catch (RemoteException | NotBoundException e) {
                throw StartupFailure.couldNotStart("cannot reach chat server at " + servers.stream()
                        .map(HostPort::toString).collect(Collectors.joining(", ")) + ": "
                        + reason(e) + tlsHint(e), e);
            }
            client.awaitExit();
            return 0;
        }
    }

    /** Why the server could not be reached; a name that resolves to nothing says so, not just the name. */
    static String reason(Exception e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.UnknownHostException) return "unknown host " + t.getMessage();
        }
        return StartupFailure.reason(e);
    }

    private static SecretFile secret(String what) {
        return new SecretFile(what, log::warn);
    }

    /**
     * The one place failures become what the user sees: one line on stderr and exit code 1 (2 for a refused
     * secret). A join the server refused and a reconnect given up say the server's or the client's own words.
     * Anything else is a bug: one line too, the stack trace in the debug log.
     */
    static final class StartupErrors implements CommandLine.IExecutionExceptionHandler {
        @Override
        public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
            if (ex instanceof StartupFailure failure) {
                cmd.getErr().println(failure.getMessage());
                return failure.exitCode();
            }
            if (ex instanceof ChatException || ex instanceof ChatClient.Failed) {
                cmd.getErr().println(ex.getMessage());
            } else {
                log.debug("failed", ex);
                cmd.getErr().println("error: " + StartupFailure.reason(ex));
            }
            return StartupFailure.COULD_NOT_START;
        }
    }

    /**
     * Ctrl-C and SIGTERM leave the chat from an ordinary thread and end the client with exit code 0. Remote
     * calls made from a shutdown hook, while the JVM is already going down, proved unreliable; the hook stays
     * for any other way the JVM is asked to end. A line editor that reads Ctrl-C as a key keeps it: with text
     * typed it only clears the line, and on an empty line it ends the input, which leaves.
     */
    private static void leaveOnSignals(ChatClient client, boolean consoleReadsInterrupts) {
        Runtime.getRuntime().addShutdownHook(new Thread(client::close, "rmichat-shutdown"));
        for (String name : consoleReadsInterrupts ? new String[] {"TERM"} : new String[] {"INT", "TERM"}) {
            try {
                Signal.handle(new Signal(name), signal -> new Thread(client::close, "rmichat-leave-" + name).start());
            } catch (IllegalArgumentException e) {
                // this platform reserves the signal: the shutdown hook still leaves
            }
        }
    }

    /** Halves the round trips of a long poll on a fast network; see {@link LocalPingSocketFactory}. */
    private static void answerRmiPingsLocally(PrintWriter err) {
        try {
            LocalPingSocketFactory.install();
        } catch (IOException e) {
            err.println("warning: keeping RMI's own socket factory: " + e.getMessage());
        }
    }

    /** Time bounds on every remote call, unless the user set them with -D. */
    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    /**
     * A plain client and a TLS server (or the other way round) each see garbage from the other and hang up; the
     * resulting errors ("non-JRMP server", "Remote host terminated the handshake") do not say why.
     */
    private String tlsHint(Exception e) {
        boolean handshakeFailed = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            handshakeFailed |= t instanceof java.rmi.ConnectIOException || t instanceof javax.net.ssl.SSLException
                    || t instanceof java.io.EOFException;
        }
        if (!handshakeFailed) return "";
        return tls ? " (is the server running with --tls, and does --truststore hold its certificate?)"
                : " (if the server runs with --tls, add --tls)";
    }

    private static SSLContext trusting(Path file, char[] password) throws IOException, GeneralSecurityException {
        // KeyStore.getInstance(File, ...) reports a missing file as an IllegalArgumentException
        if (!Files.isRegularFile(file)) throw new java.nio.file.NoSuchFileException(file.toString());
        KeyStore store = KeyStore.getInstance(file.toFile(), password);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Whole seconds, as the reconnect bound is given. */
    static final class SecondsConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                long seconds = Long.parseLong(value.trim());
                if (seconds < 0) throw new CommandLine.TypeConversionException("must not be negative: " + value);
                return Duration.ofSeconds(seconds);
            } catch (NumberFormatException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a number of seconds");
            }
        }
    }
}
