package dev.nabla.core.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Stride-1 convolutions on the Vector API with no im2col copy: the padded image itself is the
 * right operand of the product.
 *
 * <p>Pad each plane of an image to Hp x Wp and lay the planes end to end ({@link PaddedImage}).
 * Number the output position (oy, ox) t = oy·Wp + ox: its window value (c, i, j) is then
 * xp[t + off(c, i, j)] with off = (c·Hp + i)·Wp + j, one shift for every t. So, with q running over the C·kH·kW window values,
 * <pre>
 * y[o, t]            = Σ_q W[o, q] · xp[t + off[q]]      forward
 * dW[o, q]           = Σ_t dy[o, t] · xp[t + off[q]]     weight gradient (dy laid out by t, 0 between rows)
 * dxp[t + off[q]]   += Σ_o W[o, q] · dy[o, t]            input gradient, on the padded image, then cropped
 * </pre>
 * and L consecutive t are one vector load or store at any shift. The t with ox ≥ OW (the last
 * Wp - OW of each row) are computed and dropped: 4 of 32 for LeNet's first layer, 4 of 14 for its
 * second. The forward and the input gradient keep 6 rows x 2 vectors of t in 12 registers, as
 * {@link VectorGemm}'s micro-kernel; the weight gradient 3 output channels x 4 window values,
 * summed along t. The input gradient takes its 6 rows from 6 channels at one window position, so
 * the 6 vectors it adds into dxp never overlap.
 *
 * <p>Threads take images (forward) or the chunks of {@link Im2Col#CHUNKS} images (backward: the
 * weight and bias gradients of each chunk are summed apart, then in chunk order, so they are
 * bit-identical for any thread count), each thread with its own buffers for the call.
 */
