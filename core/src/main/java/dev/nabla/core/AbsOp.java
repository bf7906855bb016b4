package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = |x|. */
final class AbsOp extends Function {
    private AbsOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new AbsOp(x).attach(Elementwise.unary(UnaryOp.ABS, x));
    }

    // dx = dz · sign(x)   (0 at x = 0, as in PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(input(0).gt(0f).sub(input(0).lt(0f)))};
    }
}
