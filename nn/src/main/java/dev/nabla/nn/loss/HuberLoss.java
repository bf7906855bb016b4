package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Squared error for small differences, absolute error for large ones, as PyTorch's
 * {@code nn.HuberLoss}: with d = input - target, loss = ½·d² where |d| &lt; delta, else
 * delta·(|d| - ½·delta). The two pieces meet with the same value and slope at |d| = delta, so
 * outliers pull with a gradient of at most delta. Shapes must match exactly.
 */
public class HuberLoss {
    private final Reduction reduction;
    private final double delta;

    /** Mean, delta 1: PyTorch's defaults. */
    public HuberLoss() {
        this(1.0, Reduction.MEAN);
    }

    /** Mean over all elements, with the given delta. */
    public HuberLoss(double delta) {
        this(delta, Reduction.MEAN);
    }

    /** Delta 1, with the given reduction. */
    public HuberLoss(Reduction reduction) {
        this(1.0, reduction);
    }

    /** @throws IllegalArgumentException unless delta &gt; 0 (PyTorch's message) */
    public HuberLoss(double delta, Reduction reduction) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber_loss does not support non-positive values for delta, but got " + delta);
        }
        this.delta = delta;
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** @throws IllegalArgumentException when the shapes differ */
    public Tensor forward(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("HuberLoss: input shape " + Arrays.toString(input.shape())
                    + " and target shape " + Arrays.toString(target.shape()) + " must be equal");
        }
        Tensor d = input.sub(target), a = d.abs();
        // dinput = d where |d| < delta, else delta·sign(d)
        return reduction.apply(Tensor.where(a.lt((float) delta), d.mul(d).mul(0.5f), a.sub(0.5 * delta).mul(delta)));
    }

    /** Where the squared piece ends. */
    public double delta() {
        return delta;
    }

    /** How the per-element losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "HuberLoss(reduction=" + reduction.name().toLowerCase(Locale.ROOT) + ", delta=" + delta + ")";
    }
}
