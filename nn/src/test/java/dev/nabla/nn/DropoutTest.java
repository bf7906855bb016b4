package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Dropout against PyTorch's documented behaviour, with bounds derived from the binomial. */
class DropoutTest {
    private static final int N = 200_000;

    @ParameterizedTest
    @ValueSource(doubles = {0.1, 0.2, 0.5, 0.9})
    void dropsEachElementWithProbabilityP(double p) {
        Tensor y = new Dropout(p, new Rng(1)).forward(Tensor.ones(N));
        long zeros = Arrays.stream(box(y.toArray())).filter(v -> v == 0).count();
        // zeros ~ Binomial(N, p): allow 5 standard deviations
        assertEquals(p * N, zeros, 5 * Math.sqrt(N * p * (1 - p)));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.5})
    void survivorsAreExactlyXOver1MinusP(double p) {
        Tensor x = Tensor.randn(new Rng(2), 1000);
        float[] in = x.toArray(), out = new Dropout(p, new Rng(3)).forward(x).toArray();
        for (int i = 0; i < in.length; i++) {
            assertTrue(out[i] == 0f || out[i] == (float) (in[i] / (1 - p)), "element " + i + ": " + in[i] + " -> " + out[i]);
        }
    }

    @Test
    void survivorsUseTheFloatScaleForOtherP() {
        double p = 0.3;
        Tensor x = Tensor.randn(new Rng(2), 1000);
        float scale = (float) (1 / (1 - p));
        float[] in = x.toArray(), out = new Dropout(p, new Rng(3)).forward(x).toArray();
        for (int i = 0; i < in.length; i++) assertTrue(out[i] == 0f || out[i] == in[i] * scale);
    }

    @Test
    void expectationIsUnchanged() {
        Tensor y = new Dropout(0.5, new Rng(4)).forward(Tensor.full(3f, N));
        // mean of N values that are 6 with prob 1/2, else 0: sd of the mean = 3/√N
        assertEquals(3.0, y.mean().item(), 5 * 3 / Math.sqrt(N));
    }

    @Test
    void evalIsTheIdentityBitForBit() {
        Dropout d = new Dropout(0.5);
        d.eval();
        Tensor x = Tensor.randn(new Rng(5), 4, 8).requiresGrad(true);
        Tensor y = d.forward(x);
        assertSame(x, y, "eval returns its input itself");
        y.sum().backward();
        assertArrayEquals(Tensor.ones(4, 8).toArray(), x.grad().toArray(), "gradient passes through unchanged");
    }

    @Test
    void pZeroIsTheIdentityEvenInTraining() {
        Tensor x = Tensor.randn(new Rng(6), 100);
        Dropout d = new Dropout(0.0);
        assertSame(x, d.forward(x));
        assertEquals(0, d.stats().unitsDropped());
        assertEquals(100, d.stats().unitsSeen());
        assertArrayEquals(Tensor.ones(100).toArray(), d.lastMask().toArray(), "every unit was kept");
    }

    @Test
    void pOneGivesZerosAndZeroGradientWithoutNaN() {
        Tensor x = Tensor.randn(new Rng(7), 50).requiresGrad(true);
        Tensor y = new Dropout(1.0).forward(x);
        // x·0, as PyTorch computes it: zeros (-0.0 for negative x), never NaN for finite x
        assertArrayEquals(new float[50], y.toArray(), 0f);
        y.sum().backward();
        assertArrayEquals(new float[50], x.grad().toArray(), 0f);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1.5, -0.1, Double.NaN, Double.POSITIVE_INFINITY})
    void badProbabilityIsRejectedWithTheValue(double p) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Dropout(p));
        assertEquals("dropout probability has to be between 0 and 1, but got " + p, e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Functional.dropout(Tensor.ones(2), p, true));
        assertEquals("dropout probability has to be between 0 and 1, but got " + p, e.getMessage());
    }

    @Test
    void gradientIsTheScaledMask() {
        Tensor x = Tensor.randn(new Rng(8), 3, 5).requiresGrad(true);
        Dropout d = new Dropout(0.4, new Rng(9));
        Tensor y = d.forward(x);
        y.backward(Tensor.ones(3, 5));
        float[] mask = d.lastMask().toArray(), grad = x.grad().toArray();
        for (int i = 0; i < mask.length; i++) assertEquals(mask[i] == 1f ? (float) (1 / 0.6) : 0f, grad[i]);
    }

    @Test
    void freshMaskEveryCallAndReproducibleUnderTheSameSeed() {
        Dropout a = new Dropout(0.5, new Rng(10)), b = new Dropout(0.5, new Rng(10));
        Tensor x = Tensor.ones(64);
        float[] a1 = a.forward(x).toArray(), a2 = a.forward(x).toArray();
        assertFalse(Arrays.equals(a1, a2), "a new mask for every call");
        assertArrayEquals(a1, b.forward(x).toArray(), "same seed, same masks");
        assertArrayEquals(a2, b.forward(x).toArray());
    }

    @Test
    void maskAndStatsReportWhatHappened() {
        Dropout d = new Dropout(0.5, new Rng(11));
        assertNull(d.lastMask());
        Tensor x = Tensor.arange(16).reshape(2, 8).add(1f);  // no zeros in the input
        Tensor y = d.forward(x);
        float[] mask = d.lastMask().toArray(), out = y.toArray();
        assertArrayEquals(new int[] {2, 8}, d.lastMask().shape());
        long dropped = 0;
        for (int i = 0; i < 16; i++) {
            assertEquals(out[i] == 0f ? 0f : 1f, mask[i], "mask marks exactly the zeroed outputs");
            if (mask[i] == 0f) dropped++;
        }
        d.forward(x);
        d.eval();
        d.forward(x);
        DropoutStats s = d.stats();
        assertEquals(2, s.trainingCalls());
        assertEquals(1, s.evalCalls());
        assertEquals(32, s.unitsSeen());
        assertTrue(s.unitsDropped() >= dropped);
        assertEquals((double) s.unitsDropped() / 32, s.fractionDropped());
        d.resetStats();
        assertEquals(0, d.stats().unitsSeen());
        assertTrue(Double.isNaN(d.stats().fractionDropped()));
    }

    @Test
    void statsMeasureTheRequestedRate() {
        Dropout d = new Dropout(0.5, new Rng(12));
        for (int i = 0; i < 100; i++) d.forward(Tensor.ones(2000));
        assertEquals(0.5, d.stats().fractionDropped(), 5 * Math.sqrt(0.25 / 200_000));
    }

    @Test
    void functionalDropoutFollowsTheModeItIsGiven() {
        Tensor x = Tensor.ones(1000);
        assertSame(x, Functional.dropout(x, 0.5, false));
        assertNotEquals(1000f, Functional.dropout(x, 0.5, true, new Rng(13)).sum().item());
    }

    @Test
    void theLayerIsFunctionalDropoutWithStatistics() {
        Tensor x = Tensor.randn(new Rng(14), 8, 32);
        Dropout d = new Dropout(0.3, new Rng(15));
        float[] layer = d.forward(x).toArray(), functional = Functional.dropout(x, 0.3, true, new Rng(15)).toArray();
        assertArrayEquals(functional, layer, "the same draw from the same generator state");
        long zeros = Arrays.stream(box(functional)).filter(v -> v == 0).count();
        assertEquals(zeros, d.stats().unitsDropped(), "statistics count what the mask dropped");
    }

    @Test
    void theProbabilityCheckIsPublicForFromScratchLayers() {
        assertEquals(0.25, Functional.checkDropoutProbability(0.25));
        assertEquals(1.0, Functional.checkDropoutProbability(1.0));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Functional.checkDropoutProbability(-0.5));
        assertEquals("dropout probability has to be between 0 and 1, but got -0.5", e.getMessage());
    }

    @Test
    void printsLikePyTorch() {
        assertEquals("Dropout(p=0.2)", new Dropout(0.2).toString());
    }

    private static double[] box(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
