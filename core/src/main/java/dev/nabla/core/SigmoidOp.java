package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = σ(x) = 1 / (1 + e⁻ˣ). */
final class SigmoidOp extends Function {
    private Tensor y;

    private SigmoidOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        SigmoidOp f = new SigmoidOp(x);
        f.y = Elementwise.unary(UnaryOp.SIGMOID, x);
        return f.attach(f.y);
    }

    // dx = dz · y · (1 - y)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(y).mul(y.neg().add(1f))};
    }
}
