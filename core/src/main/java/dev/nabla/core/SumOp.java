package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = scale · Σ x, over all elements or along one or more dimensions (mean is the sum scaled by 1/n). */
final class SumOp extends Function {
    private final int[] keptShape;  // y's shape with the reduced dimension kept as size 1
    private final float scale;

    private SumOp(Tensor x, int[] keptShape, float scale) {
        super(x);
        this.keptShape = keptShape;
        this.scale = scale;
    }

    static Tensor all(Tensor x, float scale) {
        float[] out = new float[1];
        Kernels.active().sum(x.data(), 1, x.numel(), 1, out);
        out[0] *= scale;
        int[] kept = new int[x.dim()];
        java.util.Arrays.fill(kept, 1);
        return new SumOp(x, kept, scale).attach(new Tensor(out, new int[0]));
    }

    static Tensor dim(Tensor x, int dim, boolean keepDim, boolean mean) {
        int d = Shapes.dim(dim, x.dim(), mean ? "mean" : "sum");
        if (x.dim() == 0) return all(x, 1f);
        int n = x.shape[d];
        float scale = mean ? 1f / n : 1f;
        float[] out = new float[Shapes.numel(Shapes.reduce(x.shape, d, keepDim), mean ? "mean" : "sum")];
        Kernels.active().sum(x.data(), Shapes.outer(x.shape, d), n, Shapes.inner(x.shape, d), out);
        if (mean) Elementwise.scaleInPlace(out, scale);
        return new SumOp(x, Shapes.reduce(x.shape, d, true), scale).attach(new Tensor(out, Shapes.reduce(x.shape, d, keepDim)));
    }

    static Tensor dims(Tensor x, int[] dims, boolean keepDim, boolean mean) {
        Reduction r = new Reduction(x.shape, dims, keepDim, mean ? "mean" : "sum");
        float[] out = r.sum(x.data());
        float scale = mean ? 1f / r.count : 1f;
        if (mean) Elementwise.scaleInPlace(out, scale);
        return new SumOp(x, r.keptShape, scale).attach(new Tensor(out, r.outShape));
    }

    // dx = scale · dy, repeated along the summed dimension(s)
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {Elementwise.expand(dy.reshape(keptShape), input(0).shape, scale)};
    }
}
