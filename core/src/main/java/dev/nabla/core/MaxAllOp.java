package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = the largest element of x (0-d); tied maxima share the gradient, as PyTorch's full {@code max()}. */
final class MaxAllOp extends Function {
    private final float max;

    private MaxAllOp(Tensor x, float max) {
        super(x);
        this.max = max;
    }

    static Tensor apply(Tensor x) {
        if (x.numel() == 0) {
            throw new IllegalArgumentException("max: the tensor of shape " + Shapes.str(x.shape) + " is empty, so it has no "
                    + "maximum; max(dim, keepDim) reduces one dimension, which must be non-empty");
        }
        float[] value = new float[1];
        Kernels.active().max(x.data(), 1, x.numel(), 1, value, new int[1]);
        return new MaxAllOp(x, value[0]).attach(new Tensor(value, new int[0]));
    }

    // dx = dy / k at each of the k elements equal to the maximum (all NaNs when it is NaN), 0 elsewhere
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {Ties.evenly(dy, input(0), max)};
    }

    @Override
    String name() {
        return "MaxBackward";  // one name for both maxima, as PyTorch's MaxBackward0/1
    }
}
