package dev.nabla.core;

import java.util.Arrays;

/**
 * y = the tensors joined along one dimension, as PyTorch's {@code cat}; every other dimension
 * must match. Viewed as [outer, size_i, inner], each input fills its own band of y's
 * [outer, Σ size_i, inner]. {@code stack} is cat along a new dimension of size 1.
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
        int outer = Shapes.outer(shape, d), inner = Shapes.inner(shape, d), total = shape[d];
        float[] out = new float[Shapes.numel(shape)];
        for (int i = 0, at = 0; i < tensors.length; at += tensors[i].shape[d], i++) {
            int band = tensors[i].shape[d] * inner;
            for (int o = 0; o < outer; o++) System.arraycopy(tensors[i].data(), o * band, out, (o * total + at) * inner, band);
        }
        return new CatOp(tensors, d).attach(new Tensor(out, shape));
    }

    /** {@code Tensor.stack}: equal shapes, each given a new dimension of size 1 at {@code dim}, then cat. */
    static Tensor stack(int dim, Tensor[] tensors) {
        checkList("stack", tensors);
        for (int i = 1; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, tensors[0].shape)) {
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + Shapes.str(tensors[0].shape)
                        + " at entry 0 and " + Shapes.str(tensors[i].shape) + " at entry " + i);
            }
        }
        int rank = tensors[0].dim() + 1;  // the result's: the new dimension can go anywhere in it
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException("stack: dimension " + dim + " is out of range for stacking tensors of shape "
                    + Shapes.str(tensors[0].shape) + " (expected " + -rank + " to " + (rank - 1) + ")");
        }
        int d = dim < 0 ? dim + rank : dim;
        Tensor[] unsqueezed = new Tensor[tensors.length];
        for (int i = 0; i < tensors.length; i++) unsqueezed[i] = tensors[i].unsqueeze(d);
        return apply(d, unsqueezed);
    }

    private static void checkList(String op, Tensor[] tensors) {
        if (tensors == null || tensors.length == 0) throw new IllegalArgumentException(op + ": expects a non-empty list of tensors");
        for (int i = 0; i < tensors.length; i++) {
            if (tensors[i] == null) throw new IllegalArgumentException(op + ": tensor " + i + " is null");
        }
    }

    // dx_i = the band of dy that x_i filled
    @Override
    Tensor[] backward(Tensor dy) {
        int[] shape = dy.shape;
        int outer = Shapes.outer(shape, dim), inner = Shapes.inner(shape, dim), total = shape[dim];
        Tensor[] grads = new Tensor[inputs.size()];
        for (int i = 0, at = 0; i < grads.length; at += input(i).shape[dim], i++) {
            if (!needsGrad(i)) continue;
            int band = input(i).shape[dim] * inner;
            float[] g = new float[input(i).numel()];
            for (int o = 0; o < outer; o++) System.arraycopy(dy.data(), (o * total + at) * inner, g, o * band, band);
            grads[i] = new Tensor(g, input(i).shape);
        }
        return grads;
    }
}
