package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * min, var, logSumExp and sum/mean over several dims against PyTorch 1.13's values and gradients
 * (the torch call is in each comment), with ties, one-element variances, infinities and the
 * error messages for bad dims.
 */
class ReductionOpsTest {
    private static final float NAN = Float.NaN, INF = Float.POSITIVE_INFINITY;

    private static IllegalArgumentException bad(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e);
    }

    /** dL/dx for L = Σ w·f(x). */
    private static Tensor gradOf(Tensor x, java.util.function.Function<Tensor, Tensor> f, Tensor w) {
        Tensor leaf = Tensor.of(x.toArray(), x.shape()).requiresGrad(true);
        f.apply(leaf).backward(w);
        return leaf.grad();
    }

    private static final Tensor X = Tensor.of(new float[] {3, 1, 2, 1, 0, 5, 0, -1}, 2, 4);

    @Test
    void minAlongADimSendsTheGradientToTheFirstMinimum() {
        // x = [[3, 1, 2, 1], [0, 5, 0, -1]]; x.min(dim=1) = ([1, -1], [1, 3]); backward([1, 2])
        Tensor v = X.min(1, false);
        assertArrayEquals(new float[] {1, -1}, v.toArray());
        assertArrayEquals(new int[] {2}, v.shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 0, 0, 0, 2}, gradOf(X, t -> t.min(1, false), Tensor.of(new float[] {1, 2}, 2)).toArray());
        // x.min(dim=0, keepdim=True) = ([[0, 1, 0, -1]], [[1, 0, 1, 1]])
        assertArrayEquals(new float[] {0, 1, 0, -1}, X.min(0, true).toArray());
        assertArrayEquals(new int[] {1, 4}, X.min(0, true).shape());
        assertArrayEquals(new float[] {0, 1, 0, 0, 1, 0, 1, 1}, gradOf(X, t -> t.min(0, true), Tensor.ones(1, 4)).toArray());
        // torch.tensor([1, nan, 0, nan]).min(dim=0) = (nan, 1): NaN wins, the first one gets the gradient
        Tensor nans = Tensor.of(new float[] {1, NAN, 0, NAN}, 4);
        assertTrue(Float.isNaN(nans.min(0, false).item()));
        assertArrayEquals(new float[] {0, 1, 0, 0}, gradOf(nans, t -> t.min(0, false), Tensor.scalar(1f)).toArray());
        assertEquals(7f, Tensor.scalar(7f).min(0, false).item());
        assertEquals("MinBackward", X.requiresGrad(true).min(0, false).gradFn());
    }

    @Test
    void wholeTensorMinSharesTheGradientEvenlyAmongTies() {
        // x.min() = -1, gradient all at [1, 3]; torch.tensor([2., 1, 1, 1]).min().backward(): [0, 1/3, 1/3, 1/3]
        assertEquals(-1f, X.min().item());
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 0, 0, 1}, gradOf(X, Tensor::min, Tensor.scalar(1f)).toArray());
        assertArrayEquals(new float[] {0, 1 / 3f, 1 / 3f, 1 / 3f},
                gradOf(Tensor.of(new float[] {2, 1, 1, 1}, 4), Tensor::min, Tensor.scalar(1f)).toArray());
        // torch.tensor([1, nan, 0, nan]).min() = nan, the gradient shared by the NaNs: [0, .5, 0, .5]
        Tensor nans = Tensor.of(new float[] {1, NAN, 0, NAN}, 4);
        assertTrue(Float.isNaN(nans.min().item()));
        assertArrayEquals(new float[] {0, 0.5f, 0, 0.5f}, gradOf(nans, Tensor::min, Tensor.scalar(1f)).toArray());
        assertArrayEquals(new int[0], X.min().shape());
    }

    @Test
    void varIsUnbiasedByDefaultOverOneOrSeveralDims() {
        // x = [[1, 2, 3, 4], [2, 4, 6, 9]]: x.var(1) = [1.6667, 8.9167], unbiased=False [1.25, 6.6875],
        // x.var(0, keepdim=True) = [[0.5, 2, 4.5, 12.5]], torch.var(x, dim=[0, 1]) = 6.6964
        Tensor x = Tensor.of(new float[] {1, 2, 3, 4, 2, 4, 6, 9}, 2, 4);
        assertArrayEquals(new float[] {5 / 3f, 107 / 12f}, x.var(1, false).toArray(), 1e-6f);
        assertArrayEquals(new float[] {1.25f, 6.6875f}, x.var(1, false, false).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.5f, 2, 4.5f, 12.5f}, x.var(0, true).toArray(), 1e-6f);
        assertArrayEquals(new int[] {1, 4}, x.var(0, true).shape());
        assertEquals(6.6964287f, x.var(new int[] {0, 1}, false, true).item(), 1e-6f);
        assertEquals(6.6964287f, x.var(new int[0], false, true).item(), 1e-6f, "no dims: all of them, as torch 1.13");
        // torch.arange(24.).reshape(2, 3, 4).var(dim=[0, 2]) = [42.5714, ...], unbiased=False: [37.25, ...]
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new float[] {42.571430f, 42.571430f, 42.571430f}, a.var(new int[] {0, 2}, false, true).toArray(), 1e-5f);
        assertArrayEquals(new float[] {37.25f, 37.25f, 37.25f}, a.var(new int[] {0, 2}, false, false).toArray(), 1e-5f);
        assertEquals("VarBackward", x.requiresGrad(true).var(0, false).gradFn());
    }

    @Test
    void varOfOneElementIsNaNUnbiasedAndZeroBiased() {
        // torch.tensor([[2.]]).var(dim=1) = [nan], gradient [[nan]]; unbiased=False: [0.], gradient [[0.]]
        Tensor one = Tensor.of(new float[] {2}, 1, 1);
        assertTrue(Float.isNaN(one.var(1, false).item()));
        assertTrue(Float.isNaN(gradOf(one, t -> t.var(1, false), Tensor.ones(1)).item()));
        assertEquals(0f, one.var(1, false, false).item());
        assertEquals(0f, gradOf(one, t -> t.var(1, false, false), Tensor.ones(1)).item());
        // torch.zeros(0, 3).var(dim=0) and its biased twin: [nan, nan, nan]
        for (boolean unbiased : new boolean[] {true, false}) {
            for (float v : Tensor.zeros(0, 3).var(0, false, unbiased).toArray()) assertTrue(Float.isNaN(v));
        }
    }

    @Test
    void sumAndMeanOverSeveralDims() {
        // a = torch.arange(24.).reshape(2, 3, 4): a.sum(dim=[0, 2]) = [60, 92, 124], a.mean(dim=[0, 2]) = [7.5, 11.5, 15.5]
        Tensor a = Tensor.arange(24).reshape(2, 3, 4);
        assertArrayEquals(new float[] {60, 92, 124}, a.sum(new int[] {0, 2}, false).toArray());
        assertArrayEquals(new float[] {7.5f, 11.5f, 15.5f}, a.mean(new int[] {0, 2}, false).toArray());
        // a.sum(dim=[-1, 0], keepdim=True): shape [1, 3, 1]; a.mean(dim=[1], keepdim=True): [2, 1, 4]
        Tensor kept = a.sum(new int[] {-1, 0}, true);
        assertArrayEquals(new int[] {1, 3, 1}, kept.shape());
        assertArrayEquals(new float[] {60, 92, 124}, kept.toArray());
        assertArrayEquals(new int[] {2, 1, 4}, a.mean(new int[] {1}, true).shape());
        assertTrue(a.mean(new int[] {1}, true).allClose(a.mean(1, true), 0, 0));
        // a.sum(dim=[]) = 276 (every dim, torch 1.13), keepdim=True: shape [1, 1, 1]
        assertEquals(276f, a.sum(new int[0], false).item());
        assertArrayEquals(new int[] {1, 1, 1}, a.sum(new int[0], true).shape());
        // torch.tensor(3.).sum(dim=[0]) = torch.tensor(3.).sum(dim=[-1]) = 3
        assertEquals(3f, Tensor.scalar(3f).sum(new int[] {-1}, false).item());
        // dims of size 1 and no reduced dim left: a copy, not the input's storage
        Tensor b = Tensor.ones(2, 1, 3);
        Tensor s = b.sum(new int[] {1}, false);
        assertArrayEquals(new int[] {2, 3}, s.shape());
        assertTrue(s.storage != b.storage);
        // an empty reduced dim sums to 0, and its mean is nan: torch.zeros(2, 0).sum(1), .mean(1)
        assertArrayEquals(new float[] {0, 0}, Tensor.zeros(2, 0).sum(new int[] {1}, false).toArray());
        assertTrue(Float.isNaN(Tensor.zeros(2, 0).mean(new int[] {1}, false).get(0)));
    }

    @Test
    void batchNormStatisticsOverDims023MatchDoublePrecision() {
        Tensor x = Tensor.randn(new Rng(11), 8, 3, 5, 7).mul(2f).add(1f);
        float[] d = x.toArray();
        int n = 8 * 5 * 7;
        double[] mean = new double[3], meanAbs = new double[3], var = new double[3];
        for (int i = 0; i < d.length; i++) {
            mean[i / 35 % 3] += d[i] / (double) n;
            meanAbs[i / 35 % 3] += Math.abs(d[i]) / (double) n;
        }
        for (int i = 0; i < d.length; i++) var[i / 35 % 3] += Math.pow(d[i] - mean[i / 35 % 3], 2) / (n - 1);
        Tensor m = x.mean(new int[] {0, 2, 3}, true), v = x.var(new int[] {0, 2, 3}, true, true);
        assertArrayEquals(new int[] {1, 3, 1, 1}, m.shape());
        double u = 0x1p-24;
        for (int c = 0; c < 3; c++) {
            // a float sum of n terms is within n·u·Σ|terms| (Higham 3.1), plus a rounding for the scale; the variance's
            // terms (x - mean)² are positive and each rounded three times, the mean's own error is second order
            assertEquals(mean[c], m.get(0, c, 0, 0), (n + 2) * u * meanAbs[c]);
            assertEquals(var[c], v.get(0, c, 0, 0), (n + 5) * u * var[c]);
        }
        assertTrue(m.allClose(x.mean(0, true).mean(2, true).mean(3, true), 1e-5, 1e-6), "the chained single-dim means");
    }

    @Test
    void logSumExpIsStableAt1e4AndHandlesInfinities() {
        // torch.logsumexp(torch.tensor([[1e4, 1e4, -1e4], [-1e4, -1e4, -1e4 + 1]]), 1) = [10000.693359375, -9998.4482421875]
        Tensor big = Tensor.of(new float[] {1e4f, 1e4f, -1e4f, -1e4f, -1e4f, -1e4f + 1}, 2, 3);
        assertArrayEquals(new float[] {10000.693359375f, -9998.4482421875f}, big.logSumExp(1, false).toArray());
        // the gradient exp(x - y) uses the float result, whose ulp at 1e4 is 1e-3: torch gives the same 0.49989, not 0.5
        Tensor g = gradOf(big, t -> t.logSumExp(1, false), Tensor.ones(2));
        assertArrayEquals(new float[] {0.4998939037322998f, 0.4998939037322998f, 0, 0.21187521517276764f, 0.21187521517276764f,
            0.5759365558624268f}, g.toArray(), 1e-6f);
        // rows [1, 2, 3], [-inf x 3], [inf, 1, 2]: [3.4076, -inf, inf]; gradient rows [.09, .2447, .6652], [nan x 3], [nan, 0, 0]
        Tensor x = Tensor.of(new float[] {1, 2, 3, -INF, -INF, -INF, INF, 1, 2}, 3, 3);
        assertArrayEquals(new float[] {3.4076059f, -INF, INF}, x.logSumExp(1, false).toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.09003057f, 0.24472848f, 0.66524094f, NAN, NAN, NAN, NAN, 0, 0},
                gradOf(x, t -> t.logSumExp(1, false), Tensor.ones(3)).toArray(), 1e-6f);
        // torch.logsumexp(torch.tensor([[1, 2], [3, 4], [5, 6.]]), 0, keepdim=True) = [[5.1429, 6.1429]]; NaN propagates
        Tensor c = Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2).logSumExp(0, true);
        assertArrayEquals(new int[] {1, 2}, c.shape());
        assertArrayEquals(new float[] {5.1429315f, 6.1429315f}, c.toArray(), 1e-6f);
        assertTrue(Float.isNaN(Tensor.of(new float[] {NAN, 1}, 2).logSumExp(0, false).item()));
        // an empty dim sums no exps: torch.logsumexp(torch.zeros(2, 0), 1) = [-inf, -inf]; a 0-d tensor is itself
        assertArrayEquals(new float[] {-INF, -INF}, Tensor.zeros(2, 0).logSumExp(1, false).toArray());
        assertEquals(3f, Tensor.scalar(3f).logSumExp(0, false).item());
        assertEquals("LogSumExpBackward", big.requiresGrad(true).logSumExp(0, false).gradFn());
    }

    @Test
    void badDimsAreNamed() {
        Tensor a = Tensor.zeros(2, 3, 4);
        // torch: "dim 0 appears multiple times in the list of dims" for [0, 0] and [0, -3]
        assertEquals("sum: dim 0 appears multiple times in the list of dims [0, -3]", bad(() -> a.sum(new int[] {0, -3}, false)).getMessage());
        assertEquals("mean: dim 2 appears multiple times in the list of dims [2, 2]", bad(() -> a.mean(new int[] {2, 2}, true)).getMessage());
        assertEquals("var: dim 1 appears multiple times in the list of dims [1, 0, -2]",
                bad(() -> a.var(new int[] {1, 0, -2}, false, true)).getMessage());
        assertEquals("sum: dim 0 appears multiple times in the list of dims [0, -1]",
                bad(() -> Tensor.scalar(1f).sum(new int[] {0, -1}, false)).getMessage());
        // torch: "Dimension out of range (expected to be in range of [-3, 2], but got 3)"
        assertEquals("sum: dimension 3 is out of range for a tensor of rank 3 (expected -3 to 2)", bad(() -> a.sum(new int[] {0, 3}, false)).getMessage());
        assertEquals("var: dimension -4 is out of range for a tensor of rank 3 (expected -3 to 2)", bad(() -> a.var(-4, false)).getMessage());
        assertEquals("min: dimension 2 is out of range for a tensor of rank 2 (expected -2 to 1)", bad(() -> X.min(2, false)).getMessage());
        assertEquals("logSumExp: dimension 2 is out of range for a tensor of rank 2 (expected -2 to 1)", bad(() -> X.logSumExp(2, false)).getMessage());
        assertEquals("dims", assertThrows(NullPointerException.class, () -> a.mean(null, false)).getMessage());
        // torch: "min(): Expected reduction dim 0 to have non-zero size." / "... for input.numel() == 0. Specify the reduction dim ..."
        assertEquals("min: dimension 0 of shape [0, 3] is empty, so it has no minimum", bad(() -> Tensor.zeros(0, 3).min(0, false)).getMessage());
        assertEquals("min: the tensor of shape [0, 3] is empty, so it has no minimum; min(dim, keepDim) reduces one dimension, which must be non-empty",
                bad(() -> Tensor.zeros(0, 3).min()).getMessage());
        assertArrayEquals(new int[] {0}, Tensor.zeros(0, 3).min(1, false).shape(), "torch.zeros(0, 3).min(dim=1): empty values");
    }
}
