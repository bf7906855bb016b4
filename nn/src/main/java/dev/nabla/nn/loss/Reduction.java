package dev.nabla.nn.loss;

import dev.nabla.core.Tensor;

/** How a loss turns per-element values into its result, as PyTorch's {@code reduction=}. */
public enum Reduction {
    /** The average (PyTorch's default). */
    MEAN,
    /** The total. */
    SUM,
    /** The per-element values, unreduced (d2l's choice: {@code .mean()} to train, {@code .sum()} to report). */
    NONE;

    Tensor apply(Tensor perElement) {
        return switch (this) {
            case MEAN -> perElement.mean();
            case SUM -> perElement.sum();
            case NONE -> perElement;
        };
    }
}
