package dev.nabla.examples.d2l;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Metrics;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.SafeTensors;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What forgetting {@code eval()} does to a network with batch normalization: the test accuracy of
 * one LeNet-BN at several test batch sizes, in eval mode and in training mode.
 */
public final class ForgottenEval {
    private ForgottenEval() {}

    /**
     * One test batch size.
     *
     * @param trainError why training mode could not run (a batch of one), or null
     */
    public record Row(int batchSize, double evalAccuracy, double trainAccuracy, String trainError) {}

    /** Where the model came from, and a row per test batch size. */
    public record Report(String origin, List<Row> rows) {
        /** Copies the rows. */
        public Report {
            rows = List.copyOf(rows);
        }

        /** The rows as an aligned table. */
        public String table() {
            StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-16s %-12s %s%n", "test batch size", "eval mode",
                    "training mode (eval() forgotten)"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%15d  %-12.4f %s%n", r.batchSize(), r.evalAccuracy(),
                        r.trainError() == null ? String.format(Locale.ROOT, "%.4f", r.trainAccuracy()) : "fails: " + r.trainError()));
            }
            return sb.toString().stripTrailing();
        }
    }

    /**
     * Trains a {@link Models#lenetBn} from {@code seed} on the first {@code trainLimit} training images
     * (0: all) for {@code epochs} epochs with the book's SGD lr 1.0, or loads it from {@code weights}
     * when that is not null, then measures the test set at every batch size in both modes.
     *
     * @throws IOException              if {@code weights} cannot be read
     * @throws IllegalArgumentException if {@code weights} does not hold a LeNet-BN (naming the mismatched entries), is a
     *         training checkpoint rather than a model, or holds weights that are not finite (a diverged model)
     */
    public static Report measure(FashionMnist data, Path weights, int trainLimit, int epochs, long seed, int[] batchSizes) throws IOException {
        Rng rng = new Rng(seed);
        Module net = Models.lenetBn(rng);
        String origin;
        long t0 = System.nanoTime();
        if (weights != null) {
            Map<String, Tensor> state = SafeTensors.load(weights);
            if (!state.isEmpty() && state.keySet().stream().allMatch(k -> k.startsWith("model."))) {
                throw new IllegalArgumentException(weights + " is a training checkpoint (its entries are named model.*), not a model: "
                        + "pass the model.safetensors that 'nabla train --out DIR' writes next to it when the run finishes");
            }
            net.loadStateDict(state);
            String bad = Trainer.nonFinite(net.namedParameters());
            if (bad != null) {
                throw new IllegalArgumentException(weights + " holds a model that diverged (" + bad + "): its accuracy would measure "
                        + "nothing; train one with a smaller --lr");
            }
            origin = "LeNet-BN loaded from " + weights;
        } else {
            Dataset train = data.train().take(trainLimit == 0 ? data.train().size() : Math.min(trainLimit, data.train().size()));
            Trainer trainer = new Trainer("batchnorm-demo", net, new SGD(net.parameters(), Models.bookLr(Models.LENET_BN)));
            DataLoader loader = new DataLoader(train, 256, new Rng(seed + 1), false);
            Evaluation last = null;
            for (int e = 1; e <= epochs; e++) last = trainer.trainEpoch(e, loader, Trainer.QUIET);
            origin = String.format(Locale.ROOT, "LeNet-BN (d2l 8.5) trained for %d epoch%s on %,d images, SGD lr 1.0, seed %d: train loss %.4f, "
                    + "train acc %.4f (%.1f s)", epochs, epochs == 1 ? "" : "s", train.size(), seed, last.loss(), last.accuracy(),
                    (System.nanoTime() - t0) / 1e9);
        }
        Map<String, Tensor> saved = net.stateDictCopy();
        List<Row> rows = new ArrayList<>();
        for (int b : batchSizes) {
            double evalAcc = accuracy(net, data.test(), b, false, saved);
            try {
                rows.add(new Row(b, evalAcc, accuracy(net, data.test(), b, true, saved), null));
            } catch (IllegalArgumentException e) {
                rows.add(new Row(b, evalAcc, Double.NaN, e.getMessage()));
            }
        }
        net.eval();
        return new Report(origin, rows);
    }

    /** Accuracy over {@code test} in batches of {@code batchSize}, in the given mode; the state is restored from {@code saved} afterwards. */
    static double accuracy(Module net, Dataset test, int batchSize, boolean training, Map<String, Tensor> saved) {
        net.train(training);
        long correct = 0;
        try (NoGrad g = Tensor.noGrad()) {
            for (Batch b : new DataLoader(test, batchSize)) correct += Metrics.correct(net.forward(b.features()), b.labels());
        } finally {
            net.loadStateDict(saved);  // training mode moved the running statistics: put them back
        }
        return (double) correct / test.size();
    }

}
