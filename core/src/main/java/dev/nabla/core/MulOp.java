package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = x · y elementwise, broadcasting. */
final class MulOp extends Function {
    private MulOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new MulOp(x, y).attach(Elementwise.binary(BinaryOp.MUL, x, y, "mul"));
    }

    // dx = dz · y ; dy = dz · x
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor x = input(0), y = input(1);
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(dz.mul(y), x.shape) : null,
            needsGrad(1) ? Elementwise.sumTo(dz.mul(x), y.shape) : null};
    }
}
