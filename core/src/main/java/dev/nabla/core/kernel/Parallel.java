package dev.nabla.core.kernel;

import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Splits a loop over [0, n) into contiguous ranges, one per thread, the caller running the
 * first. The split depends only on n and the thread count, and each index is computed by the
 * same code whichever thread runs it, so results are identical for a given thread count.
 *
 * <p>Training calls kernels thousands of times a second, each for well under a millisecond, so
 * waking a parked thread (tens of microseconds) would eat the gain. Workers therefore spin for a
 * short while ({@link #SPIN_NANOS}, {@code -Dnabla.spin.nanos}, default 1 ms) waiting for the
 * next range before they park, as OpenMP runtimes do. Threads: {@code -Dnabla.threads=N},
 * default the number of CPUs.
 */
final class Parallel {
    static final int THREADS = Math.max(1, Integer.getInteger("nabla.threads", Runtime.getRuntime().availableProcessors()));
    /** How long an idle worker spins before it parks (measured: 0, 0.2 and 2 ms gave 0.72, 0.63 and 0.59 s/epoch). */
    static final long SPIN_NANOS = Long.getLong("nabla.spin.nanos", 1_000_000);
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    private static final ReentrantLock LOCK = new ReentrantLock();

    static {
        for (int i = 0; i < WORKERS.length; i++) WORKERS[i] = new Worker(i + 1);
    }

    private Parallel() {}

    /** Work on indices [from, to). */
    @FunctionalInterface
    interface Range {
        void run(int from, int to);
    }

    /**
     * One thread's share of a chunked loop: it may set up (scratch buffers, packing), then takes
     * chunk indices from {@code next} until it returns -1.
     */
    @FunctionalInterface
    interface Chunks {
        void run(java.util.function.IntSupplier next);
    }

    /**
     * Runs chunks 0..count-1 on up to THREADS threads, each taking the next free chunk, so a
     * slower core simply does fewer. Which thread runs a chunk must not change its result.
     */
    static void forChunks(int count, boolean parallel, Chunks task) {
        java.util.concurrent.atomic.AtomicInteger counter = new java.util.concurrent.atomic.AtomicInteger();
        java.util.function.IntSupplier next = () -> {
            int c = counter.getAndIncrement();
            return c < count ? c : -1;
        };
        forRange(Math.min(THREADS, count), 1, parallel, (from, to) -> {
            for (int i = from; i < to; i++) task.run(next);
        });
    }

    /**
     * Runs {@code body} over [0, n) in up to THREADS contiguous parts aligned to {@code grain}.
     * Runs serially when {@code parallel} is false, inside another parallel loop (on a worker, or
     * on the caller that holds the workers: no nesting), or while another thread holds the workers.
     */
    static void forRange(int n, int grain, boolean parallel, Range body) {
        int chunks = (int) (((long) n + grain - 1) / grain), parts = parallel ? Math.min(THREADS, chunks) : 1;
        if (parts <= 1 || Thread.currentThread() instanceof Worker || LOCK.isHeldByCurrentThread() || !LOCK.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            for (int t = 1; t < parts; t++) {
                WORKERS[t - 1].start(start(n, grain, chunks, parts, t), start(n, grain, chunks, parts, t + 1), body);
            }
            RuntimeException failure = null;
            try {
                body.run(0, start(n, grain, chunks, parts, 1));
            } catch (RuntimeException e) {
                failure = e;
            }
            for (int t = 1; t < parts; t++) {
                RuntimeException e = WORKERS[t - 1].await();
                if (failure == null) failure = e;
            }
            if (failure != null) throw failure;
        } finally {
            LOCK.unlock();
        }
    }

    /** Where part t of {@code parts} starts: a multiple of grain, at most n (in long: chunks·grain may pass 2³¹). */
    private static int start(int n, int grain, int chunks, int parts, int t) {
        return (int) Math.min(n, (long) chunks * t / parts * grain);
    }

    /** A daemon thread that runs one range at a time, handed over through volatile fields. */
    private static final class Worker extends Thread {
        private volatile Range body;  // non-null: a range to run
        private volatile boolean done = true;
        private int from, to;
        private RuntimeException failure;

        Worker(int index) {
            super("nabla-kernel-" + index);
            setDaemon(true);
            start();
        }

        void start(int from, int to, Range body) {
            this.from = from;
            this.to = to;
            failure = null;
            done = false;
            this.body = body;  // the volatile write publishes from, to and done
            LockSupport.unpark(this);
        }

        RuntimeException await() {
            while (!done) Thread.onSpinWait();
            return failure;
        }

        @Override
        public void run() {
            while (true) {
                long spinUntil = System.nanoTime() + SPIN_NANOS;
                Range b;
                while ((b = body) == null) {
                    if (System.nanoTime() < spinUntil) Thread.onSpinWait();
                    else LockSupport.park(this);
                }
                try {
                    b.run(from, to);
                } catch (RuntimeException e) {
                    failure = e;
                } catch (Error e) {
                    failure = new IllegalStateException("kernel thread failed: " + e, e);
                }
                body = null;
                done = true;
            }
        }
    }
}
