package dev.nabla.nn.data;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Objects;

/** Examples held in memory: features [N, ...] with one integer label each. */
public class TensorDataset implements Dataset {
    private final Tensor features;
    private final int[] labels;

    /** Features [N, ...] with one label per row. */
    public TensorDataset(Tensor features, int[] labels) {
        Objects.requireNonNull(features, "features");
        Objects.requireNonNull(labels, "labels");
        if (features.dim() == 0 || features.size(0) != labels.length) {
            throw new IllegalArgumentException("TensorDataset: features of shape " + Arrays.toString(features.shape())
                    + " need one label per row, but got " + labels.length + " labels");
        }
        this.features = features;
        this.labels = labels.clone();
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public Batch get(int[] indices) {
        Objects.requireNonNull(indices, "indices");
        int[] y = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            if (indices[i] < 0 || indices[i] >= labels.length) {
                throw new IndexOutOfBoundsException("TensorDataset: index " + indices[i] + " is out of range for "
                        + labels.length + " examples");
            }
            y[i] = labels[indices[i]];
        }
        return new Batch(features.indexSelect(0, indices), y);
    }
}
