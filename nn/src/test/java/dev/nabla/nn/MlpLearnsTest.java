package dev.nabla.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.optim.Adam;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.SGD;
import org.junit.jupiter.api.Test;

/** End to end: an MLP must learn problems no linear model can. */
class MlpLearnsTest {

    /** Two interleaved spirals, 2 classes. */
    private static TensorDataset spirals(int perClass, Rng rng) {
        float[] x = new float[4 * perClass];
        int[] y = new int[2 * perClass];
        for (int c = 0; c < 2; c++)
            for (int i = 0; i < perClass; i++) {
                double r = (i + 1.0) / perClass, t = 3 * Math.PI * r + c * Math.PI + rng.nextGaussian() * 0.1;
                int n = c * perClass + i;
                x[2 * n] = (float) (r * Math.cos(t));
                x[2 * n + 1] = (float) (r * Math.sin(t));
                y[n] = c;
            }
        return new TensorDataset(Tensor.of(x, 2 * perClass, 2), y);
    }

    private static double accuracy(Module net, TensorDataset data) {
        net.eval();
        int correct = 0;
        try (NoGrad g = Tensor.noGrad()) {
            for (Batch b : new DataLoader(data, 512)) {
                float[] pred = net.forward(b.features()).argmax(1).toArray();
                for (int i = 0; i < pred.length; i++) if ((int) pred[i] == b.labels()[i]) correct++;
            }
        }
        net.train();
        return (double) correct / data.size();
    }

    /** Trains with cross-entropy, reshuffling each epoch. */
    private static void fit(Module net, Optimizer opt, TensorDataset data, int epochs, int batchSize) {
        CrossEntropyLoss loss = new CrossEntropyLoss();
        for (int epoch = 0; epoch < epochs; epoch++) {
            for (Batch b : new DataLoader(data, batchSize, true, epoch)) {
                opt.zeroGrad();
                loss.forward(net.forward(b.features()), b.labels()).backward();
                opt.step();
            }
        }
    }

    @Test
    void twoSpirals() {
        Rng rng = new Rng(1);
        TensorDataset data = spirals(200, rng);
        Sequential net = new Sequential(new Linear(2, 64, true, rng), new ReLU(), new Linear(64, 64, true, rng), new ReLU(),
                new Linear(64, 2, true, rng));
        fit(net, new Adam(net.parameters(), 0.01), data, 300, 64);
        double acc = accuracy(net, data);
        assertTrue(acc >= 0.97, "two spirals: accuracy " + acc);
    }

    @Test
    void xorWithSgdAndDropout() {
        Rng rng = new Rng(2);
        float[] x = new float[800];
        int[] y = new int[400];
        for (int i = 0; i < 400; i++) {
            int a = i & 1, b = (i >> 1) & 1;
            x[2 * i] = a + (float) rng.nextGaussian() * 0.1f;
            x[2 * i + 1] = b + (float) rng.nextGaussian() * 0.1f;
            y[i] = a ^ b;
        }
        TensorDataset data = new TensorDataset(Tensor.of(x, 400, 2), y);
        Sequential net = new Sequential(new Linear(2, 32, true, rng), new ReLU(), new Dropout(0.1, rng),
                new Linear(32, 2, true, rng));
        fit(net, new SGD(net.parameters(), 0.1, 0.9, 0), data, 60, 32);
        double acc = accuracy(net, data);
        assertTrue(acc >= 0.99, "xor: accuracy " + acc);
    }
}
