package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import java.util.Arrays;

/**
 * A sum over several dimensions at once, as sum, mean and var over dims {0, 2, 3} of
 * [N, C, H, W] need: the dims checked, the shapes, and the sum itself in one kernel call per run
 * of adjacent reduced dimensions (see {@link #sum}), not one op per dimension.
 */
final class Reduction {
    /** The input's shape with every reduced dimension set to 1: the output as it broadcasts back. */
    final int[] keptShape;
    /** The output's shape: keptShape, or without the reduced dimensions. */
    final int[] outShape;
    /** How many elements each output element sums: the product of the reduced sizes. */
    final int count;
    private final int[] shape;
    private final boolean[] reduced;

    /** Dims as PyTorch takes them: negative ones count from the end, none twice; an empty list reduces every dim (torch 1.13). */
    Reduction(int[] shape, int[] dims, boolean keepDim, String op) {
        this.shape = shape;
        reduced = new boolean[Math.max(shape.length, 1)];
        for (int dim : dims) {
            int d = Shapes.dim(dim, shape.length, op);
            if (reduced[d]) {
                throw new IllegalArgumentException(op + ": dim " + d + " appears multiple times in the list of dims "
                        + Arrays.toString(dims));
            }
            reduced[d] = true;
        }
        if (dims.length == 0) Arrays.fill(reduced, true);
        keptShape = shape.clone();
        int n = 1, kept = 0;
        for (int d = 0; d < shape.length; d++) {
            if (reduced[d]) {
                n *= shape[d];
                keptShape[d] = 1;
            } else {
                kept++;
            }
        }
        count = n;
        outShape = keepDim ? keptShape : new int[kept];
        for (int d = 0, j = 0; !keepDim && d < shape.length; d++) if (!reduced[d]) outShape[j++] = shape[d];
    }

    /**
     * Σ of x (laid out in the input's shape) over the reduced dimensions, as a new array. Adjacent
     * dimensions that are all reduced, or all kept, act as one (size-1 dimensions join either):
     * [N, C, H, W] over {0, 2, 3} is [N | C | H·W], two runs to reduce. Each run is one sum
     * kernel on the array seen as [outer, run, inner], outermost first: that call reads x once,
     * in memory order, and every later call reads an array already smaller by the run's factor.
     */
    float[] sum(float[] x) {
        float[] current = x;
        int outer = 1, rank = shape.length;
        for (int d = 0; d < rank; ) {
            if (shape[d] == 1) {
                d++;
                continue;
            }
            boolean reduce = reduced[d];
            int run = 1, end = d;
            for (; end < rank && (reduced[end] == reduce || shape[end] == 1); end++) run *= shape[end];
            if (reduce) {
                int inner = Shapes.product(shape, end, rank);
                float[] out = new float[outer * inner];
                Kernels.active().sum(current, outer, run, inner, out);
                current = out;
            } else {
                outer *= run;
            }
            d = end;
        }
        return current == x ? x.clone() : current;
    }
}
