package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = -x. */
final class NegOp extends Function {
    private NegOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new NegOp(x).attach(Elementwise.unary(UnaryOp.NEG, x));
    }

    // dx = -dz
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.neg()};
    }
}
