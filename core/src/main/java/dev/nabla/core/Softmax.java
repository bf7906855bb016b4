package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = exp(x) / Σ exp(x) along one dimension, computed stably. */
final class Softmax extends Function {
    private final int dim;
    private Tensor y;

    private Softmax(Tensor x, int dim) {
        super(x);
        this.dim = dim;
    }

    static Tensor apply(Tensor x, int dim) {
        int d = Shapes.dim(dim, x.dim(), "softmax");
        Softmax f = new Softmax(x, d);
        float[] out = new float[x.numel()];
        int n = x.dim() == 0 ? 1 : x.shape[d];
        Kernels.active().softmax(x.data(), Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), out);
        f.y = new Tensor(out, x.shape);
        return f.attach(f.y);
    }

    // dx = y · (dy - Σ(dy · y))   (the sum along dim)
    @Override
    Tensor[] backward(Tensor dy) {
        if (y.dim() == 0) return new Tensor[] {Tensor.zeros()};
        return new Tensor[] {y.mul(dy.sub(dy.mul(y).sum(dim, true)))};
    }
}
