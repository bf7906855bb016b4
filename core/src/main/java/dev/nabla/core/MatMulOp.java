package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import java.util.Arrays;

/**
 * C = A·B with PyTorch's matmul rules. Every case runs as a batch of [m×k]·[k×n] products:
 * a 1-d A is a [1×k] row, a 1-d B a [k×1] column (that size-1 dimension is dropped from C),
 * and leading batch dimensions broadcast.
 */
final class MatMulOp extends Function {
    private final int m, k, n;
    private final int[] cShape, aBatch, bBatch;  // cShape: batch + [m, n]; xBatch[i]: x's matrix used for C's i-th

    private MatMulOp(Tensor a, Tensor b, int m, int k, int n, int[] cShape, int[] aBatch, int[] bBatch) {
        super(a, b);
        this.m = m; this.k = k; this.n = n;
        this.cShape = cShape; this.aBatch = aBatch; this.bBatch = bBatch;
    }

    static Tensor apply(Tensor a, Tensor b) {
        if (a.dim() == 0 || b.dim() == 0) {
            throw new IllegalArgumentException("matmul: both arguments need at least 1 dimension, but got shapes "
                    + Shapes.str(a.shape) + " and " + Shapes.str(b.shape) + "; use mul for scalars");
        }
        int[] as = a.dim() == 1 ? new int[] {1, a.shape[0]} : a.shape;
        int[] bs = b.dim() == 1 ? new int[] {b.shape[0], 1} : b.shape;
        int m = as[as.length - 2], k = as[as.length - 1], n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new IllegalArgumentException("matmul: " + Shapes.str(a.shape) + " @ " + Shapes.str(b.shape)
                    + ": inner dimensions " + k + " and " + bs[bs.length - 2] + " differ");
        }
        int[] ab = Arrays.copyOf(as, as.length - 2), bb = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast(ab, bb, "matmul (batch dimensions of " + Shapes.str(a.shape) + " @ "
                + Shapes.str(b.shape) + ")");
        int[] cShape = Arrays.copyOf(batch, batch.length + 2);
        cShape[batch.length] = m;
        cShape[batch.length + 1] = n;
        float[] c = new float[Shapes.numel(cShape, "matmul")];
        boolean work = c.length > 0;  // an empty C has no products to run, and its batch may not even fit an int
        int[] aBatch = work ? batchMap(ab, batch) : new int[0], bBatch = work ? batchMap(bb, batch) : new int[0];
        MatMulOp f = new MatMulOp(a, b, m, k, n, cShape, aBatch, bBatch);
        for (int i = 0; i < f.aBatch.length; i++) {
            Kernels.active().gemm(false, false, m, n, k, a.data(), f.aBatch[i] * m * k, b.data(), f.bBatch[i] * k * n, c, i * m * n, false);
        }
        int[] outShape = cShape;
        if (a.dim() == 1) outShape = Shapes.reduce(outShape, outShape.length - 2, false);
        if (b.dim() == 1) outShape = Shapes.reduce(outShape, outShape.length - 1, false);
        return f.attach(new Tensor(c, outShape));
    }

    // dA = dC·Bᵀ ; dB = Aᵀ·dC, added up over the batch entries that share a matrix
    @Override
    Tensor[] backward(Tensor dC) {
        Tensor a = input(0), b = input(1);
        float[] dc = dC.data(), da = needsGrad(0) ? new float[a.numel()] : null, db = needsGrad(1) ? new float[b.numel()] : null;
        Kernels kern = Kernels.active();
        for (int i = 0; i < aBatch.length; i++) {  // da and db start at zero, so every product adds into them
            if (da != null) kern.gemm(false, true, m, k, n, dc, i * m * n, b.data(), bBatch[i] * k * n, da, aBatch[i] * m * k, true);
            if (db != null) kern.gemm(true, false, k, n, m, a.data(), aBatch[i] * m * k, dc, i * m * n, db, bBatch[i] * k * n, true);
        }
        return new Tensor[] {da == null ? null : new Tensor(da, a.shape), db == null ? null : new Tensor(db, b.shape)};
    }

    /** For each matrix of the broadcast batch, the index of the matrix it reads in {@code own}. */
    private static int[] batchMap(int[] own, int[] batch) {
        int count = Shapes.numel(batch, "matmul");
        int[] map = new int[count];
        int offset = batch.length - own.length;
        for (int i = 0; i < count; i++) {
            int rest = i, idx = 0, stride = 1;
            for (int d = batch.length - 1; d >= 0; d--) {
                int coord = rest % batch[d];
                rest /= batch[d];
                if (d >= offset && own[d - offset] != 1) idx += coord * stride;
                if (d >= offset) stride *= own[d - offset];
            }
            map[i] = idx;
        }
        return map;
    }
}
