package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = max(x, 0). */
final class Relu extends Function {
    private Relu(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new Relu(x).attach(Elementwise.unary(UnaryOp.RELU, x));
    }

    // dx = dz · [x > 0]   (0 at x = 0, as in PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(input(0).gt(0f))};
    }
}
