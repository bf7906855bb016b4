package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import java.util.Arrays;

/** z = x where condition ≠ 0, else y; all three broadcast. A select: the branch not taken never leaks an inf or NaN. */
final class WhereOp extends Function {
    private WhereOp(Tensor condition, Tensor x, Tensor y) {
        super(condition, x, y);
    }

    static Tensor apply(Tensor condition, Tensor x, Tensor y) {
        return new WhereOp(condition, x, y).attach(forward(condition, x, y));
    }

    /** The selection alone, recording nothing (for ops built on it). */
    static Tensor forward(Tensor condition, Tensor x, Tensor y) {
        String what = "where (condition " + Shapes.str(condition.shape) + ", x " + Shapes.str(x.shape) + ", y "
                + Shapes.str(y.shape) + ")";
        int[] shape = Shapes.broadcast(Shapes.broadcast(condition.shape, x.shape, what), y.shape, what);
        float[] out = new float[Shapes.numel(shape, "where")];
        Kernels.active().where(expanded(condition, shape), expanded(x, shape), expanded(y, shape), out, out.length);
        return new Tensor(out, shape);
    }

    private static float[] expanded(Tensor t, int[] shape) {
        return Arrays.equals(t.shape, shape) ? t.data() : Elementwise.expand(t, shape, 1f).data();
    }

    // dx = dz where condition ≠ 0, else 0 ; dy = dz where condition = 0, else 0   (each summed back to its shape)
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor condition = input(0), zero = Tensor.scalar(0f);
        return new Tensor[] {
            null,
            needsGrad(1) ? Elementwise.sumTo(forward(condition, dz, zero), input(1).shape) : null,
            needsGrad(2) ? Elementwise.sumTo(forward(condition, zero, dz), input(2).shape) : null};
    }
}
