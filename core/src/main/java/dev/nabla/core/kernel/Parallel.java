package dev.nabla.core.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntSupplier;

/**
 * Runs a loop of numbered chunks on the calling thread and the kernel threads, each taking the
 * next free chunk from a shared counter: a slower or descheduled thread simply does fewer, and
 * work that a thread has not started is left to those that run. The caller takes part, and at
 * the end waits only for threads that took a chunk, never for one that has not woken up yet.
 * Each chunk is computed by the same code whichever thread runs it (the kernels that reduce keep
 * one result per chunk and add them in chunk order), so results are identical for a given thread
 * count, and for any other count too where the chunks do not depend on it.
 *
 * <p>Training calls kernels thousands of times a second, each for well under a millisecond, so
 * waking a parked thread (tens of microseconds) would eat the gain: an idle kernel thread spins
 * for a while ({@link #SPIN_NANOS}) before it parks, as OpenMP runtimes do. But a spinning thread
 * must not take a core from threads with work, ours or another program's: a spinning thread that
 * finds it was descheduled ({@link #PREEMPTED_NANOS} between two looks at the clock) knows that
 * the cores are oversubscribed and parks at once. Threads: {@code -Dnabla.threads=N}, default
 * the number of CPUs.
 */
final class Parallel {
    static final int THREADS = Math.max(1, Integer.getInteger("nabla.threads", Runtime.getRuntime().availableProcessors()));
    /**
     * How long an idle thread spins before it parks ({@code -Dnabla.spin.nanos}): about one product
     * of a training step. Chosen, not tuned; docs/performance.md has bench/side-by-side runs with it
     * on a 2-vCPU Xeon, with and without a busy core.
     */
    static final long SPIN_NANOS = Long.getLong("nabla.spin.nanos", 200_000);
    /**
     * A spinning thread that sees at least this gap between two looks at the clock (each a few
     * nanoseconds apart when it runs) was descheduled for another thread: it parks rather than
     * compete for the core again. Far above a look's cost, far below a scheduler's time slice.
     */
    static final long PREEMPTED_NANOS = 20_000;
    private static final Worker[] WORKERS = new Worker[THREADS - 1];
    private static final ReentrantLock LOCK = new ReentrantLock();
    /** The job the kernel threads should help with; a new object per job. */
    private static volatile Job posted;

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
     * One thread's share of a chunked loop: it may set up (scratch buffers), then takes chunk
     * indices from {@code next} until it returns -1. It is called only by a thread that has a chunk.
     */
    @FunctionalInterface
    interface Chunks {
        void run(IntSupplier next);
    }

    /**
     * Runs chunks 0..count-1, each once, on the caller and the kernel threads that are free. Runs
     * them all on the caller when {@code parallel} is false, inside another parallel loop (on a
     * kernel thread, or on the caller that holds them: no nesting), on a thread inside
     * {@link KernelThreads#alone}, or while another thread holds the kernel threads. Which thread runs a chunk must not change its result.
     */
    static void forChunks(int count, boolean parallel, Chunks task) {
        if (count <= 0) return;
        if (!parallel || count == 1 || THREADS == 1 || Thread.currentThread() instanceof Worker || LOCK.isHeldByCurrentThread()
                || KernelThreads.isAlone() || !LOCK.tryLock()) {
            int[] next = {0};
            task.run(() -> next[0] < count ? next[0]++ : -1);
            return;
        }
        try {
            Job job = new Job(count, task);
            posted = job;
            for (Worker w : WORKERS) if (w.parked) LockSupport.unpark(w);
            job.help();  // the caller takes chunks too, and when it returns every chunk has been taken
            job.awaitHelpers();
            posted = null;  // keeps no arrays alive between jobs
            if (job.failure instanceof RuntimeException e) throw e;
            if (job.failure instanceof Error e) throw e;
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Runs {@code body} over [0, n) in chunks of {@code grain} indices (the last may be shorter),
     * handed out as {@link #forChunks} does; serially, as one range, when {@code parallel} is false.
     */
    static void forRange(int n, int grain, boolean parallel, Range body) {
        int chunks = (int) (((long) n + grain - 1) / grain);  // in long: n + grain may pass 2³¹
        if (!parallel || chunks <= 1 || THREADS == 1) {
            if (n > 0) body.run(0, n);
            return;
        }
        forChunks(chunks, true, next -> {
            for (int c; (c = next.getAsInt()) >= 0; ) body.run(c * grain, (int) Math.min(n, (c + 1L) * grain));
        });
    }

    /**
     * Spins while it is worth it, on a core it does not take from anyone: true once {@code done}
     * holds, false when the budget ran out or the thread was descheduled meanwhile (then park).
     */
    private static boolean spinUntil(java.util.function.BooleanSupplier done, long budget) {
        long start = System.nanoTime(), last = start;
        while (!done.getAsBoolean()) {
            long now = System.nanoTime();
            if (now - start >= budget || now - last >= PREEMPTED_NANOS) return false;
            last = now;
            Thread.onSpinWait();
        }
        return true;
    }

    /** One parallel loop: the chunk counter, the threads inside it, the first failure. */
    private static final class Job {
        final int count;
        final Chunks task;
        final AtomicInteger next = new AtomicInteger(), active = new AtomicInteger();
        volatile Thread waiter;  // the caller, when it parked waiting for active to reach 0
        volatile Throwable failure;  // the first, rethrown on the caller as it is

        Job(int count, Chunks task) {
            this.count = count;
            this.task = task;
        }

        /** Takes part: if a chunk is still free, runs the task from it. */
        void help() {
            active.incrementAndGet();  // before taking a chunk: the caller waits for every thread inside
            try {
                int first = next.getAndIncrement();
                if (first >= count) return;
                boolean[] started = {false};
                task.run(() -> {
                    if (!started[0]) {
                        started[0] = true;
                        return first;
                    }
                    int c = next.getAndIncrement();
                    return c < count ? c : -1;
                });
            } catch (RuntimeException | Error e) {
                if (failure == null) failure = e;
            } finally {
                if (active.decrementAndGet() == 0) {
                    Thread w = waiter;
                    if (w != null) LockSupport.unpark(w);
                }
            }
        }

        /** Waits until no other thread is inside {@link #help}: spins briefly, then parks. */
        void awaitHelpers() {
            if (spinUntil(() -> active.get() == 0, SPIN_NANOS)) return;
            waiter = Thread.currentThread();
            while (active.get() != 0) LockSupport.park(this);
            waiter = null;
        }
    }

    /** A daemon thread that helps with each posted job; between jobs it spins, then parks. */
    private static final class Worker extends Thread {
        volatile boolean parked;

        Worker(int index) {
            super("nabla-kernel-" + index);
            setDaemon(true);
            start();
        }

        @Override
        public void run() {
            Job done = null;
            while (true) {
                Job last = done;
                if (!spinUntil(() -> posted != last, SPIN_NANOS)) {
                    parked = true;
                    while (posted == last) LockSupport.park(this);
                    parked = false;
                }
                done = posted;
                if (done != null) done.help();
            }
        }
    }
}
