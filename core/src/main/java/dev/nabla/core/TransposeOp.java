package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = x with dimensions d0 and d1 swapped (a copy, so every tensor stays contiguous). */
final class TransposeOp extends Function {
    private final int d0, d1;

    private TransposeOp(Tensor x, int d0, int d1) {
        super(x);
        this.d0 = d0;
        this.d1 = d1;
    }

    static Tensor apply(Tensor x, int dim0, int dim1) {
        int a = Shapes.dim(dim0, x.dim(), "transpose"), b = Shapes.dim(dim1, x.dim(), "transpose");
        int d0 = Math.min(a, b), d1 = Math.max(a, b);
        if (x.dim() < 2 || d0 == d1) return new TransposeOp(x, d0, d1).attach(new Tensor(x.toArray(), x.shape));
        int[] s = x.shape.clone();
        s[d0] = x.shape[d1];
        s[d1] = x.shape[d0];
        float[] out = new float[x.numel()];
        int mid = Shapes.product(x.shape, d0 + 1, d1);  // the sizes between the swapped ones
        Kernels.active().transpose(x.data(), Shapes.outer(x.shape, d0), x.shape[d0], mid, x.shape[d1],
                Shapes.inner(x.shape, d1), out);
        return new TransposeOp(x, d0, d1).attach(new Tensor(out, s));
    }

    // dx = dyᵀ (the same swap undoes itself)
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {dy.transpose(d0, d1)};
    }
}
