package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * e^x, σ(x) and tanh x, which the Vector API kernels compute with a polynomial ({@link VectorMath})
 * instead of {@code Math.exp}: within {@link #MAX_ULP} of {@link UnaryOp#apply} over a sweep of
 * every float exponent and at the edges (infinities, NaN, signed zeros, overflow, the subnormal
 * results), with the special values exact; and their gradients' kernels, bit for bit.
 */
class ActivationKernelTest {
    /** The unary kernels the Vector API computes within {@link #MAX_ULP} instead of bit for bit. */
    static final Set<UnaryOp> APPROXIMATED = Set.of(UnaryOp.EXP, UnaryOp.SIGMOID, UnaryOp.TANH);
    /**
     * A sweep of all 2³² floats found exp within 1 ulp, σ and tanh within 2 (they add a division and
     * an addition to exp's error, half an ulp each at most).
     */
    private static final double MAX_ULP = 2;
    private static final Kernels REFERENCE = new ReferenceKernels();

    private static Kernels vector() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        return KernelSelector.vector();
    }

    /** Distance of {@code actual} from {@code expected} in units of expected's last place; 0 when both are the same NaN or infinity. */
    private static double ulps(float expected, float actual) {
        if (Float.isNaN(expected) || Float.isInfinite(expected) || Float.isNaN(actual) || Float.isInfinite(actual)) {
            return Float.compare(expected, actual) == 0 ? 0 : Double.POSITIVE_INFINITY;
        }
        return Math.abs((double) expected - actual) / Math.ulp(expected);
    }

    private static void assertWithinUlps(UnaryOp op, float[] x) {
        Kernels vector = vector();
        float[] out = new float[x.length];
        vector.unary(op, x, out, x.length);
        double worst = 0;
        for (int i = 0; i < x.length; i++) {
            double u = ulps(op.apply(x[i]), out[i]);
            assertTrue(u <= MAX_ULP, op + "(" + x[i] + ") = " + out[i] + ", but " + op.apply(x[i]) + " is " + u + " ulp away");
            worst = Math.max(worst, u);
        }
        assertTrue(worst <= MAX_ULP);
    }

    @Test
    void withinTwoUlpOverEveryExponent() {
        // every 4099th float from -2^128 to 2^128 by its bits: every exponent, 2000 mantissas each, both signs
        int n = 0;
        float[] x = new float[2 * (0x7F800000 / 4099) + 2];
        for (int bits = 0; bits < 0x7F800000; bits += 4099) {
            x[n++] = Float.intBitsToFloat(bits);
            x[n++] = -Float.intBitsToFloat(bits);
        }
        for (UnaryOp op : APPROXIMATED) assertWithinUlps(op, java.util.Arrays.copyOf(x, n));
    }

    @Test
    void withinTwoUlpWhereExpIsFinite() {
        Random r = new Random(12);
        float[] x = new float[1_000_003];  // a masked tail too
        for (int i = 0; i < x.length; i++) x[i] = -104f + 193f * r.nextFloat();
        for (UnaryOp op : APPROXIMATED) assertWithinUlps(op, x);
        for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian() * 3;  // activations' usual range
        for (UnaryOp op : APPROXIMATED) assertWithinUlps(op, x);
    }

    @Test
    void edgeValuesAreExactWhereTheyAreSpecial() {
        float[] x = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, Float.MIN_VALUE, -Float.MIN_VALUE,
            Float.MIN_NORMAL, Float.MAX_VALUE, -Float.MAX_VALUE, 88.72283f, 88.72284f, 88.7229f, 89f, 1000f, -87.33654f, -87.3366f,
            -100f, -103.27893f, -103.97207f, -103.97208f, -104f, -150f, -1000f, 1e-8f, -1e-8f, 0.625f, 0.62499994f, -0.625f, 9f, 9.1f,
            20f, -20f, 44.4f, 45f, 1f, -1f, 0.5f, 1e-30f};
        for (UnaryOp op : APPROXIMATED) {
            for (int n = 1; n <= x.length; n++) assertWithinUlps(op, java.util.Arrays.copyOf(x, n));  // every tail length
        }
        Kernels vector = vector();
        float[] e = new float[x.length], s = new float[x.length], t = new float[x.length];
        vector.unary(UnaryOp.EXP, x, e, x.length);
        vector.unary(UnaryOp.SIGMOID, x, s, x.length);
        vector.unary(UnaryOp.TANH, x, t, x.length);
        assertTrue(Float.isNaN(e[0]) && Float.isNaN(s[0]) && Float.isNaN(t[0]), "NaN stays NaN");
        assertEquals(Float.POSITIVE_INFINITY, e[1]);
        assertEquals(0f, e[2]);
        assertEquals(1f, e[3]);
        assertEquals(1f, e[4]);
        assertEquals(Float.POSITIVE_INFINITY, e[12], "e^88.7229 overflows");
        assertEquals(0f, e[21], "e^-104 rounds to 0");
        assertEquals(Float.MIN_VALUE, e[19], "e^-103.97207 is the smallest subnormal");
        assertEquals(1f, s[1]);
        assertEquals(0f, s[2]);
        assertEquals(0.5f, s[3]);
        assertEquals(0.5f, s[4]);
        assertEquals(1f, t[1]);
        assertEquals(-1f, t[2]);
        assertEquals(Float.floatToRawIntBits(0f), Float.floatToRawIntBits(t[3]), "tanh +0 = +0");
        assertEquals(Float.floatToRawIntBits(-0f), Float.floatToRawIntBits(t[4]), "tanh -0 = -0");
        assertEquals(-Float.MIN_VALUE, t[6], "tanh is x for tiny x");
    }

    @ParameterizedTest
    @MethodSource("dev.nabla.core.kernel.KernelAgreementTest#fast")
    void gradientKernelsAgreeBitForBit(Kernels kernels) {
        Random rnd = new Random(13);
        for (int n : new int[] {0, 1, 15, 16, 17, 1000, 65536 + 5}) {
            float[] y = new float[n], dy = new float[n];
            for (int i = 0; i < n; i++) {
                y[i] = rnd.nextFloat() * 2 - 1;
                dy[i] = (float) rnd.nextGaussian();
            }
            if (n > 7) y[7] = Float.NaN;
            float[] expected = new float[n], actual = new float[n];
            REFERENCE.sigmoidBackward(y, dy, expected, n);
            kernels.sigmoidBackward(y, dy, actual, n);
            assertArrayEquals(expected, actual, "sigmoidBackward n=" + n);
            REFERENCE.tanhBackward(y, dy, expected, n);
            kernels.tanhBackward(y, dy, actual, n);
            assertArrayEquals(expected, actual, "tanhBackward n=" + n);
        }
        float[] dx = new float[2];
        REFERENCE.sigmoidBackward(new float[] {0.5f, 0.25f}, new float[] {2f, 1f}, dx, 2);
        assertArrayEquals(new float[] {0.5f, 0.1875f}, dx, "dy·y·(1 - y)");
        REFERENCE.tanhBackward(new float[] {0.5f, -1f}, new float[] {2f, 3f}, dx, 2);
        assertArrayEquals(new float[] {1.5f, 0f}, dx, "dy·(1 - y²)");
    }
}
