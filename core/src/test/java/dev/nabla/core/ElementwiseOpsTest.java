package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * clamp, maximum, minimum, where, leakyRelu, gelu, softplus and the double overloads against the
 * values and gradients PyTorch 1.13 gives for the same inputs (the torch call is in each comment),
 * ties, infinities and NaN included.
 */
class ElementwiseOpsTest {
    private static final float NAN = Float.NaN, INF = Float.POSITIVE_INFINITY;

    /** f(x) and dL/dx for L = Σ w·f(x). */
    private static Tensor gradOf(Tensor x, java.util.function.Function<Tensor, Tensor> f, Tensor w) {
        Tensor leaf = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
        f.apply(leaf).backward(w);
        return leaf.grad();
    }

    @Test
    void clampPullsIntoTheRangeAndPassesTheGradientInsideItEndsIncluded() {
        // x = [-2, -1, 0, 0.5, 1, 2, nan, inf, -inf]; x.clamp(-1, 1) and its gradient
        Tensor x = Tensor.of(new float[] {-2, -1, 0, 0.5f, 1, 2, NAN, INF, -INF}, 9);
        assertArrayEquals(new float[] {-1, -1, 0, 0.5f, 1, 1, NAN, 1, -1}, x.clamp(-1f, 1f).toArray());
        assertArrayEquals(new float[] {0, 1, 1, 1, 1, 0, 0, 0, 0}, gradOf(x, t -> t.clamp(-1f, 1f), Tensor.ones(9)).toArray());
        // min > max: torch 1.13 sets everything (but NaN) to max, and no gradient passes
        assertArrayEquals(new float[] {-1, -1, -1, -1, -1, -1, NAN, -1, -1}, x.clamp(1f, -1f).toArray());
        assertArrayEquals(new float[9], gradOf(x, t -> t.clamp(1f, -1f), Tensor.ones(9)).toArray());
        // a NaN bound: x.clamp(nan, 1) and x.clamp(-1, nan) are all nan
        for (float v : x.clamp(NAN, 1f).toArray()) assertTrue(Float.isNaN(v));
        for (float v : x.clamp(-1f, NAN).toArray()) assertTrue(Float.isNaN(v));
        assertEquals("ClampBackward", x.requiresGrad(true).clamp(0f, 1f).gradFn());
    }

