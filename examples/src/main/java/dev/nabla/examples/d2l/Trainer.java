package dev.nabla.examples.d2l;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.core.kernel.KernelThreads;
import dev.nabla.nn.BatchNorm;
import dev.nabla.nn.Metrics;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.loss.CrossEntropyLoss;
import dev.nabla.nn.loss.Reduction;
import dev.nabla.nn.optim.Optimizer;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * d2l's {@code train_epoch_ch3}: per batch, forward, loss, {@code zeroGrad}, backward
 * ({@code loss.mean()} for the book's reduction none), {@code step}; the epoch's loss and accuracy
 * are summed from the same forward passes. {@link #epoch} adds the measurements after the epoch
 * (eval mode, no grad, the mode restored): {@link D2l#trainCh3}, {@code ./nabla train} and
 * {@code ./nabla experiment} all train through it.
 *
 * <p>Every batch is checked: a loss that is not finite, or finite but exploded (more than
 * {@link #EXPLODED} times a uniform guess's), stops training before the step, a parameter that is
 * not finite after it stops training at once, with a {@link DivergedException} saying where. The check sums each parameter once per batch (a fraction of a percent of a step).
 */
public final class Trainer {
    /** Told after every batch of a training epoch. */
    @FunctionalInterface
    public interface BatchListener {
        /** After each batch: the epoch's running mean loss and accuracy. */
        void batch(int done, int total, double meanLoss, double accuracy);
    }

    /** A listener that ignores every batch. */
    public static final BatchListener QUIET = (done, total, loss, accuracy) -> {};

    private final String run;
    private final Module net;
    private final Optimizer optimizer;
    private final CrossEntropyLoss loss;
    /**
     * How many times a uniform guess's loss, ln K for K classes, a mean cross-entropy may reach
     * before the run counts as diverged. A sigmoid net's outputs saturate instead of overflowing:
     * LeNet at lr 1e6 stays finite at a loss of 5e5, with test accuracy 0.1. The book's runs stay
     * below 3 (ln 10 = 2.30); 10,000·ln K (23,026 for 10 classes) is far beyond any run that learns,
     * and below where LeNet lands from lr 1e4 up. A run that is merely bad (lr 1000: 6e3) passes.
     */
    public static final double EXPLODED = 10_000;

    private int epoch, classes;

    /** Trains {@code net} with {@code optimizer} and the book's loss, cross-entropy with reduction none. */
    public Trainer(Module net, Optimizer optimizer) {
        this("training", net, optimizer);
    }

    /** As {@link #Trainer(Module, Optimizer)}, naming the run in divergence messages. */
    public Trainer(String run, Module net, Optimizer optimizer) {
        this(run, net, optimizer, new CrossEntropyLoss(Reduction.NONE));
    }

    /**
     * Trains with {@code loss}: with reduction none (d2l's choice) the step follows the batch's
     * mean, with mean or sum the loss as it is; the reported loss is the mean per example either way.
     */
    public Trainer(String run, Module net, Optimizer optimizer, CrossEntropyLoss loss) {
        this.run = Objects.requireNonNull(run, "run");
        this.net = Objects.requireNonNull(net, "net");
        this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
        this.loss = Objects.requireNonNull(loss, "loss");
    }

    /** The next epoch (counting the calls to this method): the running mean loss and accuracy. */
    public Evaluation trainEpoch(DataLoader loader, BatchListener listener) {
        return trainEpoch(epoch + 1, loader, listener);
    }

    /**
     * Epoch {@code epoch} (1-based): one pass over {@code loader} in training mode.
     *
     * @throws DivergedException        when the loss or a parameter stops being finite
     * @throws IllegalArgumentException when the loader yields no batch (nothing would be trained)
     */
    public Evaluation trainEpoch(int epoch, DataLoader loader, BatchListener listener) {
        int total = loader.numBatches();
        if (total == 0) throw new IllegalArgumentException("nothing to train: " + loader + " yields no batch");
        refuseSingleExampleBatch(loader);
        this.epoch = epoch;
        Map<String, Tensor> params = net.namedParameters();
        net.train();
        double lossSum = 0;
        long correct = 0, seen = 0;
        int done = 0;
        for (Batch b : loader) {
            Tensor logits = net.forward(b.features());
            Tensor l = loss.forward(logits, b.labels());
            double batchLoss = switch (loss.reduction()) {  // the batch's total
                case NONE -> l.sum().item();
                case MEAN -> l.item() * b.size();
                case SUM -> l.item();
            };
            if (!Double.isFinite(batchLoss)) {
                throw diverged(done + 1, total, batchLoss / b.size(), "the loss is " + DivergedException.number(batchLoss / b.size()));
            }
            classes = logits.dim() == 2 ? logits.size(1) : 0;
            String exploded = exploded(batchLoss / b.size(), classes);
            if (exploded != null) throw diverged(done + 1, total, batchLoss / b.size(), exploded);
            optimizer.zeroGrad();
            (loss.reduction() == Reduction.NONE ? l.mean() : l).backward();
            optimizer.step();
            String bad = nonFinite(params);
            if (bad != null) {
                throw diverged(done + 1, total, batchLoss / b.size(), bad + " after the step (batch loss "
                        + DivergedException.number(batchLoss / b.size()) + ")");
            }
            lossSum += batchLoss;
            correct += Metrics.correct(logits, b.labels());
            seen += b.size();
            listener.batch(++done, total, lossSum / seen, (double) correct / seen);
        }
        return new Evaluation(lossSum / seen, (double) correct / seen);
    }

    /**
     * A last batch of one example cannot pass a BatchNorm layer that would see one value per
     * channel in training: refused before the epoch's first step, not after all its other batches.
     * Decided by trying: one example goes through the net under no-grad with its BatchNorm layers
     * in training mode and the rest in eval mode (so Dropout draws nothing), and the state it moves
     * (running statistics) is put back. Only when the last batch holds one example
     * and the net has a BatchNorm layer.
     */
    private void refuseSingleExampleBatch(DataLoader loader) {
        int n = loader.dataset().size(), b = loader.batchSize();
        int last = loader.dropLast() || n % b == 0 ? b : n % b;
        if (last != 1 || net.namedModules().values().stream().noneMatch(m -> m instanceof BatchNorm)) return;
        Map<String, Tensor> saved = net.stateDictCopy();
        try (NoGrad g = Tensor.noGrad()) {
            net.eval();  // only the BatchNorm layers train: Dropout in eval draws no random numbers, so the run's draws stay PyTorch's
            net.namedModules().values().forEach(m -> {
                if (m instanceof BatchNorm) m.train();
            });
            net.forward(loader.dataset().get(new int[] {0}).features());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot train on " + loader + ": the last batch of every epoch holds a single example ("
                    + n + " examples in batches of " + b + "), and batch normalization cannot learn from it (\"" + e.getMessage()
                    + "\"). Drop that batch (drop-last), or choose a batch size or a number of examples that leaves at least 2 in it", e);
        } finally {
            net.loadStateDict(saved);  // trainEpoch sets the mode next
        }
    }

    private DivergedException diverged(int batch, int total, double meanLoss, String what) {
        return new DivergedException(run, epoch, batch, total, meanLoss, what, "lower the learning rate");
    }

    /**
     * Null when every parameter is finite, else which one is not ("parameter 1.weight is NaN").
     * A sum is non-finite when any of its terms is, so summing each weight over its first dimension
     * (a vectorised reduction along the rows) decides; only then, or when a finite sum overflowed,
     * are the elements scanned. About 30 µs per batch for the book's 269,322 parameters.
     */
    static String nonFinite(Map<String, Tensor> params) {
        try (NoGrad g = Tensor.noGrad()) {
            for (Map.Entry<String, Tensor> e : params.entrySet()) {
                Tensor p = e.getValue();
                if (allFinite((p.dim() >= 2 ? p.sum(0, false) : p.sum()).toArray())) continue;
                for (float v : p.toArray()) {
                    if (!Float.isFinite(v)) return "parameter " + e.getKey() + " is " + v;
                }
            }
        }
        return null;
    }

    private static boolean allFinite(float[] values) {
        for (float v : values) if (!Float.isFinite(v)) return false;
        return true;
    }

    /**
     * Epoch {@code epoch} of d2l's {@code train_ch3}, measured: trains on {@code train}, then
     * measures {@code test} when it is not null, and the training set again in eval mode when
     * {@code trainEval} is not null (the numbers of a set not measured are NaN). Either is a
     * {@link DataLoader} or, for a set measured every epoch, an {@link EvalSet}.
     *
     * @throws DivergedException when the loss or a parameter stops being finite, or a measured loss
     *         is not finite (finite weights can still overflow the outputs)
     */
    public EpochMetrics epoch(int epoch, DataLoader train, Iterable<Batch> test, Iterable<Batch> trainEval, BatchListener listener) {
        long t0 = System.nanoTime();
        Evaluation tr = trainEpoch(epoch, train, listener);
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        Evaluation none = new Evaluation(Double.NaN, Double.NaN);
        Evaluation te = test != null ? evaluate(net, test) : none;
        Evaluation trEval = trainEval != null ? evaluate(net, trainEval) : none;
        if (test != null) checkFinite(epoch, "test", te.loss(), train.numBatches());
        if (trainEval != null) checkFinite(epoch, "train", trEval.loss(), train.numBatches());
        return new EpochMetrics(epoch, tr.loss(), tr.accuracy(), trEval.loss(), trEval.accuracy(), te.loss(), te.accuracy(),
                trainSeconds, (System.nanoTime() - t0) / 1e9);
    }

    private void checkFinite(int epoch, String set, double loss, int batches) {
        String exploded = exploded(loss, classes);
        if (Double.isFinite(loss) && exploded == null) return;
        throw new DivergedException(run, epoch, 0, batches, loss, Double.isFinite(loss) ? exploded.replaceFirst("the loss", "the " + set + " loss")
                : "the " + set + " loss is " + DivergedException.number(loss) + " (the outputs overflow)", "lower the learning rate");
    }

    /** Null, or why a finite mean cross-entropy over {@code classes} classes counts as exploded (see {@link #EXPLODED}). */
    static String exploded(double meanLoss, int classes) {
        if (classes < 2 || !(meanLoss > EXPLODED * Math.log(classes))) return null;
        return "the loss is " + DivergedException.number(meanLoss) + ", more than " + String.format(Locale.ROOT, "%,d", (long) EXPLODED) + " times the "
                + String.format(Locale.ROOT, "%.2f", Math.log(classes)) + " of a uniform guess over " + classes + " classes (the outputs exploded)";
    }

    /** Loss and accuracy of {@code net} on {@code data}, in batches of {@code batchSize}; see {@link #evaluate(Module, Iterable)}. */
    public static Evaluation evaluate(Module net, Dataset data, int batchSize) {
        if (data.size() == 0) throw new IllegalArgumentException("evaluate: the dataset is empty");
        return evaluate(net, new DataLoader(data, batchSize));
    }

    /**
     * Mean cross-entropy loss and accuracy of {@code net} over {@code batches} (a {@link DataLoader}
     * or an {@link EvalSet}), in eval mode under no-grad; the mode is restored. The accuracy is
     * {@link Metrics#accuracy(Module, DataLoader)}'s. A net made only of {@code dev.nabla.nn}'s own
     * layers (whose eval-mode forward changes nothing) is measured several batches at a time, one
     * per kernel thread ({@link KernelThreads}); a net with a module of another class, one batch
     * at a time. The numbers are the same either way: each batch's loss is summed alone and the
     * batches are added in order.
     */
    public static Evaluation evaluate(Module net, Iterable<Batch> batches) {
        boolean empty = batches instanceof DataLoader l ? l.numBatches() == 0 : !batches.iterator().hasNext();  // a shuffling loader draws on iterator()
        if (empty) throw new IllegalArgumentException("evaluate: " + batches + " yields no batch");
        boolean wasTraining = net.isTraining();
        net.eval();
        CrossEntropyLoss sum = new CrossEntropyLoss(Reduction.SUM);
        int threads = libraryLayersOnly(net) ? KernelThreads.count() : 1;
        Batch[] window = new Batch[threads];
        float[] losses = new float[threads];
        int[] right = new int[threads];
        double lossSum = 0;
        long correct = 0, seen = 0;
        try {
            Iterator<Batch> it = batches.iterator();
            while (it.hasNext()) {
                int n = 0;
                while (n < threads && it.hasNext()) window[n++] = it.next();
                KernelThreads.forEach(n, i -> {
                    try (NoGrad g = Tensor.noGrad()) {
                        Tensor logits = net.forward(window[i].features());
                        losses[i] = sum.forward(logits, window[i].labels()).item();
                        right[i] = Metrics.correct(logits, window[i].labels());
                    }
                });
                for (int i = 0; i < n; i++) {  // in batch order: the same sums as one batch at a time
                    lossSum += losses[i];
                    correct += right[i];
                    seen += window[i].size();
                }
            }
        } finally {
            net.train(wasTraining);
        }
        return new Evaluation(lossSum / seen, (double) correct / seen);
    }

    /** Whether every module of {@code net} is one of {@code dev.nabla.nn}'s own classes (not a subclass elsewhere). */
    private static boolean libraryLayersOnly(Module net) {
        for (Module m : net.namedModules().values()) if (!m.getClass().getPackageName().equals("dev.nabla.nn")) return false;
        return true;
    }
}
