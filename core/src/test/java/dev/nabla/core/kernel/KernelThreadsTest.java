package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/** Every task runs once, on whichever thread, its kernels give what they give alone, and a failure reaches the caller. */
class KernelThreadsTest {
    @Test
    void everyTaskRunsExactlyOnce() {
        for (int count : new int[] {0, 1, 2, 3, 17, 1000}) {
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            KernelThreads.forEach(count, runs::incrementAndGet);
            for (int i = 0; i < count; i++) assertEquals(1, runs.get(i), "task " + i + " of " + count);
        }
        assertEquals(Parallel.THREADS, KernelThreads.count());
    }

    @Test
    void productsInsideTasksAreBitIdenticalToProductsAlone() {
        int tasks = 6, m = 256, n = 128, k = 300;  // each product large enough to split on its own
        float[][] a = new float[tasks][], c = new float[tasks][], alone = new float[tasks][];
        float[] b = new float[k * n];
        java.util.Random rnd = new java.util.Random(2);
        for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextGaussian();
        Kernels kernels = Kernels.active();
        for (int t = 0; t < tasks; t++) {
            a[t] = new float[m * k];
            for (int i = 0; i < a[t].length; i++) a[t][i] = (float) rnd.nextGaussian();
            alone[t] = new float[m * n];
            kernels.gemm(false, false, m, n, k, a[t], 0, b, 0, alone[t], 0, false);
            c[t] = new float[m * n];
        }
        KernelThreads.forEach(tasks, t -> kernels.gemm(false, false, m, n, k, a[t], 0, b, 0, c[t], 0, false));
        for (int t = 0; t < tasks; t++) assertArrayEquals(alone[t], c[t], "task " + t);
    }

    @Test
    void nestedCallsRunOnTheCallingThread() {
        AtomicIntegerArray runs = new AtomicIntegerArray(4 * 5);
        KernelThreads.forEach(4, outer -> {
            Thread self = Thread.currentThread();
            KernelThreads.forEach(5, inner -> {
                assertSame(self, Thread.currentThread());
                runs.incrementAndGet(outer * 5 + inner);
            });
        });
        for (int i = 0; i < 20; i++) assertEquals(1, runs.get(i));
    }

    @Test
    void aTasksExceptionReachesTheCallerAndBadCountsAreRefused() {
        IllegalStateException boom = new IllegalStateException("task 3 failed");
        assertSame(boom, assertThrows(IllegalStateException.class, () -> KernelThreads.forEach(8, i -> {
            if (i == 3) throw boom;
        })));
        assertEquals("forEach: count must be at least 0, but got -1",
                assertThrows(IllegalArgumentException.class, () -> KernelThreads.forEach(-1, i -> {})).getMessage());
    }
}
