package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = √x. */
final class Sqrt extends Function {
    private Tensor y;

    private Sqrt(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        Sqrt f = new Sqrt(x);
        f.y = Elementwise.unary(UnaryOp.SQRT, x);
        return f.attach(f.y);
    }

    // dx = dz / (2y)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.div(y.mul(2f))};
    }
}
