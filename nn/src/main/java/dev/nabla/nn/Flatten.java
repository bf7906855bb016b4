package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** Flattens dimensions {@code startDim..} into one: [N, 1, 28, 28] becomes [N, 784] by default. */
public class Flatten extends Module {
    private final int startDim;

    /** Flattens from dimension 1, keeping the batch dimension, as PyTorch's default. */
    public Flatten() {
        this(1);
    }

    /** Flattens from {@code startDim} to the last dimension. */
    public Flatten(int startDim) {
        this.startDim = startDim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").flatten(startDim);
    }

    @Override
    protected String extraRepr() {
        return "start_dim=" + startDim + ", end_dim=-1";
    }
}
