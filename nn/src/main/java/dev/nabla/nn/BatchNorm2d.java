package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Arrays;

/**
 * Batch normalisation of images [N, C, H, W], as PyTorch's {@code nn.BatchNorm2d}: one mean and
 * variance per channel, over the batch and every pixel. See {@link BatchNorm}.
 */
public class BatchNorm2d extends BatchNorm {
    /** eps 1e-5, momentum 0.1: PyTorch's defaults. */
    public BatchNorm2d(int numFeatures) {
        this(numFeatures, 1e-5, 0.1);
    }

    /** @throws IllegalArgumentException unless numFeatures &gt; 0, eps &gt; 0 and 0 ≤ momentum ≤ 1 */
    public BatchNorm2d(int numFeatures, double eps, double momentum) {
        super(numFeatures, eps, momentum);
    }

    @Override
    void checkInputDim(Tensor x) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(shortName() + " got a " + x.dim() + "-d input " + Arrays.toString(x.shape())
                    + "; it expects 4-d [N, C, H, W]" + (x.dim() == 2 ? " (BatchNorm1d normalises [N, C])" : ""));
        }
    }
}
