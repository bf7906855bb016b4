package dev.nabla.core.kernel;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * Kernels that run on any JVM: matrix products through EJML ({@code CommonOps_FDRM}, or its
 * multi-threaded twin for large products); broadcasting, sums and transposes as loops arranged
 * for memory order; the {@link ReferenceKernels} loops for the rest, which plain Java cannot
 * make faster.
 */
final class PortableKernels implements Kernels {
    /**
     * Products with at least this many multiply-adds use EJML's multi-threaded kernels, below it
     * the single-threaded ones. Chosen, not tuned: 2²¹ (256x256x32) is about a millisecond of work
     * for EJML here, where starting its threads no longer shows.
     */
    static final long PARALLEL_MACS = 1L << 21;
    /** Side of the square tiles a 2-d transpose copies, so that both sides stay in L1 (32x32 floats = 4 KiB). */
    private static final int TILE = 32;

    /** The EJML product for each case: [accumulate][transA][transB], serial and multi-threaded. */
    private static final Product[][][] SERIAL = {
        {{CommonOps_FDRM::mult, CommonOps_FDRM::multTransB}, {CommonOps_FDRM::multTransA, CommonOps_FDRM::multTransAB}},
        {{CommonOps_FDRM::multAdd, CommonOps_FDRM::multAddTransB}, {CommonOps_FDRM::multAddTransA, CommonOps_FDRM::multAddTransAB}}};
    private static final Product[][][] THREADED = {
        {{CommonOps_MT_FDRM::mult, CommonOps_MT_FDRM::multTransB}, {CommonOps_MT_FDRM::multTransA, CommonOps_MT_FDRM::multTransAB}},
        {{CommonOps_MT_FDRM::multAdd, CommonOps_MT_FDRM::multAddTransB}, {CommonOps_MT_FDRM::multAddTransA, CommonOps_MT_FDRM::multAddTransAB}}};

    /** One of EJML's products, c = a·b or c += a·b with either operand transposed. */
    @FunctionalInterface
    private interface Product {
        void apply(FMatrixRMaj a, FMatrixRMaj b, FMatrixRMaj c);
    }

    private final Kernels plain = new ReferenceKernels();

    @Override
    public String name() {
        return "portable (EJML)";
    }

