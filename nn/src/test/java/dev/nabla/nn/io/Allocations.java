package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** Bytes the current thread allocates on the heap, as HotSpot counts them: how tests see "no allocation the file does not justify". */
public final class Allocations {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocations() {}

    /** Something to measure; any exception it throws is returned, not rethrown. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** The outcome of one measured action. */
    public record Result(long bytes, Throwable thrown) {}

    /** Runs {@code action} and counts what this thread allocated meanwhile (skips the test where the JVM cannot count). */
    public static Result measure(Action action) {
        assumeTrue(THREADS.isThreadAllocatedMemorySupported() && THREADS.isThreadAllocatedMemoryEnabled(),
                "this JVM does not count allocated bytes per thread");
        long id = Thread.currentThread().getId();
        long before = THREADS.getThreadAllocatedBytes(id);
        Throwable thrown = null;
        try {
            action.run();
        } catch (Throwable t) {
            thrown = t;
        }
        return new Result(THREADS.getThreadAllocatedBytes(id) - before, thrown);
    }
}
