package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** 1 / (1 + e⁻ˣ), elementwise. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").sigmoid();
    }
}
