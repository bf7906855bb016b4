package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Negative log-likelihood of integer class labels, given log-probabilities [N, C] (the output of
 * {@code logSoftmax(1)}): loss[n] = -input[n, labels[n]], as PyTorch's {@code nn.NLLLoss}.
 * {@code CrossEntropyLoss} on logits is the same as this on {@code logits.logSoftmax(1)}, in one op.
 */
public class NLLLoss {
    private final Reduction reduction;

    /** Mean over the batch, as PyTorch's default. */
    public NLLLoss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public NLLLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /**
     * @throws IllegalArgumentException when the input is not [N, C], the labels are not N (PyTorch's
     *         message), or a label is outside [0, C), naming it and C
     */
    public Tensor forward(Tensor input, int[] labels) {
        if (input.dim() != 2) {
            throw new IllegalArgumentException("NLLLoss: expects log-probabilities [N, C], but got shape " + Arrays.toString(input.shape()));
        }
        int n = input.size(0), c = input.size(1);
        if (labels.length != n) {
            throw new IllegalArgumentException("Expected input batch_size (" + n + ") to match target batch_size (" + labels.length + ").");
        }
        int[] flat = new int[n];
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0 || labels[i] >= c) {
                throw new IllegalArgumentException(String.format(Locale.ROOT, "NLLLoss: label %d at position %d is out of range for %d "
                        + "classes (expected 0 to %d)", labels[i], i, c, c - 1));
            }
            flat[i] = i * c + labels[i];
        }
        return reduction.apply(input.reshape(-1).indexSelect(0, flat).neg());  // dinput = -dloss at each label, 0 elsewhere
    }

    /** How the per-example losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "NLLLoss(reduction=" + reduction.name().toLowerCase(Locale.ROOT) + ")";
    }
}
