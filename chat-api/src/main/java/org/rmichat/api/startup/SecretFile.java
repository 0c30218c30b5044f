package org.rmichat.api.startup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one way rmichat reads a secret (the chat password, the Redis password, a keystore's or truststore's
 * password), with one policy for all of them:
 * <ul>
 *   <li>The secret is the whole file less one trailing line break ({@code \n} or {@code \r\n}), so
 *       {@code printf '%s\n' secret > file} and an editor's final newline both work.</li>
 *   <li>An empty secret is refused (exit 2): it would let everyone in while the log says the password is on.
 *       So is one with a line break left inside: a second line is a mistake, not part of a password.</li>
 *   <li>A file readable by group or others gets one warning per read, when the file system has POSIX
 *       permissions; it is still used, so a misconfigured deployment starts but says so.</li>
 *   <li>A file that cannot be read is a start-up failure (exit 1) naming the file and why.</li>
 *   <li>Without a file, the environment variable is used; an empty variable counts as unset, as shells
 *       export {@code VAR=} to clear one.</li>
 * </ul>
 * The secret itself never appears in a message.
 */
public final class SecretFile {
    private final String what;
    private final Consumer<String> warnings;

    /**
     * @param what     how messages name the file, for example "password file"
     * @param warnings where the warning about loose permissions goes (the caller's logger)
     */
    public SecretFile(String what, Consumer<String> warnings) {
        this.what = what;
        this.warnings = warnings;
    }

    /** The secret in {@code file}, if one is given, else in {@code variable} of {@code env}, else none. */
    public Optional<String> fromFileOrEnv(Path file, String variable, Map<String, String> env)
            throws StartupFailure {
        if (file != null) return Optional.of(read(file));
        return Optional.ofNullable(env.get(variable)).filter(value -> !value.isEmpty());
    }

    /** The secret in {@code file}, by the rules above. */
    public String read(Path file) throws StartupFailure {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw StartupFailure.because("cannot read " + what + " " + file, e);
        }
        String secret = withoutOneLineBreak(content);
        if (secret.isEmpty()) throw StartupFailure.badUsage(what + " " + file + " is empty");
        if (secret.indexOf('\n') >= 0 || secret.indexOf('\r') >= 0) {
            throw StartupFailure.badUsage(what + " " + file + " holds more than one line");
        }
        warnIfOthersCanRead(file);
        return secret;
    }

    private static String withoutOneLineBreak(String content) {
        if (content.endsWith("\r\n")) return content.substring(0, content.length() - 2);
        if (content.endsWith("\n")) return content.substring(0, content.length() - 1);
        return content;
    }

    private void warnIfOthersCanRead(Path file) throws StartupFailure {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) return;
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(file);
        } catch (IOException e) {
            throw StartupFailure.because("cannot read " + what + " " + file, e);
        }
        if (permissions.contains(PosixFilePermission.GROUP_READ)
                || permissions.contains(PosixFilePermission.OTHERS_READ)) {
            warnings.accept(what + " " + file + " is readable by other users; chmod 600 it");
        }
    }
}
