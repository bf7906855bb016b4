package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Vector API kernels against the portable ones (and a double-precision reference) on random
 * shapes. Tolerance: both float32 results may differ from the exact value by the rounding of a
 * k-term sum, at most k·2⁻²⁴·Σ|aᵢₖbₖⱼ| (FMA and a different summation order change the rounding,
 * not the bound); we allow 4x that.
 */
class KernelAgreementTest {
    private static Kernels fast, portable;

    @BeforeAll
    static void kernels() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        fast = KernelSelector.vector();
        portable = KernelSelector.portable();
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** Shapes: odd sizes, single rows and columns, tiles and their edges, the 60,000 % 256 = 96 batch tail. */
    private static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 1}, {5, 3, 2}, {6, 1, 32}, {7, 33, 65}, {13, 300, 10}, {96, 784, 256},
        {256, 256, 10}, {10, 256, 256}, {1, 784, 256}, {256, 784, 1}, {61, 517, 129}, {96, 10, 256}};

    @Test
    void matrixProductsAgreeInEveryForm() {
        Random rnd = new Random(1);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2], off = 3;
            float[] a = random(rnd, off + m * k), b = random(rnd, off + k * n);
            for (int form = 0; form < 3; form++) {
                float[] cf = new float[off + m * n + 2], cp = new float[off + m * n + 2];
                cf[0] = cp[0] = 42f;  // outside the output: must stay untouched
                switch (form) {
                    case 0 -> { fast.matmul(a, off, b, off, cf, off, m, k, n); portable.matmul(a, off, b, off, cp, off, m, k, n); }
                    case 1 -> { fast.matmulTransA(a, off, b, off, cf, off, m, k, n); portable.matmulTransA(a, off, b, off, cp, off, m, k, n); }
                    default -> { fast.matmulTransB(a, off, b, off, cf, off, m, k, n); portable.matmulTransB(a, off, b, off, cp, off, m, k, n); }
                }
                assertEquals(42f, cf[0]);
                assertEquals(0f, cf[off + m * n]);
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) {
                        double exact = 0, mag = 0;
                        for (int p = 0; p < k; p++) {
                            double x = form == 1 ? a[off + p * m + i] : a[off + i * k + p];
                            double y = form == 2 ? b[off + j * k + p] : b[off + p * n + j];
                            exact += x * y;
                            mag += Math.abs(x * y);
                        }
                        double tol = 4 * k * 0x1p-24 * mag + 1e-30;
                        String where = "form " + form + " shape " + m + "x" + k + "x" + n + " at (" + i + "," + j + ")";
                        assertEquals(exact, cf[off + i * n + j], tol, "vector, " + where);
                        assertEquals(exact, cp[off + i * n + j], tol, "portable, " + where);
                    }
            }
        }
    }

    @Test
    void parallelProductsAreBitIdenticalRunToRun() {
        Random rnd = new Random(2);
        int m = 256, k = 784, n = 256;
        float[] a = random(rnd, m * k), b = random(rnd, n * k), first = new float[m * n];
        fast.matmulTransB(a, 0, b, 0, first, 0, m, k, n);
        for (int run = 0; run < 20; run++) {  // threads take panels in a different order each time
            float[] again = new float[m * n];
            fast.matmulTransB(a, 0, b, 0, again, 0, m, k, n);
            assertArrayEquals(first, again, "run " + run);
        }
    }

    @Test
    void elementwiseAndReductionsAgree() {
        Random rnd = new Random(3);
        for (int n : new int[] {1, 15, 16, 17, 1000, 65536 + 5}) {
            float[] x = random(rnd, n), y = random(rnd, n);
            for (UnaryOp op : UnaryOp.values()) {
                float[] f = new float[n], p = new float[n];
                float[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? abs(x) : x;
                fast.unary(op, in, f, n);
                portable.unary(op, in, p, n);
                assertArrayEquals(p, f, op + " n=" + n);
            }
            for (BinaryOp op : BinaryOp.values()) {
                float[] f = new float[n], p = new float[n];
                fast.binary(op, x, new int[] {n}, y, new int[] {n}, f, new int[] {n});
                portable.binary(op, x, new int[] {n}, y, new int[] {n}, p, new int[] {n});
                assertArrayEquals(p, f, op + " n=" + n);
            }
            float[] f = y.clone(), p = y.clone();
            fast.axpy(0.3f, x, 0, f, 0, n);
            portable.axpy(0.3f, x, 0, p, 0, n);
            assertArrayEquals(p, f, 1e-6f, "axpy (fma rounds once, the portable loop twice)");
            float[] rf = new float[n], rp = new float[n];
            fast.reluBackward(x, y, rf, n);
            portable.reluBackward(x, y, rp, n);
            assertArrayEquals(rp, rf, "reluBackward n=" + n);
        }
        // broadcasting a row (the bias of a layer) and a scalar
        float[] m = random(rnd, 7 * 33), row = random(rnd, 33), f = new float[7 * 33], p = new float[7 * 33];
        for (BinaryOp op : new BinaryOp[] {BinaryOp.ADD, BinaryOp.MUL, BinaryOp.SUB, BinaryOp.DIV}) {
            fast.binary(op, m, new int[] {7, 33}, row, new int[] {33}, f, new int[] {7, 33});
            portable.binary(op, m, new int[] {7, 33}, row, new int[] {33}, p, new int[] {7, 33});
            assertArrayEquals(p, f, op + " row broadcast");
            fast.binary(op, m, new int[] {7, 33}, new float[] {1.5f}, new int[0], f, new int[] {7, 33});
            portable.binary(op, m, new int[] {7, 33}, new float[] {1.5f}, new int[0], p, new int[] {7, 33});
            assertArrayEquals(p, f, op + " scalar broadcast");
        }
        float[] sf = new float[33], sp = new float[33];
        fast.sum(m, 1, 7, 33, sf);
        portable.sum(m, 1, 7, 33, sp);
        assertArrayEquals(sp, sf, "column sums (same order of additions)");
    }

    @Test
    void masksAreIdenticalOnBothPaths() {
        for (int n : new int[] {1, 2, 31, 32, 33, 1000, 65536 + 3}) {
            float[] f = new float[n], p = new float[n];
            int kf = fast.mask(12345L, 1 << 23, 2f, f, n), kp = portable.mask(12345L, 1 << 23, 2f, p, n);
            assertArrayEquals(p, f, "n=" + n);
            assertEquals(kp, kf, "kept count, n=" + n);
            int counted = 0;
            for (float v : f) if (v == 2f) counted++;
            assertEquals(counted, kf);
        }
        float[] all = new float[100];
        assertEquals(100, fast.mask(1L, 1 << 24, 1f, all, 100), "threshold 2^24 keeps everything");
        assertEquals(0, fast.mask(1L, 0, 1f, all, 100), "threshold 0 keeps nothing");
    }

    @Test
    void unsignedBytesGatherRows() {
        byte[] src = new byte[3 * 40];
        for (int i = 0; i < src.length; i++) src[i] = (byte) (i * 7);
        int[] rows = {2, 0, 2};
        float[] f = new float[120], p = new float[120];
        fast.unsignedBytes(src, rows, 40, 1 / 255f, f);
        portable.unsignedBytes(src, rows, 40, 1 / 255f, p);
        assertArrayEquals(p, f);
        assertEquals((src[80 + 5] & 0xFF) / 255f, f[5]);
        assertTrue(f[3] >= 0 && f[3] <= 1);
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]) + 0.1f;
        return y;
    }
}
