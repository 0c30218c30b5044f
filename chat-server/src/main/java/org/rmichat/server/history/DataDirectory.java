package org.rmichat.server.history;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The directory a server alone keeps its history in, created on first start and held with a lock for as long as
 * the server runs: two servers writing one history would hand out the same places.
 */
final class DataDirectory implements AutoCloseable {
    private final Path path;
    private final FileChannel lockFile;
    private final FileLock lock;

    private DataDirectory(Path path, FileChannel lockFile, FileLock lock) {
        this.path = path;
        this.lockFile = lockFile;
        this.lock = lock;
    }

    static DataDirectory claim(Path path) throws HistoryUnavailableException {
        Path absolute = path.toAbsolutePath().normalize();
        try {
            if (!Files.isDirectory(absolute)) {
                // private lines are in there: only the server's own user may read a directory it creates
                Files.createDirectories(absolute, PosixFilePermissions.asFileAttribute(
                        PosixFilePermissions.fromString("rwx------")));
            }
        } catch (UnsupportedOperationException e) {
            try {
                Files.createDirectories(absolute);   // not a POSIX file system: its own permissions apply
            } catch (IOException io) {
                throw new HistoryUnavailableException("cannot create data directory " + absolute + ": " + reason(io), io);
            }
        } catch (IOException e) {
            throw new HistoryUnavailableException("cannot create data directory " + absolute + ": " + reason(e), e);
        }
        if (!Files.isWritable(absolute)) {
            throw new HistoryUnavailableException("data directory " + absolute + " is not writable");
        }
        FileChannel channel = null;
        try {
            channel = FileChannel.open(absolute.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) throw new OverlappingFileLockException();
            return new DataDirectory(absolute, channel, lock);
        } catch (OverlappingFileLockException e) {
            close(channel);
            throw new HistoryUnavailableException("data directory " + absolute
                    + " is in use by another rmichat server; give each server its own --data-dir");
        } catch (IOException e) {
            close(channel);
            throw new HistoryUnavailableException("cannot use data directory " + absolute + ": " + reason(e), e);
        }
    }

    Path path() {
        return path;
    }

    /** What went wrong in words, not an exception's name: the path is already in the message. */
    private static String reason(IOException e) {
        if (e instanceof FileAlreadyExistsException) return "it is a file, not a directory";
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason().toLowerCase(java.util.Locale.ROOT);   // "Not a directory", "Read-only file system"
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(FileChannel channel) {
        if (channel == null) return;
        try {
            channel.close();
        } catch (IOException ignored) {
            // nothing held yet
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel releases it too
        }
        close(lockFile);
    }
}
