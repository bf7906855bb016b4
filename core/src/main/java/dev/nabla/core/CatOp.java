package dev.nabla.core;

/**
 * y = the tensors joined along one dimension, as PyTorch's {@code cat}; every other dimension
 * must match. Viewed as [outer, size_i, inner], each input fills its own band of y's
 * [outer, Σ size_i, inner], and its gradient is that band of dy.
 */
final class CatOp extends Function {
    private final int dim;

    private CatOp(Tensor[] tensors, int dim) {
        super(tensors);
        this.dim = dim;
    }

    static Tensor apply(int dim, Tensor[] tensors) {
        checkList("cat", tensors);
        Tensor first = tensors[0];
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i].dim() == 0) {
                throw new IllegalArgumentException("cat: tensor " + i + " is 0-d and cannot be concatenated; use stack, or reshape(1) first");
            }
        }
        int d = Shapes.dim(dim, first.dim(), "cat");
        int[] shape = first.shape.clone();
        for (int i = 1; i < tensors.length; i++) {
            int[] s = tensors[i].shape;
            if (s.length != shape.length) {
                throw new IllegalArgumentException("cat: tensors must have the same number of dimensions, but tensor 0 has shape "
                        + Shapes.str(first.shape) + " and tensor " + i + " has shape " + Shapes.str(s));
            }
            for (int k = 0; k < s.length; k++) {
                if (k != d && s[k] != shape[k]) {
                    throw new IllegalArgumentException("cat: shapes " + Shapes.str(first.shape) + " (tensor 0) and " + Shapes.str(s)
                            + " (tensor " + i + ") must match except in dimension " + d + ", but differ in dimension " + k
                            + " (" + shape[k] + " != " + s[k] + ")");
                }
            }
            shape[d] += s[d];
        }
        return new CatOp(tensors, d).attach(join(tensors, d, shape));
    }

    /** The tensors (whose shapes match {@code shape} but in dimension d) joined along d into a new tensor of {@code shape}. */
    static Tensor join(Tensor[] tensors, int d, int[] shape) {
        int outer = Shapes.outer(shape, d), inner = Shapes.inner(shape, d), total = shape[d];
        float[] out = new float[Shapes.numel(shape, "cat")];
        for (int i = 0, at = 0; i < tensors.length; at += tensors[i].shape[d], i++) {
            int band = tensors[i].shape[d] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(tensors[i].data(), o * band, out, (o * total + at) * inner, band);
        }
        return new Tensor(out, shape);
    }

    /** Entries [at, at + size) of dy along dimension d, as a new tensor of {@code shape}. */
    static Tensor band(Tensor dy, int d, int at, int size, int[] shape) {
        int outer = Shapes.outer(dy.shape, d), inner = Shapes.inner(dy.shape, d), total = dy.shape[d], band = size * inner;
        float[] g = new float[outer * band];
        for (int o = 0; o < outer; o++) System.arraycopy(dy.data(), (o * total + at) * inner, g, o * band, band);
        return new Tensor(g, shape);
    }

    /** Fails unless there is at least one tensor and none is null (a NullPointerException naming it). */
    static void checkList(String op, Tensor[] tensors) {
        java.util.Objects.requireNonNull(tensors, "tensors");
        for (int i = 0; i < tensors.length; i++) java.util.Objects.requireNonNull(tensors[i], "tensors[" + i + "]");
        if (tensors.length == 0) throw new IllegalArgumentException(op + ": expects a non-empty list of tensors");
    }

    // dx_i = the band of dy that x_i filled
    @Override
    Tensor[] backward(Tensor dy) {
        Tensor[] grads = new Tensor[inputs.size()];
        for (int i = 0, at = 0; i < grads.length; at += input(i).shape[dim], i++) {
            if (needsGrad(i)) grads[i] = band(dy, dim, at, input(i).shape[dim], input(i).shape);
        }
        return grads;
    }
}
