package org.rmichat.api.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SecretFileTest {
    @TempDir Path dir;
    private final List<String> warnings = new ArrayList<>();
    private final SecretFile secrets = new SecretFile("password file", warnings::add);

    private Path file(String name, String content, String permissions) throws Exception {
        Path file = Files.createFile(dir.resolve(name),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString(permissions)));
        return Files.writeString(file, content);
    }

    @Test
    void oneTrailingLineBreakIsNotPartOfTheSecret() throws Exception {
        assertEquals("s3cret", secrets.read(file("unix", "s3cret\n", "rw-------")));
        assertEquals("s3cret", secrets.read(file("dos", "s3cret\r\n", "rw-------")));
        assertEquals("s3cret", secrets.read(file("bare", "s3cret", "rw-------")));
        assertEquals(" spaced out ", secrets.read(file("spaces", " spaced out \n", "rw-------")));
        assertEquals(List.of(), warnings);
    }

    @Test
    void anEmptySecretIsBadUsageNamingTheFile() throws Exception {
        for (String content : new String[] {"", "\n", "\r\n"}) {
            Path file = file("empty" + content.length(), content, "rw-------");

            StartupFailure refused = assertThrows(StartupFailure.class, () -> secrets.read(file));

            assertEquals(StartupFailure.BAD_USAGE, refused.exitCode());
            assertEquals("password file " + file + " is empty", refused.getMessage());
        }
    }

    @Test
    void aSecondLineIsBadUsageAndNeverShown() throws Exception {
        Path file = file("two", "first\nsecond\n", "rw-------");

        StartupFailure refused = assertThrows(StartupFailure.class, () -> secrets.read(file));

        assertEquals(StartupFailure.BAD_USAGE, refused.exitCode());
        assertEquals("password file " + file + " holds more than one line", refused.getMessage());
    }

    @Test
    void aMissingFileCannotStartAndSaysSoInOneLine() {
        Path missing = dir.resolve("missing");

        StartupFailure failed = assertThrows(StartupFailure.class, () -> secrets.read(missing));

        assertEquals(StartupFailure.COULD_NOT_START, failed.exitCode());
        assertEquals("cannot read password file " + missing + ": no such file", failed.getMessage());
    }

    @Test
    void aFileOthersCanReadIsUsedWithOneWarning() throws Exception {
        Path group = file("group", "s3cret\n", "rw-r-----");
        Path others = file("others", "s3cret\n", "rw----r--");

        assertEquals("s3cret", secrets.read(group));
        assertEquals(List.of("password file " + group + " is readable by other users; chmod 600 it"), warnings);
        assertEquals("s3cret", secrets.read(others));
        assertEquals(2, warnings.size());
        assertFalse(String.join("\n", warnings).contains("s3cret"));
    }

    @Test
    void theFileWinsOverTheEnvironmentAndAnEmptyVariableIsUnset() throws Exception {
        Path file = file("secret", "from-file\n", "rw-------");
        Map<String, String> env = Map.of("SECRET", "from-env", "EMPTY", "");

        assertEquals(Optional.of("from-file"), secrets.fromFileOrEnv(file, "SECRET", env));
        assertEquals(Optional.of("from-env"), secrets.fromFileOrEnv(null, "SECRET", env));
        assertEquals(Optional.empty(), secrets.fromFileOrEnv(null, "EMPTY", env));
        assertEquals(Optional.empty(), secrets.fromFileOrEnv(null, "UNSET", env));
    }

    @Test
    void anUnreadableFileIsOneLineWithoutTheSecret() throws Exception {
        // a directory: unreadable as a file even for root, who reads any file whatever its permissions
        Path notAFile = Files.createDirectory(dir.resolve("s3cret"));

        StartupFailure failed = assertThrows(StartupFailure.class, () -> secrets.read(notAFile));

        assertTrue(failed.getMessage().startsWith("cannot read password file " + notAFile + ": "), failed.getMessage());
        assertEquals(1, failed.getMessage().lines().count());
    }
}
