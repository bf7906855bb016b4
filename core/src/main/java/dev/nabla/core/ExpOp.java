package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = eˣ. */
final class ExpOp extends Function {
    private Tensor y;

    private ExpOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        ExpOp f = new ExpOp(x);
        f.y = Elementwise.unary(UnaryOp.EXP, x);
        return f.attach(f.y);
    }

    // dx = dz · y
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(y)};
    }
}
