package dev.nabla.core.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorConv}'s forward and weight gradient with the output channels along the vector
 * lanes, for layers whose output channels fill whole vectors (16, 32, ... with AVX-512): a register
 * holds one position's value for 16 channels, so only the positions that exist are computed (none
 * of the Wp - OW dropped ones) and none of the lanes idle. LeNet's second layer (6 to 16
 * channels, 10 x 10 outputs) runs here: its positions are 100 rather than 160. Each step along q
 * loads one vector of weights and broadcasts 12 input values, one per position of the tile:
 * <pre>
 * y[t, o..o+L]  += xp[t + off[q]] · Wᵀ[q, o..o+L]      for 12 positions t at once
 * dW[q, o..o+L] += xp[t + off[q]] · dyᵀ[t, o..o+L]     for 12 window values q at once, along t
 * </pre>
 * so both products come out with channels last and are turned back when stored.
 */
final class VectorConvChannels {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Register tile: 12 accumulators, each one vector of output channels. */
    private static final int TILE = 12;

    private VectorConvChannels() {}

    /** Stride 1, at least one channel in, and output channels in whole vectors. */
    static boolean supports(SlidingWindow g, int outChannels) {
        return VectorConv.supports(g) && outChannels % L == 0;
    }

    /** The position t = oy·Wp + ox of each output (oy, ox), padded to whole tiles by repeating the last. */
    static int[] positions(PaddedImage lay) {
        int[] pos = new int[roundUp(lay.oh * lay.ow, TILE)];
        for (int oy = 0, p = 0; oy < lay.oh; oy++)
            for (int ox = 0; ox < lay.ow; ox++) pos[p++] = oy * lay.wp + ox;
        Arrays.fill(pos, lay.oh * lay.ow, pos.length, pos[lay.oh * lay.ow - 1]);
        return pos;
    }

    /** The window shifts padded to whole tiles by repeating the last. */
    static int[] shifts(PaddedImage lay) {
        int[] off = Arrays.copyOf(lay.off, roundUp(lay.k, TILE));
        Arrays.fill(off, lay.k, off.length, lay.off[lay.k - 1]);
        return off;
    }

    /** {@link Kernels#conv2d} for stride 1 and whole vectors of output channels. */
    static void forward(boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        PaddedImage lay = new PaddedImage(g, TILE, L, TILE);
        int[] pos = positions(lay);
        int k = lay.k, image = g.channels() * g.planeSize(), positions = g.positions();
        float[] wt = new float[k * outChannels];  // Wᵀ [k × O]
        for (int o = 0; o < outChannels; o++)
            for (int q = 0; q < k; q++) wt[q * outChannels + o] = w[o * k + q];
        Parallel.forChunks(batch, parallel, next -> {
            float[] xp = new float[lay.length], out = new float[pos.length * outChannels];  // out [position × O]
            for (int n; (n = next.getAsInt()) >= 0; ) {
                lay.pad(x, n * image, xp);
                for (int o = 0; o < outChannels; o += L)
                    for (int p = 0; p < pos.length; p += TILE) tile(xp, lay.off, k, pos, p, wt, outChannels, o, out);
                for (int o = 0, at = n * outChannels * positions; o < outChannels; o++, at += positions) {
                    float b = bias == null ? 0f : bias[o];
                    for (int p = 0; p < positions; p++) y[at + p] = out[p * outChannels + o] + b;
                }
            }
        });
    }

