package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** y = xᵖ for a constant exponent p. */
final class PowOp extends Function {
    private final float p;

    private PowOp(Tensor x, float p) {
        super(x);
        this.p = p;
    }

    static Tensor apply(Tensor x, float p) {
        return new PowOp(x, p).attach(Elementwise.binary(BinaryOp.POW, x, Tensor.scalar(p), "pow"));
    }

    // dx = dz · p · xᵖ⁻¹   (0 for p = 0, as in PyTorch, even where xᵖ⁻¹ is infinite)
    @Override
    Tensor[] backward(Tensor dz) {
        if (p == 0f) return new Tensor[] {Tensor.zeros(dz.shape)};
        return new Tensor[] {dz.mul(input(0).pow(p - 1f).mul(p))};
    }
}
