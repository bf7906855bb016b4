package dev.nabla.core.kernel;

/**
 * What each kernel computes, as the plainest correct loops: no blocking, no threads, no vectors.
 * Read these to see what a kernel does; the faster implementations must agree with them (the
 * kernel agreement tests use them as the oracle). {@link PortableKernels} also runs the ones that
 * plain Java cannot make faster. The convolution and pooling loops live in {@link ReferenceConv}.
 */
final class ReferenceKernels implements Kernels {

    @Override
    public String name() {
        return "reference (plain loops)";
    }

    // C (+)= op(A)·op(B): one dot product of length k per element of C.
    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float sum = 0f;
                for (int p = 0; p < k; p++) {
                    float aip = transA ? a[aOff + p * m + i] : a[aOff + i * k + p];
                    float bpj = transB ? b[bOff + j * k + p] : b[bOff + p * n + j];
                    sum += aip * bpj;
                }
                int ij = cOff + i * n + j;
                c[ij] = accumulate ? c[ij] + sum : sum;
            }
        }
    }

    // y[i, j] = act(Σ_p x[i, p]·w[j, p] + bias[j]): the product's dot products, then the bias, then ReLU.
    @Override
    public void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        gemm(false, true, rows, out, in, x, 0, w, 0, y, 0, false);
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < out; j++) {
                float v = bias == null ? y[i * out + j] : y[i * out + j] + bias[j];
                y[i * out + j] = relu ? Math.max(v, 0f) : v;
            }
        }
    }

    // ---- elementwise ----

    @Override
    public void unary(UnaryOp op, float[] x, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = op.apply(x[i]);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        for (int i = 0; i < out.length; i++) out[i] = op.apply(a[source(i, outShape, aShape)], b[source(i, outShape, bShape)]);
    }

    /** Where output element i reads an input of {@code shape}: shapes align on the right, size 1 repeats. */
    private static int source(int i, int[] outShape, int[] shape) {
        int index = 0, stride = 1;
        for (int d = 1; d <= shape.length; d++) {
            int size = shape[shape.length - d], outSize = outShape[outShape.length - d];
            if (size != 1) index += i % outSize * stride;
            i /= outSize;
            stride *= size;
        }
        return index;
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = x[i] <= 0f ? 0f : dy[i];  // NaN passes dy on, as PyTorch's threshold_backward
    }

    @Override
    public void sigmoidBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = dy[i] * y[i] * (1f - y[i]);
    }

    @Override
    public void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        for (int i = 0; i < n; i++) dx[i] = dy[i] * (1f - y[i] * y[i]);
    }

    @Override
    public void where(float[] condition, float[] x, float[] y, float[] out, int n) {
        for (int i = 0; i < n; i++) out[i] = condition[i] != 0f ? x[i] : y[i];
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        for (int i = 0; i < n; i++) y[yOff + i] += alpha * x[xOff + i];
    }

    @Override
    public int mask(long seed, int threshold, float value, float[] out, int n) {
        return mask(seed, threshold, value, out, 0, n);
    }

    /** {@link #mask} for elements [from, to) only: the Vector API kernels finish their last lanes with it. */
    static int mask(long seed, int threshold, float value, float[] out, int from, int to) {
        int kept = 0;
        for (int e = from; e < to; e++) {
            long word = SplitMix64.at(seed, e / 2);
            int u = e % 2 == 0 ? (int) word >>> 8 : (int) (word >>> 40);  // top 24 bits of the low half, then of the high
            out[e] = u < threshold ? value : 0f;
            kept += u < threshold ? 1 : 0;
        }
        return kept;
    }

    // ---- reductions ----

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double s = 0;
                for (int j = 0; j < n; j++) s += x[(o * n + j) * inner + i];
                out[o * inner + i] = (float) s;
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
                    if (v > m || Float.isNaN(v)) {
                        m = v;
                        best = j;
                    }
                }
                values[o * inner + i] = m;
                indices[o * inner + i] = best;
            }
        }
    }

    // ---- softmax family ----

    @Override
    public void softmax(float[] x, int outer, int n, int inner, boolean log, float[] out) {
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                int base = o * n * inner + i;
                float m = rowMax(x, base, n, inner);
                double s = expRow(x, base, n, inner, m, out);
                float lse = m + (float) Math.log(s), inv = (float) (1.0 / s);
                for (int j = 0; j < n; j++) {
                    int at = base + j * inner;
                    out[at] = log ? x[at] - lse : out[at] * inv;
                }
            }
        }
    }

    @Override
    public void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs) {
        for (int r = 0; r < rows; r++) {  // one exp per logit serves both the softmax and the log-sum-exp
            int base = r * classes;
            float m = rowMax(logits, base, classes, 1);
            double s = expRow(logits, base, classes, 1, m, probs);
            float inv = (float) (1.0 / s);
            for (int j = 0; j < classes; j++) probs[base + j] *= inv;
            loss[r] = (float) (m + Math.log(s) - logits[base + labels[r]]);
        }
    }

    @Override
    public void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad) {
        for (int r = 0; r < rows; r++) {
            int base = r * classes;
            for (int c = 0; c < classes; c++) grad[base + c] = dLoss[r] * probs[base + c];
            grad[base + labels[r]] -= dLoss[r];
        }
    }

    /** max_j x[base + j·stride] for j &lt; n (-inf for n = 0). */
    private static float rowMax(float[] x, int base, int n, int stride) {
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[base + j * stride]);
        return m;
    }

    /** Writes e_j = exp(x_j - m) along a row into {@code out} and returns Σ e_j (the floats, added in double). */
    private static double expRow(float[] x, int base, int n, int stride, float m, float[] out) {
        double s = 0;
        for (int j = 0; j < n; j++) {
            int at = base + j * stride;
            out[at] = (float) Math.exp(x[at] - m);
            s += out[at];
        }
        return s;
    }

    // ---- convolution and pooling: the loops are in ReferenceConv ----

    @Override
    public void conv2d(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        ReferenceConv.conv2d(g, batch, x, w, outChannels, bias, y);
    }

    @Override
    public void conv2dBackward(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                               float[] dx, float[] dw, float[] db) {
        ReferenceConv.conv2dBackward(g, batch, x, w, outChannels, dy, dx, dw, db);
    }

    @Override
    public void maxPool2d(SlidingWindow g, float[] x, float[] y, int[] argmax) {
        ReferenceConv.maxPool2d(g, x, y, argmax);
    }

    @Override
    public void maxPool2dBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx) {
        ReferenceConv.maxPool2dBackward(g, dy, argmax, dx);
    }

    @Override
    public void avgPool2d(SlidingWindow g, float[] x, float[] y) {
        ReferenceConv.avgPool2d(g, x, y);
    }

    @Override
    public void avgPool2dBackward(SlidingWindow g, float[] dy, float[] dx) {
        ReferenceConv.avgPool2dBackward(g, dy, dx);
    }

    // ---- data movement ----

    @Override
    public void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int i = 0; i < a; i++)
                for (int m = 0; m < mid; m++)
                    for (int j = 0; j < b; j++)
                        for (int t = 0; t < inner; t++)
                            out[(((o * b + j) * mid + m) * a + i) * inner + t] = x[(((o * a + i) * mid + m) * b + j) * inner + t];
    }

    @Override
    public void permute(float[] x, int[] shape, int[] dims, float[] out) {
        int[] stride = new int[shape.length];  // x's row-major strides
        for (int d = shape.length - 1, st = 1; d >= 0; st *= shape[d], d--) stride[d] = st;
        for (int i = 0; i < out.length; i++) {  // output index i, digit by digit in out's shape, picks x's element
            int rest = i, src = 0;
            for (int d = dims.length - 1; d >= 0; d--) {
                src += rest % shape[dims[d]] * stride[dims[d]];
                rest /= shape[dims[d]];
            }
            out[i] = x[src];
        }
    }

    @Override
    public void gather(float[] x, int outer, int n, int inner, int[] index, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < index.length; j++)
                for (int i = 0; i < inner; i++) out[(o * index.length + j) * inner + i] = x[(o * n + index[j]) * inner + i];
    }

    @Override
    public void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out) {
        for (int o = 0; o < outer; o++)
            for (int j = 0; j < index.length; j++)
                for (int i = 0; i < inner; i++) out[(o * n + index[j]) * inner + i] += src[(o * index.length + j) * inner + i];
    }

    @Override
    public void widenUnsigned(byte[] src, int srcOff, float scale, float[] out, int outOff, int n) {
        for (int i = 0; i < n; i++) out[outOff + i] = (src[srcOff + i] & 0xFF) * scale;
    }
}
