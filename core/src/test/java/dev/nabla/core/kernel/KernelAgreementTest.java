package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The portable and Vector API kernels against {@link ReferenceKernels}, the plainest loops, on
 * random data and awkward shapes. Where the order of float operations differs, the tolerance is
 * derived from the arithmetic, not tuned: a sum of n float terms computed in any order, with each
 * term rounded at most n times, is within γₙ·Σ|terms| of the exact sum, γₙ = n·u/(1 - n·u) and
 * u = 2⁻²⁴ (Higham, Accuracy and Stability of Numerical Algorithms, 3.1); two such results are
 * within 2γₙ·Σ|terms| of each other. Everything else must agree bit for bit, except the Vector API's
 * e^x, σ and tanh, which ActivationKernelTest holds within 2 ulp.
 */
class KernelAgreementTest {
    private static final double U = 0x1p-24;
    private static final Kernels REFERENCE = new ReferenceKernels();

    /** The fast paths this JVM can run: portable always, vector with the module. */
    static List<Kernels> fast() {
        List<Kernels> k = new ArrayList<>(List.of(KernelSelector.portable()));
        if (KernelSelector.vectorApiAvailable()) k.add(KernelSelector.vector());
        return k;
    }

    private static double gamma(int n) {
        return n * U / (1 - n * U);
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    /** m, k, n: odd sizes, single rows and columns, tiles and their edges, the 60,000 % 256 = 96 batch tail. */
    private static final int[][] SHAPES = {{1, 1, 1}, {1, 7, 1}, {5, 3, 2}, {6, 1, 32}, {7, 33, 65}, {13, 300, 10}, {96, 784, 256},
        {256, 256, 10}, {10, 256, 256}, {1, 784, 256}, {256, 784, 1}, {61, 517, 129}, {96, 10, 256}, {3, 0, 4}, {0, 5, 4}, {3, 5, 0},
        {9, 600, 16}, {1024, 256, 10}};

    @Test
    void narrowProductsAreBitForBitTheColumnsOfAWideOne() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        Kernels v = KernelSelector.vector();
        Random rnd = new Random(8);
        // at most one vector of columns, A read in place; the same columns inside a wider product go through the packed path
        for (int[] s : new int[][] {{256, 256, 10}, {13, 300, 10}, {9, 600, 16}, {1024, 256, 10}, {7, 5, 1}}) {
            int m = s[0], k = s[1], n = s[2], wide = 40;
            float[] a = random(rnd, m * k), bWide = random(rnd, wide * k), bias = random(rnd, wide);
            float[] b = java.util.Arrays.copyOf(bWide, n * k);  // NT: B's first n stored rows
            for (boolean relu : new boolean[] {false, true}) {
                float[] narrow = new float[m * n], full = new float[m * wide];
                v.linear(m, k, n, a, b, bias, relu, narrow);
                v.linear(m, k, wide, a, bWide, bias, relu, full);
                for (int i = 0; i < m; i++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(full, i * wide, i * wide + n), java.util.Arrays.copyOfRange(narrow, i * n, i * n + n),
                            m + "x" + k + "x" + n + (relu ? " +relu" : "") + ", row " + i);
                }
                float[] acc = random(rnd, m * n), accFull = new float[m * wide];  // accumulate: C += A·Bᵀ
                for (int i = 0; i < m; i++) System.arraycopy(acc, i * n, accFull, i * wide, n);
                v.gemm(false, true, m, n, k, a, 0, b, 0, acc, 0, true);
                v.gemm(false, true, m, wide, k, a, 0, bWide, 0, accFull, 0, true);
                for (int i = 0; i < m; i++) {
                    assertArrayEquals(java.util.Arrays.copyOfRange(accFull, i * wide, i * wide + n), java.util.Arrays.copyOfRange(acc, i * n, i * n + n),
                            m + "x" + k + "x" + n + " accumulating, row " + i);
                }
            }
        }
    }

    @Test
    void gemmAgreesWithTheReferenceInEveryFormAtOffsets() {
        Random rnd = new Random(1);
        for (int[] s : SHAPES) {
            int m = s[0], k = s[1], n = s[2], off = 3;
            float[] a = random(rnd, off + m * k + 1), b = random(rnd, off + k * n + 1), c0 = random(rnd, off + m * n + 2);
            for (int form = 0; form < 8; form++) {
                boolean transA = (form & 1) != 0, transB = (form & 2) != 0, accumulate = (form & 4) != 0;
                String what = (transA ? "Aᵀ" : "A") + (transB ? "·Bᵀ " : "·B ") + (accumulate ? "+= " : "= ") + m + "x" + k + "x" + n;
                float[] expected = c0.clone();
                REFERENCE.gemm(transA, transB, m, n, k, a, off, b, off, expected, off, accumulate);
                double[] bound = new double[m * n];
                for (int i = 0; i < m; i++)
                    for (int j = 0; j < n; j++) {
                        double exact = accumulate ? c0[off + i * n + j] : 0, size = Math.abs(exact);
                        for (int p = 0; p < k; p++) {
                            double x = transA ? a[off + p * m + i] : a[off + i * k + p], y = transB ? b[off + j * k + p] : b[off + p * n + j];
                            exact += x * y;
                            size += Math.abs(x * y);
                        }
                        bound[i * n + j] = gamma(k + 1) * size;
                        assertEquals(exact, expected[off + i * n + j], bound[i * n + j], "reference, " + what + " at (" + i + "," + j + ")");
                    }
                for (Kernels kernels : fast()) {
                    float[] actual = c0.clone();
                    kernels.gemm(transA, transB, m, n, k, a, off, b, off, actual, off, accumulate);
                    for (int i : new int[] {0, 1, 2, off + m * n, off + m * n + 1}) {
                        assertEquals(c0[i], actual[i], kernels.name() + ", " + what + ": wrote outside C");
                    }
                    for (int ij = 0; ij < m * n; ij++) {
                        assertEquals(expected[off + ij], actual[off + ij], 2 * bound[ij], kernels.name() + ", " + what + " at " + ij);
                    }
                }
            }
        }
    }

    @Test
    void referenceProductHasTheTextbookValues() {
        float[] a = {1, 2, 3, 4, 5, 6}, at = {1, 4, 2, 5, 3, 6}, b = {7, 8, 9, 10, 11, 12}, bt = {7, 9, 11, 8, 10, 12};
        float[] c = new float[4];
        for (int form = 0; form < 4; form++) {  // A [2x3] · B [3x2], however they are stored
            boolean transA = (form & 1) != 0, transB = (form & 2) != 0;
            REFERENCE.gemm(transA, transB, 2, 2, 3, transA ? at : a, 0, transB ? bt : b, 0, c, 0, false);
            assertArrayEquals(new float[] {58, 64, 139, 154}, c, "form " + form);
        }
        REFERENCE.gemm(false, false, 2, 2, 3, a, 0, b, 0, c, 0, true);
        assertArrayEquals(new float[] {116, 128, 278, 308}, c, "accumulate adds onto C");
    }

    @Test
    void parallelProductsAreBitIdenticalRunToRun() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        Kernels vector = KernelSelector.vector();
        Random rnd = new Random(2);
        int m = 256, k = 784, n = 256;
        float[] a = random(rnd, m * k), b = random(rnd, n * k), first = new float[m * n];
        vector.gemm(false, true, m, n, k, a, 0, b, 0, first, 0, false);
        for (int run = 0; run < 20; run++) {  // threads take panels in a different order each time
            float[] again = new float[m * n];
            vector.gemm(false, true, m, n, k, a, 0, b, 0, again, 0, false);
            assertArrayEquals(first, again, "run " + run);
        }
    }

    @ParameterizedTest
    @MethodSource("fast")
    void elementwiseKernelsAgreeBitForBit(Kernels kernels) {
        Random rnd = new Random(3);
        for (int n : new int[] {0, 1, 15, 16, 17, 1000, 65536 + 5, (1 << 20) + 5}) {  // the last split across threads, streaming kernels too
            float[] x = random(rnd, n), y = random(rnd, n), positive = new float[n];
            for (int i = 0; i < n; i++) positive[i] = Math.abs(x[i]) + 0.1f;
            for (int i = 7; i < n; i += 97) x[i] = Float.NaN;  // in the vector bodies and the scalar tails
            for (UnaryOp op : UnaryOp.values()) {
                if (kernels.name().startsWith("vector") && ActivationKernelTest.APPROXIMATED.contains(op)) continue;  // within 2 ulp: ActivationKernelTest
                float[] in = op == UnaryOp.LOG || op == UnaryOp.SQRT ? positive : x;
                assertArrayEquals(run(n, out -> REFERENCE.unary(op, in, out, n)), run(n, out -> kernels.unary(op, in, out, n)), op + " n=" + n);
            }
            int[] shape = {n};
            for (BinaryOp op : BinaryOp.values()) {
                float[] base = op == BinaryOp.POW ? positive : x;
                assertArrayEquals(run(n, out -> REFERENCE.binary(op, base, shape, y, shape, out, shape)),
                        run(n, out -> kernels.binary(op, base, shape, y, shape, out, shape)), op + " n=" + n);
            }
            float[] dx = run(n, g -> kernels.reluBackward(x, y, g, n));
            assertArrayEquals(run(n, g -> REFERENCE.reluBackward(x, y, g, n)), dx, "n=" + n);
            for (int i = 0; i < n; i++) {  // PyTorch: the gradient passes where x > 0 or x is NaN, and is 0 where x <= 0
                assertEquals(x[i] <= 0f ? 0f : y[i], dx[i], "reluBackward at x = " + x[i]);
            }
            float[] condition = new float[n];  // zeros, -0, ordinary values and a NaN (non-zero: takes x, whose NaN must pass)
            for (int i = 0; i < n; i++) condition[i] = i % 3 == 0 ? 0f : i % 3 == 1 ? -0f : y[i];
            if (n > 0) condition[n / 2] = Float.NaN;
            assertArrayEquals(run(n, out -> REFERENCE.where(condition, x, y, out, n)), run(n, out -> kernels.where(condition, x, y, out, n)), "where n=" + n);
        }
    }

    @ParameterizedTest
    @MethodSource("fast")
    void broadcastingAgreesBitForBit(Kernels kernels) {
        Random rnd = new Random(4);
        int[][][] cases = {{{7, 33}, {33}}, {{7, 33}, {}}, {{7, 33}, {7, 1}}, {{33}, {7, 33}}, {{}, {7, 33}}, {{2, 1, 5}, {3, 1}},
            {{4, 1, 40}, {4, 9, 1}}, {{300, 256}, {256}}, {{0, 3}, {3}}, {{2, 0}, {}}, {{0, 1}, {1, 5}}, {{3, 0, 2}, {3, 1, 1}}};
        for (int[][] c : cases) {
            int[] outShape = broadcast(c[0], c[1]);
            float[] a = random(rnd, numel(c[0])), b = random(rnd, numel(c[1]));
            for (BinaryOp op : BinaryOp.values()) {
                float[] base = op == BinaryOp.POW ? abs(a) : a;
                String what = op + " " + java.util.Arrays.toString(c[0]) + " with " + java.util.Arrays.toString(c[1]);
                assertArrayEquals(run(numel(outShape), out -> REFERENCE.binary(op, base, c[0], b, c[1], out, outShape)),
                        run(numel(outShape), out -> kernels.binary(op, base, c[0], b, c[1], out, outShape)), what);
            }
        }
        // expand: an output larger than both inputs, so that both repeat along its last dimension
        float[] g = random(rnd, 12);
        int[] gShape = {1, 3, 4, 1}, expanded = {5, 3, 4, 7};
        assertArrayEquals(run(420, out -> REFERENCE.binary(BinaryOp.MUL, g, gShape, new float[] {0.5f}, new int[0], out, expanded)),
                run(420, out -> kernels.binary(BinaryOp.MUL, g, gShape, new float[] {0.5f}, new int[0], out, expanded)), "expand");
    }

    @ParameterizedTest
    @MethodSource("fast")
    void axpyIsWithinTheRoundingOfAMultiplyAndAnAdd(Kernels kernels) {
        Random rnd = new Random(5);
        for (int n : new int[] {0, 1, 17, 65536 + 5, (1 << 20) + 5}) {
            float[] x = random(rnd, n + 2), y = random(rnd, n + 3), expected = y.clone(), actual = y.clone();
            REFERENCE.axpy(0.3f, x, 2, expected, 3, n);
            kernels.axpy(0.3f, x, 2, actual, 3, n);
            for (int i = 0; i < n + 3; i++) {  // y + αx rounded once (fma) or twice: within u·(2|y| + 3|αx|) of each other
                double ax = i < 3 ? 0 : Math.abs(0.3f * x[i - 1]);
                assertEquals(expected[i], actual[i], U * (2 * Math.abs(y[i]) + 3 * ax), "element " + i + " of " + n);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("fast")
    void masksAreIdenticalOnEveryPath(Kernels kernels) {
        for (int n : new int[] {0, 1, 2, 31, 32, 33, 1000, 65536 + 3}) {
            float[] expected = new float[n], actual = new float[n];
            int keptExpected = REFERENCE.mask(12345L, 1 << 23, 2f, expected, n), kept = kernels.mask(12345L, 1 << 23, 2f, actual, n);
            assertArrayEquals(expected, actual, "n=" + n);
            assertEquals(keptExpected, kept, "kept count, n=" + n);
            int counted = 0;
            for (float v : actual) counted += v == 2f ? 1 : 0;
            assertEquals(counted, kept);
        }
        float[] all = new float[100];
        assertEquals(100, kernels.mask(1L, 1 << 24, 1f, all, 100), "threshold 2^24 keeps everything");
        assertEquals(0, kernels.mask(1L, 0, 1f, all, 100), "threshold 0 keeps nothing");
    }

    @Test
    void maskBitsAreSplitMix64() {
        // SplitMix64 from seed 0, as the reference splitmix64.c prints it
        assertEquals(0xE220A8397B1DCDAFL, SplitMix64.at(0, 0));
        assertEquals(0x6E789E6AA1B965F4L, SplitMix64.at(0, 1));
        assertEquals(0x06C45D188009454FL, SplitMix64.at(0, 2));
        assertEquals(0xF88BB8A8724C81ECL, SplitMix64.at(0, 3));
        float[] out = new float[4];  // element 2w keeps when the low half's top 24 bits are below the threshold, 2w+1 the high half's
        long w0 = SplitMix64.at(7, 0), w1 = SplitMix64.at(7, 1);
        int threshold = 1 << 23;
        REFERENCE.mask(7, threshold, 1f, out, 4);
        assertArrayEquals(new float[] {((int) w0 >>> 8) < threshold ? 1 : 0, (w0 >>> 40) < threshold ? 1 : 0,
            ((int) w1 >>> 8) < threshold ? 1 : 0, (w1 >>> 40) < threshold ? 1 : 0}, out);
    }

    @ParameterizedTest
    @MethodSource("fast")
    void reductionsAndRowKernelsAgree(Kernels kernels) {
        Random rnd = new Random(6);
        for (int[] s : new int[][] {{1, 7, 33}, {3, 5, 1}, {2, 256, 10}, {1, 60000, 1}, {4, 3, 300}, {0, 7, 3}, {3, 0, 5}, {3, 5, 0}, {2, 0, 1}}) {
            int outer = s[0], n = s[1], inner = s[2], size = outer * n * inner;
            float[] x = random(rnd, size);
            String what = kernels.name() + " [" + outer + ", " + n + ", " + inner + "]";
            float[] expected = run(outer * inner, out -> REFERENCE.sum(x, outer, n, inner, out));
            float[] actual = run(outer * inner, out -> kernels.sum(x, outer, n, inner, out));
            for (int o = 0; o < outer * inner; o++) {
                double size1 = 0;
                for (int j = 0; j < n; j++) size1 += Math.abs(x[(o / inner * n + j) * inner + o % inner]);
                assertEquals(expected[o], actual[o], 2 * gamma(n) * size1, "sum " + what);
            }
            if (n > 0) {  // a maximum needs a non-empty row: the ops refuse n = 0
                float[] ve = new float[outer * inner], va = new float[outer * inner];
                int[] ie = new int[outer * inner], ia = new int[outer * inner];
                REFERENCE.max(x, outer, n, inner, ve, ie);
                kernels.max(x, outer, n, inner, va, ia);
                assertArrayEquals(ve, va, "max " + what);
                assertArrayEquals(ie, ia, "argmax " + what);
            }
            for (boolean log : new boolean[] {false, true}) {
                assertArrayEquals(run(size, out -> REFERENCE.softmax(x, outer, n, inner, log, out)),
                        run(size, out -> kernels.softmax(x, outer, n, inner, log, out)), "softmax log=" + log + " " + what);
            }
            int[] index = n == 0 ? new int[0] : new int[] {n - 1, 0, n / 2, 0};
            int picked = outer * index.length * inner;
            assertArrayEquals(run(picked, out -> REFERENCE.gather(x, outer, n, inner, index, out)),
                    run(picked, out -> kernels.gather(x, outer, n, inner, index, out)), "gather " + what);
            float[] src = random(rnd, picked);
            assertArrayEquals(run(size, out -> REFERENCE.scatterAdd(src, outer, n, inner, index, out)),
                    run(size, out -> kernels.scatterAdd(src, outer, n, inner, index, out)), "scatterAdd " + what);
        }
        int rows = 96, classes = 10;
        float[] logits = random(rnd, rows * classes), dLoss = random(rnd, rows), pe = new float[rows * classes], pa = new float[rows * classes];
        int[] labels = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = rnd.nextInt(classes);
        float[] le = run(rows, loss -> REFERENCE.crossEntropy(logits, rows, classes, labels, loss, pe));
        assertArrayEquals(le, run(rows, loss -> kernels.crossEntropy(logits, rows, classes, labels, loss, pa)));
        assertArrayEquals(pe, pa);
        assertArrayEquals(run(rows * classes, g -> REFERENCE.crossEntropyBackward(pe, labels, dLoss, rows, classes, g)),
                run(rows * classes, g -> kernels.crossEntropyBackward(pe, labels, dLoss, rows, classes, g)));
    }

    @ParameterizedTest
    @MethodSource("fast")
    void transposesAgree(Kernels kernels) {
        Random rnd = new Random(7);
        for (int[] s : new int[][] {{1, 3, 1, 5, 1}, {2, 70, 1, 45, 1}, {1, 784, 1, 256, 1}, {2, 3, 4, 5, 6}, {1, 2, 1, 3, 7},
            {1, 2, 0, 4, 1}, {0, 3, 1, 5, 1}, {1, 0, 1, 5, 1}, {2, 3, 1, 4, 0}, {1, 40, 0, 40, 1}}) {
            float[] x = random(rnd, s[0] * s[1] * s[2] * s[3] * s[4]);
            assertArrayEquals(run(x.length, out -> REFERENCE.transpose(x, s[0], s[1], s[2], s[3], s[4], out)),
                    run(x.length, out -> kernels.transpose(x, s[0], s[1], s[2], s[3], s[4], out)), java.util.Arrays.toString(s));
        }
        float[] out = new float[6];
        REFERENCE.transpose(new float[] {1, 2, 3, 4, 5, 6}, 1, 2, 1, 3, 1, out);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out, "[[1, 2, 3], [4, 5, 6]]ᵀ");
    }

    @ParameterizedTest
    @MethodSource("fast")
    void unsignedBytesWidenBitForBitAtOffsets(Kernels kernels) {
        Random rnd = new Random(11);
        for (int n : new int[] {0, 1, 15, 17, 784, 200_704, 200_711, (1 << 20) + 3}) {  // tails, one image, a batch of 256, split across threads
            byte[] src = new byte[n + 5];
            rnd.nextBytes(src);
            float scale = 1 / 255f;
            assertArrayEquals(run(n + 3, out -> REFERENCE.widenUnsigned(src, 5, scale, out, 3, n)),
                    run(n + 3, out -> kernels.widenUnsigned(src, 5, scale, out, 3, n)), "n = " + n);
        }
        float[] out = new float[3];
        REFERENCE.widenUnsigned(new byte[] {0, (byte) 128, (byte) 255}, 0, 2f, out, 0, 3);
        assertArrayEquals(new float[] {0, 256, 510}, out, "bytes read as 0..255, not -128..127");
    }

    /** A fresh output of length n, filled by {@code kernel}. */
    private static float[] run(int n, java.util.function.Consumer<float[]> kernel) {
        float[] out = new float[n];
        kernel.accept(out);
        return out;
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) n *= d;
        return n;
    }

    private static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int d = 1; d <= rank; d++) {
            int x = d <= a.length ? a[a.length - d] : 1, y = d <= b.length ? b[b.length - d] : 1;
            assertTrue(x == y || x == 1 || y == 1);
            out[rank - d] = x == 1 ? y : x;  // a size 1 repeats, even to 0
        }
        return out;
    }

    private static float[] abs(float[] x) {
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]) + 0.1f;
        return y;
    }
}
