package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = x / y elementwise, broadcasting. */
final class DivOp extends Function {
    private DivOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new DivOp(x, y).attach(Elementwise.binary(BinaryOp.DIV, x, y, "div"));
    }

    // dx = dz / y ; dy = -dz · x / y²
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor x = input(0), y = input(1);
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(dz.div(y), x.shape) : null,
            needsGrad(1) ? Elementwise.sumTo(dz.mul(x).div(y.mul(y)).neg(), y.shape) : null};
    }
}
