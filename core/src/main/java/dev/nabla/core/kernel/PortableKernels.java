package dev.nabla.core.kernel;

import org.ejml.data.FMatrixRMaj;
import org.ejml.dense.row.CommonOps_FDRM;
import org.ejml.dense.row.CommonOps_MT_FDRM;

/**
 * Kernels that run on any JVM: matrix products through EJML ({@code CommonOps_FDRM}, or its
 * multi-threaded twin for large products), everything else as plain Java loops.
 */
public class PortableKernels implements Kernels {
    /** Products with at least this many multiply-adds use EJML's multi-threaded kernels. */
    static final long PARALLEL_MACS = 1L << 21;

    @Override
    public String name() {
        return "portable (EJML)";
    }

    // C = A·B ; C = Aᵀ·B ; C = A·Bᵀ. EJML wraps arrays without copying, so a batched slice at an
    // offset is copied out first. Every wrap gets its own array: EJML's aliasing check compares
    // matrix objects, not arrays, and our outputs are always fresh.
    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        gemm(0, a, aOff, m, k, b, bOff, k, n, c, cOff, m, n);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        gemm(1, a, aOff, k, m, b, bOff, k, n, c, cOff, m, n);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        gemm(2, a, aOff, m, k, b, bOff, n, k, c, cOff, m, n);
    }

    private static void gemm(int form, float[] a, int aOff, int aRows, int aCols, float[] b, int bOff, int bRows,
                             int bCols, float[] c, int cOff, int m, int n) {
        if (m == 0 || n == 0) return;
        int k = form == 1 ? aRows : aCols;
        if (k == 0) {
            java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            return;
        }
        FMatrixRMaj ma = wrap(a, aOff, aRows, aCols), mb = wrap(b, bOff, bRows, bCols);
        boolean direct = cOff == 0 && c.length == m * n;
        FMatrixRMaj mc = FMatrixRMaj.wrap(m, n, direct ? c : new float[m * n]);
        boolean parallel = (long) m * n * k >= PARALLEL_MACS;
        switch (form) {
            case 0 -> { if (parallel) CommonOps_MT_FDRM.mult(ma, mb, mc); else CommonOps_FDRM.mult(ma, mb, mc); }
            case 1 -> { if (parallel) CommonOps_MT_FDRM.multTransA(ma, mb, mc); else CommonOps_FDRM.multTransA(ma, mb, mc); }
            default -> { if (parallel) CommonOps_MT_FDRM.multTransB(ma, mb, mc); else CommonOps_FDRM.multTransB(ma, mb, mc); }
        }
        if (!direct) System.arraycopy(mc.data, 0, c, cOff, m * n);
    }

    private static FMatrixRMaj wrap(float[] x, int off, int rows, int cols) {
        int size = rows * cols;
        if (off == 0 && x.length == size) return FMatrixRMaj.wrap(rows, cols, x);
        float[] copy = new float[size];
        System.arraycopy(x, off, copy, 0, size);
        return FMatrixRMaj.wrap(rows, cols, copy);
    }

    // ---- elementwise ----

    @Override
    public void unary(UnaryOp op, float[] x, float[] out, int n) {
        unary(op, x, out, 0, n);
    }

    /** out[i] = op(x[i]) for from ≤ i &lt; to. */
    protected static void unary(UnaryOp op, float[] x, float[] out, int from, int to) {
        switch (op) {
            case NEG -> { for (int i = from; i < to; i++) out[i] = -x[i]; }
            case EXP -> { for (int i = from; i < to; i++) out[i] = (float) Math.exp(x[i]); }
            case LOG -> { for (int i = from; i < to; i++) out[i] = (float) Math.log(x[i]); }
            case SQRT -> { for (int i = from; i < to; i++) out[i] = (float) Math.sqrt(x[i]); }
            case RELU -> { for (int i = from; i < to; i++) out[i] = Math.max(x[i], 0f); }  // NaN stays NaN
            case SIGMOID -> { for (int i = from; i < to; i++) out[i] = sigmoid(x[i]); }
            case TANH -> { for (int i = from; i < to; i++) out[i] = (float) Math.tanh(x[i]); }
            case ABS -> { for (int i = from; i < to; i++) out[i] = Math.abs(x[i]); }
        }
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
    }

    // σ(x) = 1/(1+e^-x) for x ≥ 0 and e^x/(1+e^x) for x < 0: neither form overflows.
    static float sigmoid(float x) {
        if (x >= 0f) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }

    @Override
    public void pow(float[] x, float exponent, float[] out, int n) {
        if (exponent == 2f) {
            for (int i = 0; i < n; i++) out[i] = x[i] * x[i];
        } else {
            for (int i = 0; i < n; i++) out[i] = (float) Math.pow(x[i], exponent);
        }
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        Broadcasting.forEachRow(aShape, bShape, outShape,
                (aOff, aStep, bOff, bStep, outOff, len) -> row(op, a, aOff, aStep, b, bOff, bStep, out, outOff, len));
    }

    /** One row of a broadcast binary op; steps are 0 (repeat) or 1 (walk). */
    protected static void row(BinaryOp op, float[] a, int ai, int as, float[] b, int bi, int bs, float[] out, int o, int len) {
        if (as == 1 && bs == 1) {
            switch (op) {
                case ADD -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] + b[bi + i]; }
                case SUB -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] - b[bi + i]; }
                case MUL -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] * b[bi + i]; }
                case DIV -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i] / b[bi + i]; }
                default -> { for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i], b[bi + i]); }
            }
        } else if (bs == 0) {
            float s = b[bi];
            switch (op) {
                case ADD -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i * as] + s; }
                case SUB -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i * as] - s; }
                case MUL -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i * as] * s; }
                case DIV -> { for (int i = 0; i < len; i++) out[o + i] = a[ai + i * as] / s; }
                default -> { for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i * as], s); }
            }
        } else {
            for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i * as], b[bi + i]);
        }
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = alpha * x[i];
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public int mask(long seed, int threshold, float value, float[] out, int n) {
        return mask(seed, threshold, value, out, 0, n);
    }

    /** {@link #mask} for elements [from, to) only; {@code from} must be even (a word boundary). */
    static int mask(long seed, int threshold, float value, float[] out, int from, int to) {
        int kept = 0;
        for (int e = from; e < to; e++) {
            long bits = splitMix(seed, e / 2);
            int u = e % 2 == 0 ? (int) bits >>> 8 : (int) (bits >>> 40);  // low half, then high half
            out[e] = u < threshold ? value : 0f;
            kept += u < threshold ? 1 : 0;
        }
        return kept;
    }

    /** SplitMix64's output for the w-th step from {@code seed}. */
    static long splitMix(long seed, long w) {
        long z = seed + (w + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    // ---- reductions ----

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            int base = o * n * inner, dst = o * inner;
            if (inner == 1) {
                double s = 0;  // a whole row into one number: accumulate in double
                for (int j = 0; j < n; j++) s += x[base + j];
                out[dst] = (float) s;
            } else {
                java.util.Arrays.fill(out, dst, dst + inner, 0f);
                for (int j = 0; j < n; j++) {
                    int src = base + j * inner;
                    for (int i = 0; i < inner; i++) out[dst + i] += x[src + i];
                }
            }
        }
    }

    @Override
    public void max(float[] x, int outer, int n, int inner, float[] values, int[] indices) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i, best = 0;
                float m = x[base];
                for (int j = 1; j < n && !Float.isNaN(m); j++) {
                    float v = x[base + j * inner];
                    if (v > m || Float.isNaN(v)) { m = v; best = j; }
                }
                values[o * inner + i] = m;
                indices[o * inner + i] = best;
            }
        }
    }

    // ---- softmax family ----

    @Override
    public void softmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float m = rowMax(x, base, n, inner);
                double s = 0;
                for (int j = 0; j < n; j++) {
                    float e = (float) Math.exp(x[base + j * inner] - m);
                    out[base + j * inner] = e;
                    s += e;
                }
                float inv = (float) (1.0 / s);
                for (int j = 0; j < n; j++) out[base + j * inner] *= inv;
            }
        }
    }

    @Override
    public void logSoftmax(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float m = rowMax(x, base, n, inner);
                double s = 0;
                for (int j = 0; j < n; j++) s += Math.exp(x[base + j * inner] - m);
                float lse = m + (float) Math.log(s);
                for (int j = 0; j < n; j++) out[base + j * inner] = x[base + j * inner] - lse;
            }
        }
    }

    @Override
    public void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs) {
        for (int r = 0; r < rows; r++) {  // one exp per logit serves both the softmax and the log-sum-exp
            int base = r * classes;
            float m = rowMax(logits, base, classes, 1);
            double s = 0;
            for (int j = 0; j < classes; j++) {
                float e = (float) Math.exp(logits[base + j] - m);
                probs[base + j] = e;
                s += e;
            }
            float inv = (float) (1.0 / s);
            for (int j = 0; j < classes; j++) probs[base + j] *= inv;
            loss[r] = (float) (m + Math.log(s) - logits[base + labels[r]]);
        }
    }

    @Override
    public void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad) {
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            float d = dLoss[r];
            for (int c = 0; c < classes; c++) grad[base + c] = d * probs[base + c];
            grad[base + labels[r]] -= d;
        }
    }

    private static float rowMax(float[] x, int base, int n, int stride) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[base + j * stride]);
        return m;
    }

    // ---- data movement ----

    @Override
    public void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out) {
        if (inner == 1 && mid == 1) {  // a stack of 2-d transposes: tile them so both sides stay in cache
            for (int o = 0; o < outer; o++) {
                int base = o * a * b;
                for (int i0 = 0; i0 < a; i0 += 32)
                    for (int j0 = 0; j0 < b; j0 += 32)
                        for (int i = i0, iEnd = Math.min(a, i0 + 32); i < iEnd; i++)
                            for (int j = j0, jEnd = Math.min(b, j0 + 32); j < jEnd; j++) out[base + j * a + i] = x[base + i * b + j];
            }
            return;
        }
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < a; i++)
                for (int m = 0; m < mid; m++)
                    for (int j = 0; j < b; j++) {
                        int src = (((o * a + i) * mid + m) * b + j) * inner;
                        int dst = (((o * b + j) * mid + m) * a + i) * inner;
                        System.arraycopy(x, src, out, dst, inner);
                    }
    }

    @Override
    public void gather(float[] x, int outer, int n, int inner, int[] index, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < index.length; j++)
                System.arraycopy(x, (o * n + index[j]) * inner, out, (o * index.length + j) * inner, inner);
    }

    @Override
    public void unsignedBytes(byte[] src, int[] rows, int rowLength, float scale, float[] out) {
        for (int r = 0; r < rows.length; r++) {
            int from = rows[r] * rowLength, to = r * rowLength;
            for (int j = 0; j < rowLength; j++) out[to + j] = (src[from + j] & 0xFF) * scale;
        }
    }

    @Override
    public void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < index.length; j++) {
                int s = (o * index.length + j) * inner, d = (o * n + index[j]) * inner;
                for (int i = 0; i < inner; i++) out[d + i] += src[s + i];
            }
    }
}
