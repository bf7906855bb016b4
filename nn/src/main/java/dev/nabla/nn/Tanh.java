package dev.nabla.nn;

import dev.nabla.core.Tensor;

/** tanh x, elementwise. */
public class Tanh extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return x.tanh();
    }
}
