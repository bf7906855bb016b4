package dev.nabla.nn.init;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

class InitTest {

    private static double std(float[] v) {
        double m = 0, s = 0;
        for (float x : v) m += x;
        m /= v.length;
        for (float x : v) s += (x - m) * (x - m);
        return Math.sqrt(s / v.length);
    }

    @Test
    void constantsAndTheyWorkOnParameters() {
        Tensor w = Tensor.zeros(2, 2).requiresGrad(true);  // a parameter: only writable under no-grad
        Init.constant_(w, 3f);
        assertArrayEquals(new float[] {3, 3, 3, 3}, w.toArray());
        Init.zeros_(w);
        assertArrayEquals(new float[4], w.toArray());
        Init.ones_(w);
        assertArrayEquals(new float[] {1, 1, 1, 1}, w.toArray());
        assertTrue(Tensor.isGradEnabled(), "the no-grad scope is closed again");
        assertFalse(w.gradFn() != null);
    }

    @Test
    void normalHasTheRequestedSpread() {
        // d2l: normal_(std=0.01). The sample sd of n normals has standard error σ/√(2n).
        float[] w = Init.normal_(Tensor.zeros(256, 784), 0f, 0.01f, new Rng(1)).toArray();
        assertEquals(0.01, std(w), 5 * 0.01 / Math.sqrt(2.0 * w.length));
    }

    @Test
    void xavierAndKaimingFollowTheirFormulas() {
        Tensor t = Tensor.zeros(300, 500);
        float[] xu = Init.xavierUniform_(t, 1, new Rng(2)).toArray();
        double a = Math.sqrt(6.0 / 800);
        for (float v : xu) assertTrue(Math.abs(v) <= a);
        assertEquals(a / Math.sqrt(3), std(xu), 0.01 * a);
        assertEquals(Math.sqrt(2.0 / 800), std(Init.xavierNormal_(t, 1, new Rng(3)).toArray()), 0.01 * Math.sqrt(2.0 / 800));
        double he = Math.sqrt(2) / Math.sqrt(500);  // relu gain √2, fan in 500
        assertEquals(he, std(Init.kaimingNormal_(t, 0, Init.FanMode.FAN_IN, Init.Nonlinearity.RELU, new Rng(4)).toArray()), 0.01 * he);
        assertEquals(Math.sqrt(2) / Math.sqrt(300),
                std(Init.kaimingUniform_(t, 0, Init.FanMode.FAN_OUT, Init.Nonlinearity.RELU, new Rng(5)).toArray()),
                0.01 * Math.sqrt(2) / Math.sqrt(300));
        assertEquals(5.0 / 3, Init.calculateGain(Init.Nonlinearity.TANH, 0));
        assertEquals(Math.sqrt(2 / (1 + 0.01)), Init.calculateGain(Init.Nonlinearity.LEAKY_RELU, 0.1), 1e-12);
        assertEquals(4 * 3 * 3, Init.fanIn(Tensor.zeros(8, 4, 3, 3)));
    }

    @Test
    void fanNeedsTwoDimensions() {
        assertEquals("fan in and fan out can not be computed for a tensor with fewer than 2 dimensions, but got shape [5]",
                assertThrows(IllegalArgumentException.class, () -> Init.xavierUniform_(Tensor.zeros(5))).getMessage());
    }
}
