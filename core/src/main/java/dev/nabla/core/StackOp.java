package dev.nabla.core;

import java.util.Arrays;

/**
 * y = tensors of one shape joined along a new dimension, as PyTorch's {@code stack}: cat of the
 * tensors each given a dimension of size 1 there. x_i's gradient is slice i of dy along it.
 */
final class StackOp extends Function {
    private final int dim;

    private StackOp(Tensor[] tensors, int dim) {
        super(tensors);
        this.dim = dim;
    }

    static Tensor apply(int dim, Tensor[] tensors) {
        CatOp.checkList("stack", tensors);
        int[] shape = tensors[0].shape;
        for (int i = 1; i < tensors.length; i++) {
            if (!Arrays.equals(tensors[i].shape, shape)) {
                throw new IllegalArgumentException("stack: expects each tensor to be equal size, but got " + Shapes.str(shape)
                        + " at entry 0 and " + Shapes.str(tensors[i].shape) + " at entry " + i);
            }
        }
        int rank = shape.length + 1;  // the result's: the new dimension can go anywhere in it
        if (dim < -rank || dim >= rank) {
            throw new IllegalArgumentException("stack: dimension " + dim + " is out of range for stacking tensors of shape "
                    + Shapes.str(shape) + " (expected " + -rank + " to " + (rank - 1) + ")");
        }
        int d = dim < 0 ? dim + rank : dim;
        int[] one = new int[rank];
        for (int k = 0, j = 0; k < rank; k++) one[k] = k == d ? 1 : shape[j++];
        int[] out = one.clone();
        out[d] = tensors.length;
        Tensor[] views = new Tensor[tensors.length];  // the same storage with the size-1 dimension, outside the graph
        for (int i = 0; i < tensors.length; i++) views[i] = new Tensor(tensors[i].storage, one);
        return new StackOp(tensors, d).attach(CatOp.join(views, d, out));
    }

    // dx_i = dy[.., i, ..] along the stacked dimension
    @Override
    Tensor[] backward(Tensor dy) {
        Tensor[] grads = new Tensor[inputs.size()];
        for (int i = 0; i < grads.length; i++) if (needsGrad(i)) grads[i] = CatOp.band(dy, dim, i, 1, input(i).shape);
        return grads;
    }
}
