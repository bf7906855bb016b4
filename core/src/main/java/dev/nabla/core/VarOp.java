package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;

/**
 * y = Σ (x - mean)² / (n - 1) over one or more dimensions of n elements in all (unbiased, PyTorch's
 * default), or / n (biased). Two passes, mean first, which keeps the precision that the one-pass
 * Σx² - n·mean² loses to cancellation. n - 1 = 0 gives NaN, as PyTorch.
 */
final class VarOp extends Function {
    private final Tensor mean;   // in the kept shape
    private final float scale;   // 1 / (n - 1), or 1 / n

    private VarOp(Tensor x, Tensor mean, float scale) {
        super(x);
        this.mean = mean;
        this.scale = scale;
    }

    static Tensor apply(Tensor x, int[] dims, boolean keepDim, boolean unbiased) {
        Reduction r = new Reduction(x.shape, dims, keepDim, "var");
        float[] mean = r.sum(x.data());
        Elementwise.scaleInPlace(mean, 1f / r.count);
        float[] squares = new float[x.numel()];  // (x - mean)², squared in place
        Kernels.active().binary(BinaryOp.SUB, x.data(), x.shape, mean, r.keptShape, squares, x.shape);
        Kernels.active().binary(BinaryOp.MUL, squares, x.shape, squares, x.shape, squares, x.shape);
        float[] out = r.sum(squares);
        float scale = 1f / Math.max(0, r.count - (unbiased ? 1 : 0));  // 1/0 = inf, and 0·inf = NaN
        Elementwise.scaleInPlace(out, scale);
        return new VarOp(x, new Tensor(mean, r.keptShape), scale).attach(new Tensor(out, r.outShape));
    }

    // dx = dy · 2·(x - mean) / (n - 1)   (or / n)
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {input(0).sub(mean).mul(dy.reshape(mean.shape).mul(2 * scale))};
    }
}
