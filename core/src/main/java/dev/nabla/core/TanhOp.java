package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = tanh x. */
final class TanhOp extends Function {
    private Tensor y;

    private TanhOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        TanhOp f = new TanhOp(x);
        f.y = Elementwise.unary(UnaryOp.TANH, x);
        return f.attach(f.y);
    }

    // dx = dz · (1 - y²)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(y.mul(y).neg().add(1f))};
    }
}
