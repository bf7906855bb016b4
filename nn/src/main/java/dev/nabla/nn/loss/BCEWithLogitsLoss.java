package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;
import java.util.Arrays;
import java.util.Locale;

/**
 * Binary cross-entropy on logits x with targets y in [0, 1], the sigmoid fused in, as PyTorch's
 * {@code nn.BCEWithLogitsLoss}: loss = -[y·log σ(x) + (1 - y)·log(1 - σ(x))], computed as
 * y·softplus(-x) + (1 - y)·softplus(x), which is finite and exact to float precision for logits of
 * any size (σ(x) itself rounds to 1 above 17, and log(1 - 1) = -inf). Its gradient is σ(x) - y.
 */
public class BCEWithLogitsLoss {
    private final Reduction reduction;

    /** Mean over all elements, as PyTorch's default. */
    public BCEWithLogitsLoss() {
        this(Reduction.MEAN);
    }

    /** With the given reduction. */
    public BCEWithLogitsLoss(Reduction reduction) {
        this.reduction = java.util.Objects.requireNonNull(reduction, "reduction");
    }

    /** @throws IllegalArgumentException when the shapes differ, in PyTorch's words */
    public Tensor forward(Tensor input, Tensor target) {
        if (!Arrays.equals(input.shape(), target.shape())) {
            throw new IllegalArgumentException("BCEWithLogitsLoss: target size " + Arrays.toString(target.shape())
                    + " must be the same as input size " + Arrays.toString(input.shape()));
        }
        // dx = y·(-σ(-x)) + (1 - y)·σ(x) = σ(x) - y
        return reduction.apply(target.mul(input.neg().softplus()).add(target.neg().add(1f).mul(input.softplus())));
    }

    /** How the per-element losses are reduced. */
    public Reduction reduction() {
        return reduction;
    }

    @Override
    public String toString() {
        return "BCEWithLogitsLoss(reduction=" + reduction.name().toLowerCase(Locale.ROOT) + ")";
    }
}
