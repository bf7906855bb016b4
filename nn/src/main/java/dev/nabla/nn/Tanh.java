package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** tanh x, elementwise. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").tanh();
    }
}
