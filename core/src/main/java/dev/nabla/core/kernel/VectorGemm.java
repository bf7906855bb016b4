package dev.nabla.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on the Vector API, in the GotoBLAS way. C is computed in tiles of MR = 6 rows
 * by NR = 2 vectors of columns; the micro-kernel keeps a tile in 12 vector registers and, for
 * each step p along k, broadcasts six elements of A against two vectors of B with fused
 * multiply-adds.
 *
 * <p>What makes it fast in Java is that every index in the inner loop is a loop-invariant base
 * plus the loop counter (times a constant), which C2 can prove in bounds once per loop: A is read
 * as six rows {@code a[row_r + p]}, B from a packed panel {@code b[p·NR + q]}. So B is always
 * packed (a copy, or for the NT form a transposition of NR stored rows) into a panel that stays
 * in L1 while all row tiles pass it. A is read where it is stored when it is row-major (the ragged
 * bottom rows are copied, zero-padded, into the same row layout); a transposed A is packed step
 * by step, {@code [p][MR]}, for a second kernel that reads it that way. k is cut into
 * equal blocks of at most KC. Threads take column panels (or, for one panel, row panels) from a
 * shared counter, so a slower core does fewer; each element of C is computed by the same
 * operations in the same order whichever thread takes it.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /**
     * The register tile, MR rows by NR columns (two vectors): 12 accumulators, two vectors of B and
     * one broadcast of A fill 15 registers, which fits the 16 of AVX2 and is the usual choice for
     * FMA units of latency 4 and two ports. The micro-kernels are written out for exactly this tile.
     */
    static final int MR = 6, NR = 2 * L;
    /**
     * The most steps along k per packed panel of B: NR·KC floats (32 KiB with AVX-512) stay in L1
     * while every row tile passes them. Measured in training: 256, 512 and 1024 gave the same time.
     */
    static final int KC = 256;
    /**
     * Products with at least this many multiply-adds use every thread; smaller ones (the 10-wide
     * output layer's, about 650,000) run on the caller alone, where handing out panels would cost
     * more than it saves. Chosen, not tuned.
     */
    static final long PARALLEL_MACS = 1L << 20;

    private VectorGemm() {}

    /**
     * True when the packed copies fit in arrays and the panel counts in ints: A rounded up to whole
     * row panels (up to MR - 1 rows more than A), one panel of B for all of k, and n rounded up to
     * whole column panels. Only products with k in the tens of millions (or n near 2³¹) fail it;
     * {@link VectorKernels} hands those to the portable kernels.
     */
    static boolean packsFit(int m, int n, int k) {
        long rows = ((long) m + MR - 1) / MR * MR, limit = Integer.MAX_VALUE - 8;
        return rows * k <= limit && (long) NR * k <= limit && (long) n + NR - 1 <= limit;
    }

    /** {@link Kernels#gemm}: C (+)= op(A)·op(B). */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate) {
        if (m == 0 || n == 0) return;
        if (k == 0) {
            if (!accumulate) java.util.Arrays.fill(c, cOff, cOff + m * n, 0f);
            return;
        }
        Plan g = new Plan(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate);
        boolean parallel = (long) m * n * k >= PARALLEL_MACS;
        g.prepare(parallel);
        Parallel.forChunks(g.byColumns ? g.panels : g.rowPanels, parallel, g::run);
    }

    /** One product's operands and layout; {@link #run} computes the chunks a thread takes. */
    private static final class Plan {
        final boolean transA, transB, accumulate, byColumns;
        final float[] a, b, c;
        final int aOff, bOff, cOff, m, k, n, blocks, kcMax, panels, rowPanels;
        /**
         * A when it cannot be read in place: for a transposed A, row panel ip holds A(i + r, p) at
         * ip·MR·k + p·MR + r (the layout {@link #kernelPacked} reads); for the ragged last rows of a
         * row-major A, A(r, p) at r·k + p (the layout {@link #kernel} reads).
         */
        float[] aPack;
        /** The single column panel of B for all of k, packed once (row-split products only). */
        float[] bAll;

        Plan(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
             boolean accumulate) {
            this.transA = transA;
            this.transB = transB;
            this.accumulate = accumulate;
            this.a = a; this.b = b; this.c = c;
            this.aOff = aOff; this.bOff = bOff; this.cOff = cOff;
            this.m = m; this.k = k; this.n = n;
            blocks = (k + KC - 1) / KC;
            kcMax = (k + blocks - 1) / blocks;
            panels = (n + NR - 1) / NR;
            rowPanels = (m + MR - 1) / MR;
            byColumns = panels > 1;  // threads take column panels; a single panel is split by rows
        }

        /** Packs what every thread reads: a transposed A (in parallel), the ragged last rows, a lone B panel. */
        void prepare(boolean parallel) {
            int lastRows = m - (rowPanels - 1) * MR;
            if (transA) {
                aPack = new float[rowPanels * MR * k];
                Parallel.forRange(rowPanels, 1, parallel, (i0, i1) -> {
                    for (int ip = i0; ip < i1; ip++) packA(ip * MR, Math.min(MR, m - ip * MR), aPack, ip * MR * k);
                });
            } else if (lastRows < MR) {
                aPack = new float[MR * k];
                packA((rowPanels - 1) * MR, lastRows, aPack, 0);
            }
            if (!byColumns) {
                bAll = new float[NR * k];
                packB(0, n, 0, k, bAll, 0);
            }
        }

        /** One MR x NR tile, with the kernel that reads A's layout. */
        private void tile(float[] aArr, int aIdx, float[] bPack, int bIdx, int kc, float[] out, int outOff, int ldc, boolean accumulate) {
            if (transA) kernelPacked(aArr, aIdx, bPack, bIdx, kc, out, outOff, ldc, accumulate);
            else kernel(aArr, aIdx, k, bPack, bIdx, kc, out, outOff, ldc, accumulate);
        }

        /** Computes chunks from {@code next}: whole column panels, or whole row panels. */
        void run(java.util.function.IntSupplier next) {
            float[] bPack = byColumns ? new float[NR * kcMax] : bAll, tile = new float[MR * NR];
            for (int chunk; (chunk = next.getAsInt()) >= 0; ) {
                int jp = byColumns ? chunk : 0, ip0 = byColumns ? 0 : chunk, ip1 = byColumns ? rowPanels : chunk + 1;
                int j = jp * NR, cols = Math.min(NR, n - j);
                for (int blk = 0; blk < blocks; blk++) {
                    int p0 = (int) ((long) k * blk / blocks), kc = (int) ((long) k * (blk + 1) / blocks) - p0;
                    boolean add = accumulate || blk > 0;  // onto C, or onto the earlier k-blocks
                    if (byColumns) packB(j, cols, p0, kc, bPack, 0);
                    int bIdx = byColumns ? 0 : p0 * NR;
                    for (int ip = ip0; ip < ip1; ip++) {
                        int i = ip * MR, rows = Math.min(MR, m - i);
                        float[] aArr = rows < MR || transA ? aPack : a;
                        int aIdx = transA ? i * k + p0 * MR : rows < MR ? p0 : aOff + i * k + p0;
                        if (rows == MR && cols == NR) {
                            tile(aArr, aIdx, bPack, bIdx, kc, c, cOff + i * n + j, n, add);
                        } else {  // an edge tile: compute it whole in scratch, keep the valid part
                            tile(aArr, aIdx, bPack, bIdx, kc, tile, 0, NR, false);
                            for (int r = 0; r < rows; r++) {
                                int dst = cOff + (i + r) * n + j;
                                for (int q = 0; q < cols; q++) c[dst + q] = add ? c[dst + q] + tile[r * NR + q] : tile[r * NR + q];
                            }
                        }
                    }
                }
            }
        }

        /** out[at + p·NR + q] = B(p0 + p, j + q) for p &lt; kc, zero past the last column. */
        private void packB(int j, int cols, int p0, int kc, float[] out, int at) {
            if (cols < NR) java.util.Arrays.fill(out, at, at + NR * kc, 0f);
            if (transB) {  // B stored [n×k]: read each stored row once, contiguously
                for (int q = 0; q < cols; q++) {
                    int src = bOff + (j + q) * k + p0;
                    for (int p = 0; p < kc; p++) out[at + p * NR + q] = b[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (p0 + p) * n + j, out, at + p * NR, cols);
            }
        }

        /** A(i + r, p) for r &lt; rows and all p: at out[at + p·MR + r] if A is transposed, else out[at + r·k + p]. */
        private void packA(int i, int rows, float[] out, int at) {
            if (transA) {  // A stored [k×m]: for each p, the rows' values sit side by side
                for (int p = 0; p < k; p++) {
                    int src = aOff + p * m + i, dst = at + p * MR;
                    for (int r = 0; r < rows; r++) out[dst + r] = a[src + r];
                }
            } else {
                for (int r = 0; r < rows; r++) System.arraycopy(a, aOff + (i + r) * k, out, at + r * k, k);
            }
        }
    }

    /**
     * C[6×NR] (+)= A·B over kc steps, 12 accumulators in registers: A(r, p) = a[aIdx + r·lda + p],
     * B(p, q) = b[bIdx + p·NR + q]. Every index is a loop invariant plus the counter, so bounds are
     * checked once per loop, not per load.
     */
    private static void kernel(float[] a, int aIdx, int lda, float[] b, int bIdx, int kc, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = aIdx, a1 = a0 + lda, a2 = a1 + lda, a3 = a2 + lda, a4 = a3 + lda, a5 = a4 + lda;
        for (int p = 0; p < kc; p++) {
            FloatVector b0 = FloatVector.fromArray(S, b, bIdx + p * NR), b1 = FloatVector.fromArray(S, b, bIdx + p * NR + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        // The stores are written out here, not in a helper: C2 inlines a helper called outside the
        // loop only if it is tiny, and a method that receives vectors as arguments runs slow Java code.
        int o0 = cOff, o1 = cOff + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, o0));
            c01 = c01.add(FloatVector.fromArray(S, c, o0 + L));
            c10 = c10.add(FloatVector.fromArray(S, c, o1));
            c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, o2));
            c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, o3));
            c31 = c31.add(FloatVector.fromArray(S, c, o3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, o4));
            c41 = c41.add(FloatVector.fromArray(S, c, o4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, o5));
            c51 = c51.add(FloatVector.fromArray(S, c, o5 + L));
        }
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
    }

    /** As {@link #kernel}, for A packed step by step: A(r, p) = a[aIdx + p·MR + r]. */
    private static void kernelPacked(float[] a, int aIdx, float[] b, int bIdx, int kc, float[] c, int cOff, int ldc, boolean accumulate) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        for (int p = 0; p < kc; p++) {
            int ai = aIdx + p * MR;
            FloatVector b0 = FloatVector.fromArray(S, b, bIdx + p * NR), b1 = FloatVector.fromArray(S, b, bIdx + p * NR + L);
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
        }
        int o0 = cOff, o1 = cOff + ldc, o2 = o1 + ldc, o3 = o2 + ldc, o4 = o3 + ldc, o5 = o4 + ldc;
        if (accumulate) {
            c00 = c00.add(FloatVector.fromArray(S, c, o0));
            c01 = c01.add(FloatVector.fromArray(S, c, o0 + L));
            c10 = c10.add(FloatVector.fromArray(S, c, o1));
            c11 = c11.add(FloatVector.fromArray(S, c, o1 + L));
            c20 = c20.add(FloatVector.fromArray(S, c, o2));
            c21 = c21.add(FloatVector.fromArray(S, c, o2 + L));
            c30 = c30.add(FloatVector.fromArray(S, c, o3));
            c31 = c31.add(FloatVector.fromArray(S, c, o3 + L));
            c40 = c40.add(FloatVector.fromArray(S, c, o4));
            c41 = c41.add(FloatVector.fromArray(S, c, o4 + L));
            c50 = c50.add(FloatVector.fromArray(S, c, o5));
            c51 = c51.add(FloatVector.fromArray(S, c, o5 + L));
        }
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
    }
}
