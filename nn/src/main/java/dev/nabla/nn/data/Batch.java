package dev.nabla.nn.data;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** One mini-batch: features [B, ...] and their integer labels (length B). */
public record Batch(Tensor features, int[] labels) {
    /** Checks that there is one label per row of {@code features}. */
    public Batch {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.dim() == 0 || features.size(0) != labels.length) {
            throw new IllegalArgumentException("Batch: features of shape " + Arrays.toString(features.shape())
                    + " need one label per row, but got " + labels.length + " labels");
        }
    }

    /** Number of examples. */
    public int size() {
        return labels.length;
    }
}
