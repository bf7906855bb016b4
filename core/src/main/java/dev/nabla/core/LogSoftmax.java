package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = x - log Σ exp(x) along one dimension, computed stably (the max is subtracted first). */
final class LogSoftmax extends Function {
    private final int dim;
    private Tensor y;

    private LogSoftmax(Tensor x, int dim) {
        super(x);
        this.dim = dim;
    }

    static Tensor apply(Tensor x, int dim) {
        int d = Shapes.dim(dim, x.dim(), "logSoftmax");
        LogSoftmax f = new LogSoftmax(x, d);
        float[] out = new float[x.numel()];
        int n = x.dim() == 0 ? 1 : x.shape[d];
        Kernels.active().logSoftmax(x.data(), Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), out);
        f.y = new Tensor(out, x.shape);
        return f.attach(f.y);
    }

    // dx = dy - exp(y) · Σ dy   (the sum along dim)
    @Override
    Tensor[] backward(Tensor dy) {
        if (y.dim() == 0) return new Tensor[] {Tensor.zeros()};
        return new Tensor[] {dy.sub(y.exp().mul(dy.sum(dim, true)))};
    }
}
