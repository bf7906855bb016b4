package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Kernels#linear}, the product with its bias and ReLU fused: on every implementation it
 * gives the bits of the three separate kernels (gemm, then the bias added, then ReLU), and the fast
 * implementations agree with the reference within the rounding a different summation order allows:
 * 2γₙ·(Σ|x·w| + |b|), n = in + 1 terms (see {@link KernelAgreementTest}); ReLU moves no value
 * further from another, so the bound holds after it.
 */
class LinearKernelTest {
    private static final Kernels REFERENCE = new ReferenceKernels();

    /** Every implementation this JVM can run, the reference included. */
    static List<Kernels> all() {
        List<Kernels> k = new ArrayList<>(List.of(REFERENCE));
        k.addAll(KernelAgreementTest.fast());
        return k;
    }

    /**
     * rows, in, out: single values, tiles and their edges, several k-blocks (in &gt; 256), the 10-wide
     * output layer, the MLP's layers at batch 256 and 1024, and the 60,000 % 256 = 96 batch tail.
     */
    private static final int[][] SHAPES = {{1, 1, 1}, {5, 3, 2}, {6, 7, 32}, {7, 33, 65}, {13, 300, 10}, {96, 784, 256},
        {256, 256, 10}, {1024, 256, 10}, {256, 784, 256}, {61, 517, 129}, {12, 513, 31}, {3, 0, 4}, {0, 5, 4}};

    @ParameterizedTest
    @MethodSource("all")
    void fusedIsBitForBitTheThreeSeparateKernels(Kernels kernels) {
        Random rnd = new Random(21);
        for (int[] s : SHAPES) {
            int rows = s[0], in = s[1], out = s[2];
            float[] x = random(rnd, rows * in), w = random(rnd, out * in), bias = random(rnd, out);
            for (int form = 0; form < 4; form++) {
                boolean withBias = (form & 1) != 0, relu = (form & 2) != 0;
                String what = kernels.name() + " " + rows + "x" + in + "x" + out + (withBias ? " +bias" : "") + (relu ? " +relu" : "");
                float[] expected = new float[rows * out];
                kernels.gemm(false, true, rows, out, in, x, 0, w, 0, expected, 0, false);
                if (withBias) kernels.binary(BinaryOp.ADD, expected, new int[] {rows, out}, bias, new int[] {out}, expected, new int[] {rows, out});
                if (relu) kernels.unary(UnaryOp.RELU, expected, expected, expected.length);
                float[] actual = new float[rows * out];
                kernels.linear(rows, in, out, x, w, withBias ? bias : null, relu, actual);
                assertArrayEquals(expected, actual, what);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("dev.nabla.core.kernel.KernelAgreementTest#fast")
    void fastPathsAgreeWithTheReferenceWithinTheRounding(Kernels kernels) {
        Random rnd = new Random(22);
        for (int[] s : SHAPES) {
            int rows = s[0], in = s[1], out = s[2];
            float[] x = random(rnd, rows * in), w = random(rnd, out * in), bias = random(rnd, out);
            float[] expected = new float[rows * out], actual = new float[rows * out];
            REFERENCE.linear(rows, in, out, x, w, bias, true, expected);
            kernels.linear(rows, in, out, x, w, bias, true, actual);
            double gamma = (in + 1) * 0x1p-24 / (1 - (in + 1) * 0x1p-24);
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < out; j++) {
                    double size = Math.abs(bias[j]);
                    for (int p = 0; p < in; p++) size += Math.abs((double) x[i * in + p] * w[j * in + p]);
                    assertEquals(expected[i * out + j], actual[i * out + j], 2 * gamma * size,
                            kernels.name() + " " + rows + "x" + in + "x" + out + " at (" + i + ", " + j + ")");
                }
            }
        }
    }

    @Test
    void referenceHasTheTextbookValues() {
        // x = [[1, 2], [-3, 1]], W = [[1, 0], [0, 1], [1, 1]], b = [0.5, -10, 0]: x·Wᵀ + b = [[1.5, -8, 3], [-2.5, -9, -2]]
        float[] x = {1, 2, -3, 1}, w = {1, 0, 0, 1, 1, 1}, b = {0.5f, -10, 0}, y = new float[6];
        REFERENCE.linear(2, 2, 3, x, w, b, false, y);
        assertArrayEquals(new float[] {1.5f, -8, 3, -2.5f, -9, -2}, y);
        REFERENCE.linear(2, 2, 3, x, w, b, true, y);
        assertArrayEquals(new float[] {1.5f, 0, 3, 0, 0, 0}, y, "ReLU after the bias");
        REFERENCE.linear(2, 2, 3, x, w, null, false, y);
        assertArrayEquals(new float[] {1, 2, 3, -3, 1, -2}, y, "no bias");
    }

    private static float[] random(Random r, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        return x;
    }
}
