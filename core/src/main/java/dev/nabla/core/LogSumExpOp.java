package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;

/**
 * y = log Σ exp(x) along one dimension, computed as m + log Σ exp(x - m) with m the maximum, so
 * that no exp overflows; m = 0 where the maximum is infinite, as PyTorch (all -inf gives -inf,
 * any +inf gives +inf, an empty dimension -inf).
 */
final class LogSumExpOp extends Function {
    private final Tensor y;  // in the kept shape

    private LogSumExpOp(Tensor x, Tensor y) {
        super(x);
        this.y = y;
    }

    static Tensor apply(Tensor x, int dim, boolean keepDim) {
        int d = Shapes.dim(dim, x.dim(), "logSumExp"), n = x.dim() == 0 ? 1 : x.shape[d];
        int outer = Shapes.outer(x.shape, d), inner = Shapes.inner(x.shape, d);
        int[] kept = Shapes.reduce(x.shape, d, true);
        Kernels k = Kernels.active();
        float[] m = new float[outer * inner];
        if (n > 0) k.max(x.data(), outer, n, inner, m, new int[m.length]);
        for (int i = 0; i < m.length; i++) if (Float.isInfinite(m[i])) m[i] = 0f;
        float[] e = new float[x.numel()];
        k.binary(BinaryOp.SUB, x.data(), x.shape, m, kept, e, x.shape);
        k.unary(UnaryOp.EXP, e, e, e.length);
        float[] out = new float[m.length];
        k.sum(e, outer, n, inner, out);
        k.unary(UnaryOp.LOG, out, out, out.length);
        k.binary(BinaryOp.ADD, out, kept, m, kept, out, kept);
        Tensor y = new Tensor(out, kept);
        return new LogSumExpOp(x, y).attach(new Tensor(y.storage, Shapes.reduce(x.shape, d, keepDim)));
    }

    // dx = dy · exp(x - y)   (the softmax of x along dim)
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {input(0).sub(y).exp().mul(dy.reshape(y.shape))};
    }
}
