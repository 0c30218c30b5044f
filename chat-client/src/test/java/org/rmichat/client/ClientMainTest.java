package org.rmichat.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rmichat.api.AuthenticationFailedException;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

class ClientMainTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    @TempDir Path dir;

    private Path secret(String name, String content) throws Exception {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content);
    }

    private int run(String... args) {
        CommandLine cmd = ClientMain.commandLine(new ClientMain(new PrintStream(new ByteArrayOutputStream())));
        cmd.setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true));
        return cmd.execute(args);
    }

    @Test
    void everyOptionIsDescribed() {
        CommandLine cmd = ClientMain.commandLine(new ClientMain(System.out));

        for (OptionSpec option : cmd.getCommandSpec().options()) {
            assertTrue(option.description().length > 0 && !option.description()[0].isBlank(), option.longestName());
        }
    }

    @Test
    void helpListsOptionsExitCodesAndChatCommands() {
        assertEquals(0, run("--help"));

        String help = out.toString();
        for (String expected : new String[] {"--server", "--name", "--plain", "--no-color", "--timestamps",
                "--quiet", "RMICHAT_SERVER", "NO_COLOR", "Exit codes:", "2   bad usage", "/msg NAME text",
                "/nick NEW", "/me action", "/who", "/quit"}) {
            assertTrue(help.contains(expected), "help lacks " + expected + ":\n" + help);
        }
        // picocli wraps the footer at 80 columns, to column 0: each command's line must fit whole
        for (String line : ChatCommand.HELP) assertTrue(help.contains("  " + line + "\n"), "wrapped: " + line);
    }

    @Test
    void badUsageExitsWithTwo() {
        assertEquals(2, run("--timestamps=maybe"));
        assertEquals(2, run("--server", "host:notaport"));
        assertFalse(err.toString().isBlank());
    }

    @Test
    void anIpv6AddressNeedsBracketsAndABareOneIsAClearUsageError() {
        assertEquals(new HostPort("::1", 1099), HostPort.parse("[::1]:1099"));
        assertEquals(new HostPort("::1", 1099), HostPort.parse("[::1]"));
        assertEquals(new HostPort("::1", 1200), HostPort.parse("[::1]:1200"));
        assertEquals("[::1]:1200", new HostPort("::1", 1200).toString());

        assertEquals(2, run("--server", "::1"));
        assertTrue(err.toString().contains("an IPv6 address goes in brackets, as [::1]:1099"), err.toString());
    }

    @Test
    void aNameThatResolvesToNothingIsCalledAnUnknownHost() {
        assertEquals(1, run("--server", "nonsense.invalid:1099"));
        assertTrue(err.toString().contains("unknown host nonsense.invalid"), err.toString());
    }

    @Test
    void anEmptyPasswordFileIsRefusedInOneLineWithTwo() throws Exception {
        Path empty = secret("empty", "\n");

        assertEquals(2, run("--server", "127.0.0.1:1", "--password-file", empty.toString()));
        assertEquals(List.of("password file " + empty + " is empty"), err.toString().lines().toList());
    }

    @Test
    void aMissingPasswordFileCannotStart() {
        Path missing = dir.resolve("missing");

        assertEquals(1, run("--server", "127.0.0.1:1", "--password-file", missing.toString()));
        assertEquals(List.of("cannot read password file " + missing + ": no such file"),
                err.toString().lines().toList());
    }

    @Test
    void anEmptyTruststorePasswordFileIsRefusedLikeAnyOtherSecret() throws Exception {
        Path empty = secret("empty", "");

        assertEquals(2, run("--server", "127.0.0.1:1", "--tls", "--truststore", "trust.p12",
                "--truststore-password-file", empty.toString()));
        assertEquals(List.of("truststore password file " + empty + " is empty"), err.toString().lines().toList());
    }

    @Test
    void aMissingTruststoreCannotStart() {
        Path missing = dir.resolve("trust.p12");

        assertEquals(1, run("--server", "127.0.0.1:1", "--tls", "--truststore", missing.toString()));
        assertEquals(List.of("cannot read truststore " + missing + ": no such file"),
                err.toString().lines().toList());
    }

    @Test
    void aRefusedJoinAndAGivenUpReconnectAreTheirOwnOneLineAndOne() throws Exception {
        CommandLine cmd = ClientMain.commandLine(new ClientMain(System.out)).setErr(new PrintWriter(err, true));
        CommandLine.IExecutionExceptionHandler handler = cmd.getExecutionExceptionHandler();

        assertEquals(1, handler.handleExecutionException(new AuthenticationFailedException(), cmd, null));
        assertEquals(1, handler.handleExecutionException(new ChatClient.Failed("gave up"), cmd, null));
        assertEquals(1, handler.handleExecutionException(new IllegalStateException("a bug"), cmd, null));

        assertEquals(List.of("authentication failed", "gave up", "error: a bug"), err.toString().lines().toList());
    }

    @Test
    void versionExitsWithZero() {
        assertEquals(0, run("--version"));
        assertTrue(out.toString().startsWith("rmichat client "), out.toString());
    }
}
