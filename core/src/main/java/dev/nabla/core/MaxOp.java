package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = max of x along one dimension; the gradient goes to the first maximal element. */
final class MaxOp extends Function {
    private final int dim;
    private final int[] argmax;

    private MaxOp(Tensor x, int dim, int[] argmax) {
        super(x);
        this.dim = dim;
        this.argmax = argmax;
    }

    static Tensor apply(Tensor x, int dim, boolean keepDim) {
        int d = Shapes.dim(dim, x.dim(), "max");
        if (x.dim() == 0) return new MaxOp(x, 0, new int[1]).attach(new Tensor(x.toArray(), x.shape));
        float[] values = new float[x.numel() / nonEmpty(x, d, "max")];
        int[] idx = new int[values.length];
        Kernels.active().max(x.data(), Shapes.outer(x.shape, d), x.shape[d], Shapes.inner(x.shape, d), values, idx);
        return new MaxOp(x, d, idx).attach(new Tensor(values, Shapes.reduce(x.shape, d, keepDim)));
    }

    /** Index of the first maximum along {@code dim}, as floats; not differentiable. */
    static Tensor argmax(Tensor x, int dim) {
        int d = Shapes.dim(dim, x.dim(), "argmax");
        if (x.dim() == 0) return Tensor.scalar(0f);
        float[] values = new float[x.numel() / nonEmpty(x, d, "argmax")];
        int[] idx = new int[values.length];
        Kernels.active().max(x.data(), Shapes.outer(x.shape, d), x.shape[d], Shapes.inner(x.shape, d), values, idx);
        for (int i = 0; i < idx.length; i++) values[i] = idx[i];
        return new Tensor(values, Shapes.reduce(x.shape, d, false));
    }

    private static int nonEmpty(Tensor x, int d, String op) {
        if (x.shape[d] == 0) {
            throw new IllegalArgumentException(op + ": dimension " + d + " of shape " + Shapes.str(x.shape)
                    + " is empty, so it has no maximum");
        }
        return x.shape[d];
    }

    // dx[o, argmax[o, i], i] = dy[o, i], zero elsewhere
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {Ties.first(dy, input(0).shape, dim, argmax)};
    }
}
