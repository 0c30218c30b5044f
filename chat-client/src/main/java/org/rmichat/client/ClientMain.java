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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.rmichat.api.ChatException;
import org.rmichat.client.console.Console;
import org.rmichat.client.console.JLineConsole;
import org.rmichat.client.console.PlainConsole;
import org.rmichat.client.console.Theme;
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
        exitCodeList = {"0:left normally (/quit, Ctrl-D, Ctrl-C, end of input)",
                "1:server unreachable, join refused, or gave up reconnecting", "2:bad usage"},
        footerHeading = "%nCommands in the chat:%n")
public final class ClientMain implements Callable<Integer> {
    /** Longer than any poll wait, so a healthy long poll never times out but a dead connection does. */
    private static final String RESPONSE_TIMEOUT_MILLIS = "30000";

    @Option(names = "--server", converter = HostPort.Parser.class, paramLabel = "HOST:PORT",
            defaultValue = "${env:RMICHAT_SERVER:-localhost:1099}",
            description = "Server as host:port (env RMICHAT_SERVER; default: ${DEFAULT-VALUE}).")
    HostPort server;

    @Option(names = "--name", defaultValue = "${env:RMICHAT_NAME}", paramLabel = "NAME",
            description = "Your display name: 1-24 letters, digits, _ or - (env RMICHAT_NAME; "
                    + "default: User N).")
    String name;

    @Option(names = "--password-file", paramLabel = "FILE",
            description = "The server's shared secret (first line of FILE); or set RMICHAT_PASSWORD.")
    Path passwordFile;

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

    private final PrintStream out;

    ClientMain(PrintStream out) {
        this.out = out;
    }

    public static void main(String... args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.setProperty("sun.rmi.transport.tcp.responseTimeout", RESPONSE_TIMEOUT_MILLIS);
        int code = commandLine(new ClientMain(out))
                .setOut(new PrintWriter(out, true))
                .setErr(err)
                .execute(args);
        System.exit(code);
    }

    /** The command with its help footer, which lists the chat commands from the one list /help prints. */
    static CommandLine commandLine(ClientMain main) {
        CommandLine cmd = new CommandLine(main);
        List<String> footer = new ArrayList<>();
        SenderLoop.HELP.forEach(line -> footer.add("  " + line));
        footer.add("%nEnvironment: RMICHAT_SERVER, RMICHAT_NAME and RMICHAT_PASSWORD as above; "
                + "NO_COLOR (any non-empty value) turns colours off.");
        cmd.getCommandSpec().usageMessage().footer(footer.toArray(String[]::new));
        return cmd;
    }

    /**
     * The line editor only when both ends are a terminal it can drive; otherwise lines in, lines out, so
     * scripts and pipes see no prompt and no escape codes.
     */
    private Console openConsole() {
        boolean terminal = System.console() != null;
        if (terminal && !plain) {
            Optional<JLineConsole> console = JLineConsole.system();
            if (console.isPresent()) return console.get();
        }
        return new PlainConsole(System.in, out, terminal);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        ClientConfig config = ClientConfig.of(server, Optional.ofNullable(name).filter(n -> !n.isBlank()))
                .withPassword(password())
                .withReconnectTimeout(reconnectTimeout);
        Console console = openConsole();
        boolean colour = Theme.coloursWanted(noColor, System.getenv("NO_COLOR"), console.supportsStyles());
        ChatClient client = new ChatClient(config, console, new DisplayOptions(colour, timestamps, quiet));
        try {
            client.start();
        } catch (RemoteException | NotBoundException e) {
            console.close();
            err.println("cannot reach chat server at " + server + ": " + SessionLink.rootMessage(e));
            return 1;
        } catch (ChatException e) {
            console.close();
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
