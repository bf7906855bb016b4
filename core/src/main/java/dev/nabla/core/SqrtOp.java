package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = √x. */
final class SqrtOp extends Function {
    private Tensor y;

    private SqrtOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        SqrtOp f = new SqrtOp(x);
        f.y = Elementwise.unary(UnaryOp.SQRT, x);
        return f.attach(f.y);
    }

    // dx = dz / (2y)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.div(y.mul(2f))};
    }
}
