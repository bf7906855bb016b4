package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = log(1 + eˣ), stable for any x; x itself above 20, as PyTorch's default threshold. */
final class SoftplusOp extends Function {
    private SoftplusOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new SoftplusOp(x).attach(Elementwise.unary(UnaryOp.SOFTPLUS, x));
    }

    // dx = dz · σ(x)   (σ(x) rounds to exactly 1 above 20, so the threshold needs no case of its own)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(Elementwise.unary(UnaryOp.SIGMOID, input(0)))};
    }
}
