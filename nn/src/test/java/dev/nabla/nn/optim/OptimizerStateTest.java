package dev.nabla.nn.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** loadStateDict checks names, shapes and values, and on any error changes nothing. */
class OptimizerStateTest {
    private static Tensor param() {
        return Tensor.of(new float[] {1, 2}, 2).requiresGrad(true);
    }

    private static void step(Optimizer opt, Tensor p) {
        opt.zeroGrad();
        p.mul(p).sum().backward();
        opt.step();
    }

    /** {@code opt}'s state with {@code key} replaced (or removed, for null). */
    private static Map<String, Tensor> with(Optimizer opt, String key, Tensor value) {
        Map<String, Tensor> s = new LinkedHashMap<>(opt.stateDict());
        if (value == null) s.remove(key);
        else s.put(key, value);
        return s;
    }

    /** The message of loading {@code state}, after checking that the state did not change. */
    private static String rejected(Optimizer opt, Map<String, Tensor> state) {
        Map<String, float[]> before = new LinkedHashMap<>();
        opt.stateDict().forEach((k, v) -> before.put(k, v.toArray()));
        String message = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(state)).getMessage();
        assertEquals(before.keySet(), opt.stateDict().keySet());
        before.forEach((k, v) -> assertArrayEquals(v, opt.stateDict().get(k).toArray(), k));
        return message;
    }

    @Test
    void stateOfTheWrongShapeIsRejectedAtLoad() {
        Tensor p = param();
        Adam adam = new Adam(List.of(p), 0.1);
        step(adam, p);
        // a 0-d expAvg used to be accepted and fail at the first step()
        assertEquals("Adam: state 'expAvg' of parameter 0 has shape [], expected [2]", rejected(adam, with(adam, "0.expAvg", Tensor.scalar(0f))));
        assertEquals("Adam: state 'step' of parameter 0 has shape [1], expected []", rejected(adam, with(adam, "0.step", Tensor.ones(1))));
        SGD sgd = new SGD(List.of(p), 0.1, 0.9, 0);
        step(sgd, p);
        assertEquals("SGD: state 'momentumBuffer' of parameter 0 has shape [3], expected [2]",
                rejected(sgd, with(sgd, "0.momentumBuffer", Tensor.ones(3))));
    }

    @Test
    void unknownIncompleteOrImpossibleStateIsRejected() {
        Tensor p = param();
        Adam adam = new Adam(List.of(p), 0.1);
        step(adam, p);
        assertEquals("Adam: unknown state 'momentumBuffer' for parameter 0 (expected step, expAvg, expAvgSq)",
                rejected(adam, with(adam, "0.momentumBuffer", Tensor.ones(2))));
        assertEquals("Adam: the state of parameter 0 lacks expAvgSq (it has step, expAvg)", rejected(adam, with(adam, "0.expAvgSq", null)));
        assertEquals("Adam: state 'step' of parameter 0 must be a whole number >= 0, but is 1.5",
                rejected(adam, with(adam, "0.step", Tensor.scalar(1.5f))));
        assertEquals("Adam: state entry '01.step' names no parameter (there are 1)", rejected(adam, Map.of("01.step", Tensor.scalar(1f))));
        assertEquals("Adam: state entry 'step' names no parameter (there are 1)", rejected(adam, Map.of("step", Tensor.scalar(1f))));
        Adam ams = new Adam(List.of(param()), new Adam.Options(0.1, 0.9, 0.999, 1e-8, 0, true));
        assertEquals("Adam: the state of parameter 0 lacks maxExpAvgSq (it has step, expAvg, expAvgSq)", rejected(ams, adam.stateDict()));
    }

    @Test
    void validStateLoadsAndContinuesIdentically() {
        Tensor a = param(), b = param();
        AdamW oa = new AdamW(List.of(a), new AdamW.Options(0.1, 0.9, 0.999, 1e-8, 0.01, true));
        step(oa, a);
        step(oa, a);
        AdamW ob = new AdamW(List.of(b), new AdamW.Options(0.1, 0.9, 0.999, 1e-8, 0.01, true));
        try (var g = Tensor.noGrad()) {
            b.copy_(a);
        }
        ob.loadStateDict(oa.stateDict());
        assertEquals(List.of("0.step", "0.expAvg", "0.expAvgSq", "0.maxExpAvgSq"), List.copyOf(ob.stateDict().keySet()));
        for (int i = 0; i < 3; i++) {
            step(oa, a);
            step(ob, b);
        }
        assertArrayEquals(a.toArray(), b.toArray());
        assertEquals(5f, ob.stateDict().get("0.step").item());
    }
}
