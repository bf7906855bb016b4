package dev.nabla.nn.data;

import dev.nabla.core.Tensor;

/** One mini-batch: features [B, ...] and their integer labels (length B). */
public record Batch(Tensor features, int[] labels) {
    /** Number of examples. */
    public int size() {
        return labels.length;
    }
}
