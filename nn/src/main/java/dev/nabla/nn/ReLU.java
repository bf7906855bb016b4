package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** max(x, 0), elementwise. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").relu();
    }
}
