package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/** End to end, in seconds: small LeNets learn to tell the direction of a stroke, which no single pixel reveals. */
class LeNetLearnsTest {
    private static final int SIZE = 12;

    /** A 4-pixel stroke, horizontal, vertical or along either diagonal, anywhere in a noisy 12x12 image: 4 classes. */
    private static TensorDataset strokes(int n, Rng rng) {
        int[][][] steps = {{{0, 1}}, {{1, 0}}, {{1, 1}}, {{1, -1}}};
        float[] x = new float[n * SIZE * SIZE];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            int label = i % 4, dy = steps[label][0][0], dx = steps[label][0][1];
            int r = 1 + (int) (rng.nextFloat() * (SIZE - 6)), c = 4 + (int) (rng.nextFloat() * (SIZE - 8));
            for (int p = 0; p < SIZE * SIZE; p++) x[i * SIZE * SIZE + p] = 0.2f * (float) rng.nextGaussian();
            for (int k = 0; k < 4; k++) x[i * SIZE * SIZE + (r + k * dy) * SIZE + c + k * dx] += 2f;
            y[i] = label;
        }
        return new TensorDataset(Tensor.of(x, n, 1, SIZE, SIZE), y);
    }

    private static double accuracy(Module net, TensorDataset data) {
        try (NoGrad g = Tensor.noGrad()) {
            return Metrics.accuracy(net, new DataLoader(data, 1000));
        }
    }

    private static void fit(Module net, Optimizer opt, TensorDataset data, int epochs) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch b : new DataLoader(data, 32, true, epoch)) {
                opt.zeroGrad();
                loss.forward(net.forward(b.features()), b.labels()).backward();
                opt.step();
            }
        }
    }

    @Test
    void withBatchNorm() {
        Rng rng = new Rng(1);
        TensorDataset train = strokes(480, rng), test = strokes(240, rng);
        Sequential net = new Sequential(new Conv2d(1, 6, 3, 1, 1, true, rng), new BatchNorm2d(6), new ReLU(), new MaxPool2d(2),
                new Conv2d(6, 8, 3, 1, 0, true, rng), new BatchNorm2d(8), new ReLU(), new AvgPool2d(2), new Flatten(),
                new Linear(32, 16, true, rng), new BatchNorm1d(16), new ReLU(), new Linear(16, 4, true, rng));
        double before = accuracy(net, test);
        fit(net, new SGD(net.parameters(), 0.1, 0.9, 0), train, 12);
        double after = accuracy(net, test);
        assertTrue(before < 0.5, "untrained: " + before);
        assertTrue(after >= 0.95, "test accuracy after training: " + after);
        assertEquals(12 * 15, ((BatchNorm) net.get(1)).numBatchesTracked());  // 480 / 32 = 15 batches an epoch
        assertTrue(net.isTraining(), "Metrics.accuracy restores the mode");
    }

    @Test
    void sigmoidLeNetWithXavierInit() {
        Rng rng = new Rng(2);
        TensorDataset train = strokes(480, rng), test = strokes(240, rng);
        Sequential net = new Sequential(new Conv2d(1, 6, 3, 1, 1, true, rng), new Sigmoid(), new AvgPool2d(2, 2),
                new Conv2d(6, 16, 3, 1, 0, true, rng), new Sigmoid(), new AvgPool2d(2, 2), new Flatten(),
                new Linear(64, 32, true, rng), new Sigmoid(), new Linear(32, 4, true, rng));
        net.apply(m -> {
            if (m instanceof Conv2d c) dev.nabla.nn.init.Init.xavierUniform_(c.weight(), 1, rng);
            if (m instanceof Linear l) dev.nabla.nn.init.Init.xavierUniform_(l.weight(), 1, rng);
        });
        fit(net, new dev.nabla.nn.optim.Adam(net.parameters(), 0.03), train, 15);
        double after = accuracy(net, test);
        assertTrue(after >= 0.9, "test accuracy after training: " + after);
    }
}
