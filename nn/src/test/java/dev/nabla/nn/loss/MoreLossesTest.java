package dev.nabla.nn.loss;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.GradCheck;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

/** NLLLoss, BCEWithLogitsLoss, L1Loss and HuberLoss: every reduction against PyTorch 1.13's numbers (in the comments). */
class MoreLossesTest {
    // torch.log_softmax(torch.tensor([[1., 2., 3.], [0., 0., 0.], [-1., .5, 2.]]), 1), targets [2, 1, 0]
    private final Tensor logp = Tensor.of(new float[][] {{1, 2, 3}, {0, 0, 0}, {-1, 0.5f, 2}}).logSoftmax(1);
    private final int[] labels = {2, 1, 0};
    private final Tensor a = Tensor.of(new float[] {1, -2, 0.5f, 3, -0.25f, 2}, 6), b = Tensor.of(new float[] {0, 1, 0.5f, -1, 0.5f, 0}, 6);

    @Test
    void nllLoss() {
        assertEquals(1.582509994506836, new NLLLoss().forward(logp, labels).item(), 1e-6);                    // nll mean
        assertEquals(4.747529983520508, new NLLLoss(Reduction.SUM).forward(logp, labels).item(), 1e-5);        // nll sum
        assertArrayEquals(new float[] {0.40760594606f, 1.0986123085f, 3.2413113117f},
                new NLLLoss(Reduction.NONE).forward(logp, labels).toArray(), 1e-6f);                            // nll none
        Tensor logits = Tensor.randn(new Rng(1), 4, 5);
        int[] y = {4, 0, 2, 2};
        assertEquals(new CrossEntropyLoss().forward(logits, y).item(), new NLLLoss().forward(logits.logSoftmax(1), y).item(), 1e-6);
        GradCheck.check(x -> new NLLLoss(Reduction.SUM).forward(x[0], y), Tensor.randn(new Rng(2), 4, 5));
        assertEquals("NLLLoss(reduction=mean)", new NLLLoss().toString());
    }

