package dev.nabla.core.kernel;

import java.util.function.IntConsumer;

/**
 * Independent tasks on the calling thread and the kernel threads, for work made of similar pieces
 * that do not depend on each other, such as the batches of an evaluation: each thread takes the
 * next task from a shared counter, as a product's chunks are handed out, and the kernels a task
 * calls run whole on that thread (inside a parallel loop a kernel never splits again). Whole
 * pieces on each thread scale better than splitting every product of a piece, and each piece's
 * result is what it would be alone: a kernel computes the same chunks whichever thread runs them.
 */
public final class KernelThreads {
    private KernelThreads() {}

    /** The number of threads that take part: the caller and the kernel threads ({@code -Dnabla.threads}). */
    public static int count() {
        return Parallel.THREADS;
    }

    /**
     * Runs {@code task.accept(i)} once for each i in [0, count), on the caller and the kernel
     * threads that are free, and returns when all have run. A task's exception is thrown here (the
     * first, as it was). Nested inside another such call or a parallel kernel, the tasks run on the
     * calling thread alone, in order.
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
}
