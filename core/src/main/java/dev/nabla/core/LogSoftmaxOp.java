package dev.nabla.core;

/** y = x - log Σ exp(x) along one dimension, computed stably (the max is subtracted first). */
final class LogSoftmaxOp extends Function {
    private final int dim;
    private final Tensor y;

    private LogSoftmaxOp(Tensor x, int dim, Tensor y) {
        super(x);
        this.dim = dim;
        this.y = y;
    }

    static Tensor apply(Tensor x, int dim) {
        int d = Shapes.dim(dim, x.dim(), "logSoftmax");
        Tensor y = SoftmaxOp.forward(x, d, true);
        return new LogSoftmaxOp(x, d, y).attach(y);
    }

    // dx = dy - exp(y) · Σ dy   (the sum along dim)
    @Override
    Tensor[] backward(Tensor dy) {
        if (y.dim() == 0) return new Tensor[] {Tensor.zeros()};
        return new Tensor[] {dy.sub(y.exp().mul(dy.sum(dim, true)))};
    }
}
