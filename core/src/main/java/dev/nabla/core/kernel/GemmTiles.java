package dev.nabla.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The micro-kernel of {@link VectorGemm}: one tile of C, MR = 8 rows by NR = 2 vectors, kept in 16
 * vector registers while kc steps along k each broadcast eight elements of A against two vectors of
 * a packed panel of B with fused multiply-adds. Both operands are packed step by step, so every
 * index in the loop is one base plus the counter times a constant and C2 checks bounds once per
 * loop, not per load. (Measured alone on data in L1 on the project's Xeon, one core: this tile ran
 * at 180 GFLOP/s, the core's FMA peak; the earlier 6-row tile reading A in place, 97-143.)
 * 16 accumulators, two vectors of B and a broadcast need 19 of AVX-512's 32 registers.
 *
 * <p>The stores are written out in the kernel, not in a helper: C2 inlines a helper called outside
 * the loop only if it is tiny, and a method that receives vectors as arguments runs slow Java
 * code. Nor may the kernel grow: with an epilogue written into it as well (bias, ReLU), C2 stopped
 * inlining the Vector API's methods inside it (the inlined code grew past its limit), and the
 * kernel ran the API's Java fallback, allocating per operation, at a twentieth of the speed. So
 * the epilogue is {@link #epilogue}, a pass over the finished tile while it is in L1. Nor may
 * a vector flow out of an if: the kernel once ended with {@code if (accumulate) c00 = c00.add(C)},
 * and in some JVM runs (one in four or five, depending on the profile when C2 compiled it) C2 boxed
 * the accumulators where the branch merged, allocating on every call: 250 MB more per MLP epoch
 * and 15-30% slower. Writing both store sequences out instead grew the kernel past C2's limits
 * (some runs fell back to the API's Java code, 67 GB and 8x slower). So the kernel only stores, and
 * a tile that adds to C is computed into scratch and added by {@link #addTile}.
 */
final class GemmTiles {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** The tile's rows: the kernels below are written out for exactly this many. */
    static final int MR = 8;

    private GemmTiles() {}

    /**
     * C[8×2L] = A·B over kc steps, A and B packed step by step: A(r, p) = a[aIdx + p·8 + r],
     * B(p, q) = b[bIdx + p·2L + q], C(r, q) = c[cOff + r·ldc + q].
     */
    static void kernel(float[] a, int aIdx, float[] b, int bIdx, int kc, float[] c, int cOff, int ldc) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00, c30 = c00, c31 = c00;
        FloatVector c40 = c00, c41 = c00, c50 = c00, c51 = c00, c60 = c00, c61 = c00, c70 = c00, c71 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * MR, bi = bIdx + p * 2 * L;
            FloatVector b0 = FloatVector.fromArray(S, b, bi), b1 = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
            x = FloatVector.broadcast(S, a[ai + 6]);
            c60 = x.fma(b0, c60);
            c61 = x.fma(b1, c61);
            x = FloatVector.broadcast(S, a[ai + 7]);
            c70 = x.fma(b0, c70);
            c71 = x.fma(b1, c71);
        }
        int o0 = cOff, o1 = o0 + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc, o6 = o5 + ldc, o7 = o6 + ldc;
        c00.intoArray(c, o0);
        c01.intoArray(c, o0 + L);
        c10.intoArray(c, o1);
        c11.intoArray(c, o1 + L);
        c20.intoArray(c, o2);
        c21.intoArray(c, o2 + L);
        c30.intoArray(c, o3);
        c31.intoArray(c, o3 + L);
        c40.intoArray(c, o4);
        c41.intoArray(c, o4 + L);
        c50.intoArray(c, o5);
        c51.intoArray(c, o5 + L);
        c60.intoArray(c, o6);
        c61.intoArray(c, o6 + L);
        c70.intoArray(c, o7);
        c71.intoArray(c, o7 + L);
    }

    /**
     * One 8×L tile for products at most one vector wide (the output layer's 10 columns), with A
     * read in place, each row a[aIdx + r·lda + p]: packing all of A would cost as much as so
     * narrow a product. t[r·L + q] = Σ_p A(r, p)·B(p, q) over kc steps, B(p, q) = b[bIdx + p·L + q],
     * each sum the same chain of fused multiply-adds as in {@link #kernel}.
     */
    static void narrow(float[] a, int aIdx, int lda, float[] b, int bIdx, int kc, float[] t) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0;
        int a0 = aIdx, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda, a6 = a5 + lda, a7 = a6 + lda;
        for (int p = 0; p < kc; p++) {
            FloatVector v = FloatVector.fromArray(S, b, bIdx + p * L);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(v, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(v, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(v, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(v, c3);
            c4 = FloatVector.broadcast(S, a[a4 + p]).fma(v, c4);
            c5 = FloatVector.broadcast(S, a[a5 + p]).fma(v, c5);
            c6 = FloatVector.broadcast(S, a[a6 + p]).fma(v, c6);
            c7 = FloatVector.broadcast(S, a[a7 + p]).fma(v, c7);
        }
        c0.intoArray(t, 0);
        c1.intoArray(t, 1 * L);
        c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L);
        c4.intoArray(t, 4 * L);
        c5.intoArray(t, 5 * L);
        c6.intoArray(t, 6 * L);
        c7.intoArray(t, 7 * L);
    }

    /**
     * C[8×2L] += t[8×2L] (t at t[r·2L + q]): a tile that {@link #kernel} computed into scratch, added
     * to C as the kernel once did itself (sum + C, the same rounding).
     */
    static void addTile(float[] t, float[] c, int cOff, int ldc) {
        for (int r = 0; r < MR; r++) {
            for (int q = 0; q < 2 * L; q += L) {
                int at = cOff + r * ldc + q;
                FloatVector.fromArray(S, t, r * 2 * L + q).add(FloatVector.fromArray(S, c, at)).intoArray(c, at);
            }
        }
    }

    /**
     * The epilogue of a finished 8×2L tile at c[cOff + r·ldc + q]: adds bias[biasIdx + q] to column q
     * (bias null: none), then ReLU when {@code relu}, in the order and with the roundings of
     * separate passes over C, so fusing changes no bit.
     */
    static void epilogue(float[] c, int cOff, int ldc, float[] bias, int biasIdx, boolean relu) {
        FloatVector zero = FloatVector.zero(S);
        for (int r = 0; r < MR; r++) {
            for (int q = 0; q < 2 * L; q += L) {
                FloatVector v = FloatVector.fromArray(S, c, cOff + r * ldc + q);
                if (bias != null) v = v.add(FloatVector.fromArray(S, bias, biasIdx + q));
                if (relu) v = v.max(zero);
                v.intoArray(c, cOff + r * ldc + q);
            }
        }
    }
}
