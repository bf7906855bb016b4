package dev.nabla.nn.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Writes a file so that readers see either the old content or the complete new one, never a
 * torn file: the bytes go to a temporary file in the same folder, are forced to disk, and the
 * temporary file is renamed over the target. On any failure the target is untouched.
 */
public final class AtomicFiles {
    private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();
    /** The name of {@link #write}'s temporary file: "." + target name + "." + a random base-36 number + ".tmp". */
    private static final Pattern TEMPORARY = Pattern.compile("\\..+\\.[0-9a-z]{1,13}\\.tmp");

    private AtomicFiles() {}

    /** Something that writes a file's bytes. */
    @FunctionalInterface
    public interface Writer {
        /** Writes the whole content to {@code out}. */
        void write(OutputStream out) throws IOException;
    }

    /**
     * Replaces {@code target} with what {@code writer} writes, atomically. Creates parent folders.
     *
     * @throws IOException naming {@code target} and the problem ({@code "cannot write runs/a/metrics.csv: No space
     *         left on device"}), whichever file or folder the operating system complained about
     */
    public static void write(Path target, Writer writer) throws IOException {
        java.util.Objects.requireNonNull(target, "target");
        java.util.Objects.requireNonNull(writer, "writer");
        try {
            replace(target, writer);
        } catch (IOException e) {
            String prefix = "cannot write " + target + ": ";
            if (e.getMessage() != null && e.getMessage().startsWith(prefix)) throw e;
            throw new IOException(prefix + problem(e), e);
        }
    }

    /**
     * Proves, before any work, that files can be written into {@code dir}: creates it and its
     * parents if needed, then creates, writes and deletes a probe file (named like a temporary
     * file, so a sweep removes one that a kill left behind). A read-only file system, a folder
     * without permission or a place like /proc fails here rather than when the results are ready.
     *
     * @throws IOException "cannot write into DIR: Read-only file system", the problem in words
     */
    public static void checkWritable(Path dir) throws IOException {
        java.util.Objects.requireNonNull(dir, "dir");
        Path probe = dir.resolve(".nabla-probe." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            Files.createDirectories(dir);
            try (FileChannel ch = FileChannel.open(probe, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                ch.write(java.nio.ByteBuffer.wrap(new byte[] {'n'}));
            } finally {
                Files.deleteIfExists(probe);
            }
        } catch (IOException e) {
            // /proc says "no such file" of the folder or the probe: the place takes no new files
            throw new IOException("cannot write into " + dir + ": " + (e instanceof NoSuchFileException ? "no file can be created there"
                    : problem(e)), e);
        }
    }

    /**
     * Deletes the temporary files that interrupted writes (a crash, kill -9, a power cut) left in
     * {@code dir}, and returns them. Only call it while nothing else writes into {@code dir} (under
     * a lock, say): a write in progress looks the same.
     */
    public static List<Path> deleteStaleTemporaries(Path dir) throws IOException {
        List<Path> deleted = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, p -> TEMPORARY.matcher(p.getFileName().toString()).matches()
                && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path p : files) if (Files.deleteIfExists(p)) deleted.add(p);
        }
        return deleted;
    }

    /** The problem in words, without the temporary file's name the user never asked for. */
    static String problem(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof FileAlreadyExistsException f) return f.getFile() + " is a file, not a folder";
        if (e instanceof NoSuchFileException f) return "no such file or folder: " + f.getFile();
        if (e instanceof FileSystemException f) return f.getReason() != null ? f.getReason() : e.getClass().getSimpleName();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }

    private static void replace(Path target, Writer writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // Not Files.createTempFile: that makes the file owner-only, and the result should get the
        // same permissions as any file the user creates (the umask decides).
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                writer.write(out);
                out.flush();
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
