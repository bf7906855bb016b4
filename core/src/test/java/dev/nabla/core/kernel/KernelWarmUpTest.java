package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The warm-up runs on every implementation, on a daemon thread that ends by itself and never holds the kernel threads. */
class KernelWarmUpTest {
    @Test
    void runsOnEveryImplementation() {
        for (Kernels k : LinearKernelTest.all()) KernelWarmUp.run(k);  // its arrays and aliasing are valid for each
    }

    @Test
    void aDaemonThreadThatEndsByItself() throws Exception {
        Thread t = KernelWarmUp.start();
        assertEquals("nabla-warm-up", t.getName());
        assertTrue(t.isDaemon(), "never keeps the JVM alive");
        t.join(120_000);
        assertFalse(t.isAlive(), "finished its rounds");
    }

    @Test
    void aProductOnTheCallerRunsWhileTheWarmUpRuns() throws Exception {
        Thread t = KernelWarmUp.start();
        Kernels k = Kernels.active();
        int m = 512, n = 512, kk = 64;  // large enough to split across the kernel threads
        float[] a = new float[m * kk], b = new float[kk * n], c = new float[m * n], expected = new float[m * n];
        for (int i = 0; i < a.length; i++) a[i] = (i % 7) - 3;
        for (int i = 0; i < b.length; i++) b[i] = (i % 5) - 2;
        new ReferenceKernels().gemm(false, false, m, n, kk, a, 0, b, 0, expected, 0, false);
        k.gemm(false, false, m, n, kk, a, 0, b, 0, c, 0, false);
        org.junit.jupiter.api.Assertions.assertArrayEquals(expected, c, "small integers: exact on every path");
        t.join(120_000);
    }
}