final class VectorConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Forward tile: 6 output channels by 2 vectors of positions, 12 accumulators (as VectorGemm's). */
    private static final int MR = 6, NV = 2;
    /** Weight-gradient tile: 3 output channels by 4 window values, 12 accumulators. */
    private static final int WO = 3, WQ = 4;

    private VectorConv() {}

    /** Stride 1 and at least one channel run here; {@link Im2Col} does the rest. */
    static boolean supports(SlidingWindow g) {
        return g.stride() == 1 && g.channels() > 0;
    }

    /** {@link Kernels#conv2d} for stride 1. */
    static void forward(boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        PaddedImage lay = new PaddedImage(g, NV * L, L, WQ);
        float[] wm = Arrays.copyOf(w, roundUp(outChannels, MR) * lay.k);  // W [O × k], zero rows up to whole tiles
        int image = g.channels() * g.planeSize(), outImage = outChannels * g.positions();
        Parallel.forChunks(batch, parallel, next -> {
            float[] xp = new float[lay.length], out = new float[roundUp(outChannels, MR) * lay.positions];
            for (int n; (n = next.getAsInt()) >= 0; ) {
                lay.pad(x, n * image, xp);
                correlate(lay, xp, wm, out);
                unpad(lay, out, outChannels, bias, y, n * outImage);
            }
        });
    }

    /** {@link Kernels#conv2dBackward} for stride 1. */
    static void backward(boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                         float[] dx, float[] dw, float[] db) {
        int c = g.channels(), image = c * g.planeSize(), outImage = outChannels * g.positions();
        PaddedImage lay = new PaddedImage(g, NV * L, L, WQ);
        int window = g.kernelHeight() * g.kernelWidth(), rows = roundUp(outChannels, WO), scatterRows = roundUp(lay.k, MR);
        float[] wt = null;
        int[] offT = null;
        if (dx != null) {  // Wᵀ with its rows in the order (i, j, c), so 6 consecutive rows are channels at one window position
            wt = new float[scatterRows * outChannels];
            offT = new int[scatterRows];
            for (int q = 0; q < scatterRows; q++) {
                int cq = q % c, ij = q / c, src = Math.min(cq * window + ij, lay.k - 1);  // rows past k: zero weights, a valid shift
                offT[q] = lay.off[src];
                for (int o = 0; q < lay.k && o < outChannels; o++) wt[q * outChannels + o] = w[o * lay.k + src];
            }
        }
        float[] wT = wt;
        int[] shifts = offT;
        boolean params = dw != null || db != null, lanes = VectorConvChannels.supports(g, outChannels);  // lanes: channels along the lanes
        int[] off = lanes ? VectorConvChannels.shifts(lay) : null;
        int chunks = Math.min(batch, Im2Col.CHUNKS), positions = g.positions();
        int tiles = lanes ? off.length * outChannels : rows / WO * (lay.off.length / WQ) * WO * WQ * L;  // where the db sums start in acc
        float[][] sums = new float[chunks][];
        Parallel.forChunks(chunks, parallel, next -> {
            float[] dyp = new float[rows * lay.positions];  // dy[o, oy, ox] at t = oy·Wp + ox, 0 elsewhere
            float[] dyt = lanes && params ? new float[positions * outChannels] : null;  // dy turned to [position × O]
            float[] xp = params ? new float[lay.length] : null, dxp = dx != null ? new float[lay.length] : null;  // padded x, its gradient
            float[] acc = params ? new float[tiles + (lanes ? outChannels : rows * L)] : null;  // a chunk's sums: dW, then db
            for (int ch; (ch = next.getAsInt()) >= 0; ) {
                int n0 = (int) ((long) batch * ch / chunks), n1 = (int) ((long) batch * (ch + 1) / chunks);
                if (params) Arrays.fill(acc, 0f);
                for (int n = n0; n < n1; n++) {
                    for (int o = 0; o < outChannels && (dx != null || !lanes); o++)
                        for (int oy = 0; oy < lay.oh; oy++)
                            System.arraycopy(dy, n * outImage + (o * lay.oh + oy) * lay.ow, dyp, o * lay.positions + oy * lay.wp, lay.ow);
                    if (params) lay.pad(x, n * image, xp);
                    if (params && lanes) {
                        for (int o = 0; o < outChannels; o++)
                            for (int p = 0; p < positions; p++) dyt[p * outChannels + o] = dy[n * outImage + o * positions + p];
                        VectorConvChannels.weightGradient(lay, xp, off, dyt, outChannels, acc);
                    } else if (params) {
                        weightGradient(lay, xp, dyp, rows, acc, tiles);
                    }
                    if (dx != null) {
                        Arrays.fill(dxp, 0f);
                        for (int q = 0; q < scatterRows; q += MR)
                            for (int t = 0; t < lay.positions; t += NV * L) scatter(wT, q * outChannels, outChannels, dyp, lay.positions, t, dxp, shifts, q);
                        lay.crop(dxp, dx, n * image);
                    }
                }
                if (params) sums[ch] = lanes ? VectorConvChannels.reduce(acc, off.length, lay.k, outChannels) : reduce(lay, acc, outChannels, rows, tiles);
            }
        });
        Im2Col.addUp(sums, outChannels, lay.k, dw, db);
    }

    /** out[o, t] = Σ_q wm[o, q]·xp[t + off[q]] for every row o of wm and every t &lt; positions. */
    private static void correlate(PaddedImage lay, float[] xp, float[] wm, float[] out) {
        int rows = wm.length / lay.k;
        for (int o = 0; o < rows; o += MR)
            for (int t = 0; t < lay.positions; t += NV * L) tile(wm, o * lay.k, lay.k, xp, lay.off, t, out, o * lay.positions + t, lay.positions);
    }

    /** y[yOff + (o·OH + oy)·OW + ox] = out[o, oy·Wp + ox] + bias[o] for o &lt; outChannels: the kept positions. */
    private static void unpad(PaddedImage lay, float[] out, int outChannels, float[] bias, float[] y, int yOff) {
        for (int o = 0; o < outChannels; o++) {
            float b = bias == null ? 0f : bias[o];
            for (int oy = 0; oy < lay.oh; oy++) {
                int src = o * lay.positions + oy * lay.wp, dst = yOff + (o * lay.oh + oy) * lay.ow;
                for (int ox = 0; ox < lay.ow; ox++) y[dst + ox] = out[src + ox] + b;
            }
        }
    }

    /** 6 rows of wm from row offset w0 (row length k) against 2 vectors of t from t0: out[o0 + r·ldo + q] for q &lt; 2L. */
    private static void tile(float[] wm, int w0, int k, float[] xp, int[] off, int t0, float[] out, int o0, int ldo) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = w0, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k;
        for (int q = 0; q < k; q++) {
            int at = t0 + off[q];
            FloatVector b0 = FloatVector.fromArray(S, xp, at), b1 = FloatVector.fromArray(S, xp, at + L);
            FloatVector a = FloatVector.broadcast(S, wm[a0 + q]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, wm[a1 + q]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, wm[a2 + q]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, wm[a3 + q]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, wm[a4 + q]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, wm[a5 + q]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        c00.intoArray(out, o0);
        c01.intoArray(out, o0 + L);
        c10.intoArray(out, o0 + ldo);
        c11.intoArray(out, o0 + ldo + L);
        c20.intoArray(out, o0 + 2 * ldo);
        c21.intoArray(out, o0 + 2 * ldo + L);
        c30.intoArray(out, o0 + 3 * ldo);
        c31.intoArray(out, o0 + 3 * ldo + L);
        c40.intoArray(out, o0 + 4 * ldo);
        c41.intoArray(out, o0 + 4 * ldo + L);
        c50.intoArray(out, o0 + 5 * ldo);
        c51.intoArray(out, o0 + 5 * ldo + L);
    }

    /**
     * 6 rows of wt from w0 (row length k = O) against 2 vectors of dyp at t0 (row length ld), each of
     * the 12 results added into dxp at t0 + shift of its row: dxp[t + off[q]] += Σ_o W[o, q]·dy[o, t].
     */
    private static void scatter(float[] wt, int w0, int k, float[] dyp, int ld, int t0, float[] dxp, int[] off, int q) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c10 = c00, c11 = c00, c20 = c00, c21 = c00;
        FloatVector c30 = c00, c31 = c00, c40 = c00, c41 = c00, c50 = c00, c51 = c00;
        int a0 = w0, a1 = a0 + k, a2 = a1 + k, a3 = a2 + k, a4 = a3 + k, a5 = a4 + k;
        for (int o = 0; o < k; o++) {
            FloatVector b0 = FloatVector.fromArray(S, dyp, o * ld + t0), b1 = FloatVector.fromArray(S, dyp, o * ld + t0 + L);
            FloatVector a = FloatVector.broadcast(S, wt[a0 + o]);
            c00 = a.fma(b0, c00);
            c01 = a.fma(b1, c01);
            a = FloatVector.broadcast(S, wt[a1 + o]);
            c10 = a.fma(b0, c10);
            c11 = a.fma(b1, c11);
            a = FloatVector.broadcast(S, wt[a2 + o]);
            c20 = a.fma(b0, c20);
            c21 = a.fma(b1, c21);
            a = FloatVector.broadcast(S, wt[a3 + o]);
            c30 = a.fma(b0, c30);
            c31 = a.fma(b1, c31);
            a = FloatVector.broadcast(S, wt[a4 + o]);
            c40 = a.fma(b0, c40);
            c41 = a.fma(b1, c41);
            a = FloatVector.broadcast(S, wt[a5 + o]);
            c50 = a.fma(b0, c50);
            c51 = a.fma(b1, c51);
        }
        int d0 = t0 + off[q], d1 = t0 + off[q + 1], d2 = t0 + off[q + 2], d3 = t0 + off[q + 3], d4 = t0 + off[q + 4], d5 = t0 + off[q + 5];
        c00.add(FloatVector.fromArray(S, dxp, d0)).intoArray(dxp, d0);
        c01.add(FloatVector.fromArray(S, dxp, d0 + L)).intoArray(dxp, d0 + L);
        c10.add(FloatVector.fromArray(S, dxp, d1)).intoArray(dxp, d1);
        c11.add(FloatVector.fromArray(S, dxp, d1 + L)).intoArray(dxp, d1 + L);
        c20.add(FloatVector.fromArray(S, dxp, d2)).intoArray(dxp, d2);
        c21.add(FloatVector.fromArray(S, dxp, d2 + L)).intoArray(dxp, d2 + L);
        c30.add(FloatVector.fromArray(S, dxp, d3)).intoArray(dxp, d3);
        c31.add(FloatVector.fromArray(S, dxp, d3 + L)).intoArray(dxp, d3 + L);
        c40.add(FloatVector.fromArray(S, dxp, d4)).intoArray(dxp, d4);
        c41.add(FloatVector.fromArray(S, dxp, d4 + L)).intoArray(dxp, d4 + L);
        c50.add(FloatVector.fromArray(S, dxp, d5)).intoArray(dxp, d5);
        c51.add(FloatVector.fromArray(S, dxp, d5 + L)).intoArray(dxp, d5 + L);
    }

    /** acc += one image's Σ_t dyp[o, t]·xp[t + off[q]] for every tile of (o, q), then Σ_t dyp[o, t] for db from {@code tiles}. */
    private static void weightGradient(PaddedImage lay, float[] xp, float[] dyp, int rows, float[] acc, int tiles) {
        int at = 0;
        for (int o = 0; o < rows; o += WO)
            for (int q = 0; q < lay.off.length; q += WQ, at += WO * WQ * L) weightTile(dyp, o * lay.positions, lay.span, lay.positions, xp, lay.off, q, acc, at);
        for (int o = 0; o < rows; o++) {
            FloatVector s = FloatVector.fromArray(S, acc, tiles + o * L);
            for (int t = 0; t < lay.span; t += L) s = s.add(FloatVector.fromArray(S, dyp, o * lay.positions + t));
            s.intoArray(acc, tiles + o * L);
        }
    }

    /** 3 rows of dyp from d0 (row length ld) against the 4 shifts off[q..q+3] of xp, summed along t &lt; span into acc[at..] as 12 vectors. */
    private static void weightTile(float[] dyp, int d0, int span, int ld, float[] xp, int[] off, int q, float[] acc, int at) {
        FloatVector c00 = FloatVector.zero(S), c01 = c00, c02 = c00, c03 = c00, c10 = c00, c11 = c00;
        FloatVector c12 = c00, c13 = c00, c20 = c00, c21 = c00, c22 = c00, c23 = c00;
        int e0 = off[q], e1 = off[q + 1], e2 = off[q + 2], e3 = off[q + 3], d1 = d0 + ld, d2 = d1 + ld;
        for (int t = 0; t < span; t += L) {
            FloatVector x0 = FloatVector.fromArray(S, xp, t + e0), x1 = FloatVector.fromArray(S, xp, t + e1);
            FloatVector x2 = FloatVector.fromArray(S, xp, t + e2), x3 = FloatVector.fromArray(S, xp, t + e3);
            FloatVector d = FloatVector.fromArray(S, dyp, d0 + t);
            c00 = d.fma(x0, c00);
            c01 = d.fma(x1, c01);
            c02 = d.fma(x2, c02);
            c03 = d.fma(x3, c03);
            d = FloatVector.fromArray(S, dyp, d1 + t);
            c10 = d.fma(x0, c10);
            c11 = d.fma(x1, c11);
            c12 = d.fma(x2, c12);
            c13 = d.fma(x3, c13);
            d = FloatVector.fromArray(S, dyp, d2 + t);
            c20 = d.fma(x0, c20);
            c21 = d.fma(x1, c21);
            c22 = d.fma(x2, c22);
            c23 = d.fma(x3, c23);
        }
        c00.add(FloatVector.fromArray(S, acc, at)).intoArray(acc, at);
        c01.add(FloatVector.fromArray(S, acc, at + L)).intoArray(acc, at + L);
        c02.add(FloatVector.fromArray(S, acc, at + 2 * L)).intoArray(acc, at + 2 * L);
        c03.add(FloatVector.fromArray(S, acc, at + 3 * L)).intoArray(acc, at + 3 * L);
        c10.add(FloatVector.fromArray(S, acc, at + 4 * L)).intoArray(acc, at + 4 * L);
        c11.add(FloatVector.fromArray(S, acc, at + 5 * L)).intoArray(acc, at + 5 * L);
        c12.add(FloatVector.fromArray(S, acc, at + 6 * L)).intoArray(acc, at + 6 * L);
        c13.add(FloatVector.fromArray(S, acc, at + 7 * L)).intoArray(acc, at + 7 * L);
        c20.add(FloatVector.fromArray(S, acc, at + 8 * L)).intoArray(acc, at + 8 * L);
        c21.add(FloatVector.fromArray(S, acc, at + 9 * L)).intoArray(acc, at + 9 * L);
        c22.add(FloatVector.fromArray(S, acc, at + 10 * L)).intoArray(acc, at + 10 * L);
        c23.add(FloatVector.fromArray(S, acc, at + 11 * L)).intoArray(acc, at + 11 * L);
    }

    /** A chunk's vector sums as [O × (k + 1)]: the weight gradient, then the bias gradient in the last column. */
    private static float[] reduce(PaddedImage lay, float[] acc, int outChannels, int rows, int tiles) {
        float[] sum = new float[outChannels * (lay.k + 1)];
        int at = 0;
        for (int o0 = 0; o0 < rows; o0 += WO)
            for (int q0 = 0; q0 < lay.off.length; q0 += WQ, at += WO * WQ * L)
                for (int r = 0; r < WO; r++)
                    for (int s = 0; s < WQ; s++) {
                        int o = o0 + r, q = q0 + s;
                        if (o < outChannels && q < lay.k) sum[o * (lay.k + 1) + q] = lanes(acc, at + (r * WQ + s) * L);
                    }
        for (int o = 0; o < outChannels; o++) sum[o * (lay.k + 1) + lay.k] = lanes(acc, tiles + o * L);
        return sum;
    }

    /**
     * The L lanes stored at {@code at}, added in lane order. Not {@code reduceLanes(ADD)}: its order
     * is unspecified and differs between the interpreter and C2 (seen on JDK 25), which broke
     * bit-identical results between a run and its resumed twin.
     */
    private static float lanes(float[] acc, int at) {
        float sum = 0f;
        for (int l = 0; l < L; l++) sum += acc[at + l];
        return sum;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
