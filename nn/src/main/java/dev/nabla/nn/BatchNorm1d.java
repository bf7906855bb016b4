package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Arrays;

/**
 * Batch normalisation of features [N, C] or sequences [N, C, L], as PyTorch's
 * {@code nn.BatchNorm1d}: one mean and variance per feature C, over the batch (and L). See
 * {@link BatchNorm}.
 */
public class BatchNorm1d extends BatchNorm {
    /** eps 1e-5, momentum 0.1: PyTorch's defaults. */
    public BatchNorm1d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1);
    }

    /** @throws IllegalArgumentException unless numFeatures &gt; 0, eps &gt; 0 and 0 ≤ momentum ≤ 1 */
    public BatchNorm1d(int numFeatures, double eps, double momentum) {
        super(numFeatures, eps, momentum);
    }

    @Override
    void checkInputDim(Tensor x) {
        if (x.dim() != 2 && x.dim() != 3) {
            throw new IllegalArgumentException(shortName() + " got a " + x.dim() + "-d input " + Arrays.toString(x.shape())
                    + "; it expects 2-d [N, C] or 3-d [N, C, L]" + (x.dim() == 4 ? " (after convolutions: nn.Flatten() first, or BatchNorm2d)" : ""));
        }
    }
}