    @Test
    void maximumAndMinimumSplitTiesAndPropagateNaN() {
        // a = [1, 2, 3, nan, 5, nan], b = [3, 2, 1, 4, nan, nan]; torch.maximum(a, b).backward(ones)
        Tensor a = Tensor.of(new float[] {1, 2, 3, NAN, 5, NAN}, 6), b = Tensor.of(new float[] {3, 2, 1, 4, NAN, NAN}, 6);
        Tensor ones = Tensor.ones(6);
        assertArrayEquals(new float[] {3, 2, 3, NAN, NAN, NAN}, a.maximum(b).toArray());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1, 1, 1}, gradOf(a, t -> t.maximum(b), ones).toArray());
        assertArrayEquals(new float[] {1, 0.5f, 0, 1, 1, 1}, gradOf(b, t -> a.maximum(t), ones).toArray());
        // torch.minimum(a, b): [1, 2, 1, nan, nan, nan], grads [1, .5, 0, 1, 1, 1] and [0, .5, 1, 1, 1, 1]
        assertArrayEquals(new float[] {1, 2, 1, NAN, NAN, NAN}, a.minimum(b).toArray());
        assertArrayEquals(new float[] {1, 0.5f, 0, 1, 1, 1}, gradOf(a, t -> t.minimum(b), ones).toArray());
        assertArrayEquals(new float[] {0, 0.5f, 1, 1, 1, 1}, gradOf(b, t -> a.minimum(t), ones).toArray());
        assertArrayEquals(new float[] {INF, 1}, Tensor.of(new float[] {INF, -INF}, 2).maximum(Tensor.ones(2)).toArray());
    }

    @Test
    void maximumAndMinimumSumTheirGradientsBackOverBroadcastDimensions() {
        // x = [[1, 2, 3], [3, 0, 5]], y = [1, 2, 4], w = [[1, 2, 3], [4, 5, 6]]; (torch.maximum(x, y) * w).sum().backward()
        Tensor x = Tensor.of(new float[] {1, 2, 3, 3, 0, 5}, 2, 3), y = Tensor.of(new float[] {1, 2, 4}, 3);
        Tensor w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 2, 4, 3, 2, 5}, x.maximum(y).toArray());
        assertArrayEquals(new float[] {0.5f, 1, 0, 4, 0, 6}, gradOf(x, t -> t.maximum(y), w).toArray());
        assertArrayEquals(new float[] {0.5f, 6, 3}, gradOf(y, t -> x.maximum(t), w).toArray());
        // torch.minimum: [[1, 2, 3], [1, 0, 4]], grads [[.5, 1, 3], [0, 5, 0]] and [4.5, 1, 6]
        assertArrayEquals(new float[] {1, 2, 3, 1, 0, 4}, x.minimum(y).toArray());
        assertArrayEquals(new float[] {0.5f, 1, 3, 0, 5, 0}, gradOf(x, t -> t.minimum(y), w).toArray());
        assertArrayEquals(new float[] {4.5f, 1, 6}, gradOf(y, t -> x.minimum(t), w).toArray());
        assertEquals("maximum: shapes [2, 3] and [2] cannot be broadcast: dimension 1 of the result would need 3 and 2 to "
                + "match (or one of them to be 1)", assertThrows(IllegalArgumentException.class, () -> x.maximum(Tensor.ones(2))).getMessage());
    }

    @Test
    void whereSelectsBroadcastsAndRoutesTheGradient() {
        // c = [[1], [0]], x = [[1, 2, 3], [4, 5, 6]], y = [10, 20, 30], w as above; torch.where(c.bool(), x, y)
        Tensor c = Tensor.of(new float[] {1, 0}, 2, 1), x = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        Tensor y = Tensor.of(new float[] {10, 20, 30}, 3), w = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 2, 3);
        assertArrayEquals(new float[] {1, 2, 3, 10, 20, 30}, Tensor.where(c, x, y).toArray());
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 0}, gradOf(x, t -> Tensor.where(c, t, y), w).toArray());
        assertArrayEquals(new float[] {4, 5, 6}, gradOf(y, t -> Tensor.where(c, x, t), w).toArray());
        // a select, not arithmetic: inf and nan in the branch not taken stay out; NaN and -0 conditions as bool()
        Tensor picked = Tensor.where(Tensor.of(new float[] {1, 0, NAN, -0f, 2}, 5),
                Tensor.of(new float[] {1, INF, 3, NAN, 5}, 5), Tensor.of(new float[] {NAN, 2, -INF, 4, NAN}, 5));
        assertArrayEquals(new float[] {1, 2, 3, 4, 5}, picked.toArray());
        Tensor z = Tensor.of(new float[] {0, 1, 4}, 3);
        assertArrayEquals(new float[] {0, 0, (float) Math.log(4)}, Tensor.where(z.gt(0f), z.log(), Tensor.zeros(3)).toArray());
        // ... though not out of the gradient, as in torch: where(t > 0, t.log(), 0).sum().backward() gives [nan, 1, 0.25]
        assertArrayEquals(new float[] {NAN, 1, 0.25f}, gradOf(z, t -> Tensor.where(t.gt(0f), t.log(), Tensor.zeros(3)), Tensor.ones(3)).toArray());
        assertEquals("WhereBackward", Tensor.where(c, x.requiresGrad(true), y).gradFn());
        assertEquals("where (condition [2, 1], x [2, 3], y [2]): shapes [2, 3] and [2] cannot be broadcast: dimension 1 of "
                + "the result would need 3 and 2 to match (or one of them to be 1)",
                assertThrows(IllegalArgumentException.class, () -> Tensor.where(c, x, Tensor.ones(2))).getMessage());
    }

    @Test
    void leakyReluScalesTheNegativeSide() {
        // F.leaky_relu(x, 0.1) for x = [-2, -0.5, 0, 0.5, 3, nan, inf, -inf], and its gradient (the slope at 0 and at nan)
        Tensor x = Tensor.of(new float[] {-2, -0.5f, 0, 0.5f, 3, NAN, INF, -INF}, 8);
        assertArrayEquals(new float[] {-2 * 0.1f, -0.5f * 0.1f, 0, 0.5f, 3, NAN, INF, -INF}, x.leakyRelu(0.1f).toArray());
        assertArrayEquals(new float[] {0.1f, 0.1f, 0.1f, 1, 1, 0.1f, 1, 0.1f}, gradOf(x, t -> t.leakyRelu(0.1f), Tensor.ones(8)).toArray());
        // slope 0 is relu, except -inf·0 = nan as in torch; a negative slope flips the negative side: F.leaky_relu(x, -2.)
        assertArrayEquals(new float[] {-0f, -0f, 0, 0.5f, 3, NAN, INF, NAN}, x.leakyRelu(0f).toArray());
        assertArrayEquals(new float[] {4, 1, -0f, 0.5f, 3, NAN, INF, INF}, x.leakyRelu(-2f).toArray());
    }

    @Test
    void geluMatchesTorch() {
        // F.gelu(x) and its gradient in torch float32 for x = [-3, -1, -0.5, 0, 0.5, 1, 3]: torch's own float error is
        // up to 2.4e-7 (ErfTest checks ours against float64 to the last bit), hence the tolerance
        Tensor x = Tensor.of(new float[] {-3, -1, -0.5f, 0, 0.5f, 1, 3}, 7);
        assertArrayEquals(new float[] {-0.004049867391586304f, -0.1586552858352661f, -0.1542687863111496f, 0,
            0.3457311987876892f, 0.8413447141647339f, 2.995950222015381f}, x.gelu().toArray(), 3e-7f);
        assertArrayEquals(new float[] {-0.011945605278015137f, -0.08331543207168579f, 0.1325049102306366f, 0.5f,
            0.867495059967041f, 1.083315372467041f, 1.0119456052780151f},
            gradOf(x, Tensor::gelu, Tensor.ones(7)).toArray(), 3e-7f);
        assertEquals("GeluBackward", x.requiresGrad(true).gelu().gradFn());
    }

    @Test
    void softplusIsStableAtPlusAndMinus1e4AndReturnsXAbove20() {
        // F.softplus(x) in torch float32 and float64, and its gradient, for:
        Tensor x = Tensor.of(new float[] {-1e4f, -100, -20, -5, -1, 0, 1, 5, 15, 20, 20.01f, 100, 1e4f, -INF, INF, NAN}, 16);
        float[] torch = {0, 3.720075976020836e-44f, 2.061153620314381e-09f, 0.006715348489118068f, 0.31326168751822286f,
            0.6931471805599453f, 1.3132616875182228f, 5.006715348489118f, 15.000000305902274f, 20.000000002061153f,
            20.01f, 100, 1e4f, 0, INF, NAN};
        float[] y = x.softplus().toArray();
        for (int i = 0; i < y.length; i++) {  // float64 values rounded: at most an ulp from torch's float32 ones
            assertEquals(torch[i], y[i], Float.isFinite(torch[i]) ? Math.ulp(torch[i]) : 0f, "softplus(" + x.get(i) + ")");
        }
        assertEquals(20.01f, y[10], "x itself above the threshold");
        assertArrayEquals(new float[] {0, 3.783505853677006e-44f, 2.06115369216775e-09f, 0.006692850962281227f,
            0.2689414322376251f, 0.5f, 0.7310585975646973f, 0.9933071732521057f, 0.9999997019767761f, 1, 1, 1, 1, 0, 1, NAN},
            gradOf(x, Tensor::softplus, Tensor.ones(16)).toArray());
    }

    @Test
    void emptyTensorsGiveEmptyResultsAndGradients() {
        Tensor e = Tensor.zeros(0, 3).requiresGrad(true);
        Tensor y = e.clamp(0f, 1f).add(e.maximum(Tensor.ones(3))).add(e.minimum(Tensor.ones(1, 3))).add(e.leakyRelu(0.1f))
                .add(e.gelu()).add(e.softplus()).add(Tensor.where(e, e, Tensor.ones(3)));
        assertArrayEquals(new int[] {0, 3}, y.shape());
        y.sum().backward();
        assertArrayEquals(new int[] {0, 3}, e.grad().shape());
    }

    @Test
    void doubleOverloadsRoundTheValueToFloatAsTorchDoes() {
        Tensor x = Tensor.randn(new Rng(3), 1000);
        // torch: x * 0.1 == x * torch.tensor(0.1, dtype=float32) and x / 3.0 == x / torch.tensor(3.0) everywhere
        assertArrayEquals(x.mul(0.1f).toArray(), x.mul(0.1).toArray());
        assertArrayEquals(x.div(3f).toArray(), x.div(3.0).toArray());
        assertArrayEquals(x.add(0.1f).toArray(), x.add(0.1).toArray());
        assertArrayEquals(x.sub(1e-3f).toArray(), x.sub(1e-3).toArray());
        assertArrayEquals(x.mul(2f).toArray(), x.mul(2).toArray(), "an int literal picks mul(float)");
        assertArrayEquals(x.add(1f).toArray(), x.add(1L).toArray());
    }
}
