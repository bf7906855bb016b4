package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.TensorDataset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Accuracy as d2l computes it: argmax over classes, ties to the first, eval mode and no-grad for a whole loader. */
class MetricsTest {
    // PyTorch 1.13: torch.tensor([[0.1, 0.9, 0.0], [0.8, 0.2, 0.0], [0.5, 0.5, 0.1], [0.2, 0.9, 0.9]]).argmax(1) is [1, 0, 0, 1]
    private final Tensor logits = Tensor.of(new float[] {0.1f, 0.9f, 0f, 0.8f, 0.2f, 0f, 0.5f, 0.5f, 0.1f, 0.2f, 0.9f, 0.9f}, 4, 3);

    @Test
    void predictionsAreTheArgmaxOfEachRowAsInts() {
        assertArrayEquals(new int[] {1, 0, 0, 1}, Metrics.predictions(logits));
    }

    @Test
    void accuracyIsTheFractionOfRowsWhoseArgmaxIsTheLabel() {
        assertEquals(3, Metrics.correct(logits, new int[] {1, 0, 0, 2}));
        assertEquals(0.75, Metrics.accuracy(logits, new int[] {1, 0, 0, 2}));
        assertEquals(1.0, Metrics.accuracy(logits, new int[] {1, 0, 0, 1}));
        assertEquals(0.0, Metrics.accuracy(logits, new int[] {2, 2, 2, 0}));
    }

    @Test
    void badShapesAndLabelsAreNamedWithTheirValues() {
        assertEquals("accuracy: logits of shape [4, 3] need 4 labels, one per row, but got 3",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(logits, new int[] {1, 0, 0})).getMessage());
        assertEquals("accuracy: label 3 at row 2 is not a class of logits with 3 columns (0-2)",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(logits, new int[] {1, 0, 3, 0})).getMessage());
        assertEquals("accuracy: logits must have shape [N, C] with C ≥ 1 (one row of class scores per example), but got shape [4]",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(Tensor.zeros(4), new int[4])).getMessage());
        assertEquals("predictions: logits must have shape [N, C] with C ≥ 1 (one row of class scores per example), but got shape [2, 1, 3]",
                assertThrows(IllegalArgumentException.class, () -> Metrics.predictions(Tensor.zeros(2, 1, 3))).getMessage());
        assertEquals("accuracy: there are no examples (logits of shape [0, C])",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(Tensor.zeros(0, 3), new int[0])).getMessage());
    }

    /** Remembers, per forward call, whether it ran in training mode and whether gradients were recorded. */
    static final class Probe extends Module {
        final List<String> calls = new ArrayList<>();
        boolean fail;

        @Override
        public Tensor forward(Tensor x) {
            calls.add((isTraining() ? "train" : "eval") + (Tensor.isGradEnabled() ? "+grad" : ""));
            if (fail) throw new IllegalStateException("broken layer");
            return x;
        }
    }

    @Test
    void overALoaderItEvaluatesInEvalModeWithoutGradAndRestoresEveryMode() {
        Linear linear = new Linear(3, 3, true, new Rng(1));
        Probe probe = new Probe();
        Dropout dropout = new Dropout(0.5);
        Sequential net = new Sequential(linear, probe, dropout);
        dropout.eval();  // a mixed state: the caller's choice for one layer, which must survive
        Tensor x = Tensor.randn(new Rng(2), 10, 3);
        int[] y = Metrics.predictions(net.forward(x));  // the net's own predictions (dropout is off): accuracy 1
        probe.calls.clear();

        assertEquals(1.0, Metrics.accuracy(net, new DataLoader(new TensorDataset(x, y), 4)));
        assertEquals(List.of("eval", "eval", "eval"), probe.calls, "three batches of 4, 4 and 2, eval mode, no grad");
        assertTrue(net.isTraining() && linear.isTraining() && probe.isTraining());
        assertFalse(dropout.isTraining(), "the layer the caller had put in eval mode stays there");

        y[0] = (y[0] + 1) % 3;
        assertEquals(0.9, Metrics.accuracy(net, new DataLoader(new TensorDataset(x, y), 3)), 1e-12);

        probe.fail = true;
        assertThrows(IllegalStateException.class, () -> Metrics.accuracy(net, new DataLoader(new TensorDataset(x, y), 4)));
        assertTrue(net.isTraining() && probe.isTraining(), "the modes are restored after an exception too");
        assertFalse(dropout.isTraining());
        assertTrue(Tensor.isGradEnabled(), "grad mode is back on after an exception");
    }

    @Test
    void aLoaderWithoutBatchesIsAnError() {
        DataLoader none = new DataLoader(new TensorDataset(Tensor.zeros(3, 2), new int[3]), 4, false, 0, true);
        assertEquals("accuracy: DataLoader(size=3, batchSize=4, shuffle=false, dropLast=true, batches=0) yields no batch",
                assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(new Probe(), none)).getMessage());
    }
}
