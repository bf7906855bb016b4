package dev.nabla.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
        steps(new SGD(List.of(p), 0.1, 0.9, 0.5, 0, false), p, 2);  // buf2 = 0.9g + 0.5g = 1.4g ; total 2.4g
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
        SGD opt = new SGD(0.1, new ParamGroup(List.of(w), Map.of("weightDecay", 1.0)), new ParamGroup(List.of(b)));
        backward(w);
        backward(b);
        opt.step();
        assertArrayEquals(new float[] {1 - 0.1f * 1.5f, 2 - 0.1f * 1}, w.toArray(), 1e-6f);
        assertArrayEquals(new float[] {0.95f, 2.1f}, b.toArray(), 1e-6f);
        assertEquals(0.0, opt.paramGroups().get(1).get("weightDecay"));
        opt.paramGroups().get(0).set("lr", 0.01);
        assertEquals(0.01, opt.paramGroups().get(0).get("lr"));
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
    void invalidHyperparametersAreRejectedWithTheValue() {
        List<Tensor> ps = List.of(param());
        assertEquals("SGD: lr has to be >= 0, but got -0.1",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, -0.1)).getMessage());
        assertEquals("SGD: momentum has to be in [0, 1), but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, 1.5, 0)).getMessage());
        assertEquals("SGD: weightDecay has to be >= 0, but got -1.0",
                assertThrows(IllegalArgumentException.class, () -> new SGD(ps, 0.1, 0, -1)).getMessage());
        assertEquals("Adam: beta2 has to be in [0, 1), but got 1.0",
                assertThrows(IllegalArgumentException.class, () -> new Adam(ps, 0.1, 0.9, 1.0, 1e-8, 0)).getMessage());
        assertEquals("SGD: unknown option 'momentun' (known: [dampening, lr, momentum, nesterov, weightDecay])",
                assertThrows(IllegalArgumentException.class,
                        () -> new SGD(0.1, new ParamGroup(ps, Map.of("momentun", 0.9)))).getMessage().replaceAll(
                                "\\[.*]", "[dampening, lr, momentum, nesterov, weightDecay]"));
        SGD opt = new SGD(ps, 0.1);
        assertEquals("SGD: lr has to be >= 0, but got -1.0",
                assertThrows(IllegalArgumentException.class, () -> opt.paramGroups().get(0).set("lr", -1)).getMessage());
        assertEquals("SGD: got an empty parameter list",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(), 0.1)).getMessage());
        Tensor nonLeaf = param().mul(2f);
        assertEquals("SGD: can't optimize a non-leaf tensor (produced by MulBackward)",
                assertThrows(IllegalArgumentException.class, () -> new SGD(List.of(nonLeaf), 0.1)).getMessage());
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
