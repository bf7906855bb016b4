package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * exp(x) / Σ exp(x) along one dimension, computed stably, as PyTorch's {@code nn.Softmax(dim)}.
 * For training, feed logits to {@code CrossEntropyLoss} instead: it fuses the softmax and is stable.
 */
public class Softmax extends Module {
    private final int dim;

    /** Normalises along {@code dim} (negative counts from the end). */
    public Softmax(int dim) {
        this.dim = dim;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").softmax(dim);
    }

    /** The dimension that sums to 1. */
    public int dim() {
        return dim;
    }

    @Override
    protected String extraRepr() {
        return "dim=" + dim;
    }
}
