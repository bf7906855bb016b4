package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = max(x, y) elementwise, broadcasting; NaN if either is NaN. */
final class MaximumOp extends Function {
    private MaximumOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new MaximumOp(x, y).attach(Elementwise.binary(BinaryOp.MAXIMUM, x, y, "maximum"));
    }

    // dx = dz where x > y, dz/2 where x = y, 0 where x < y ; dy the mirror image   (at a NaN both get dz, as PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor x = input(0), y = input(1), zero = Tensor.scalar(0f), split = WhereOp.forward(x.eq(y), dz.mul(0.5f), dz);
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(WhereOp.forward(x.lt(y), zero, split), x.shape) : null,
            needsGrad(1) ? Elementwise.sumTo(WhereOp.forward(y.lt(x), zero, split), y.shape) : null};
    }
}
