package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;

/** y = min(max(x, lo), hi): every element pulled into [lo, hi]; all hi when lo &gt; hi, NaN stays NaN, as PyTorch. */
final class ClampOp extends Function {
    private final float lo, hi;

    private ClampOp(Tensor x, float lo, float hi) {
        super(x);
        this.lo = lo;
        this.hi = hi;
    }

    static Tensor apply(Tensor x, float lo, float hi) {
        float[] out = new float[x.numel()];
        int[] scalar = new int[0];
        Kernels.active().binary(BinaryOp.MAXIMUM, x.data(), x.shape, new float[] {lo}, scalar, out, x.shape);
        Kernels.active().binary(BinaryOp.MINIMUM, out, x.shape, new float[] {hi}, scalar, out, x.shape);
        return new ClampOp(x, lo, hi).attach(new Tensor(out, x.shape));
    }

    // dx = dz where lo ≤ x ≤ hi, else 0   (so 0 everywhere when lo > hi, and at NaN)
    @Override
    Tensor[] backward(Tensor dz) {
        Tensor x = input(0);
        return new Tensor[] {WhereOp.forward(x.ge(lo).mul(x.le(hi)), dz, Tensor.scalar(0f))};
    }
}
