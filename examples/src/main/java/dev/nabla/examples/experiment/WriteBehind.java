package dev.nabla.examples.experiment;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;

/**
 * A job's files written on one background thread, so that training does not wait for figures to
 * be drawn and encoded or for files to reach the disk. Writes run one at a time, in the order they
 * were asked for; a write still waiting is dropped when a newer one that covers it arrives (see
 * {@link Kind}), so a slow disk or a busy machine delays the files, never the training, and never
 * leaves them older than the last write asked for. A failed write is thrown to the asking thread at
 * its next request or at {@link #drain()}; the writes after a failure are skipped.
 */
final class WriteBehind implements AutoCloseable {
    /** What a write covers: a newer write covers the waiting writes of the kinds it {@link #covers}. */
    enum Kind {
        /** metrics.csv after an epoch. */
        METRICS,
        /** The live report while a run goes on. */
        LIVE,
        /** Everything: figures, report, metrics.csv and config.json. */
        FULL;

        boolean covers(Kind older) {
            return this == FULL ? older != FULL : older == this;
        }
    }

    /** One write, run on the background thread. */
    @FunctionalInterface
    interface Write {
        void run() throws IOException;
    }

    private record Pending(Kind kind, Write write) {}

    private final ArrayDeque<Pending> queue = new ArrayDeque<>();  // all fields guarded by this
    private final Thread thread;
    private boolean busy, closed;
    private Throwable failure;

    /** Starts the (daemon) thread, named {@code name}. */
    WriteBehind(String name) {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Queues {@code write}, dropping the waiting writes it covers.
     *
     * @throws IOException when an earlier write failed (and then nothing is queued)
     */
    synchronized void submit(Kind kind, Write write) throws IOException {
        if (closed) throw new IllegalStateException("WriteBehind: submit after close");
        rethrow();
        queue.removeIf(p -> kind.covers(p.kind()));
        queue.addLast(new Pending(kind, write));
        notifyAll();
    }

    /**
     * Waits until every queued write ran.
     *
     * @throws IOException when a write failed, or the wait was interrupted
     */
    synchronized void drain() throws IOException {
        try {
            while (busy || !queue.isEmpty()) wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while the report was being written");
        }
        rethrow();
    }

    /** Waits for the queued writes (their failure is not thrown here: {@link #drain()} throws it), then stops the thread. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void rethrow() throws IOException {  // the write's own exception, as if the asking thread had written
        if (failure instanceof IOException e) throw e;
        if (failure instanceof RuntimeException e) throw e;
        if (failure instanceof Error e) throw e;
        if (failure != null) throw new IllegalStateException("writing the report failed: " + failure, failure);
    }

    private void loop() {
        while (true) {
            Pending next;
            synchronized (this) {
                while (queue.isEmpty() && !closed) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (queue.isEmpty()) return;  // closed and nothing left
                next = queue.removeFirst();
                busy = true;
            }
            Throwable failed = null;
            try {
                if (!hasFailed()) next.write().run();
            } catch (Throwable t) {  // handed to the training thread, which decides
                failed = t;
            }
            synchronized (this) {
                if (failed != null && failure == null) failure = failed;
                busy = false;
                notifyAll();
            }
        }
    }

    private synchronized boolean hasFailed() {
        return failure != null;
    }
}
