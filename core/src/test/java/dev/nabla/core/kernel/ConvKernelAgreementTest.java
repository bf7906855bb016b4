package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The convolution, pooling and permute kernels of the fast paths against {@link ReferenceKernels}'
 * plain loops. The lowered convolution adds its products in another order than the seven loops,
 * so it is held to the bound of {@link KernelAgreementTest}: two sums of the same n terms in any
 * order are within 2γₙ·Σ|terms|, γₙ = n·u/(1 - n·u), and Σ|terms| is the reference run on the
 * absolute values. Pooling and permute must agree bit for bit.
 */
class ConvKernelAgreementTest {
    private static final double U = 0x1p-24;
    private static final Kernels REFERENCE = new ReferenceKernels();

    static java.util.List<Kernels> fast() {
        return KernelAgreementTest.fast();
    }

    private static double gamma(long n) {
        return n * U / (1 - n * U);
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }

    private static float[] abs(float[] x) {
        if (x == null) return null;
        float[] y = new float[x.length];
        for (int i = 0; i < x.length; i++) y[i] = Math.abs(x[i]);
        return y;
    }

    /**
     * N, C, H, W, O, kH, kW, stride, padding: LeNet's two layers, odd sizes, non-square kernels, a 1x1
     * kernel (no im2col), a kernel as large as the padded image, more images than chunks, a batch
     * large enough for threads, padding as large as the kernel, output channels in whole vectors
     * (16 and 32: channels along the lanes, whose tiles of 12 consecutive positions of a row fit
     * rows of 10, 15 (a tile past the row's end), 12 and 24 outputs), an empty batch.
     */
    private static final int[][] CONVS = {{2, 1, 28, 28, 6, 5, 5, 1, 2}, {3, 6, 14, 14, 16, 5, 5, 1, 0}, {1, 3, 7, 6, 2, 3, 2, 2, 1},
        {5, 2, 5, 4, 3, 1, 1, 1, 0}, {2, 1, 3, 3, 1, 5, 5, 3, 1}, {17, 2, 4, 5, 3, 3, 3, 2, 2}, {20, 6, 10, 10, 16, 5, 5, 1, 2},
        {3, 2, 6, 7, 5, 3, 2, 1, 1}, {2, 2, 4, 3, 3, 2, 2, 1, 2}, {2, 3, 6, 5, 32, 3, 3, 1, 1}, {0, 2, 5, 5, 3, 3, 3, 1, 0},
        {2, 2, 16, 15, 16, 3, 3, 1, 1}, {3, 1, 14, 14, 16, 3, 3, 1, 0}, {1, 2, 26, 26, 32, 3, 3, 1, 0}};

    @ParameterizedTest
    @MethodSource("fast")
    void convolutionsAgreeWithTheSevenLoops(Kernels kernels) {
        Random rnd = new Random(8);
        for (int[] s : CONVS) {
            int n = s[0], o = s[4];
            SlidingWindow g = new SlidingWindow(s[1], s[2], s[3], s[5], s[6], s[7], s[8]);
            int xSize = n * s[1] * s[2] * s[3], ySize = n * o * g.positions(), wSize = o * g.patchSize();
            float[] x = random(rnd, xSize), w = random(rnd, wSize), b = random(rnd, o), dy = random(rnd, ySize);
            String what = kernels.name() + " " + Arrays.toString(s);
            for (float[] bias : new float[][] {b, null}) {
                float[] expected = new float[ySize], actual = new float[ySize], size = new float[ySize];
                REFERENCE.conv2d(g, n, x, w, o, bias, expected);
                REFERENCE.conv2d(g, n, abs(x), abs(w), o, abs(bias), size);
                kernels.conv2d(g, n, x, w, o, bias, actual);
                for (int i = 0; i < ySize; i++) {
                    assertEquals(expected[i], actual[i], 2 * gamma(g.patchSize() + 1) * size[i], "conv2d " + what + " at " + i);
                }
            }
            float[][] expected = {new float[xSize], new float[wSize], new float[o]}, size = {new float[xSize], new float[wSize], new float[o]};
            REFERENCE.conv2dBackward(g, n, x, w, o, dy, expected[0], expected[1], expected[2]);
            REFERENCE.conv2dBackward(g, n, abs(x), abs(w), o, abs(dy), size[0], size[1], size[2]);
            long[] terms = {(long) o * s[5] * s[6], (long) n * g.positions() + Im2Col.CHUNKS, (long) n * g.positions() + Im2Col.CHUNKS};
            String[] names = {"dx", "dw", "db"};
            for (int mask = 1; mask < 8; mask++) {  // every subset of the three gradients, from garbage
                float[][] actual = new float[3][];
                for (int k = 0; k < 3; k++) {
                    if ((mask & 1 << k) != 0) actual[k] = random(rnd, expected[k].length);
                }
                kernels.conv2dBackward(g, n, x, w, o, dy, actual[0], actual[1], actual[2]);
                for (int k = 0; k < 3; k++) {
                    for (int i = 0; actual[k] != null && i < actual[k].length; i++) {
                        assertEquals(expected[k][i], actual[k][i], 2 * gamma(terms[k]) * size[k][i], names[k] + " " + what + " mask " + mask + " at " + i);
                    }
                }
            }
        }
    }

