package dev.nabla.core.kernel;

import java.util.concurrent.Callable;
import java.util.function.IntConsumer;

/**
 * The threads that compute kernels ({@code -Dnabla.threads=N}, default the number of CPUs), for
 * work made of independent pieces. Whole pieces on each thread scale better than splitting every
 * product of a piece: {@link #forEach} hands pieces (the batches of an evaluation) to the caller
 * and the kernel threads, and {@link #alone} keeps one thread's kernels on that thread, so that
 * pieces of a job run side by side, one per core (the runs of an experiment). Either way a
 * piece's numbers are what they are alone: every kernel cuts its work into the same chunks
 * whichever threads, and however many, compute them.
 */
public final class KernelThreads {
    private static final ThreadLocal<Boolean> ALONE = ThreadLocal.withInitial(() -> false);

    private KernelThreads() {}

    /** The number of threads that take part: the caller and the kernel threads ({@code -Dnabla.threads}). */
    public static int count() {
        return Parallel.THREADS;
    }

    /**
     * Runs {@code task.accept(i)} once for each i in [0, count), on the caller and the kernel
     * threads that are free, and returns when all have run. A task's exception is thrown here (the
     * first, as it was). Nested inside another such call, a parallel kernel or {@link #alone}, the
     * tasks run on the calling thread alone, in order.
     *
     * @throws IllegalArgumentException if count is negative
     */
    public static void forEach(int count, IntConsumer task) {
        if (count < 0) throw new IllegalArgumentException("forEach: count must be at least 0, but got " + count);
        java.util.Objects.requireNonNull(task, "task");
        Parallel.forChunks(count, true, next -> {
            for (int i; (i = next.getAsInt()) >= 0; ) task.accept(i);
        });
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
