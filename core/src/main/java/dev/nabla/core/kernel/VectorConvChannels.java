package dev.nabla.core.kernel;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link VectorConv}'s forward and weight gradient with the output channels along the vector
 * lanes, for layers whose output channels fill whole vectors (16, 32, ... with AVX-512): a register
 * holds one position's value for 16 channels, so only the positions that exist are computed (none
 * of the Wp - OW dropped ones) and none of the lanes idle. LeNet's second layer (6 to 16
 * channels, 10 x 10 outputs) runs here. Each step along q loads one vector of weights and
 * broadcasts 12 input values, one per position of the tile (12 consecutive positions of an output
 * row, read at one base plus 0..11, so that C2 checks their bounds together rather than 12 times):
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

    /** The window shifts padded to whole tiles by repeating the last. */
    static int[] shifts(PaddedImage lay) {
        int[] off = Arrays.copyOf(lay.off, roundUp(lay.k, TILE));
        Arrays.fill(off, lay.k, off.length, lay.off[lay.k - 1]);
        return off;
    }

    /** {@link Kernels#conv2d} for stride 1 and whole vectors of output channels. */
    static void forward(boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        PaddedImage lay = new PaddedImage(g, TILE, L, TILE);
        int k = lay.k, image = g.channels() * g.planeSize(), positions = g.positions(), rowTiles = roundUp(lay.ow, TILE);
        int length = Math.max(lay.length, (lay.oh - 1) * lay.wp + rowTiles + lay.off[k - 1]);  // the last tile's loads past a row
        float[] wt = new float[k * outChannels];  // Wᵀ [k × O]
        for (int o = 0; o < outChannels; o++)
            for (int q = 0; q < k; q++) wt[q * outChannels + o] = w[o * k + q];
        Parallel.forChunks(batch, parallel, next -> {
            float[] xp = new float[length], out = new float[(positions + TILE) * outChannels];  // out [position × O], a tile's room past the end
            for (int n; (n = next.getAsInt()) >= 0; ) {
                lay.pad(x, n * image, xp);
                for (int o = 0; o < outChannels; o += L)
                    for (int oy = 0; oy < lay.oh; oy++)  // a row's last tile writes past the row; the next row's tiles (or the room) take it
                        for (int ox = 0; ox < lay.ow; ox += TILE) tile(xp, lay.off, k, oy * lay.wp + ox, wt, outChannels, o, out, oy * lay.ow + ox);
                for (int o = 0, at = n * outChannels * positions; o < outChannels; o++, at += positions) {
                    float b = bias == null ? 0f : bias[o];
                    for (int p = 0; p < positions; p++) y[at + p] = out[p * outChannels + o] + b;
                }
            }
        });
    }

    /**
     * out[(p + r)·ldw + o ..] = Σ_q xp[t + r + off[q]] · wt[q·ldw + o ..] for r &lt; 12: 12 consecutive positions
     * of one output row from t (output number p), L channels. The 12 loads share one base, so C2 checks
     * their bounds together.
     */
    private static void tile(float[] xp, int[] off, int k, int t, float[] wt, int ldw, int o, float[] out, int p) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        for (int q = 0; q < k; q++) {
            int e = t + off[q];
            FloatVector v = FloatVector.fromArray(S, wt, q * ldw + o);
            c0 = FloatVector.broadcast(S, xp[e]).fma(v, c0);
            c1 = FloatVector.broadcast(S, xp[e + 1]).fma(v, c1);
            c2 = FloatVector.broadcast(S, xp[e + 2]).fma(v, c2);
            c3 = FloatVector.broadcast(S, xp[e + 3]).fma(v, c3);
            c4 = FloatVector.broadcast(S, xp[e + 4]).fma(v, c4);
            c5 = FloatVector.broadcast(S, xp[e + 5]).fma(v, c5);
            c6 = FloatVector.broadcast(S, xp[e + 6]).fma(v, c6);
            c7 = FloatVector.broadcast(S, xp[e + 7]).fma(v, c7);
            c8 = FloatVector.broadcast(S, xp[e + 8]).fma(v, c8);
            c9 = FloatVector.broadcast(S, xp[e + 9]).fma(v, c9);
            c10 = FloatVector.broadcast(S, xp[e + 10]).fma(v, c10);
            c11 = FloatVector.broadcast(S, xp[e + 11]).fma(v, c11);
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
     * acc[q·O + o] += Σ_p xp[t(p) + off[q]]·dy[o, p] over one image's positions p = (oy, ox), t(p) = oy·Wp + ox
     * (dyt is dy turned to [position × O]), for every q of the padded shifts; then acc[off.length·O + o] += Σ_p dy[o, p] for db.
     */
    static void weightGradient(PaddedImage lay, float[] xp, int[] off, float[] dyt, int outChannels, float[] acc) {
        int positions = lay.oh * lay.ow;
        for (int o = 0; o < outChannels; o += L) {
            for (int q = 0; q < off.length; q += TILE)
                for (int oy = 0; oy < lay.oh; oy++) weightTile(xp, off, q, oy * lay.wp, oy * lay.ow, lay.ow, dyt, outChannels, o, acc);
            FloatVector s = FloatVector.fromArray(S, acc, off.length * outChannels + o);
            for (int p = 0; p < positions; p++) s = s.add(FloatVector.fromArray(S, dyt, p * outChannels + o));
            s.intoArray(acc, off.length * outChannels + o);
        }
    }

    /**
     * 12 window values q0.. against L channels from o, summed along the {@code count} positions of one
     * output row (t from t0, numbered from p0), added into acc. One row per call, so that every load
     * is a base fixed for the call plus the column: C2 checks bounds once per call, not per load.
     */
    private static void weightTile(float[] xp, int[] off, int q0, int t0, int p0, int count, float[] dyt, int ldo, int o, float[] acc) {
        FloatVector c0 = FloatVector.zero(S), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0, c6 = c0, c7 = c0, c8 = c0, c9 = c0, c10 = c0, c11 = c0;
        int e0 = t0 + off[q0], e1 = t0 + off[q0 + 1], e2 = t0 + off[q0 + 2], e3 = t0 + off[q0 + 3], e4 = t0 + off[q0 + 4], e5 = t0 + off[q0 + 5];
        int e6 = t0 + off[q0 + 6], e7 = t0 + off[q0 + 7], e8 = t0 + off[q0 + 8], e9 = t0 + off[q0 + 9], e10 = t0 + off[q0 + 10], e11 = t0 + off[q0 + 11];
        for (int ox = 0; ox < count; ox++) {
            FloatVector d = FloatVector.fromArray(S, dyt, (p0 + ox) * ldo + o);
            c0 = FloatVector.broadcast(S, xp[e0 + ox]).fma(d, c0);
            c1 = FloatVector.broadcast(S, xp[e1 + ox]).fma(d, c1);
            c2 = FloatVector.broadcast(S, xp[e2 + ox]).fma(d, c2);
            c3 = FloatVector.broadcast(S, xp[e3 + ox]).fma(d, c3);
            c4 = FloatVector.broadcast(S, xp[e4 + ox]).fma(d, c4);
            c5 = FloatVector.broadcast(S, xp[e5 + ox]).fma(d, c5);
            c6 = FloatVector.broadcast(S, xp[e6 + ox]).fma(d, c6);
            c7 = FloatVector.broadcast(S, xp[e7 + ox]).fma(d, c7);
            c8 = FloatVector.broadcast(S, xp[e8 + ox]).fma(d, c8);
            c9 = FloatVector.broadcast(S, xp[e9 + ox]).fma(d, c9);
            c10 = FloatVector.broadcast(S, xp[e10 + ox]).fma(d, c10);
            c11 = FloatVector.broadcast(S, xp[e11 + ox]).fma(d, c11);
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
