package dev.nabla.core;

/**
 * Where the gradient of a maximum or minimum goes when several elements attain it, as PyTorch:
 * along a dimension, all of it to the first extreme element; for a whole-tensor reduction, an
 * equal share to each of them. {@link MaxOp} and {@link MinOp} use the first, {@link MaxAllOp}
 * and {@link MinOp}'s whole-tensor form the second.
 */
final class Ties {
    private Ties() {}

    /**
     * dx of a reduction along {@code dim} of a tensor of {@code shape}: dy[o, i] goes to
     * dx[o, index[o, i], i], zero elsewhere ({@code index} as the max kernel returns it).
     */
    static Tensor first(Tensor dy, int[] shape, int dim, int[] index) {
        float[] g = dy.data();
        if (shape.length == 0) return new Tensor(g.clone(), shape);
        float[] dx = new float[Shapes.numel(shape, "backward")];
        int n = shape[dim], inner = Shapes.inner(shape, dim);
        for (int j = 0; j < index.length; j++) dx[(j / inner * n + index[j]) * inner + j % inner] = g[j];
        return new Tensor(dx, shape);
    }

    /**
     * dx of a whole-tensor reduction whose result is {@code value}: the 0-d dy shared evenly among
     * the elements of x equal to it (among the NaNs when it is NaN), zero elsewhere.
     */
    static Tensor evenly(Tensor dy, Tensor x, float value) {
        Tensor ties = Float.isNaN(value) ? x.ne(x) : x.eq(value);
        return ties.mul(dy.div(ties.sum()));
    }
}
