package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/** Mean absolute error: |input - target|, reduced, as PyTorch's {@code nn.L1Loss}. Shapes must match exactly. */
public class L1Loss {
    private final Reduction reduction;

    /** Mean over all elements, as PyTorch's default. */
    public L1Loss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public L1Loss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** @throws IllegalArgumentException when the shapes differ (PyTorch would warn and broadcast) */
    public Tensor forward(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("L1Loss: input shape " + Arrays.toString(input.shape())
                    + " and target shape " + Arrays.toString(target.shape()) + " must be equal");
        }
        return reduction.apply(input.sub(target).abs());  // dinput = sign(input - target), 0 where equal (as PyTorch)
    }

    /** How the per-element losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "L1Loss(reduction=" + reduction.name().toLowerCase(Locale.ROOT) + ")";
    }
}