    @Test
    void theReferenceLoopsHaveTheDocsNumbers() {
        // x = 0..15 as [1, 1, 4, 4], w = 0..8 as [1, 1, 3, 3]: torch's conv2d gives [[258, 294], [402, 438]]
        float[] x = new float[16], w = new float[9], y = new float[4];
        for (int i = 0; i < 16; i++) x[i] = i;
        for (int i = 0; i < 9; i++) w[i] = i;
        SlidingWindow g = new SlidingWindow(1, 4, 4, 3, 3, 1, 0);
        REFERENCE.conv2d(g, 1, x, w, 1, null, y);
        assertArrayEquals(new float[] {258, 294, 402, 438}, y);
        float[] dx = new float[16], dw = new float[9], db = new float[1];
        REFERENCE.conv2dBackward(g, 1, x, w, 1, new float[] {1, 1, 1, 1}, dx, dw, db);  // torch: conv2d(x, w).sum().backward()
        assertArrayEquals(new float[] {0, 1, 3, 2, 3, 8, 12, 7, 9, 20, 24, 13, 6, 13, 15, 8}, dx, "each x value times the weights that saw it");
        assertArrayEquals(new float[] {10, 14, 18, 26, 30, 34, 42, 46, 50}, dw, "each weight's four inputs, summed");
        assertArrayEquals(new float[] {4}, db);
    }

    @Test
    void aConvolutionWhoseColumnMatrixExceedsAnArrayIsComputedDirectly() {
        // 3,000 channels of a 1x1 image, padded by 423: 847² = 717,409 positions of 3,000 values (+1 for the
        // backward's ones) is more than a Java array holds, though input, weights and output fit
        SlidingWindow g = new SlidingWindow(3000, 1, 1, 1, 1, 1, 423);
        assertFalse(Im2Col.lowerable(g));
        assertTrue(Im2Col.lowerable(new SlidingWindow(6, 14, 14, 5, 5, 1, 0)));
        float[] x = new float[3000], w = new float[3000], y = new float[g.positions()];
        for (int c = 0; c < 3000; c++) {
            x[c] = 1 + c % 7;
            w[c] = 0.5f;
        }
        KernelSelector.portable().conv2d(g, 1, x, w, 1, null, y);  // was NegativeArraySizeException
        int center = 423 * 847 + 423;
        float expected = 0f;
        for (int c = 0; c < 3000; c++) expected += 0.5f * (1 + c % 7);
        assertEquals(expected, y[center]);
        assertEquals(0f, y[0]);
        assertEquals(0f, y[center - 1]);
        assertEquals(0f, y[y.length - 1]);
    }

