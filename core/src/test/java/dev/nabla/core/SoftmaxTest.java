package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Softmax, log-softmax and cross-entropy values, including logits far beyond exp's range. */
class SoftmaxTest {

    @Test
    void softmaxValues() {
        Tensor p = Tensor.of(new float[] {1, 2, 3}, 1, 3).softmax(1);
        double z = Math.exp(1) + Math.exp(2) + Math.exp(3);
        assertArrayEquals(new float[] {(float) (Math.exp(1) / z), (float) (Math.exp(2) / z), (float) (Math.exp(3) / z)},
                p.toArray(), 1e-7f);
        assertEquals(1f, p.sum().item(), 1e-6f);
    }

    @Test
    void logSoftmaxIsStableForHugeLogits() {
        // exp(1e4) overflows float and double alike; the max-shift keeps everything finite.
        Tensor x = Tensor.of(new float[] {1e4f, 1e4f - 1, -1e4f}, 1, 3);
        float[] y = x.logSoftmax(1).toArray();
        double lse = Math.log(1 + Math.exp(-1));
        assertArrayEquals(new float[] {(float) -lse, (float) (-1 - lse), (float) (-2e4 - lse)}, y, 1e-3f);
        for (float v : x.softmax(1).toArray()) assertTrue(Float.isFinite(v));
        Tensor g = x.requiresGrad(true);
        g.logSoftmax(1).sum().backward();
        for (float v : g.grad().toArray()) assertTrue(Float.isFinite(v));
    }

    @Test
    void crossEntropyValues() {
        Tensor logits = Tensor.of(new float[] {2, 1, 0.1f, 0, 0, 0}, 2, 3);
        float[] loss = logits.crossEntropy(new int[] {0, 2}).toArray();
        double z = Math.exp(2) + Math.exp(1) + Math.exp(0.1);
        assertEquals(-Math.log(Math.exp(2) / z), loss[0], 1e-6);
        assertEquals(Math.log(3), loss[1], 1e-6);
        // the fused op equals the composition -logSoftmax[label]
        Tensor composed = logits.logSoftmax(1).neg();
        assertEquals(composed.get(0, 0), loss[0], 1e-6);
        assertEquals(composed.get(1, 2), loss[1], 1e-6);
    }

    @Test
    void crossEntropyOnExtremeLogitsIsFinite() {
        Tensor logits = Tensor.of(new float[] {1e30f, -1e30f, 0, -1e30f, 1e30f, 0}, 2, 3).requiresGrad(true);
        Tensor loss = logits.crossEntropy(new int[] {1, 1});
        assertArrayEquals(new float[] {2e30f, 0f}, loss.toArray(), 1e24f);
        loss.sum().backward();
        assertArrayEquals(new float[] {1, -1, 0, 0, 0, 0}, logits.grad().toArray(), 1e-6f);
    }

    @Test
    void crossEntropyRejectsBadLabels() {
        Tensor logits = Tensor.zeros(2, 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> logits.crossEntropy(new int[] {3, 10}));
        assertEquals("crossEntropy: label 10 at position 1 is out of range for 10 classes (expected 0 to 9)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> logits.crossEntropy(new int[] {1}));
        assertEquals("crossEntropy: 2 rows of logits need 2 labels, but got 1", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Tensor.zeros(10).crossEntropy(new int[] {1}));
        assertEquals("crossEntropy: expects logits of shape [N, C], but got [10]", e.getMessage());
    }
}
