package dev.nabla.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each update rule on cases small enough to check by hand. */
class OptimizerTest {

    /** A parameter [1, 2] whose loss Σ c·p gives the constant gradient c = [0.5, -1]. */
    private static Tensor param() {
        return Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
    }

    private static void backward(Tensor p) {
        p.mul(Tensor.of(new float[] {0.5f, -1}, 2)).sum().backward();
    }

    private static void steps(Optimizer opt, Tensor p, int n) {
        for (int i = 0; i < n; i++) {
            opt.zeroGrad();
            backward(p);
            opt.step();
        }
    }

    @Test
    void plainSgd() {
        Tensor p = param();
        steps(new SGD(List.of(p), 0.1), p, 1);
        assertArrayEquals(new float[] {0.95f, 2.1f}, p.toArray(), 1e-7f);
    }

    @Test
    void sgdWithMomentum() {
        // buf1 = g ; buf2 = 0.9 g + g = 1.9 g ; p = p0 - lr(g + 1.9g) = p0 - 0.29 g
        Tensor p = param();
        steps(new SGD(List.of(p), 0.1, 0.9, 0), p, 2);
        assertArrayEquals(new float[] {1 - 0.29f * 0.5f, 2 + 0.29f}, p.toArray(), 1e-6f);
    }

    @Test
    void sgdWithDampeningAndNesterov() {
        Tensor p = param();
        steps(new SGD(List.of(p), new SGD.Options(0.1, 0.9, 0.5, 0, false)), p, 2);  // buf2 = 0.9g + 0.5g = 1.4g ; total 2.4g
        assertArrayEquals(new float[] {1 - 0.24f * 0.5f, 2 + 0.24f}, p.toArray(), 1e-6f);
        Tensor q = param();
        steps(new SGD(List.of(q), 0.1, 0.9, 0, 0, true), q, 1);  // d = g + 0.9 g = 1.9 g
        assertArrayEquals(new float[] {1 - 0.19f * 0.5f, 2 + 0.19f}, q.toArray(), 1e-6f);
    }

    @Test
    void sgdWeightDecay() {
        Tensor p = param();
        steps(new SGD(List.of(p), 0.1, 0, 0.01), p, 1);  // d = g + 0.01 p
        assertArrayEquals(new float[] {1 - 0.1f * (0.5f + 0.01f), 2 - 0.1f * (-1 + 0.02f)}, p.toArray(), 1e-6f);
    }

