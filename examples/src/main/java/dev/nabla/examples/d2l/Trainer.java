package dev.nabla.examples.d2l;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.nn.optim.Optimizer;

/**
 * d2l's {@code train_ch3}: per batch, forward, loss (reduction none), {@code zeroGrad},
 * {@code loss.mean().backward()}, {@code step}; the epoch's loss and accuracy are summed from
 * the same forward passes. Evaluation switches the model to eval mode and back.
 */
public final class Trainer {
    /** Told after every batch of a training epoch. */
    @FunctionalInterface
    public interface BatchListener {
        /** After each batch: the epoch's running mean loss and accuracy. */
        void batch(int done, int total, double meanLoss, double accuracy);
    }

    private final Module net;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss = new CrossEntropyLoss(Reduction.NONE);

    /** Trains {@code net} with {@code optimizer} and cross-entropy. */
    public Trainer(Module net, Optimizer optimizer) {
        this.net = net;
        this.optimizer = optimizer;
    }

    /** One pass over {@code loader} in training mode: the running mean loss and accuracy. */
    public Evaluation trainEpoch(DataLoader loader, BatchListener listener) {
        net.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        int done = 0, total = loader.numBatches();
        for (Batch b : loader) {
            Tensor logits = net.forward(b.features());
            Tensor l = loss.forward(logits, b.labels());
            optimizer.zeroGrad();
            l.mean().backward();
            optimizer.step();
            lossSum += l.sum().item();
            correct += correct(logits, b.labels());
            seen += b.size();
            listener.batch(++done, total, lossSum / seen, (double) correct / seen);
        }
        return new Evaluation(lossSum / seen, (double) correct / seen);
    }

    /** Loss and accuracy of {@code net} on {@code data}, in eval mode under no-grad; the mode is restored. */
    public static Evaluation evaluate(Module net, Dataset data, int batchSize) {
        boolean wasTraining = net.isTraining();
        net.eval();
        CrossEntropyLoss sum = new CrossEntropyLoss(Reduction.SUM);
        double lossSum = 0;
        long correct = 0;
        try (NoGrad g = Tensor.noGrad()) {
            for (Batch b : new DataLoader(data, batchSize)) {
                Tensor logits = net.forward(b.features());
                lossSum += sum.forward(logits, b.labels()).item();
                correct += correct(logits, b.labels());
            }
        } finally {
            net.train(wasTraining);
        }
        return new Evaluation(lossSum / data.size(), (double) correct / data.size());
    }

    /** How many rows' largest logit is at the label. */
    static long correct(Tensor logits, int[] labels) {
        float[] pred = logits.argmax(1).toArray();
        long c = 0;
        for (int i = 0; i < labels.length; i++) if ((int) pred[i] == labels[i]) c++;
        return c;
    }
}