    @Test
    void nllLossErrors() {
        assertEquals("Expected input batch_size (3) to match target batch_size (2).",
                assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(logp, new int[] {0, 1})).getMessage());
        assertEquals("NLLLoss: label 3 at position 1 is out of range for 3 classes (expected 0 to 2)",
                assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(logp, new int[] {0, 3, 1})).getMessage());
        assertEquals("NLLLoss: expects log-probabilities [N, C], but got shape [9]",
                assertThrows(IllegalArgumentException.class, () -> new NLLLoss().forward(logp.reshape(9), labels)).getMessage());
    }

    @Test
    void bceWithLogits() {
        Tensor x = Tensor.of(new float[] {-3, -0.5f, 0, 0.5f, 2, 30}, 6), y = Tensor.of(new float[] {0, 1, 0.5f, 0, 1, 0}, 6);
        assertEquals(5.4694695472717285, new BCEWithLogitsLoss().forward(x, y).item(), 1e-6);                  // bce mean
        assertEquals(32.81681823730469, new BCEWithLogitsLoss(Reduction.SUM).forward(x, y).item(), 1e-5);      // bce sum
        assertArrayEquals(new float[] {0.04858732968f, 0.9740769863f, 0.6931471824f, 0.9740769863f, 0.12692804634f, 30},
                new BCEWithLogitsLoss(Reduction.NONE).forward(x, y).toArray(), 1e-6f);                         // bce none
        // the gradient is σ(x) - y, also at x = 0 exactly; torch: [0.047425874, -0.62245929, 0, 0.62245935, -0.11920297, 1]
        Tensor xg = x.requiresGrad(true);
        new BCEWithLogitsLoss(Reduction.SUM).forward(xg, y).backward();
        assertArrayEquals(new float[] {0.04742587357f, -0.6224592924f, 0, 0.622459352f, -0.11920297146f, 1}, xg.grad().toArray(), 1e-6f);
        GradCheck.check(t -> new BCEWithLogitsLoss().forward(t[0], t[1]), Tensor.randn(new Rng(3), 2, 3), Tensor.rand(new Rng(4), 2, 3));
        assertEquals("BCEWithLogitsLoss: target size [6, 1] must be the same as input size [6]",
                assertThrows(IllegalArgumentException.class, () -> new BCEWithLogitsLoss().forward(x, y.reshape(6, 1))).getMessage());
    }

    @Test
    void bceWithLogitsIsStableForLargeLogits() {
        Tensor big = Tensor.of(new float[] {1e4f, -1e4f, 1e4f, -1e4f, 100, -100}, 6).requiresGrad(true);
        Tensor target = Tensor.of(new float[] {1, 0, 0, 1, 1, 0}, 6);
        Tensor loss = new BCEWithLogitsLoss(Reduction.NONE).forward(big, target);
        // torch: [0, 0, 10000, 10000, 0, 0]; Nabla keeps log(1 + e⁻¹⁰⁰) = 3.7e-44 (a subnormal float) where torch rounds to 0
        assertArrayEquals(new float[] {0, 0, 1e4f, 1e4f, 0, 0}, loss.toArray(), 1e-43f);
        loss.sum().backward();
        assertArrayEquals(new float[] {0, 0, 1, -1, 0, 0}, big.grad().toArray(), 1e-43f);  // σ(x) - y
        // a right answer with σ(x) near 1 keeps its small loss, log(1 + e⁻¹⁰) = 4.53989e-05, to float precision (torch 1.13:
        // 4.5417706e-05, and 0 at x = 20, where its float log(1 + 2e-9) rounds away)
        float l10 = (float) Math.log1p(Math.exp(-10)), l20 = (float) Math.log1p(Math.exp(-20));
        assertArrayEquals(new float[] {l10, l10, l20}, new BCEWithLogitsLoss(Reduction.NONE)
                .forward(Tensor.of(new float[] {10, -10, 20}, 3), Tensor.of(new float[] {1, 0, 1}, 3)).toArray(), 1e-11f);
    }

    @Test
    void l1Loss() {
        assertEquals(1.7916666269302368, new L1Loss().forward(a, b).item(), 1e-6);                     // l1 mean
        assertEquals(10.75, new L1Loss(Reduction.SUM).forward(a, b).item(), 0);                        // l1 sum
        assertArrayEquals(new float[] {1, 3, 0, 4, 0.75f, 2}, new L1Loss(Reduction.NONE).forward(a, b).toArray(), 0f);  // l1 none
        Tensor ag = a.requiresGrad(true);
        new L1Loss(Reduction.SUM).forward(ag, b).backward();
        assertArrayEquals(new float[] {1, -1, 0, 1, -1, 1}, ag.grad().toArray(), 0f);  // sign, 0 where equal (as torch)
        assertEquals("L1Loss: input shape [6] and target shape [6, 1] must be equal",
                assertThrows(IllegalArgumentException.class, () -> new L1Loss().forward(a, b.reshape(6, 1))).getMessage());
        assertEquals("L1Loss(reduction=sum)", new L1Loss(Reduction.SUM).toString());
    }

    @Test
    void huberLoss() {
        assertEquals(1.3802083730697632, new HuberLoss().forward(a, b).item(), 1e-6);                          // huber 1.0 mean
        assertEquals(8.28125, new HuberLoss(Reduction.SUM).forward(a, b).item(), 0);                           // huber 1.0 sum
        assertArrayEquals(new float[] {0.5f, 2.5f, 0, 3.5f, 0.28125f, 1.5f}, new HuberLoss(Reduction.NONE).forward(a, b).toArray(), 0f);
        assertEquals(0.7916666865348816, new HuberLoss(0.5).forward(a, b).item(), 1e-6);                       // huber 0.5 mean
        assertEquals(4.75, new HuberLoss(0.5, Reduction.SUM).forward(a, b).item(), 0);
        assertArrayEquals(new float[] {0.375f, 1.375f, 0, 1.875f, 0.25f, 0.875f}, new HuberLoss(0.5, Reduction.NONE).forward(a, b).toArray(), 0f);
        assertEquals(2.1302082538604736, new HuberLoss(2.0).forward(a, b).item(), 1e-6);                       // huber 2.0 mean
        assertEquals(12.78125, new HuberLoss(2.0, Reduction.SUM).forward(a, b).item(), 0);
        assertArrayEquals(new float[] {0.5f, 4, 0, 6, 0.28125f, 2}, new HuberLoss(2.0, Reduction.NONE).forward(a, b).toArray(), 0f);
        // the gradient: d inside the quadratic piece, ±delta outside
        Tensor ag = a.requiresGrad(true);
        new HuberLoss(2.0, Reduction.SUM).forward(ag, b).backward();
        assertArrayEquals(new float[] {1, -2, 0, 2, -0.75f, 2}, ag.grad().toArray(), 0f);
        GradCheck.check(t -> new HuberLoss(0.7).forward(t[0], t[1]), Tensor.randn(new Rng(5), 2, 3), Tensor.randn(new Rng(6), 2, 3));
        assertEquals("huber_loss does not support non-positive values for delta, but got 0.0",
                assertThrows(IllegalArgumentException.class, () -> new HuberLoss(0)).getMessage());
        assertEquals("HuberLoss(reduction=mean, delta=2.0)", new HuberLoss(2.0).toString());
    }
}
