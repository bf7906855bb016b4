package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = exp(x) / Σ exp(x) along one dimension, computed stably. */
final class SoftmaxOp extends Function {
    private final int dim;
    private final Tensor y;

    private SoftmaxOp(Tensor x, int dim, Tensor y) {
        super(x);
        this.dim = dim;
        this.y = y;
    }

    static Tensor apply(Tensor x, int dim) {
        int d = Shapes.dim(dim, x.dim(), "softmax");
        Tensor y = forward(x, d, false);
        return new SoftmaxOp(x, d, y).attach(y);
    }

    /** softmax(x), or log softmax(x) when {@code log}, along dimension d (already checked). */
    static Tensor forward(Tensor x, int d, boolean log) {
        float[] out = new float[x.numel()];
        int n = x.dim() == 0 ? 1 : x.shape[d];
        Kernels.active().softmax(x.data(), Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), log, out);
        return new Tensor(out, x.shape);
    }

    // dx = y · (dy - Σ(dy · y))   (the sum along dim)
    @Override
    Tensor[] backward(Tensor dy) {
        if (y.dim() == 0) return new Tensor[] {Tensor.zeros()};
        return new Tensor[] {y.mul(dy.sub(dy.mul(y).sum(dim, true)))};
    }
}