    // EJML wraps whole arrays without copying; a matrix at an offset (one of a batch) is copied
    // out, and back for C. Every wrap is a new matrix object, so EJML's aliasing check (which
    // compares objects) passes; C never overlaps A or B.
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {  // empty sums: C = 0, or C unchanged (EJML is not asked about empty operands)
            if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            return;
        }
        FMatrixRMaj ma = transA ? wrap(a, aOff, k, m) : wrap(a, aOff, m, k);
        FMatrixRMaj mb = transB ? wrap(b, bOff, n, k) : wrap(b, bOff, k, n);
        FMatrixRMaj mc = wrap(c, cOff, m, n);
        Product[][][] products = (long) m * n * k >= PARALLEL_MACS ? THREADED : SERIAL;
        products[accumulate ? 1 : 0][transA ? 1 : 0][transB ? 1 : 0].apply(ma, mb, mc);
        if (mc.data != c) System.arraycopy(mc.data, 0, c, cOff, m * n);
    }

    // EJML's product, then the bias and ReLU in one loop over y.
    @Override
    public void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        gemm(false, true, rows, out, in, x, 0, w, 0, y, 0, false);
        if (bias == null && !relu) return;
        for (int i = 0, at = 0; i < rows; i++, at += out) {
            for (int j = 0; j < out; j++) {
                float v = bias == null ? y[at + j] : y[at + j] + bias[j];
                y[at + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    /** The rows×cols matrix at x[off..] as an EJML matrix: x itself when it is exactly that, else a copy. */
    private static FMatrixRMaj wrap(float[] x, int off, int rows, int cols) {
        int size = rows * cols;
        if (off == 0 && x.length == size) return FMatrixRMaj.wrap(rows, cols, x);
        return FMatrixRMaj.wrap(rows, cols, java.util.Arrays.copyOfRange(x, off, off + size));
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        Broadcasting.forEachRow(aShape, bShape, outShape, (ai, as, bi, bs, o, len) -> {
            if (as == 1 && bs == 1) {  // the common ops in loops of their own, which the JIT vectorises
                switch (op) {
                    case ADD -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] + b[bi + i]; }
                    case SUB -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] - b[bi + i]; }
                    case MUL -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] * b[bi + i]; }
                    case DIV -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] / b[bi + i]; }
                    default -> { for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i], b[bi + i]); }
                }
            } else if (as == 0 && bs == 0) {  // both repeat (an expand along the last dim): one value, filled
                java.util.Arrays.fill(out, o, o + len, op.apply(a[ai], b[bi]));
            } else {
                for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i * as], b[bi + i * bs]);
            }
        });
    }

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner, dst = o * inner;
            if (inner == 1) {
                double s = 0;  // a whole row into one number: accumulate in double
                for (int j = 0; j < n; j++) s += x[base + j];
                out[dst] = (float) s;
            } else {  // add whole rows, in memory order
                java.util.Arrays.fill(out, dst, dst + inner, 0f);
                for (int j = 0; j < n; j++) {
                    int src = base + j * inner;
                    for (int i = 0; i < inner; i++) out[dst + i] += x[src + i];
                }
            }
        }
    }

    @Override
    public void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out) {
        if (mid == 0 || inner == 0) return;  // nothing to move (the tiles below assume mid = inner = 1)
        if (inner > 1 || mid > 1) {  // whole runs of inner values move together
            for (int o = 0; o < outer; o++)
                for (int i = 0; i < a; i++)
                    for (int m = 0; m < mid; m++)
                        for (int j = 0; j < b; j++)
                            System.arraycopy(x, (((o * a + i) * mid + m) * b + j) * inner, out, (((o * b + j) * mid + m) * a + i) * inner, inner);
            return;
        }
        for (int o = 0; o < outer; o++) {  // a stack of 2-d transposes: tile them so both sides stay in cache
            int base = o * a * b;
            for (int i0 = 0; i0 < a; i0 += TILE)
                for (int j0 = 0; j0 < b; j0 += TILE)
                    for (int i = i0, iEnd = Math.min(a, i0 + TILE); i < iEnd; i++)
                        for (int j = j0, jEnd = Math.min(b, j0 + TILE); j < jEnd; j++) out[base + j * a + i] = x[base + i * b + j];
        }
    }

    // ---- convolution and pooling: lowered onto the products above, pooling with clipped windows ----

    @Override
    public void conv2d(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        Im2Col.forward(this, false, g, batch, x, w, outChannels, bias, y);
    }

    @Override
    public void conv2dBackward(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                               float[] dx, float[] dw, float[] db) {
        Im2Col.backward(this, false, g, batch, x, w, outChannels, dy, dx, dw, db);
    }

    @Override
    public void maxPool2d(SlidingWindow g, float[] x, float[] y, int[] argmax) {
        Pooling.max(g, x, y, argmax, 0, g.channels());
    }

    @Override
    public void maxPool2dBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx) {
        Pooling.maxBackward(g, dy, argmax, dx, 0, g.channels());
    }

    @Override
    public void avgPool2d(SlidingWindow g, float[] x, float[] y) {
        Pooling.avg(g, x, y, 0, g.channels());
    }

    @Override
    public void avgPool2dBackward(SlidingWindow g, float[] dy, float[] dx) {
        Pooling.avgBackward(g, dy, dx, 0, g.channels());
    }

    // Runs along out's last axis (a block copy when x's last axis stays last), an odometer over the others.
    @Override
    public void permute(float[] x, int[] shape, int[] dims, float[] out) {
        int r = dims.length;
        if (out.length == 0) return;
        if (r == 0) {
            out[0] = x[0];
            return;
        }
        int[] stride = new int[r], size = new int[r], step = new int[r], index = new int[r];
        for (int d = r - 1, st = 1; d >= 0; st *= shape[d], d--) stride[d] = st;  // x's row-major strides
        for (int d = 0; d < r; d++) {  // out's sizes, and how far in x one step along each of out's axes moves
            size[d] = shape[dims[d]];
            step[d] = stride[dims[d]];
        }
        int run = size[r - 1], src = 0;
        for (int o = 0; o < out.length; o += run) {
            if (step[r - 1] == 1) System.arraycopy(x, src, out, o, run);
            else for (int t = 0; t < run; t++) out[o + t] = x[src + t * step[r - 1]];
            for (int d = r - 2; d >= 0; d--) {  // next index over out's other axes, last fastest
                src += step[d];
                if (++index[d] < size[d]) break;
                src -= index[d] * step[d];
                index[d] = 0;
            }
        }
    }

    // ---- the reference loops, which plain Java does no faster ----

    @Override public void unary(UnaryOp op, float[] x, float[] out, int n) {
        plain.unary(op, x, out, n);
    }
    @Override public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        plain.reluBackward(x, dy, dx, n);
    }
    @Override public void sigmoidBackward(float[] y, float[] dy, float[] dx, int n) {
        plain.sigmoidBackward(y, dy, dx, n);
    }
    @Override public void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        plain.tanhBackward(y, dy, dx, n);
    }
    @Override public void where(float[] condition, float[] x, float[] y, float[] out, int n) {
        plain.where(condition, x, y, out, n);
    }
    @Override public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        plain.axpy(alpha, x, xOff, y, yOff, n);
    }
    @Override public int mask(long seed, int threshold, float value, float[] out, int n) {
        return plain.mask(seed, threshold, value, out, n);
    }
    @Override public void max(float[] x, int outer, int n, int inner, float[] values, int[] indices) {
        plain.max(x, outer, n, inner, values, indices);
    }
    @Override public void softmax(float[] x, int outer, int n, int inner, boolean log, float[] out) {
        plain.softmax(x, outer, n, inner, log, out);
    }
    @Override public void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs) {
        plain.crossEntropy(logits, rows, classes, labels, loss, probs);
    }
    @Override public void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad) {
        plain.crossEntropyBackward(probs, labels, dLoss, rows, classes, grad);
    }
    @Override public void gather(float[] x, int outer, int n, int inner, int[] index, float[] out) {
        plain.gather(x, outer, n, inner, index, out);
    }
    @Override public void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out) {
        plain.scatterAdd(src, outer, n, inner, index, out);
    }
    @Override public void widenUnsigned(byte[] src, int srcOff, float scale, float[] out, int outOff, int n) {
        plain.widenUnsigned(src, srcOff, scale, out, outOff, n);
    }
}
