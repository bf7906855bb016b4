package dev.nabla.examples.d2l;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.BatchNorm2d;
import dev.nabla.nn.Conv2d;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.Flatten;
import dev.nabla.nn.Linear;
import dev.nabla.nn.ReLU;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.TensorDataset;
import dev.nabla.nn.optim.SGD;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The training loop stops a diverged run at once, says where and why, and refuses to train nothing. */
class TrainerTest {
    private final TensorDataset data = new TensorDataset(Tensor.randn(new Rng(1), 32, 4).mul(10f), labels(32));

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 3;
        return y;
    }

    private static Sequential net() {
        return new Sequential(new Linear(4, 8, true, new Rng(2)), new ReLU(), new Linear(8, 3, true, new Rng(3)));
    }

    @Test
    void aHugeLearningRateStopsTrainingWithWhereAndWhy() {
        Sequential net = net();
        Trainer t = new Trainer("demo", net, new SGD(net.parameters(), 1e30));
        int[] batches = {0};
        DivergedException e = assertThrows(DivergedException.class, () -> {
            for (int epoch = 1; epoch <= 5; epoch++) t.trainEpoch(new DataLoader(data, 8, true, epoch), (d, n, l, a) -> batches[0]++);
        });
        assertTrue(e.getMessage().matches("run 'demo' diverged at epoch \\d, batch \\d of 4: (the loss is (NaN|-?Infinity)|parameter \\S+ is "
                + "(NaN|-?Infinity) after the step \\(batch loss .+\\)|the loss is \\S+, more than 10,000 times the 1.10 of a uniform guess "
                + "over 3 classes \\(the outputs exploded\\))\\. Likely cause: steps too large for this model; lower the learning "
                + "rate\\."), e.getMessage());
        assertEquals("demo", e.run());
        assertEquals((e.epoch() - 1) * 4 + e.batch() - 1, batches[0], "every batch before the bad one was reported, none after");
        assertTrue(e.withFix("lower --lr (now 1e30)").getMessage().endsWith("; lower --lr (now 1e30)."));
    }

    @Test
    void theSingleExampleTrialDrawsNoDropoutMask() {
        // 3 images in batches of 2: the last batch holds one, so the trainer tries one example through the
        // BatchNorm layers first; BatchNorm2d over 3x3 positions can learn from it, so training goes on,
        // and the dropout generator must have drawn exactly the two training batches' masks
        TensorDataset images = new TensorDataset(Tensor.randn(new Rng(5), 3, 1, 3, 3), new int[] {0, 1, 2});
        Rng drops = new Rng(7), twin = new Rng(7);
        Sequential net = new Sequential(new Conv2d(1, 2, 1, 1, 0, true, new Rng(8)), new BatchNorm2d(2), new Dropout(0.5, drops),
                new Flatten(), new Linear(18, 3, true, new Rng(9)));
        new Trainer("trial", net, new SGD(net.parameters(), 0.1)).trainEpoch(new DataLoader(images, 2), Trainer.QUIET);
        Dropout reference = new Dropout(0.5, twin);
        reference.train();
        reference.forward(Tensor.ones(2, 2, 3, 3));  // the masks of batches of 2 and 1
        reference.forward(Tensor.ones(1, 2, 3, 3));
        assertArrayEquals(twin.getState(), drops.getState());
    }

    @Test
    void aFiniteButExplodedLossStopsTrainingToo() {
        // sigmoid saturates: at lr 1e6 the loss stays finite (LeNet's: 5e5) while nothing is learned
        Sequential net = new Sequential(new Linear(4, 8, true, new Rng(2)), new Sigmoid(), new Linear(8, 3, true, new Rng(3)));
        Trainer t = new Trainer("sigmoid", net, new SGD(net.parameters(), 1e6));
        DivergedException e = assertThrows(DivergedException.class, () -> t.trainEpoch(new DataLoader(data, 8), Trainer.QUIET));
        assertTrue(e.getMessage().matches("run 'sigmoid' diverged at epoch 1, batch [2-4] of 4: the loss is \\S+, more than 10,000 times "
                + "the 1.10 of a uniform guess over 3 classes \\(the outputs exploded\\)\\. Likely cause: steps too large for this model; "
                + "lower the learning rate\\."), e.getMessage());
        assertTrue(Double.isFinite(e.loss()) && e.loss() > 10_000 * Math.log(3), "finite, and above the bound: " + e.loss());
        assertNull(Trainer.exploded(2.4, 10), "the book's first batches");
        assertNull(Trainer.exploded(6205, 10), "LeNet at lr 1000: bad, not exploded");
        assertEquals("the loss is 23026, more than 10,000 times the 2.30 of a uniform guess over 10 classes (the outputs exploded)",
                Trainer.exploded(23026, 10));
        assertNull(Trainer.exploded(1e9, 1), "one class: no uniform guess to compare with");
    }

    @Test
    void aNonFiniteParameterIsFoundByName() {
        Map<String, Tensor> params = new LinkedHashMap<>();
        params.put("0.weight", Tensor.of(new float[] {1, 2, 3}, 3));
        params.put("2.bias", Tensor.of(new float[] {3e38f, 3e38f}, 2));  // the sum overflows, the values are fine
        assertNull(Trainer.nonFinite(params));
        params.put("3.weight", Tensor.of(new float[] {0, Float.NaN}, 2));
        assertEquals("parameter 3.weight is NaN", Trainer.nonFinite(params));
        params.put("3.weight", Tensor.of(new float[] {Float.NEGATIVE_INFINITY, 0}, 2));
        assertEquals("parameter 3.weight is -Infinity", Trainer.nonFinite(params));
    }

    @Test
    void aLoaderWithoutBatchesIsRefusedNotTrainedAsNaN() {
        Sequential net = net();
        Trainer t = new Trainer(net, new SGD(net.parameters(), 0.1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.trainEpoch(new DataLoader(data, 64, false, 0, true), (d, n, l, a) -> {}));
        assertEquals("nothing to train: DataLoader(size=32, batchSize=64, shuffle=false, dropLast=true, batches=0) yields no batch", e.getMessage());
    }

    @Test
    void aLastBatchOfOneIsRefusedBeforeBatchNormTrainsOnIt() {
        // 33 examples in batches of 8: the fifth batch holds one, which BatchNorm1d cannot normalise in training
        TensorDataset odd = new TensorDataset(Tensor.randn(new Rng(1), 33, 4), labels(33));
        BatchNorm1d bn = new BatchNorm1d(8);
        Sequential net = new Sequential(new Linear(4, 8, true, new Rng(2)), bn, new ReLU(), new Linear(8, 3, true, new Rng(3)));
        Map<String, Tensor> before = new LinkedHashMap<>();
        net.stateDict().forEach((k, v) -> before.put(k, Tensor.of(v.toArray(), v.shape())));
        Trainer t = new Trainer(net, new SGD(net.parameters(), 0.1));
        int[] batches = {0};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> t.trainEpoch(new DataLoader(odd, 8, false, 0), (d, n, l, a) -> batches[0]++));
        assertEquals("cannot train on DataLoader(size=33, batchSize=8, shuffle=false, dropLast=false, batches=5): the last batch of every "
                + "epoch holds a single example (33 examples in batches of 8), and batch normalization cannot learn from it (\"Expected "
                + "more than 1 value per channel when training, got input size [1, 8]\"). Drop that batch (drop-last), or choose a batch "
                + "size or a number of examples that leaves at least 2 in it", e.getMessage());
        assertEquals(0, batches[0], "refused before the first step");
        before.forEach((k, v) -> assertArrayEquals(v.toArray(), net.stateDict().get(k).toArray(), k + " untouched"));
        t.trainEpoch(new DataLoader(odd, 8, false, 0, true), (d, n, l, a) -> batches[0]++);  // dropping it trains
        assertEquals(4, batches[0]);
        assertEquals(4, bn.numBatchesTracked());
    }

    @Test
    void numbersReadAsPeopleWriteThem() {
        assertEquals("0.5", DivergedException.number(0.5));
        assertEquals("1e6", DivergedException.number(1e6));
        assertEquals("2.5e-7", DivergedException.number(2.5e-7));
        assertEquals("1000", DivergedException.number(1000));
        assertEquals("NaN", DivergedException.number(Double.NaN));
    }
}