    @Test
    void parallelConvolutionGradientsAreBitIdenticalRunToRun() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        Kernels vector = KernelSelector.vector();
        Random rnd = new Random(9);
        SlidingWindow g = new SlidingWindow(6, 14, 14, 5, 5, 1, 0);
        int n = 32, o = 16;
        float[] x = random(rnd, n * 6 * 196), w = random(rnd, o * g.patchSize()), dy = random(rnd, n * o * g.positions());
        float[] dw0 = new float[w.length], db0 = new float[o];
        vector.conv2dBackward(g, n, x, w, o, dy, null, dw0, db0);
        for (int run = 0; run < 5; run++) {  // threads take the chunks in a different order each time
            float[] dw = new float[w.length], db = new float[o];
            vector.conv2dBackward(g, n, x, w, o, dy, null, dw, db);
            assertArrayEquals(dw0, dw, "run " + run);
            assertArrayEquals(db0, db, "run " + run);
        }
    }

    @Test
    void convolutionsGiveTheSameBitsOnOneThreadAsOnAll() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        Random rnd = new Random(13);
        for (int[] s : new int[][] {{19, 6, 14, 14, 16, 5, 5, 1, 0}, {19, 1, 28, 28, 6, 5, 5, 1, 2}, {19, 3, 9, 8, 4, 3, 3, 2, 1}}) {
            int n = s[0], o = s[4];
            SlidingWindow g = new SlidingWindow(s[1], s[2], s[3], s[5], s[6], s[7], s[8]);
            float[] x = random(rnd, n * s[1] * s[2] * s[3]), w = random(rnd, o * g.patchSize()), b = random(rnd, o);
            float[] dy = random(rnd, n * o * g.positions());
            float[][] one = new float[4][], all = new float[4][];
            for (boolean parallel : new boolean[] {false, true}) {  // the serial run is what one thread computes
                float[][] r = parallel ? all : one;
                r[0] = new float[dy.length];
                r[1] = new float[x.length];
                r[2] = new float[w.length];
                r[3] = new float[o];
                if (s[7] != 1) {
                    Im2Col.forward(KernelSelector.vector(), parallel, g, n, x, w, o, b, r[0]);
                    Im2Col.backward(KernelSelector.vector(), parallel, g, n, x, w, o, dy, r[1], r[2], r[3]);
                } else {
                    if (VectorConvChannels.supports(g, o)) VectorConvChannels.forward(parallel, g, n, x, w, o, b, r[0]);
                    else VectorConv.forward(parallel, g, n, x, w, o, b, r[0]);
                    VectorConv.backward(parallel, g, n, x, w, o, dy, r[1], r[2], r[3]);
                }
            }
            for (int k = 0; k < 4; k++) assertArrayEquals(one[k], all[k], Arrays.toString(s) + " output " + k);
        }
    }

    /**
     * planes, H, W, k, stride, padding: LeNet's pools, odd edges, overlaps, gaps, padding, enough planes for threads;
     * 2x2 pools with rows of 3, 20 and 40 outputs (a vector past a row's end, two per row), and a single row.
     */
    private static final int[][] POOLS = {{12, 28, 28, 2, 2, 0}, {32, 10, 10, 2, 2, 0}, {3, 7, 5, 3, 2, 1}, {2, 5, 6, 3, 1, 1},
        {4, 5, 7, 2, 2, 0}, {2, 6, 5, 2, 3, 1}, {3, 4, 4, 1, 1, 0}, {64, 28, 28, 2, 2, 0}, {80, 10, 10, 3, 1, 1},
        {5, 6, 6, 2, 2, 0}, {3, 34, 40, 2, 2, 0}, {2, 4, 80, 2, 2, 0}, {1, 2, 2, 2, 2, 0}, {150, 40, 40, 2, 2, 0}};

    @ParameterizedTest
    @MethodSource("fast")
    void poolingAgreesBitForBit(Kernels kernels) {
        Random rnd = new Random(10);
        for (int[] s : POOLS) {
            SlidingWindow g = new SlidingWindow(s[0], s[1], s[2], s[3], s[3], s[4], s[5]);
            int in = s[0] * g.planeSize(), out = s[0] * g.positions();
            float[] x = random(rnd, in), dy = random(rnd, out);
            for (int i = 0; i < in; i += 97) x[i] = Float.NaN;
            for (int i = 5; i < in; i += 31) x[i] = x[i - 1];  // ties
            String what = kernels.name() + " " + Arrays.toString(s);
            float[] ye = new float[out], ya = new float[out];
            int[] ie = new int[out], ia = new int[out];
            REFERENCE.maxPool2d(g, x, ye, ie);
            kernels.maxPool2d(g, x, ya, ia);
            assertArrayEquals(ye, ya, "maxPool2d " + what);
            assertArrayEquals(ie, ia, "maxPool2d argmax " + what);
            float[] de = random(rnd, in), da = random(rnd, in);  // garbage: the kernels must write every element
            REFERENCE.maxPool2dBackward(g, dy, ie, de);
            kernels.maxPool2dBackward(g, dy, ie, da);
            assertArrayEquals(de, da, "maxPool2dBackward " + what);
            REFERENCE.avgPool2d(g, x, ye);
            kernels.avgPool2d(g, x, ya);
            assertArrayEquals(ye, ya, "avgPool2d " + what);
            de = random(rnd, in);
            da = random(rnd, in);
            REFERENCE.avgPool2dBackward(g, dy, de);
            kernels.avgPool2dBackward(g, dy, da);
            assertArrayEquals(de, da, "avgPool2dBackward " + what);
        }
    }

    @ParameterizedTest
    @MethodSource("fast")
    void permutesAgreeBitForBit(Kernels kernels) {
        Random rnd = new Random(11);
        int[][][] cases = {{{2, 3, 4}, {2, 0, 1}}, {{2, 3, 4}, {0, 1, 2}}, {{5, 7}, {1, 0}}, {{2, 1, 3, 4}, {3, 1, 0, 2}},
            {{256, 6, 5, 5}, {1, 0, 2, 3}}, {{3, 0, 2}, {2, 1, 0}}, {{}, {}}, {{4}, {0}}};
        for (int[][] c : cases) {
            int n = 1;
            for (int d : c[0]) n *= d;
            float[] x = random(rnd, n), expected = new float[n], actual = new float[n];
            REFERENCE.permute(x, c[0], c[1], expected);
            kernels.permute(x, c[0], c[1], actual);
            assertArrayEquals(expected, actual, kernels.name() + " " + Arrays.toString(c[0]) + " by " + Arrays.toString(c[1]));
        }
        float[] out = new float[6];
        REFERENCE.permute(new float[] {1, 2, 3, 4, 5, 6}, new int[] {2, 3}, new int[] {1, 0}, out);
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, out, "[[1, 2, 3], [4, 5, 6]] with its axes swapped");
    }
}
