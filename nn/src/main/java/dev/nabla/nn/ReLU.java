package dev.nabla.nn;

import dev.nabla.core.Tensor;

/** max(x, 0), elementwise. */
public class ReLU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.relu();
    }
}
