package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import java.util.Arrays;

/** y = x with its dimensions reordered, as PyTorch's {@code permute}: y's dimension i is x's dimension dims[i] (a copy). */
final class PermuteOp extends Function {
    private final int[] dims;

    private PermuteOp(Tensor x, int[] dims) {
        super(x);
        this.dims = dims;
    }

    static Tensor apply(Tensor x, int[] dims) {
        if (dims == null || dims.length != x.dim()) {
            throw new IllegalArgumentException("permute: a tensor of shape " + Shapes.str(x.shape) + " has " + x.dim()
                    + " dimensions, but dims " + Arrays.toString(dims) + " names " + (dims == null ? 0 : dims.length)
                    + "; give each dimension exactly once");
        }
        int[] d = new int[dims.length], shape = new int[dims.length];
        boolean[] seen = new boolean[dims.length];
        for (int i = 0; i < dims.length; i++) {
            d[i] = Shapes.dim(dims[i], x.dim(), "permute");
            if (seen[d[i]]) {
                throw new IllegalArgumentException("permute: dimension " + d[i] + " appears twice in dims " + Arrays.toString(dims)
                        + " (shape " + Shapes.str(x.shape) + "); give each dimension exactly once");
            }
            seen[d[i]] = true;
            shape[i] = x.shape[d[i]];
        }
        float[] out = new float[x.numel()];
        Kernels.active().permute(x.data(), x.shape, d, out);
        return new PermuteOp(x, d).attach(new Tensor(out, shape));
    }

    // dx = dy permuted back: x's dimension dims[i] is dy's dimension i
    @Override
    Tensor[] backward(Tensor dy) {
        int[] inverse = new int[dims.length];
        for (int i = 0; i < dims.length; i++) inverse[dims[i]] = i;
        return new Tensor[] {dy.permute(inverse)};
    }
}
