package dev.nabla.core.kernel;

import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.LongVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Kernels on the incubating Vector API ({@code jdk.incubator.vector}): register-tiled matrix
 * products ({@link VectorGemm}) and vectorised hot elementwise loops; everything else is
 * inherited from {@link PortableKernels}. Loaded only when the JVM has the module.
 */
final class VectorKernels extends PortableKernels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elementwise work on at least this many elements is split across threads. */
    private static final int SPLIT = 1 << 15;

    @Override
    public String name() {
        return "vector (" + S.vectorBitSize() + "-bit Vector API, " + Parallel.THREADS + " threads)";
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        VectorGemm.gemm(false, false, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        VectorGemm.gemm(true, false, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        VectorGemm.gemm(false, true, a, aOff, b, bOff, c, cOff, m, k, n);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        Parallel.forRange(n, 4096, n >= SPLIT, (from, to) -> {
            FloatVector va = FloatVector.broadcast(S, alpha);
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector.fromArray(S, x, xOff + i).fma(va, FloatVector.fromArray(S, y, yOff + i)).intoArray(y, yOff + i);
            }
            for (; i < to; i++) y[yOff + i] = Math.fma(alpha, x[xOff + i], y[yOff + i]);
        });
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        int i = 0;
        for (int bound = S.loopBound(n); i < bound; i += L) FloatVector.fromArray(S, x, i).mul(alpha).intoArray(out, i);
        for (; i < n; i++) out[i] = alpha * x[i];
    }

    private static final VectorSpecies<Long> LONGS = VectorSpecies.of(long.class, S.vectorShape());

    @Override
    public int mask(long seed, int threshold, float value, float[] out, int n) {
        int words = LONGS.length(), kept = 0, i = 0;  // each step: `words` SplitMix64 outputs -> 2·words mask values
        LongVector iota = LongVector.zero(LONGS).addIndex(1);
        FloatVector v = FloatVector.broadcast(S, value), zero = FloatVector.zero(S);
        for (int bound = n - 2 * words; i <= bound; i += 2 * words) {
            LongVector z = iota.add(i / 2 + 1).mul(0x9E3779B97F4A7C15L).add(seed);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 30)).mul(0xBF58476D1CE4E5B9L);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 27)).mul(0x94D049BB133111EBL);
            z = z.lanewise(VectorOperators.XOR, z.lanewise(VectorOperators.LSHR, 31));
            IntVector u = z.reinterpretAsInts().lanewise(VectorOperators.LSHR, 8);  // lane 2w: low half, 2w+1: high half
            VectorMask<Float> keep = u.compare(VectorOperators.LT, threshold).cast(S);
            zero.blend(v, keep).intoArray(out, i);
            kept += keep.trueCount();
        }
        return kept + mask(seed, threshold, value, out, i, n);  // the tail, with the same function
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        Parallel.forRange(n, 4096, n >= SPLIT, (from, to) -> {
            int i = from;
            FloatVector zero = FloatVector.zero(S);
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                zero.blend(FloatVector.fromArray(S, dy, i), v.compare(VectorOperators.GT, 0f)).intoArray(dx, i);
            }
            for (; i < to; i++) dx[i] = x[i] > 0f ? dy[i] : 0f;
        });
    }

    @Override
    public void unary(UnaryOp op, float[] x, float[] out, int n) {
        if (op != UnaryOp.RELU && op != UnaryOp.NEG && op != UnaryOp.ABS) {
            super.unary(op, x, out, n);  // transcendental: the portable loop is as exact and fast enough
            return;
        }
        Parallel.forRange(n, 4096, n >= SPLIT, (from, to) -> {
            int i = from;
            for (int bound = from + S.loopBound(to - from); i < bound; i += L) {
                FloatVector v = FloatVector.fromArray(S, x, i);
                (op == UnaryOp.RELU ? v.max(0f) : op == UnaryOp.NEG ? v.neg() : v.abs()).intoArray(out, i);
            }
            unary(op, x, out, i, to);
        });
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        if (op.ordinal() > BinaryOp.DIV.ordinal()) {  // comparisons: not on the hot path
            super.binary(op, a, aShape, b, bShape, out, outShape);
            return;
        }
        if (java.util.Arrays.equals(aShape, outShape) && java.util.Arrays.equals(bShape, outShape) && out.length >= SPLIT) {
            Parallel.forRange(out.length, 4096, true, (from, to) -> rowVV(op, a, from, b, from, out, from, to - from));
            return;
        }
        Broadcasting.forEachRow(aShape, bShape, outShape, (ai, as, bi, bs, o, len) -> {
            if (as == 1 && bs == 1) rowVV(op, a, ai, b, bi, out, o, len);
            else if (as == 1 && bs == 0) rowVS(op, a, ai, b[bi], out, o, len);
            else row(op, a, ai, as, b, bi, bs, out, o, len);
        });
    }

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
        if (i < len) row(op, a, ai + i, 1, b, bi + i, 1, out, o + i, len - i);
    }

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

    private static final VectorSpecies<Byte> BYTES = VectorSpecies.of(byte.class, VectorShape.forBitSize(L * 8));
    private static final VectorSpecies<Integer> INTS = VectorSpecies.of(int.class, S.vectorShape());

    @Override
    public void unsignedBytes(byte[] src, int[] rows, int rowLength, float scale, float[] out) {
        Parallel.forRange(rows.length, 16, (long) rows.length * rowLength >= SPLIT, (r0, r1) -> {
            for (int r = r0; r < r1; r++) {
                int from = rows[r] * rowLength, to = r * rowLength, j = 0;
                for (int bound = rowLength - L; j <= bound; j += L) {
                    ByteVector v = ByteVector.fromArray(BYTES, src, from + j);
                    IntVector i = (IntVector) v.convertShape(VectorOperators.B2I, INTS, 0);
                    FloatVector f = (FloatVector) i.lanewise(VectorOperators.AND, 0xFF).convertShape(VectorOperators.I2F, S, 0);
                    f.mul(scale).intoArray(out, to + j);
                }
                for (; j < rowLength; j++) out[to + j] = (src[from + j] & 0xFF) * scale;
            }
        });
    }

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        if (inner < L) {
            super.sum(x, outer, n, inner, out);
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
}
