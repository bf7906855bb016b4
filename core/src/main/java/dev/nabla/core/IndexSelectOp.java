package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = the entries of x at the given indices along one dimension, in that order. */
final class IndexSelectOp extends Function {
    private final int dim;
    private final int[] index;

    private IndexSelectOp(Tensor x, int dim, int[] index) {
        super(x);
        this.dim = dim;
        this.index = index;
    }

    static Tensor apply(Tensor x, int dim, int[] indices) {
        if (x.dim() == 0) throw new IllegalArgumentException("indexSelect: cannot index a 0-d tensor");
        int d = Shapes.dim(dim, x.dim(), "indexSelect"), n = x.shape[d];
        int[] index = indices.clone();
        for (int i = 0; i < index.length; i++) {
            if (index[i] < -n || index[i] >= n) {
                throw new IllegalArgumentException("indexSelect: index " + index[i] + " is out of bounds for dimension "
                        + d + " with size " + n + " (shape " + Shapes.str(x.shape) + ")");
            }
            if (index[i] < 0) index[i] += n;
        }
        int[] s = x.shape.clone();
        s[d] = index.length;
        float[] out = new float[Shapes.numel(s, "indexSelect")];
        Kernels.active().gather(x.data(), Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), index, out);
        return new IndexSelectOp(x, d, index).attach(new Tensor(out, s));
    }

    // dx[.., index[j], ..] += dy[.., j, ..]   (an index picked twice gets both gradients)
    @Override
    Tensor[] backward(Tensor dy) {
        int[] s = input(0).shape;
        float[] dx = new float[input(0).numel()];
        Kernels.active().scatterAdd(dy.data(), Shapes.outer(s, dim), s[dim], Shapes.inner(s, dim), index, dx);
        return new Tensor[] {new Tensor(dx, s)};
    }
}
