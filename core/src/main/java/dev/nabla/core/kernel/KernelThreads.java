package dev.nabla.core.kernel;

import java.util.concurrent.Callable;

/**
 * The threads that compute kernels: how many there are ({@code -Dnabla.threads=N}, default the
 * number of CPUs), and a way to keep one thread's kernels to itself. A job of independent pieces
 * of work (the runs of an experiment) uses the cores best by running pieces side by side, one per
 * core, each computing its kernels {@link #alone} on its own thread: nothing then waits for another
 * thread, and the numbers are the same as with the kernel threads' help (every kernel's result is
 * independent of the thread that computes each part of it).
 */
public final class KernelThreads {
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    private KernelThreads() {}

    /** How many threads compute a kernel, the caller included ({@code -Dnabla.threads}, default the CPU count). */
    public static int count() {
        return Parallel.THREADS;
    }

    /**
     * Runs {@code task} on the calling thread with every kernel it calls computed on this thread
     * alone, without the kernel threads; returns its result. Nested calls are allowed.
     *
     * @throws Exception what {@code task} throws
     */
    public static <T> T alone(Callable<T> task) throws Exception {
        java.util.Objects.requireNonNull(task, "task");
        boolean before = ALONE.get();
        ALONE.set(true);
        try {
            return task.call();
        } finally {
            ALONE.set(before);
        }
    }

    /** Whether the calling thread is inside {@link #alone}. */
    static boolean isAlone() {
        return ALONE.get();
    }
}
