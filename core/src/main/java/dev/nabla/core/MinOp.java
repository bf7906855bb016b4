package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;

/**
 * y = the smallest element of x along one dimension (the gradient goes to the first one), or of
 * all of x (the gradient is shared evenly among the ties), as PyTorch; NaN wins, as in max.
 */
final class MinOp extends Function {
    private final int dim;
    private final int[] argmin;  // along dim; null for the whole-tensor minimum
    private final float value;   // the whole-tensor minimum

    private MinOp(Tensor x, int dim, int[] argmin, float value) {
        super(x);
        this.dim = dim;
        this.argmin = argmin;
        this.value = value;
    }

    static Tensor dim(Tensor x, int dim, boolean keepDim) {
        int d = Shapes.dim(dim, x.dim(), "min"), n = x.dim() == 0 ? 1 : x.shape[d];
        if (n == 0) {
            throw new IllegalArgumentException("min: dimension " + d + " of shape " + Shapes.str(x.shape)
                    + " is empty, so it has no minimum");
        }
        float[] values = new float[x.numel() / n];
        int[] index = new int[values.length];
        minima(x, Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), values, index);
        return new MinOp(x, d, index, 0f).attach(new Tensor(values, Shapes.reduce(x.shape, d, keepDim)));
    }

    static Tensor all(Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("min: the tensor of shape " + Shapes.str(x.shape)
                    + " is empty, so it has no minimum; min(dim, keepDim) reduces one dimension, which must be non-empty");
        }
        float[] value = new float[1];
        minima(x, 1, x.numel(), 1, value, new int[1]);
        return new MinOp(x, 0, null, value[0]).attach(new Tensor(value, new int[0]));
    }

    /** The minima along the middle axis of x as [outer, n, inner] and their first indices: the maxima of -x, negated. */
    private static void minima(Tensor x, int outer, int n, int inner, float[] values, int[] index) {
        Kernels k = Kernels.active();
        float[] negated = new float[x.numel()];
        k.unary(UnaryOp.NEG, x.data(), negated, negated.length);
        k.max(negated, outer, n, inner, values, index);
        k.unary(UnaryOp.NEG, values, values, values.length);
    }

    // along dim: dx = dy at the first minimum, 0 elsewhere ; whole tensor: dx = dy/k at each of the k minima
    @Override
    Tensor[] backward(Tensor dy) {
        Tensor x = input(0);
        return new Tensor[] {argmin == null ? Ties.evenly(dy, x, value) : Ties.first(dy, x.shape, dim, argmin)};
    }
}
