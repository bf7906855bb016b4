package dev.nabla.core.kernel;

import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix products on the Vector API, in the GotoBLAS way. C is computed in tiles of MR = 8 rows
 * by NR = 2 vectors of columns by the micro-kernel of {@link GemmTiles}, which needs every index
 * in its loop to be a loop-invariant base plus the counter: it reads A from row panels packed step
 * by step, {@code a[p·MR + r]}, and B from a column panel {@code b[p·NR + q]}. So A is packed once
 * per product, every row panel for all of k (in parallel; the ragged last panel zero-padded), and
 * B one column panel at a time (a copy, or for the NT form a transposition of NR stored rows) into
 * a panel that stays in L1 while all row tiles pass it. k is cut into equal blocks of at most KC;
 * after the last block, the epilogue (bias, ReLU) passes over the tile while it is in L1. Packing
 * goes into each thread's {@link Scratch}, so a product allocates nothing. Threads take column
 * panels (or, for one panel, row panels) from a shared counter ({@link Parallel}); each element of
 * C is computed by the same operations in the same order whichever thread takes it.
 */
final class VectorGemm {
    static final VectorSpecies<Float> S = GemmTiles.S;
    static final int L = GemmTiles.L;
    /**
     * The register tile, MR rows by NR columns (two vectors): 16 accumulators, enough independent
     * chains for two FMA ports of latency 4, with 8 broadcasts and 2 loads of B per 16 FMAs. The
     * micro-kernel is written out for exactly this tile. (With AVX2's 16 registers it would spill;
     * every machine this project measures on has AVX-512.)
     */
    static final int MR = GemmTiles.MR, NR = 2 * L;
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
        gemm(transA, transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, null, false);
    }

    /**
     * C = act(op(A)·op(B) + bias) (or C += ... when accumulating, with the bias and act applied to
     * the sum): {@code bias} has one value per column of C (null: none), act is ReLU when
     * {@code relu}, else the identity.
     */
    static void gemm(boolean transA, boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff,
                     float[] c, int cOff, boolean accumulate, float[] bias, boolean relu) {
        if (m == 0 || n == 0) return;
        if (k == 0) {  // no products: C keeps (or is reset to) its value, then the epilogue
            for (int i = 0; i < m; i++) {
                for (int j = 0, at = cOff + i * n; j < n; j++) c[at + j] = epilogue(accumulate ? c[at + j] : 0f, bias, j, relu);
            }
            return;
        }
        boolean parallel = (long) m * n * k >= PARALLEL_MACS;
        if (!transA && n <= L) {
            narrow(transB, m, n, k, a, aOff, b, bOff, c, cOff, accumulate, bias, relu, parallel);
            return;
        }
        Plan g = new Plan(transA, transB, a, aOff, b, bOff, c, cOff, m, k, n, accumulate, bias, relu);
        g.prepare(parallel);
        Parallel.forChunks(g.byColumns ? g.panels : g.rowPanels, parallel, g::run);
    }

    /**
     * A product at most one vector wide with a row-major A (the output layer's x·Wᵀ): A is read in
     * place by {@link GemmTiles#narrow} instead of packed (packing 256 x 256 values cost as much as the
     * 256 x 256 x 10 product: 17 GFLOP/s instead of 35), B packed once into [p][L]. Each element
     * gets the same operations in the same order as in {@link Plan#run}'s edge tiles: the same
     * k-blocks, each summed from zero and then added to C, then the epilogue.
     */
    private static void narrow(boolean transB, int m, int n, int k, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff,
                               boolean accumulate, float[] bias, boolean relu, boolean parallel) {
        float[] bPack = Scratch.get(Scratch.B_PACKED, L * k);  // the caller's: no thread uses its own B_PACKED while it helps
        java.util.Arrays.fill(bPack, 0, L * k, 0f);
        for (int q = 0; q < n; q++) {
            if (transB) for (int p = 0, src = bOff + q * k; p < k; p++) bPack[p * L + q] = b[src + p];
            else for (int p = 0; p < k; p++) bPack[p * L + q] = b[bOff + p * n + q];
        }
        int blocks = (k + KC - 1) / KC, rowPanels = (m + MR - 1) / MR;
        Parallel.forChunks(rowPanels, parallel, next -> {
            float[] tile = Scratch.get(Scratch.TILE, MR * L);
            for (int ip; (ip = next.getAsInt()) >= 0; ) {
                int i = ip * MR, rows = Math.min(MR, m - i);
                float[] rowsA = a;
                int at = aOff + i * k;
                if (rows < MR) {  // the ragged last rows, copied with zero rows below them
                    rowsA = Scratch.get(Scratch.A_PACKED, MR * k);
                    System.arraycopy(a, at, rowsA, 0, rows * k);
                    java.util.Arrays.fill(rowsA, rows * k, MR * k, 0f);
                    at = 0;
                }
                for (int blk = 0; blk < blocks; blk++) {
                    int p0 = (int) ((long) k * blk / blocks), kc = (int) ((long) k * (blk + 1) / blocks) - p0;
                    boolean add = accumulate || blk > 0, last = blk == blocks - 1;
                    GemmTiles.narrow(rowsA, at + p0, k, bPack, p0 * L, kc, tile);
                    keep(tile, L, rows, n, c, cOff + i * n, n, add, bias, 0, relu, last);
                }
            }
        });
    }

    /**
     * Keeps the valid rows × cols of a tile computed whole in scratch (t[r·ldt + q]) at
     * c[at + r·ldc + q]: C + t when {@code add}, else t; after the last k-block ({@code last}) with
     * the epilogue for columns j + q. The edge tiles of {@link Plan#run} and the narrow products.
     */
    private static void keep(float[] t, int ldt, int rows, int cols, float[] c, int at, int ldc, boolean add,
                             float[] bias, int j, boolean relu, boolean last) {
        for (int r = 0; r < rows; r++) {
            int dst = at + r * ldc;
            for (int q = 0; q < cols; q++) {
                float v = add ? c[dst + q] + t[r * ldt + q] : t[r * ldt + q];
                c[dst + q] = last ? epilogue(v, bias, j + q, relu) : v;
            }
        }
    }

    /** v + bias[j] (when there is a bias), then ReLU (when relu): the epilogue of one element, as the tiles compute it. */
    private static float epilogue(float v, float[] bias, int j, boolean relu) {
        if (bias != null) v += bias[j];
        return relu ? Math.max(v, 0f) : v;
    }

    /** One product's operands and layout; {@link #run} computes the chunks a thread takes. */
    private static final class Plan {
        final boolean transA, transB, accumulate, byColumns, relu;
        final float[] a, b, c, bias;
        final int aOff, bOff, cOff, m, k, n, blocks, kcMax, panels, rowPanels;
        /** A packed: row panel ip holds A(ip·MR + r, p) at ip·MR·k + p·MR + r, zeros past the last row. */
        float[] aPack;
        /** The single column panel of B for all of k, packed once (row-split products only). */
        float[] bAll;

        Plan(boolean transA, boolean transB, float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n,
             boolean accumulate, float[] bias, boolean relu) {
            this.bias = bias;
            this.relu = relu;
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

        /**
         * Packs what every thread reads, into the caller's scratch (no thread uses its own A_PACKED
         * or B_PACKED slot while it helps): all of A (in parallel), a lone B panel.
         */
        void prepare(boolean parallel) {
            aPack = Scratch.get(Scratch.A_PACKED, rowPanels * MR * k);
            Parallel.forRange(rowPanels, 1, parallel, (i0, i1) -> {
                for (int ip = i0; ip < i1; ip++) packA(ip * MR, Math.min(MR, m - ip * MR), aPack, ip * MR * k);
            });
            if (!byColumns) {
                bAll = Scratch.get(Scratch.B_PACKED, NR * k);
                packB(0, n, 0, k, bAll, 0);
            }
        }

        /** Computes chunks from {@code next}: whole column panels, or whole row panels. */
        void run(java.util.function.IntSupplier next) {
            float[] bPack = byColumns ? Scratch.get(Scratch.B_PANEL, NR * kcMax) : bAll, tile = Scratch.get(Scratch.TILE, MR * NR);
            for (int chunk; (chunk = next.getAsInt()) >= 0; ) {
                int jp = byColumns ? chunk : 0, ip0 = byColumns ? 0 : chunk, ip1 = byColumns ? rowPanels : chunk + 1;
                int j = jp * NR, cols = Math.min(NR, n - j);
                for (int blk = 0; blk < blocks; blk++) {
                    int p0 = (int) ((long) k * blk / blocks), kc = (int) ((long) k * (blk + 1) / blocks) - p0;
                    boolean add = accumulate || blk > 0, last = blk == blocks - 1;  // onto C, or onto the earlier k-blocks
                    boolean finish = last && (bias != null || relu);
                    if (byColumns) packB(j, cols, p0, kc, bPack, 0);
                    int bIdx = byColumns ? 0 : p0 * NR;
                    for (int ip = ip0; ip < ip1; ip++) {
                        int i = ip * MR, rows = Math.min(MR, m - i);
                        int aIdx = i * k + p0 * MR;
                        if (rows == MR && cols == NR) {
                            if (add) {  // computed apart, then added: see GemmTiles on why the kernel does not add
                                GemmTiles.kernel(aPack, aIdx, bPack, bIdx, kc, tile, 0, NR);
                                GemmTiles.addTile(tile, c, cOff + i * n + j, n);
                            } else {
                                GemmTiles.kernel(aPack, aIdx, bPack, bIdx, kc, c, cOff + i * n + j, n);
                            }
                            if (finish) GemmTiles.epilogue(c, cOff + i * n + j, n, bias, j, relu);  // while the tile is in L1
                        } else {  // an edge tile: compute it whole in scratch, keep the valid part
                            GemmTiles.kernel(aPack, aIdx, bPack, bIdx, kc, tile, 0, NR);
                            keep(tile, NR, rows, cols, c, cOff + i * n + j, n, add, bias, j, relu, last);
                        }
                    }
                }
            }
        }

        /** out[at + p·NR + q] = B(p0 + p, j + q) for p &lt; kc, zero past the last column. */
        private void packB(int j, int cols, int p0, int kc, float[] out, int at) {
            if (cols < NR) java.util.Arrays.fill(out, at, at + NR * kc, 0f);
            if (transB) {  // B stored [n×k]: eight stored rows at a time, read side by side
                int q = 0;
                for (; q + 8 <= cols; q += 8) transposeRows(b, bOff + (j + q) * k + p0, k, kc, out, at + q, NR);
                for (; q < cols; q++) {
                    int src = bOff + (j + q) * k + p0;
                    for (int p = 0; p < kc; p++) out[at + p * NR + q] = b[src + p];
                }
            } else {
                for (int p = 0; p < kc; p++) System.arraycopy(b, bOff + (p0 + p) * n + j, out, at + p * NR, cols);
            }
        }

        /**
         * out[at + p·stride + r] = src[from + r·ld + p] for the eight rows r and p &lt; len: the
         * eight rows are read side by side and each step's eight values are stored together, 1.6
         * times as fast as one row at a time (measured, 0.36 against 0.58 ns per value).
         */
        private static void transposeRows(float[] src, int from, int ld, int len, float[] out, int at, int stride) {
            int s0 = from, s1 = s0 + ld, s2 = s1 + ld, s3 = s2 + ld, s4 = s3 + ld, s5 = s4 + ld, s6 = s5 + ld, s7 = s6 + ld;
            for (int p = 0; p < len; p++) {
                int d = at + p * stride;
                out[d] = src[s0 + p];
                out[d + 1] = src[s1 + p];
                out[d + 2] = src[s2 + p];
                out[d + 3] = src[s3 + p];
                out[d + 4] = src[s4 + p];
                out[d + 5] = src[s5 + p];
                out[d + 6] = src[s6 + p];
                out[d + 7] = src[s7 + p];
            }
        }

        /** out[at + p·MR + r] = A(i + r, p) for r &lt; rows and all p; zeros for the rows past m, whose products no one keeps. */
        private void packA(int i, int rows, float[] out, int at) {
            if (transA) {  // A stored [k×m]: for each p, the rows' values sit side by side
                for (int p = 0; p < k; p++) {
                    int src = aOff + p * m + i, dst = at + p * MR;
                    for (int r = 0; r < rows; r++) out[dst + r] = a[src + r];
                }
            } else if (rows == MR) {  // A stored [m×k]: eight rows read side by side, each step's eight values stored together
                transposeRows(a, aOff + i * k, k, k, out, at, MR);
            } else {
                for (int r = 0; r < rows; r++) {
                    int src = aOff + (i + r) * k, dst = at + r;
                    for (int p = 0; p < k; p++) out[dst + p * MR] = a[src + p];
                }
            }
            if (rows < MR) for (int p = 0; p < k; p++) java.util.Arrays.fill(out, at + p * MR + rows, at + (p + 1) * MR, 0f);
        }
    }
}
