package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = x + y, broadcasting. */
final class AddOp extends Function {
    private AddOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new AddOp(x, y).attach(Elementwise.binary(BinaryOp.ADD, x, y, "add"));
    }

    // dx = dz ; dy = dz   (each summed back to its input's shape)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(dz, input(0).shape) : null,
            needsGrad(1) ? Elementwise.sumTo(dz, input(1).shape) : null};
    }
}
