package dev.nabla.nn;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Classification accuracy, as d2l's {@code accuracy} and {@code evaluate_accuracy}: the
 * prediction for a row of logits [N, C] is its largest entry's column ({@code argmax(1)}; the
 * first one on ties, as PyTorch).
 */
public final class Metrics {
    private Metrics() {}

    /** The predicted class of each row of {@code logits} [N, C], as ints (the argmax over dim 1). */
    public static int[] predictions(Tensor logits) {
        checkLogits(logits, "predictions");
        float[] argmax = logits.argmax(1).toArray();
        int[] pred = new int[argmax.length];
        for (int i = 0; i < pred.length; i++) pred[i] = (int) argmax[i];
        return pred;
    }

    /**
     * How many rows of {@code logits} [N, C] predict their label: d2l's {@code accuracy(y_hat, y)},
     * which counts.
     *
     * @throws IllegalArgumentException if logits are not [N, C], there are not N labels, or a label is not a column
     */
    public static int correct(Tensor logits, int[] labels) {
        Objects.requireNonNull(labels, "labels");
        checkLogits(logits, "accuracy");
        int n = logits.size(0), classes = logits.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("accuracy: logits of shape " + Arrays.toString(logits.shape()) + " need " + n
                    + " labels, one per row, but got " + labels.length);
        }
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= classes) {
                throw new IllegalArgumentException("accuracy: label " + labels[i] + " at row " + i + " is not a class of logits with "
                        + classes + " columns (0-" + (classes - 1) + ")");
            }
        }
        int[] pred = predictions(logits);
        int c = 0;
        for (int i = 0; i < n; i++) if (pred[i] == labels[i]) c++;
        return c;
    }

    /** The fraction of rows of {@code logits} [N, C] that predict their label (N ≥ 1). */
    public static double accuracy(Tensor logits, int[] labels) {
        int c = correct(logits, labels);
        if (labels.length == 0) throw new IllegalArgumentException("accuracy: there are no examples (logits of shape [0, C])");
        return (double) c / labels.length;
    }

    /**
     * The accuracy of {@code net} over every batch of {@code loader}, as d2l's
     * {@code evaluate_accuracy}: in eval mode (dropout off) and without recording gradients. The
     * mode of {@code net} and of each of its submodules is restored afterwards, also on an exception.
     *
     * @throws IllegalArgumentException if the loader yields no batch, or the net's output is not [B, C]
     */
    public static double accuracy(Module net, DataLoader loader) {
        Objects.requireNonNull(net, "net");
        Objects.requireNonNull(loader, "loader");
        if (loader.numBatches() == 0) throw new IllegalArgumentException("accuracy: " + loader + " yields no batch");
        List<Module> modules = List.copyOf(net.namedModules().values());  // depth first: restored in this order, each keeps its own
        boolean[] training = new boolean[modules.size()];
        for (int i = 0; i < training.length; i++) training[i] = modules.get(i).isTraining();
        net.eval();
        long right = 0, seen = 0;
        try (NoGrad g = Tensor.noGrad()) {
            for (Batch b : loader) {
                right += correct(net.forward(b.features()), b.labels());
                seen += b.size();
            }
        } finally {
            for (int i = 0; i < training.length; i++) modules.get(i).train(training[i]);
        }
        return (double) right / seen;
    }

    private static void checkLogits(Tensor logits, String op) {
        Objects.requireNonNull(logits, "logits");
        if (logits.dim() != 2 || logits.size(1) == 0) {
            throw new IllegalArgumentException(op + ": logits must have shape [N, C] with C ≥ 1 (one row of class scores per example), "
                    + "but got shape " + Arrays.toString(logits.shape()));
        }
    }
}
