package dev.nabla.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.GradCheck;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

class LossTest {
    private final Tensor logits = Tensor.of(new float[] {1, 2, 3, 0, 0, 0}, 2, 3);
    private final int[] labels = {2, 1};
    // -log softmax: row 0 label 2 = log(e+e²+e³) - 3 ; row 1 = log 3
    private final double l0 = Math.log(Math.exp(1) + Math.exp(2) + Math.exp(3)) - 3, l1 = Math.log(3);

    @Test
    void crossEntropyReductions() {
        assertEquals((l0 + l1) / 2, new CrossEntropyLoss().forward(logits, labels).item(), 1e-6);
        assertEquals(l0 + l1, new CrossEntropyLoss(Reduction.SUM).forward(logits, labels).item(), 1e-6);
        assertArrayEquals(new float[] {(float) l0, (float) l1},
                new CrossEntropyLoss(Reduction.NONE).forward(logits, labels).toArray(), 1e-6f);
        assertEquals("CrossEntropyLoss(reduction=mean)", new CrossEntropyLoss().toString());
    }

    @Test
    void crossEntropyGradient() {
        GradCheck.check(x -> new CrossEntropyLoss().forward(x[0], new int[] {3, 0, 1}), Tensor.randn(new Rng(1), 3, 4));
    }

    @Test
    void crossEntropyOnExtremeLogitsStaysFinite() {
        // the wrong class wins by 2e30: the loss is 2e30 (finite in float32), the gradient ±1
        Tensor big = Tensor.of(new float[] {1e30f, -1e30f, 0, 0}, 2, 2).requiresGrad(true);
        Tensor loss = new CrossEntropyLoss(Reduction.SUM).forward(big, new int[] {1, 0});
        assertEquals(2e30f + (float) Math.log(2), loss.item(), 1e24f);
        loss.backward();
        for (float g : big.grad().toArray()) assertTrue(Float.isFinite(g));
    }

    @Test
    void labelOutOfRangeNamesLabelAndClasses() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CrossEntropyLoss().forward(logits, new int[] {0, -1}));
        assertEquals("crossEntropy: label -1 at position 1 is out of range for 3 classes (expected 0 to 2)", e.getMessage());
    }

    @Test
    void mse() {
        Tensor a = Tensor.of(new float[] {1, 2, 3}, 3), b = Tensor.of(new float[] {1, 0, 0}, 3);
        assertEquals(13f / 3, new MSELoss().forward(a, b).item(), 1e-6);
        assertEquals(13f, new MSELoss(Reduction.SUM).forward(a, b).item());
        GradCheck.check(x -> new MSELoss().forward(x[0], x[1]), Tensor.randn(new Rng(2), 2, 3), Tensor.randn(new Rng(3), 2, 3));
        assertEquals("MSELoss: input shape [3] and target shape [3, 1] must be equal",
                assertThrows(IllegalArgumentException.class, () -> new MSELoss().forward(a, b.reshape(3, 1))).getMessage());
    }
}
