package dev.nabla.core.kernel;

/**
 * The compute loops behind every tensor op, on plain row-major {@code float[]} arrays.
 *
 * <p>Procedural, in the style of EJML's {@code CommonOps_FDRM}: inputs come first, the output
 * array last, and only the output is written. Shapes are valid by the time a kernel runs (the
 * ops check them and report errors), so kernels check nothing, not even nulls; every size may be
 * 0. Many kernels view an array as {@code [outer, n, inner]} and work along the middle axis: that
 * covers every "along dimension d" case without strides.
 *
 * <p>Three independent implementations, as in Lucene: {@code ReferenceKernels}, the plainest
 * loops, which say what each kernel computes (and are the oracle of the tests);
 * {@code PortableKernels} (EJML and plain Java, runs on any JVM); and {@code VectorKernels}, used
 * when the JVM was started with {@code --add-modules jdk.incubator.vector}. {@link #active()}
 * is the one in use; adding a kernel means a method here and one in each implementation.
 */
public interface Kernels {

    /** The kernels every op uses, chosen once per JVM (see {@link KernelSelector}). */
    static Kernels active() {
        return KernelSelector.active();
    }

    /** Short name of this implementation, e.g. {@code "portable (EJML)"}. */
    String name();

    /**
     * The matrix product, as BLAS's {@code sgemm}: C (+)= op(A)·op(B), with C [m×n] at
     * {@code c[cOff..]}, op(A) [m×k] and op(B) [k×n]. {@code a} holds A as [m×k], or as [k×m]
     * when {@code transA} (so op(A) = Aᵀ); {@code b} holds B as [k×n], or as [n×k] when
     * {@code transB}. All three are dense row-major blocks at their offsets, so one matrix of a
     * batch, or a window of a larger array, needs no copy. {@code accumulate} adds the product to
     * C; otherwise C is overwritten. C must not overlap A or B.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
              float[] c, int cOff, boolean accumulate);

    /**
     * A fully connected layer, PyTorch's {@code F.linear}, with its ReLU fused when asked:
     * y = act(x·Wᵀ + bias) for x [rows×in], W [out×in] (as {@code nn.Linear} stores it), bias [out]
     * or null, and y [rows×out] (written); act is max(·, 0) when {@code relu}, else the identity.
     * The bias is added to the finished product and ReLU applied to that sum, so y is bit for bit
     * what {@link #gemm} (the NT form), then {@link #binary} ADD, then {@link #unary} RELU give on
     * the same implementation, in one pass instead of three.
     */
    void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, boolean relu, float[] y);

    // ---- elementwise ----

    /** out[i] = op(x[i]) for i &lt; n. {@code out} may be {@code x}. */
    void unary(UnaryOp op, float[] x, float[] out, int n);

    /**
     * out = op(a, b) with NumPy broadcasting. {@code outShape} is the broadcast of both shapes,
     * right-aligned; a dimension of size 1 (or a missing leading one) repeats. {@code out} may
     * be {@code a} or {@code b} when that one has the output's shape (element i is read before
     * it is written).
     */
    void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape);

    /**
     * dx[i] = 0 where x[i] ≤ 0, else dy[i]: ReLU's gradient in one pass. At a NaN input the gradient
     * passes, as in PyTorch (whose rule tests the output, relu(NaN) = NaN, for ≤ 0).
     */
    void reluBackward(float[] x, float[] dy, float[] dx, int n);

    /** dx[i] = (dy[i]·y[i])·(1 - y[i]) for i &lt; n, y = σ(x): the sigmoid's gradient from its output, in one pass. */
    void sigmoidBackward(float[] y, float[] dy, float[] dx, int n);

    /** dx[i] = dy[i]·(1 - y[i]·y[i]) for i &lt; n, y = tanh x: tanh's gradient from its output, in one pass. */
    void tanhBackward(float[] y, float[] dy, float[] dx, int n);

    /**
     * out[i] = x[i] where condition[i] ≠ 0 (NaN counts as non-zero), else y[i], for i &lt; n: a
     * select, not arithmetic, so an infinity or NaN in the branch not taken never leaks into out.
     */
    void where(float[] condition, float[] x, float[] y, float[] out, int n);

    /** y[yOff + i] += alpha·x[xOff + i] for i &lt; n: the accumulating kernel (gradients, optimisers). */
    void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n);

    /**
     * A random keep-mask from a counter-based generator: word w is {@link SplitMix64#at
     * SplitMix64.at(seed, w)}, and its low and high 32-bit halves give elements 2w and 2w+1,
     * each kept (set to {@code value}, else 0) when its top 24 bits are below {@code threshold}
     * (keep probability threshold/2²⁴). A pure function of its arguments, identical on every
     * implementation and thread count.
     *
     * @return the number of kept elements
     */
    int mask(long seed, int threshold, float value, float[] out, int n);

    // ---- reductions along the middle axis of [outer, n, inner] ----

    /** out[o, i] = Σ_j x[o, j, i]. */
    void sum(float[] x, int outer, int n, int inner, float[] out);

    /** values[o, i] = max_j x[o, j, i], indices = the first j attaining it (NaN wins, as in PyTorch). */
    void max(float[] x, int outer, int n, int inner, float[] values, int[] indices);

    /**
     * out = exp(x - max) / Σ exp(x - max) along the middle axis, or, when {@code log}, its
     * logarithm x - max - log Σ exp(x - max): stable for any finite logits.
     */
    void softmax(float[] x, int outer, int n, int inner, boolean log, float[] out);

    /**
     * Cross-entropy of each row of {@code logits} [rows×classes] against its label:
     * loss[r] = logsumexp(logits[r]) - logits[r, labels[r]]; {@code probs} receives softmax(logits).
     */
    void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs);

    /** grad[r, c] = dLoss[r] · (probs[r, c] - [c = labels[r]]): the gradient of {@link #crossEntropy}. */
    void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad);

    // ---- convolution and pooling, on images [N, C, H, W]; a SlidingWindow gives C, H, W and the window ----

    /**
     * PyTorch's {@code conv2d} (a cross-correlation, as in every framework): {@code batch} images
     * x [N, C, H, W], weights w [O, C, kH, kW], bias [O] or null, and
     * y [N, O, OH, OW] with y[n, o, oy, ox] = bias[o] + Σ_{c,i,j} w[o, c, i, j]·x[n, c, oy·s - p + i, ox·s - p + j],
     * x read as zero outside the image. The fast kernels compute it as one matrix product per
     * image: y[n] [O × OH·OW] = W [O × C·kH·kW] · cols(x[n]) [C·kH·kW × OH·OW], where column
     * (oy, ox) of cols holds the values under the window at (oy, ox): the portable ones copy cols
     * out (im2col) and call {@link #gemm}, the Vector API ones read it from the padded image in
     * place when the stride is 1.
     */
    void conv2d(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y);

    /**
     * The gradients of {@link #conv2d} for dy [N, O, OH, OW], each written (not added) where its
     * array is non-null: dw = Σ_n dy[n]·cols(x[n])ᵀ [O × C·kH·kW]; db[o] = Σ_{n, oy, ox} dy[n, o, oy, ox];
     * dx[n] = col2im(Wᵀ·dy[n]), where col2im adds each entry of the [C·kH·kW × OH·OW] matrix back
     * onto the input value it was copied from.
     */
    void conv2dBackward(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                        float[] dx, float[] dw, float[] db);

    /**
     * Max pooling of each of the {@code g.channels()} planes of x [planes, H, W] (padding never
     * wins): y [planes, OH, OW] is the maximum under the window, and argmax its index iy·W + ix
     * within the plane, the first maximum in scan order; a NaN wins (the last one), as in
     * PyTorch's kernel.
     */
    void maxPool2d(SlidingWindow g, float[] x, float[] y, int[] argmax);

    /** dx[p, argmax[p, k]] = Σ dy[p, k] over the outputs k that chose it, 0 elsewhere (dx is written). */
    void maxPool2dBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx);

    /**
     * Average pooling of each plane of x [planes, H, W]: y = (Σ under the window) / (kH·kW), the
     * padding counted as zeros in the divisor (PyTorch's default {@code count_include_pad=True}).
     */
    void avgPool2d(SlidingWindow g, float[] x, float[] y);

    /** dx = Σ over the windows that cover each value of dy / (kH·kW) (dx is written). */
    void avgPool2dBackward(SlidingWindow g, float[] dy, float[] dx);

    // ---- data movement ----

    /** Swaps the a and b axes of x viewed as [outer, a, mid, b, inner]: out is [outer, b, mid, a, inner]. */
    void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out);

    /** out = x with its axes reordered, as PyTorch's {@code permute}: x has {@code shape}, out's axis i is x's axis dims[i]. */
    void permute(float[] x, int[] shape, int[] dims, float[] out);

    /** out[o, j, i] = x[o, index[j], i], x viewed as [outer, n, inner]; out is [outer, index.length, inner]. */
    void gather(float[] x, int outer, int n, int inner, int[] index, float[] out);

    /** out[o, index[j], i] += src[o, j, i]: the adjoint of {@link #gather}; out is [outer, n, inner]. */
    void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out);

    /**
     * out[outOff + i] = (src[srcOff + i] &amp; 0xFF)·scale for i &lt; n: unsigned 8-bit values (the
     * bytes of images, say) widened to floats and scaled, as PyTorch's {@code x.float() * scale} on a
     * uint8 tensor.
     */
    void widenUnsigned(byte[] src, int srcOff, float scale, float[] out, int outOff, int n);
}
