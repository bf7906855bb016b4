package dev.nabla.examples.experiment;

import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * An output folder, checked and held by one run: created if needed, proven writable (a probe file
 * is created and deleted), locked against a second run, and swept of the temporary files that an
 * interrupted atomic write left behind. All of this happens before any data is loaded, so a bad
 * location costs seconds, not a run. Errors name the folder and the problem in one line.
 */
public final class RunFolder implements AutoCloseable {
    private final Path dir;
    private final RunLock lock;
    private final List<Path> swept;

    private RunFolder(Path dir, RunLock lock, List<Path> swept) {
        this.dir = dir;
        this.lock = lock;
        this.swept = List.copyOf(swept);
    }

    /** Creates (if needed), checks, locks and sweeps {@code dir}. */
    public static RunFolder open(Path dir, String command) throws IOException {
        create(dir);
        probe(dir);
        RunLock lock = RunLock.acquire(dir, command);
        try {
            return new RunFolder(dir, lock, sweep(dir));
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /**
     * A new folder {@code <name>-<yyyyMMdd-HHmmss>[-n]} under {@code parent}, opened as
     * {@link #open}. The name is claimed with an atomic create, so runs started in the same second,
     * in this process or another, always get different folders. Earlier run folders under
     * {@code parent} that nobody holds are swept of temporary files too.
     */
    public static RunFolder createUnique(Path parent, String name, String command) throws IOException {
        create(parent);
        probe(parent);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        for (int i = 1; i <= 10_000; i++) {
            Path dir = parent.resolve(name + "-" + stamp + (i == 1 ? "" : "-" + i));
            try {
                Files.createDirectory(dir);
            } catch (FileAlreadyExistsException e) {
                continue;
            }
            sweepIdle(parent, dir);
            return open(dir, command);
        }
        throw new IOException("cannot create a run folder in " + parent + ": " + name + "-" + stamp + " and 9,999 more names are taken");
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** The leftover temporary files this run deleted when it took the folder. */
    public List<Path> swept() {
        return swept;
    }

    /** Deletes the folder if nothing but the lock was written into it (a run that failed before its first result). */
    public boolean discardIfUnused() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            if (s.anyMatch(p -> !p.getFileName().toString().equals(RunLock.FILE))) return false;
        }
        lock.close();
        Files.deleteIfExists(dir.resolve(RunLock.FILE));
        Files.deleteIfExists(dir);
        return true;
    }

    /** Releases the lock (idempotent). */
    @Override
    public void close() throws IOException {
        lock.close();
    }

    private static void create(Path dir) throws IOException {
        if (Files.isDirectory(dir)) return;
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) {
            throw new IOException("cannot use " + dir + " as the output folder: it is a file");
        }
        for (Path p = dir.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p)) throw new IOException("cannot create the output folder " + dir + ": " + p + " is a file, not a folder");
            if (Files.isDirectory(p)) break;
        }
        try {
            Files.createDirectories(dir);
        } catch (FileSystemException e) {
            throw new IOException("cannot create the output folder " + dir + ": " + reason(e), e);
        }
    }

    /** Proves that files can be created, written and deleted in {@code dir} ({@link AtomicFiles#checkWritable}), in the output folder's words. */
    private static void probe(Path dir) throws IOException {
        try {
            AtomicFiles.checkWritable(dir);
        } catch (IOException e) {
            IOException cause = e.getCause() instanceof IOException c ? c : e;
            throw new IOException("cannot write into the output folder " + dir + ": " + reason(cause), cause);
        }
    }

    /** Deletes interrupted writes' temporary files in {@code dir} and its direct subfolders (plots/). */
    private static List<Path> sweep(Path dir) throws IOException {
        List<Path> deleted = new ArrayList<>(AtomicFiles.deleteStaleTemporaries(dir));
        try (DirectoryStream<Path> subs = Files.newDirectoryStream(dir, p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS))) {
            for (Path sub : subs) deleted.addAll(AtomicFiles.deleteStaleTemporaries(sub));
        }
        return deleted;
    }

    /** Sweeps the run folders under {@code parent} (other than {@code except}) whose lock nobody holds. */
    private static void sweepIdle(Path parent, Path except) throws IOException {
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent,
                p -> !p.equals(except) && Files.isRegularFile(p.resolve(RunLock.FILE), LinkOption.NOFOLLOW_LINKS))) {
            for (Path d : dirs) {
                try (RunLock idle = RunLock.acquire(d, RunLock.SWEEPER)) {
                    sweep(d);
                } catch (IOException busy) {
                    // held by a live run, or unreadable: not ours to sweep
                }
            }
        }
    }

    /** The operating system's complaint, in words. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof java.nio.file.NoSuchFileException) return "no such file or folder";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason();
        return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
    }
}
