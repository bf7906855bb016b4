package dev.nabla.nn;

import dev.nabla.core.Tensor;

/** 1 / (1 + e⁻ˣ), elementwise. */
public class Sigmoid extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.sigmoid();
    }
}
