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
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.rmichat.api.ChatException;
import org.rmichat.client.console.Console;
import org.rmichat.client.console.PlainConsole;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Parses the command line, joins, and runs until the user quits or the server is gone for good. */
@Command(name = "chat-client", mixinStandardHelpOptions = true, versionProvider = ManifestVersion.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Joins an rmichat server. Type a line and press Enter to send it; /help lists commands.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:left normally (/quit, Ctrl-D, end of input)",
                "1:server unreachable, join refused, or gave up reconnecting", "2:bad usage"})
public final class ClientMain implements Callable<Integer> {
    /** Longer than any poll wait, so a healthy long poll never times out but a dead connection does. */
    private static final String RESPONSE_TIMEOUT = "sun.rmi.transport.tcp.responseTimeout";
    private static final String RESPONSE_TIMEOUT_MILLIS = "30000";
    /** A host that accepts the connection but never speaks RMI must not hold the client for RMI's default minute. */
    private static final String HANDSHAKE_TIMEOUT = "sun.rmi.transport.tcp.handshakeTimeout";
    private static final String HANDSHAKE_TIMEOUT_MILLIS = "10000";

    @Option(names = "--server", converter = HostPort.Parser.class, split = ",", paramLabel = "HOST:PORT[,HOST:PORT…]",
            defaultValue = "${env:RMICHAT_SERVER:-localhost:1099}",
            description = "Server as host:port, or the servers of one chat as a comma-separated list, tried in "
                    + "turn and failed over to (env RMICHAT_SERVER; default: ${DEFAULT-VALUE}).")
    List<HostPort> servers;

    @Option(names = "--name", defaultValue = "${env:RMICHAT_NAME}",
            description = "Your display name: 1-24 letters, digits, _ or - (env RMICHAT_NAME; "
                    + "default: User N).")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The server's shared secret (first line of FILE); or set RMICHAT_PASSWORD.")
    Path passwordFile;

    @Option(names = "--reconnect-timeout", defaultValue = "0", converter = SecondsConverter.class,
            description = "Give up reconnecting after this many seconds; 0 = never (default: ${DEFAULT-VALUE}).")
    Duration reconnectTimeout;

    @Spec CommandSpec spec;

    private final Console console;

    ClientMain(Console console) {
        this.console = console;
    }

    public static void main(String... args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        setDefault(RESPONSE_TIMEOUT, RESPONSE_TIMEOUT_MILLIS);
        setDefault(HANDSHAKE_TIMEOUT, HANDSHAKE_TIMEOUT_MILLIS);
        Console console = new PlainConsole(System.in, out, System.console() != null);
        int code = new CommandLine(new ClientMain(console))
                .setOut(new PrintWriter(out, true))
                .setErr(err)
                .execute(args);
        System.exit(code);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ClientConfig config = ClientConfig.of(servers, Optional.ofNullable(name).filter(n -> !n.isBlank()))
                .withPassword(password())
                .withReconnectTimeout(reconnectTimeout);
        ChatClient client = new ChatClient(config, console);
        try {
            client.start();
        } catch (RemoteException | NotBoundException e) {
            err.println("cannot reach chat server at " + servers.stream().map(HostPort::toString)
                    .collect(Collectors.joining(", ")) + ": " + SessionLink.rootMessage(e));
            return 1;
        } catch (ChatException e) {
            err.println(e.getMessage());
            return 1;
        }
        Thread hook = new Thread(client::close, "rmichat-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            client.awaitExit();
            return 0;
        } catch (ChatClient.Failed e) {
            err.println(e.getMessage());
            return 1;
        } finally {
            console.close();
        }
    }

    /** Time bounds on every remote call, unless the user set them with -D. */
    private static void setDefault(String property, String value) {
        if (System.getProperty(property) == null) System.setProperty(property, value);
    }

    private Optional<String> password() throws IOException {
        if (passwordFile != null) {
            return Optional.of(Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
                    .findFirst().orElse(""));
        }
        return Optional.ofNullable(System.getenv("RMICHAT_PASSWORD")).filter(p -> !p.isEmpty());
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
