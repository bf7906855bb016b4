package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** z = min(x, y) elementwise, broadcasting; NaN if either is NaN. */
final class MinimumOp extends Function {
    private MinimumOp(Tensor x, Tensor y) {
        super(x, y);
    }

    static Tensor apply(Tensor x, Tensor y) {
        return new MinimumOp(x, y).attach(Elementwise.binary(BinaryOp.MINIMUM, x, y, "minimum"));
    }

    // dx = dz where x < y, dz/2 where x = y, 0 where x > y ; dy the mirror image   (at a NaN both get dz, as PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor x = input(0), y = input(1), zero = Tensor.scalar(0f), split = WhereOp.forward(x.eq(y), dz.mul(0.5f), dz);
        return new Tensor[] {
            needsGrad(0) ? Elementwise.sumTo(WhereOp.forward(x.gt(y), zero, split), x.shape) : null,
            needsGrad(1) ? Elementwise.sumTo(WhereOp.forward(y.gt(x), zero, split), y.shape) : null};
    }
}