    @Test
    void parameterGroupsApplyWeightDecayToWeightsOnly() {
        Tensor w = param(), b = param();
        SGD.Options base = new SGD.Options(0.1);
        SGD opt = new SGD(new ParamGroup<>(List.of(w), base.withWeightDecay(1)), new ParamGroup<>(List.of(b), base));
        backward(w);
        backward(b);
        opt.step();
        assertArrayEquals(new float[] {1 - 0.1f * 1.5f, 2 - 0.1f * 1}, w.toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.95f, 2.1f}, b.toArray(), 1e-6f);
        assertEquals(0.0, opt.paramGroups().get(1).options().weightDecay());
        opt.paramGroups().get(0).setLr(0.01);  // a schedule
        assertEquals(0.01, opt.paramGroups().get(0).lr());
        assertEquals(new SGD.Options(0.01, 0, 0, 1, false), opt.paramGroups().get(0).options());
        assertEquals(0.1, opt.paramGroups().get(1).lr());
        w.zeroGrad();
        backward(w);
        float[] before = w.toArray();
        opt.step();
        assertArrayEquals(new float[] {before[0] - 0.01f * (0.5f + before[0]), before[1] - 0.01f * (-1 + before[1])}, w.toArray(), 1e-6f);
    }

    @Test
    void adamMatchesItsFormula() {
        Tensor p = param();
        Adam opt = new Adam(List.of(p), 0.01);
        steps(opt, p, 2);
        // constant g: m_t = (1-β₁ᵗ) g, v_t = (1-β₂ᵗ) g², so each step moves lr·g/(|g| + eps') ≈ lr·sign(g)
        float[] expected = new float[2];
        float[] g = {0.5f, -1f}, p0 = {1, 2};
        for (int i = 0; i < 2; i++) {
            double x = p0[i];
            for (int t = 1; t <= 2; t++) {
                double m = (1 - Math.pow(0.9, t)) * g[i], v = (1 - Math.pow(0.999, t)) * g[i] * g[i];
                double denom = Math.sqrt(v) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                x -= 0.01 / (1 - Math.pow(0.9, t)) * m / denom;
            }
            expected[i] = (float) x;
        }
        assertArrayEquals(expected, p.toArray(), 1e-6f);
        assertEquals(2f, opt.stateDict().get("0.step").item());
    }

    @Test
    void stepSkipsParametersWithoutGradients() {
        Tensor p = param();
        new SGD(List.of(p), 0.1, 0.9, 0.1).step();
        assertArrayEquals(new float[] {1, 2}, p.toArray());
    }

    @Test
    void zeroGradClearsGradients() {
        Tensor p = param();
        SGD opt = new SGD(List.of(p), 0.1);
        backward(p);
        opt.zeroGrad();
        assertNull(p.grad());
    }

    @Test
    void invalidHyperparametersAreRejectedInTheConstructorWithPyTorchsMessages() {
        List<Tensor> ps = List.of(param());
        assertEquals("Invalid learning rate: -0.1", error(() -> new SGD(ps, -0.1)));
        assertEquals("Invalid learning rate: NaN", error(() -> new SGD(ps, Double.NaN)));
        assertEquals("Invalid learning rate: Infinity", error(() -> new Adam(ps, Double.POSITIVE_INFINITY)));
        assertEquals("Invalid momentum value: -0.5", error(() -> new SGD(ps, 0.1, -0.5, 0)));
        assertEquals("Invalid weightDecay value: -1.0", error(() -> new SGD(ps, 0.1, 0, -1)));
        assertEquals("Nesterov momentum requires a momentum and zero dampening", error(() -> new SGD(ps, 0.1, 0, 0, 0, true)));
        assertEquals("Nesterov momentum requires a momentum and zero dampening", error(() -> new SGD(ps, 0.1, 0.9, 0.1, 0, true)));
        assertEquals("Invalid beta parameter at index 0: 1.0", error(() -> new Adam(ps, 0.1, 1.0, 0.999, 1e-8, 0)));
        assertEquals("Invalid beta parameter at index 1: -0.1", error(() -> new AdamW(ps, 0.1, 0.9, -0.1, 1e-8, 0)));
        assertEquals("Invalid epsilon value: -1.0E-8", error(() -> new Adam(ps, 0.1, 0.9, 0.999, -1e-8, 0)));
        assertEquals("Invalid weightDecay value: -0.01", error(() -> new AdamW.Options(1e-3).withWeightDecay(-0.01)));
        // PyTorch allows momentum >= 1 and any dampening; so do we (they are unusual, not invalid)
        new SGD(ps, 0.1, 1.5, 0);
        assertEquals("SGD: got an empty parameter list", error(() -> new SGD(List.of(), 0.1)));
        Tensor nonLeaf = param().mul(2f);
        assertEquals("SGD: can't optimize a non-leaf tensor (produced by MulBackward)", error(() -> new SGD(List.of(nonLeaf), 0.1)));
        Tensor p = ps.get(0);
        assertEquals("Adam: a parameter appears more than once (shape [2])", error(() -> new Adam(List.of(p, p))));
    }

    @Test
    void aScheduleCanChangeTheLearningRateButOnlyToAValidOne() {
        SGD opt = new SGD(List.of(param()), 0.1);
        ParamGroup<SGD.Options> g = opt.paramGroups().get(0);
        assertEquals("Invalid learning rate: -1.0", error(() -> g.setLr(-1)));
        assertEquals(0.1, g.lr());
        Optimizer any = new AdamW(List.of(param()));
        any.paramGroups().get(0).setLr(0.5);  // through the untyped view, as a generic scheduler would
        assertEquals(new AdamW.Options(0.5), ((AdamW) any).paramGroups().get(0).options());
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new Adam.Options(1e-3, 0.9, 0.999, 1e-8, 0, false), new Adam.Options());
        assertEquals(new AdamW.Options(1e-3, 0.9, 0.999, 1e-8, 1e-2, false), new AdamW.Options());
        assertEquals(new SGD.Options(0.1, 0, 0, 0, false), new SGD.Options(0.1));
    }

    @Test
    void printsAsPyTorchPrintsAnOptimizer() {
        // torch.optim.SGD([p], lr=0.1, momentum=0.9, weight_decay=5e-4) prints the same lines (and a few options Nabla lacks)
        assertEquals("SGD (\nParameter Group 0\n    dampening: 0\n    lr: 0.1\n    momentum: 0.9\n    nesterov: false\n"
                + "    weightDecay: 0.0005\n)", new SGD(List.of(param()), 0.1, 0.9, 5e-4).toString());
        assertEquals("AdamW (\nParameter Group 0\n    amsgrad: false\n    beta1: 0.9\n    beta2: 0.999\n    eps: 1e-08\n"
                + "    lr: 0.001\n    weightDecay: 0.01\n)", new AdamW(List.of(param())).toString());
        Adam two = new Adam(new ParamGroup<>(List.of(param()), new Adam.Options(0.01)),
                new ParamGroup<>(List.of(param()), new Adam.Options(2e-5).withWeightDecay(1e-4)));
        assertTrue(two.toString().contains("Parameter Group 1\n    amsgrad: false\n    beta1: 0.9\n    beta2: 0.999\n    eps: 1e-08\n"
                + "    lr: 2e-05\n    weightDecay: 0.0001\n)"), two.toString());
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("params", assertThrows(NullPointerException.class, () -> new SGD(null, 0.1)).getMessage());
        assertEquals("options", assertThrows(NullPointerException.class, () -> new Adam(List.of(param()), (Adam.Options) null)).getMessage());
        assertEquals("groups", assertThrows(NullPointerException.class, () -> new SGD((ParamGroup<SGD.Options>[]) null)).getMessage());
        ParamGroup<SGD.Options> ok = new ParamGroup<>(List.of(param()), new SGD.Options(0.1));
        assertEquals("groups[1]", assertThrows(NullPointerException.class, () -> new SGD(ok, null)).getMessage());
        assertEquals("params[0]", assertThrows(NullPointerException.class,
                () -> new ParamGroup<>(java.util.Arrays.asList((Tensor) null), new SGD.Options(0.1))).getMessage());
        assertEquals("saved", assertThrows(NullPointerException.class, () -> new SGD(List.of(param()), 0.1).loadStateDict(null)).getMessage());
    }

    private static String error(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void stateDictRoundTripContinuesIdentically() {
        Tensor a = param(), b = param();
        SGD oa = new SGD(List.of(a), 0.1, 0.9, 0);
        steps(oa, a, 2);
        SGD ob = new SGD(List.of(b), 0.1, 0.9, 0);
        try (var g = Tensor.noGrad()) {
            b.copy_(a);
        }
        ob.loadStateDict(oa.stateDict());
        steps(oa, a, 3);
        steps(ob, b, 3);
        assertArrayEquals(a.toArray(), b.toArray());
        assertEquals("SGD: state entry '7.momentumBuffer' names no parameter (there are 1)",
                assertThrows(IllegalArgumentException.class,
                        () -> ob.loadStateDict(Map.of("7.momentumBuffer", Tensor.ones(2)))).getMessage());
    }
}