    /** out[(p + r)·ldw + o ..] = Σ_q xp[pos[p + r] + off[q]] · wt[q·ldw + o ..] for r &lt; 12: 12 positions, L channels. */
    private static void tile(float[] xp, int[] off, int k, int[] pos, int p, float[] wt, int ldw, int o, float[] out) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        int t0 = pos[p], t1 = pos[p + 1], t2 = pos[p + 2], t3 = pos[p + 3], t4 = pos[p + 4], t5 = pos[p + 5];
        int t6 = pos[p + 6], t7 = pos[p + 7], t8 = pos[p + 8], t9 = pos[p + 9], t10 = pos[p + 10], t11 = pos[p + 11];
        for (int q = 0; q < k; q++) {
            int e = off[q];
            FloatVector v = FloatVector.fromArray(S, wt, q * ldw + o);
            c0 = FloatVector.broadcast(S, xp[t0 + e]).fma(v, c0);
            c1 = FloatVector.broadcast(S, xp[t1 + e]).fma(v, c1);
            c2 = FloatVector.broadcast(S, xp[t2 + e]).fma(v, c2);
            c3 = FloatVector.broadcast(S, xp[t3 + e]).fma(v, c3);
            c4 = FloatVector.broadcast(S, xp[t4 + e]).fma(v, c4);
            c5 = FloatVector.broadcast(S, xp[t5 + e]).fma(v, c5);
            c6 = FloatVector.broadcast(S, xp[t6 + e]).fma(v, c6);
            c7 = FloatVector.broadcast(S, xp[t7 + e]).fma(v, c7);
            c8 = FloatVector.broadcast(S, xp[t8 + e]).fma(v, c8);
            c9 = FloatVector.broadcast(S, xp[t9 + e]).fma(v, c9);
            c10 = FloatVector.broadcast(S, xp[t10 + e]).fma(v, c10);
            c11 = FloatVector.broadcast(S, xp[t11 + e]).fma(v, c11);
        }
        int at = p * ldw + o;
        c0.intoArray(out, at);
        c1.intoArray(out, at + ldw);
        c2.intoArray(out, at + 2 * ldw);
        c3.intoArray(out, at + 3 * ldw);
        c4.intoArray(out, at + 4 * ldw);
        c5.intoArray(out, at + 5 * ldw);
        c6.intoArray(out, at + 6 * ldw);
        c7.intoArray(out, at + 7 * ldw);
        c8.intoArray(out, at + 8 * ldw);
        c9.intoArray(out, at + 9 * ldw);
        c10.intoArray(out, at + 10 * ldw);
        c11.intoArray(out, at + 11 * ldw);
    }

    /**
     * acc[q·O + o] += Σ_p xp[pos[p] + off[q]]·dy[o, p] over one image's positions (dyt is dy turned to
     * [position × O]), for every q of the padded shifts; then acc[off.length·O + o] += Σ_p dy[o, p] for db.
     */
    static void weightGradient(float[] xp, int[] off, int[] pos, int positions, float[] dyt, int outChannels, float[] acc) {
        for (int o = 0; o < outChannels; o += L) {
            for (int q = 0; q < off.length; q += TILE) weightTile(xp, off, q, pos, positions, dyt, outChannels, o, acc);
            FloatVector s = FloatVector.fromArray(S, acc, off.length * outChannels + o);
            for (int p = 0; p < positions; p++) s = s.add(FloatVector.fromArray(S, dyt, p * outChannels + o));
            s.intoArray(acc, off.length * outChannels + o);
        }
    }

    /** 12 window values q0.. against L channels from o, summed along the positions, added into acc. */
    private static void weightTile(float[] xp, int[] off, int q0, int[] pos, int positions, float[] dyt, int ldo, int o, float[] acc) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        int e0 = off[q0], e1 = off[q0 + 1], e2 = off[q0 + 2], e3 = off[q0 + 3], e4 = off[q0 + 4], e5 = off[q0 + 5];
        int e6 = off[q0 + 6], e7 = off[q0 + 7], e8 = off[q0 + 8], e9 = off[q0 + 9], e10 = off[q0 + 10], e11 = off[q0 + 11];
        for (int p = 0; p < positions; p++) {
            int t = pos[p];
            FloatVector d = FloatVector.fromArray(S, dyt, p * ldo + o);
            c0 = FloatVector.broadcast(S, xp[t + e0]).fma(d, c0);
            c1 = FloatVector.broadcast(S, xp[t + e1]).fma(d, c1);
            c2 = FloatVector.broadcast(S, xp[t + e2]).fma(d, c2);
            c3 = FloatVector.broadcast(S, xp[t + e3]).fma(d, c3);
            c4 = FloatVector.broadcast(S, xp[t + e4]).fma(d, c4);
            c5 = FloatVector.broadcast(S, xp[t + e5]).fma(d, c5);
            c6 = FloatVector.broadcast(S, xp[t + e6]).fma(d, c6);
            c7 = FloatVector.broadcast(S, xp[t + e7]).fma(d, c7);
            c8 = FloatVector.broadcast(S, xp[t + e8]).fma(d, c8);
            c9 = FloatVector.broadcast(S, xp[t + e9]).fma(d, c9);
            c10 = FloatVector.broadcast(S, xp[t + e10]).fma(d, c10);
            c11 = FloatVector.broadcast(S, xp[t + e11]).fma(d, c11);
        }
        int at = q0 * ldo + o;
        c0.add(FloatVector.fromArray(S, acc, at)).intoArray(acc, at);
        c1.add(FloatVector.fromArray(S, acc, at + ldo)).intoArray(acc, at + ldo);
        c2.add(FloatVector.fromArray(S, acc, at + 2 * ldo)).intoArray(acc, at + 2 * ldo);
        c3.add(FloatVector.fromArray(S, acc, at + 3 * ldo)).intoArray(acc, at + 3 * ldo);
        c4.add(FloatVector.fromArray(S, acc, at + 4 * ldo)).intoArray(acc, at + 4 * ldo);
        c5.add(FloatVector.fromArray(S, acc, at + 5 * ldo)).intoArray(acc, at + 5 * ldo);
        c6.add(FloatVector.fromArray(S, acc, at + 6 * ldo)).intoArray(acc, at + 6 * ldo);
        c7.add(FloatVector.fromArray(S, acc, at + 7 * ldo)).intoArray(acc, at + 7 * ldo);
        c8.add(FloatVector.fromArray(S, acc, at + 8 * ldo)).intoArray(acc, at + 8 * ldo);
        c9.add(FloatVector.fromArray(S, acc, at + 9 * ldo)).intoArray(acc, at + 9 * ldo);
        c10.add(FloatVector.fromArray(S, acc, at + 10 * ldo)).intoArray(acc, at + 10 * ldo);
        c11.add(FloatVector.fromArray(S, acc, at + 11 * ldo)).intoArray(acc, at + 11 * ldo);
    }

    /** A chunk's acc [off.length·O + O] as [O × (k + 1)]: the weight gradient, then the bias gradient in the last column. */
    static float[] reduce(float[] acc, int offs, int k, int outChannels) {
        float[] sum = new float[outChannels * (k + 1)];
        for (int o = 0; o < outChannels; o++) {
            for (int q = 0; q < k; q++) sum[o * (k + 1) + q] = acc[q * outChannels + o];
            sum[o * (k + 1) + k] = acc[offs * outChannels + o];
        }
        return sum;
    }

    private static int roundUp(int n, int multiple) {
        return (n + multiple - 1) / multiple * multiple;
    }
}
