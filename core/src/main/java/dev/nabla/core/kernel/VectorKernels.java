package dev.nabla.core.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API ({@code jdk.incubator.vector}): register-tiled matrix
 * products ({@link VectorGemm}) and the hot elementwise loops, split across threads when large;
 * the {@link PortableKernels} for the rest. Loaded only when the JVM has the module.
 */
final class VectorKernels implements Kernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, S.vectorShape());
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());
    /** L bytes: one load widens to one float vector. */
    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(S.length() * 8));
    private static final int L = S.length();
    /**
     * Elementwise work on at least this many elements (128 KiB of floats) is split across threads
     * when it computes enough per element (e^x, σ, tanh and their gradients; pooling); below it,
     * handing ranges to the workers costs a large part of the work. Chosen, not tuned. The
     * streaming kernels use {@link #STREAM_SPLIT}.
     */
    private static final int SPLIT = 1 << 15;
    /**
     * The same for the streaming kernels, which do a load or two and a store per element (ReLU,
     * + - · /, ReLU's gradient, select, axpy, widening): 2²⁰ elements (4 MiB of floats). Split at
     * {@link #SPLIT}, they were slower on two threads than on one at every size of the d2l MLP:
     * on the 2-vCPU Xeon (load average 3-4 from other jobs), best of 4 rounds, µs per call, 2
     * threads against 1: ReLU's gradient 25-27 against 10 at 65,536 elements, 92-108 against 59-62
     * at 200,704 (the first layer's weight), 450-482 against 332-336 at 802,816; a·b 13-16 against
     * 9, 121-126 against 56-60, 432-435 against 330-347; axpy 9-16 against 6-8, 22-29 against 21-25,
     * 287-307 against 218-229. They are bound by memory, not arithmetic, and handing out the chunks
     * costs more than the second thread gives. e^x, σ and tanh compute enough per element to keep
     * {@link #SPLIT}.
     */
    private static final int STREAM_SPLIT = 1 << 20;
    /** Split ranges start at multiples of this many elements (16 KiB of floats: whole cache lines and vectors). */
    private static final int GRAIN = 4096;

    private final Kernels portable = new PortableKernels();

    @Override
    public String name() {
        return "vector (" + S.vectorBitSize() + "-bit Vector API, " + Parallel.THREADS + " threads)";
    }

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        if (VectorGemm.packsFit(m, n, k)) VectorGemm.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
        else portable.gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate);
    }

    @Override
    public void linear(int rows, int in, int out, float[] x, float[] w, float[] bias, boolean relu, float[] y) {
        VectorGemm.gemm(false, true, rows, out, in, x, 0, w, 0, y, 0, false, bias, relu);  // bias and ReLU in the last k-block
    }

    // ---- elementwise ----

    @Override
    public void unary(UnaryOp op, float[] x, float[] out, int n) {
        boolean vectorised = switch (op) {
            case RELU, NEG, ABS, EXP, SIGMOID, TANH -> true;
            default -> false;  // not on a hot path: the portable loop
        };
        if (!vectorised) {
            portable.unary(op, x, out, n);
            return;
        }
        boolean streaming = op == UnaryOp.RELU || op == UnaryOp.NEG || op == UnaryOp.ABS;
        Parallel.forRange(n, GRAIN, n >= (streaming ? STREAM_SPLIT : SPLIT), (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) unary(op, FloatVector.fromArray(S, x, i)).intoArray(out, i);
            if (i < to) {  // the tail as one masked vector: every element goes through the same arithmetic
                VectorMask<Float> m = S.indexInRange(i, to);
                unary(op, FloatVector.fromArray(S, x, i, m)).intoArray(out, i, m);
            }
        });
    }

    /**
     * One vector of {@link #unary}: RELU, NEG and ABS exactly as {@link UnaryOp#apply}; EXP, SIGMOID
     * and TANH by {@link VectorMath}, within 2 ulp of it (a switch, not a VectorOperators value: C2
     * compiles a lanewise operation to vector instructions only when its operator is a constant).
     */
    private static FloatVector unary(UnaryOp op, FloatVector v) {
        return switch (op) {
            case RELU -> v.blend(0f, v.compare(VectorOperators.LT, 0f));  // x < 0 ? 0 : x, as torch
            case NEG -> v.neg();
            case ABS -> v.abs();
            case EXP -> VectorMath.exp(v);
            case SIGMOID -> VectorMath.sigmoid(v);
            default -> VectorMath.tanh(v);
        };
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        boolean vectorised = switch (op) {
            case ADD, SUB, MUL, DIV -> true;
            default -> false;  // powers and comparisons: not on the hot path
        };
        if (!vectorised) {
            portable.binary(op, a, aShape, b, bShape, out, outShape);
        } else if (java.util.Arrays.equals(aShape, outShape) && java.util.Arrays.equals(bShape, outShape)) {  // one stream, no broadcasting
            Parallel.forRange(out.length, GRAIN, out.length >= STREAM_SPLIT, (from, to) -> rowVV(op, a, from, b, from, out, from, to - from));
        } else {
            Broadcasting.forEachRow(aShape, bShape, outShape, (ai, as, bi, bs, o, len) -> {
                if (as == 1 && bs == 1) rowVV(op, a, ai, b, bi, out, o, len);
                else if (as == 1) rowVS(op, a, ai, b[bi], out, o, len);
                else if (as == 0 && bs == 0) java.util.Arrays.fill(out, o, o + len, op.apply(a[ai], b[bi]));  // an expand along the last dim
                else for (int i = 0; i < len; i++) out[o + i] = op.apply(a[ai + i * as], b[bi + i * bs]);
            });
        }
    }

    // The operator is chosen by a switch inside the loop, not passed as a VectorOperators value:
    // C2 compiles a lanewise operation to vector instructions only when its operator is a constant.

    /** out[o + i] = op(a[ai + i], b[bi + i]) for i &lt; len; op is ADD, SUB, MUL or DIV. */
    private static void rowVV(BinaryOp op, float[] a, int ai, float[] b, int bi, float[] out, int o, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ai + i), y = FloatVector.fromArray(S, b, bi + i);
            (switch (op) {
                case ADD -> x.add(y);
                case SUB -> x.sub(y);
                case MUL -> x.mul(y);
                default -> x.div(y);
            }).intoArray(out, o + i);
        }
        for (; i < len; i++) out[o + i] = op.apply(a[ai + i], b[bi + i]);
    }

    /** out[o + i] = op(a[ai + i], s) for i &lt; len; op is ADD, SUB, MUL or DIV. */
    private static void rowVS(BinaryOp op, float[] a, int ai, float s, float[] out, int o, int len) {
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += L) {
            FloatVector x = FloatVector.fromArray(S, a, ai + i);
            (switch (op) {
                case ADD -> x.add(s);
                case SUB -> x.sub(s);
                case MUL -> x.mul(s);
                default -> x.div(s);
            }).intoArray(out, o + i);
        }
        for (; i < len; i++) out[o + i] = op.apply(a[ai + i], s);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        Parallel.forRange(n, GRAIN, n >= STREAM_SPLIT, (from, to) -> {
            int i = from;
            FloatVector zero = FloatVector.zero(S);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                FloatVector.fromArray(S, dy, i).blend(zero, v.compare(VectorOperators.LE, 0f)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] = x[i] <= 0f ? 0f : dy[i];
        });
    }

    @Override
    public void sigmoidBackward(float[] y, float[] dy, float[] dx, int n) {
        Parallel.forRange(n, GRAIN, n >= SPLIT, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, y, i);
                FloatVector.fromArray(S, dy, i).mul(v).mul(v.neg().add(1f)).intoArray(dx, i);  // 1 - y and -y + 1 round alike
            }
            for (; i < to; i++) dx[i] = dy[i] * y[i] * (1f - y[i]);
        });
    }

    @Override
    public void tanhBackward(float[] y, float[] dy, float[] dx, int n) {
        Parallel.forRange(n, GRAIN, n >= SPLIT, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, y, i);
                FloatVector.fromArray(S, dy, i).mul(v.mul(v).neg().add(1f)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] = dy[i] * (1f - y[i] * y[i]);
        });
    }

    @Override
    public void where(float[] condition, float[] x, float[] y, float[] out, int n) {
        Parallel.forRange(n, GRAIN, n >= STREAM_SPLIT, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                VectorMask<Float> take = FloatVector.fromArray(S, condition, i).compare(VectorOperators.NE, 0f);
                FloatVector.fromArray(S, y, i).blend(FloatVector.fromArray(S, x, i), take).intoArray(out, i);
            }
            for (; i < to; i++) out[i] = condition[i] != 0f ? x[i] : y[i];
        });
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Parallel.forRange(n, GRAIN, n >= STREAM_SPLIT, (from, to) -> {
            FloatVector va = FloatVector.broadcast(S, alpha);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
            for (; i < to; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        });
    }

    // SplitMix64.at(seed, w) in every long lane at once: lanes hold consecutive words w.
    @Override
    public int mask(long seed, int threshold, float value, float[] out, int n) {
        int words = LONGS.length(), kept = 0, i = 0;  // each step: `words` SplitMix64 outputs -> 2·words mask values
        LongVector iota = LongVector.zero(LONGS).addIndex(1);
        FloatVector v = FloatVector.broadcast(S, value), zero = FloatVector.zero(S);
        for (int bound = n - 2 * words; i <= bound; i += 2 * words) {
            LongVector z = iota.add(i / 2 + 1).mul(SplitMix64.GAMMA).add(seed);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(SplitMix64.MIX1);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(SplitMix64.MIX2);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            IntVector u = z.reinterpretAsInts().lanewise(VectorOperators.LSHR, 8);  // lane 2w: low half, 2w+1: high half
            VectorMask<Float> keep = u.compare(VectorOperators.LT, threshold).cast(S);
            zero.blend(v, keep).intoArray(out, i);
            kept += keep.trueCount();
        }
        return kept + ReferenceKernels.mask(seed, threshold, value, out, i, n);  // the last elements, one by one
    }

    // ---- reductions ----

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        if (inner < L) {
            portable.sum(x, outer, n, inner, out);
            return;
        }
        for (int o = 0; o < outer; o++) {  // add rows of length inner: vectorise along inner
            int base = o * n * inner, dst = o * inner, i = 0;
            for (int bound = S.loopBound(inner); i < bound; i += L) {
                FloatVector acc = FloatVector.zero(S);
                for (int j = 0; j < n; j++) acc = acc.add(FloatVector.fromArray(S, x, base + j * inner + i));
                acc.intoArray(out, dst + i);
            }
            for (; i < inner; i++) {
                float s = 0f;
                for (int j = 0; j < n; j++) s += x[base + j * inner + i];
                out[dst + i] = s;
            }
        }
    }

    // L bytes -> L ints (sign-extended, so masked back to 0..255) -> L floats, scaled; split across threads when large.
    @Override
    public void widenUnsigned(byte[] src, int srcOff, float scale, float[] out, int outOff, int n) {
        Parallel.forRange(n, GRAIN, n >= STREAM_SPLIT, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                IntVector w = (IntVector) ByteVector.fromArray(BYTES, src, srcOff + i).convertShape(VectorOperators.B2I, INTS, 0);
                ((FloatVector) w.lanewise(VectorOperators.AND, 0xFF).convertShape(VectorOperators.I2F, S, 0))
                        .mul(scale).intoArray(out, outOff + i);
            }
            for (; i < to; i++) out[outOff + i] = (src[srcOff + i] & 0xFF) * scale;
        });
    }

    // ---- convolution and pooling: stride 1 straight from the padded image, other strides lowered with im2col; images on every thread ----

    @Override
    public void conv2d(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        if (VectorConvChannels.supports(g, outChannels)) VectorConvChannels.forward(parallel(batch, outChannels, g), g, batch, x, w, outChannels, bias, y);
        else if (VectorConv.supports(g)) VectorConv.forward(parallel(batch, outChannels, g), g, batch, x, w, outChannels, bias, y);
        else Im2Col.forward(this, parallel(batch, outChannels, g), g, batch, x, w, outChannels, bias, y);
    }

    @Override
    public void conv2dBackward(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                               float[] dx, float[] dw, float[] db) {
        if (VectorConv.supports(g)) VectorConv.backward(parallel(batch, outChannels, g), g, batch, x, w, outChannels, dy, dx, dw, db);
        else Im2Col.backward(this, parallel(batch, outChannels, g), g, batch, x, w, outChannels, dy, dx, dw, db);
    }

    /** Whether a convolution is worth splitting by images: as for one product, at least {@link VectorGemm#PARALLEL_MACS}. */
    private static boolean parallel(int batch, int outChannels, SlidingWindow g) {
        return (long) batch * outChannels * g.patchSize() * g.positions() >= VectorGemm.PARALLEL_MACS;
    }

    @Override
    public void maxPool2d(SlidingWindow g, float[] x, float[] y, int[] argmax) {
        Parallel.forRange(g.channels(), 1, (long) g.channels() * g.planeSize() >= SPLIT, (from, to) -> Pooling.max(g, x, y, argmax, from, to));
    }

    @Override
    public void maxPool2dBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx) {
        Parallel.forRange(g.channels(), 1, (long) g.channels() * g.planeSize() >= SPLIT, (from, to) -> Pooling.maxBackward(g, dy, argmax, dx, from, to));
    }

    @Override
    public void avgPool2d(SlidingWindow g, float[] x, float[] y) {
        Parallel.forRange(g.channels(), 1, (long) g.channels() * g.planeSize() >= SPLIT, (from, to) -> Pooling.avg(g, x, y, from, to));
    }

    @Override
    public void avgPool2dBackward(SlidingWindow g, float[] dy, float[] dx) {
        Parallel.forRange(g.channels(), 1, (long) g.channels() * g.planeSize() >= SPLIT, (from, to) -> Pooling.avgBackward(g, dy, dx, from, to));
    }

    // ---- the portable kernels for the rest ----

    @Override public void max(float[] x, int outer, int n, int inner, float[] values, int[] indices) {
        portable.max(x, outer, n, inner, values, indices);
    }
    @Override public void softmax(float[] x, int outer, int n, int inner, boolean log, float[] out) {
        portable.softmax(x, outer, n, inner, log, out);
    }
    @Override public void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs) {
        portable.crossEntropy(logits, rows, classes, labels, loss, probs);
    }
    @Override public void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad) {
        portable.crossEntropyBackward(probs, labels, dLoss, rows, classes, grad);
    }
    @Override public void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out) {
        portable.transpose(x, outer, a, mid, b, inner, out);
    }
    @Override public void permute(float[] x, int[] shape, int[] dims, float[] out) {
        portable.permute(x, shape, dims, out);
    }
    @Override public void gather(float[] x, int outer, int n, int inner, int[] index, float[] out) {
        portable.gather(x, outer, n, inner, index, out);
    }
    @Override public void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out) {
        portable.scatterAdd(src, outer, n, inner, index, out);
    }
}
