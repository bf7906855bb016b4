package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;
import java.util.Arrays;

/** Mean squared error: (input - target)², reduced. Shapes must match exactly. */
public class MSELoss {
    private final Reduction reduction;

    /** Mean over all elements, as PyTorch's default. */
    public MSELoss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public MSELoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** @throws IllegalArgumentException when the shapes differ (PyTorch would silently broadcast) */
    public Tensor forward(Tensor input, Tensor target) {
        java.util.Objects.requireNonNull(input, "input");
        java.util.Objects.requireNonNull(target, "target");
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("MSELoss: input shape " + Arrays.toString(input.shape())
                    + " and target shape " + Arrays.toString(target.shape()) + " must be equal");
        }
        Tensor diff = input.sub(target);
        return reduction.apply(diff.mul(diff));
    }

    @Override
    public String toString() {
        return "MSELoss(reduction=" + reduction.name().toLowerCase(java.util.Locale.ROOT) + ")";
    }
}
