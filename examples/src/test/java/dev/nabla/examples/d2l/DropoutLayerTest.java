package dev.nabla.examples.d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import dev.nabla.nn.optim.SGD;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chapter's code against what the book prints and promises. */
class DropoutLayerTest {
    private final Tensor x = Tensor.arange(16).reshape(2, 8);

    @Test
    void theBooksPrintedExamples() {
        // d2l: dropout_layer(X, 0.) returns X; (X, 1.) returns zeros; (X, 0.5) keeps each entry doubled or zeroes it
        assertArrayEquals(x.toArray(), DropoutLayer.dropoutLayer(x, 0, new Rng(1)).toArray());
        assertArrayEquals(new float[16], DropoutLayer.dropoutLayer(x, 1, new Rng(1)).toArray());
        float[] half = DropoutLayer.dropoutLayer(x, 0.5, new Rng(1)).toArray(), in = x.toArray();
        for (int i = 0; i < 16; i++) assertTrue(half[i] == 0f || half[i] == 2 * in[i], i + ": " + half[i]);
        assertEquals("dropout probability has to be between 0 and 1, but got 1.2",
                assertThrows(IllegalArgumentException.class, () -> DropoutLayer.dropoutLayer(x, 1.2, new Rng(1))).getMessage());
    }

    @Test
    void dropsAtTheRequestedRate() {
        int n = 200_000;
        float[] y = DropoutLayer.dropoutLayer(Tensor.ones(n), 0.3, new Rng(2)).toArray();
        long zeros = 0;
        for (float v : y) if (v == 0f) zeros++;
        assertEquals(0.3 * n, zeros, 5 * Math.sqrt(n * 0.3 * 0.7));
    }

    @Test
    void scratchNetDropsOnlyWhileTraining() {
        Module net = Models.scratch(new int[] {16, 16}, new double[] {0.5, 0.5}, new Rng(3));
        Tensor in = Tensor.rand(new Rng(4), 4, 1, 28, 28);
        assertFalse(java.util.Arrays.equals(net.forward(in).toArray(), net.forward(in).toArray()), "training: random");
        net.eval();
        assertArrayEquals(net.forward(in).toArray(), net.forward(in).toArray(), "eval: deterministic");
        assertEquals("ScratchNet(\n  dropout1=0.5, dropout2=0.5\n  (lin1): Linear(in_features=784, out_features=16, bias=True)\n"
                + "  (lin2): Linear(in_features=16, out_features=16, bias=True)\n  (lin3): Linear(in_features=16, out_features=10, bias=True)\n)",
                net.toString());
    }

    @Test
    void conciseModelIsTheBooksArchitecture() {
        Sequential net = Models.concise(new int[] {256, 256}, new double[] {0.2, 0.5}, new Rng(5));
        assertEquals("Sequential(\n  (0): Flatten(start_dim=1, end_dim=-1)\n"
                + "  (1): Linear(in_features=784, out_features=256, bias=True)\n  (2): ReLU()\n  (3): Dropout(p=0.2)\n"
                + "  (4): Linear(in_features=256, out_features=256, bias=True)\n  (5): ReLU()\n  (6): Dropout(p=0.5)\n"
                + "  (7): Linear(in_features=256, out_features=10, bias=True)\n)", net.toString());
        float[] w = net.parameters().get(0).toArray();
        double sq = 0;
        for (float v : w) sq += v * (double) v;
        assertEquals(0.01, Math.sqrt(sq / w.length), 5 * 0.01 / Math.sqrt(2.0 * w.length), "weights ~ Normal(0, 0.01)");
    }

    @Test
    void evaluationUsesEvalModeAndRestoresTheMode(@TempDir Path dir) throws Exception {
        FashionMnist fm = FashionMnist.load(dir, TinyFashion.write(dir, 100, 40, true));
        Sequential net = Models.concise(new int[] {32, 32}, new double[] {0.5, 0.5}, new Rng(6));
        Evaluation a = Trainer.evaluate(net, fm.test(), 16), b = Trainer.evaluate(net, fm.test(), 7);
        assertEquals(a.loss(), b.loss(), 1e-5, "no dropout during evaluation, whatever the batching");
        assertTrue(net.isTraining(), "the training mode is restored");
        net.eval();
        Trainer.evaluate(net, fm.test(), 16);
        assertFalse(net.isTraining(), "and so is eval mode");
    }

    @Test
    void trainingLearnsTheTinyDataset(@TempDir Path dir) throws Exception {
        FashionMnist fm = FashionMnist.load(dir, TinyFashion.write(dir, 300, 100, true));
        Sequential net = Models.concise(new int[] {64, 64}, new double[] {0.2, 0.5}, new Rng(7));
        Trainer t = new Trainer(net, new SGD(net.parameters(), 0.5));
        for (int e = 0; e < 15; e++) t.trainEpoch(new DataLoader(fm.train(), 32, true, e), (d, n, l, acc) -> {});
        double acc = Trainer.evaluate(net, fm.test(), 50).accuracy();
        assertTrue(acc > 0.9, "test accuracy " + acc);
    }
}
