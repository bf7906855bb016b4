package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = x - y, broadcasting. */
final class SubOp extends Function {
    private SubOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new SubOp(x, y).attach(Elementwise.binary(BinaryOp.SUB, x, y, "sub"));
    }

    // dx = dz ; dy = -dz
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(dz, input(0).shape) : null,
            needsGrad(1) ? Elementwise.sumTo(dz.neg(), input(1).shape) : null};
    }
}
