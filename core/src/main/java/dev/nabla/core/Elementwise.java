package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;
import java.util.Arrays;

/** Forward passes shared by the elementwise ops, and the reduction that undoes broadcasting. */
final class Elementwise {
    private Elementwise() {}

    static Tensor unary(UnaryOp op, Tensor x) {
        float[] out = new float[x.numel()];
        Kernels.active().unary(op, x.data(), out, out.length);
        return new Tensor(out, x.shape);
    }

    static Tensor binary(BinaryOp op, Tensor a, Tensor b, String name) {
        int[] shape = Shapes.broadcast(a.shape, b.shape, name);
        float[] out = new float[Shapes.numel(shape, name)];
        Kernels.active().binary(op, a.data(), a.shape, b.data(), b.shape, out, shape);
        return new Tensor(out, shape);
    }

    /** x *= factor, in place (means, {@link Tensor#mul_}). */
    static void scaleInPlace(float[] x, float factor) {
        int[] shape = {x.length};
        Kernels.active().binary(BinaryOp.MUL, x, shape, new float[] {factor}, new int[0], x, shape);
    }

    /** g·scale repeated to {@code shape} (g's shape must broadcast to it). */
    static Tensor expand(Tensor g, int[] shape, float scale) {
        float[] out = new float[Shapes.numel(shape, "expand")];
        Kernels.active().binary(BinaryOp.MUL, g.data(), g.shape, new float[] {scale}, new int[0], out, shape);
        return new Tensor(out, shape);
    }

    /**
     * Sums a broadcast gradient back to the shape of the input it came from: over the leading
     * dimensions the input lacked, and over every dimension where the input had size 1.
     */
    static Tensor sumTo(Tensor g, int[] shape) {
        if (Arrays.equals(g.shape, shape)) return g;
        int lead = g.shape.length - shape.length;
        if (lead > 0) {  // g viewed as [1, leading, rest]: add the leading blocks up
            int[] rest = Arrays.copyOfRange(g.shape, lead, g.shape.length);
            float[] out = new float[Shapes.numel(rest, "sumTo")];
            Kernels.active().sum(g.data(), 1, Shapes.outer(g.shape, lead), out.length, out);
            g = new Tensor(out, rest);
        }
        for (int d = 0; d < shape.length; d++) {
            if (shape[d] == 1 && g.shape[d] != 1) g = g.sum(d, true);
        }
        return g.reshape(shape);
    }
}
