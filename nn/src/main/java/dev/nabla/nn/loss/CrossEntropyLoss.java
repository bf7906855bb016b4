package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;

/**
 * Cross-entropy between logits [N, C] and integer class labels, fused with the softmax and
 * stable for logits of any size: loss[n] = logsumexp(logits[n]) - logits[n, labels[n]].
 */
public class CrossEntropyLoss {
    private final Reduction reduction;

    /** Mean over the batch, as PyTorch's default. */
    public CrossEntropyLoss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction; d2l uses {@link Reduction#NONE}. */
    public CrossEntropyLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /**
     * @throws IllegalArgumentException if a label is outside [0, C), naming it and C
     */
    public Tensor forward(Tensor logits, int[] labels) {
        java.util.Objects.requireNonNull(logits, "logits");
        java.util.Objects.requireNonNull(labels, "labels");
        return reduction.apply(logits.crossEntropy(labels));
    }

    /** How the per-example losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "CrossEntropyLoss(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
