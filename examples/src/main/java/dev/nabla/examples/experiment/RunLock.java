package dev.nabla.examples.experiment;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One run per folder: an operating-system lock on {@code .nabla.lock} in the folder, held for
 * the run and released when the run ends, however it ends (the system drops it when the process
 * dies, even on kill -9). The file names the holder (pid, start time, command) for the message
 * that a second run gets.
 */
final class RunLock implements AutoCloseable {
    /** The lock file's name. */
    static final String FILE = ".nabla.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private RunLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes {@code dir}'s lock, at once or not at all.
     *
     * @throws IOException naming the holder when another run holds it
     */
    static RunLock acquire(Path dir, String command) throws IOException {
        for (int attempt = 0; ; attempt++) {
            try {
                return tryAcquire(dir, command);
            } catch (Busy e) {
                // A sweeper holds a lock for a moment only: wait for it, never for a run.
                if (!e.holder.endsWith(SWEEPER) || attempt == 40) throw e;
                pause();
            }
        }
    }

    /** What a run that only sweeps an idle folder writes as its command. */
    static final String SWEEPER = "sweeping temporary files";

    private static final class Busy extends IOException {
        final String holder;

        Busy(Path dir, String holder) {
            super(dir + " is in use by another run (" + holder + "): wait for it to finish, or choose another folder");
            this.holder = holder;
        }
    }

    private static RunLock tryAcquire(Path dir, String command) throws IOException {
        FileChannel ch = FileChannel.open(dir.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        FileLock lock;
        try {
            lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {  // this JVM holds it already
            lock = null;
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        if (lock == null) {
            String holder = holder(ch);
            ch.close();
            throw new Busy(dir, holder);
        }
        try {
            String me = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now().truncatedTo(ChronoUnit.SECONDS) + ": "
                    + command.replace('\n', ' ');
            ch.truncate(0);
            ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
            ch.force(false);
        } catch (IOException e) {
            lock.release();
            ch.close();
            throw e;
        }
        return new RunLock(ch, lock);
    }

    /** What the holder wrote, waiting briefly for a holder that has only just taken the lock. */
    private static String holder(FileChannel ch) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            ByteBuffer b = ByteBuffer.allocate(4096);
            int n = ch.read(b, 0);
            if (n > 0) return new String(b.array(), 0, n, StandardCharsets.UTF_8).strip();
            pause();
        }
        return "a run that is just starting";
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Clears the holder's name and releases the lock (once); the file stays, so no other run's lock is ever deleted. */
    @Override
    public void close() throws IOException {
        if (!channel.isOpen()) return;
        try {
            channel.truncate(0);
        } finally {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
