package dev.nabla.core.kernel;

/**
 * Max and average pooling for the fast kernels, over a range of planes so that threads can share
 * the planes out. The same arithmetic as {@link ReferenceKernels}, in the same order, from the
 * same 0 (so the results agree bit for bit), with the window clipped to the image once per output instead of a
 * bounds test per value, and the common 2x2 stride-2 window written out.
 */
final class Pooling {
    private Pooling() {}

    /** {@link Kernels#maxPool2d} for planes [from, to). */
    static void max(SlidingWindow g, float[] x, float[] y, int[] argmax, int from, int to) {
        int oh = g.outHeight(), ow = g.outWidth(), w = g.width();
        for (int p = from; p < to; p++) {
            int plane = p * g.planeSize();
            for (int oy = 0; oy < oh; oy++) {
                if (twoByTwo(g)) {  // the four values in scan order; selects rather than branches (random data mispredicts)
                    int out = (p * oh + oy) * ow;
                    for (int ox = 0, i0 = 2 * oy * w; ox < ow; ox++) {
                        int i = i0 + 2 * ox, best = i;
                        float m = x[plane + i], v = x[plane + i + 1];
                        boolean take = v > m | v != v;
                        m = take ? v : m;
                        best = take ? i + 1 : best;
                        v = x[plane + i + w];
                        take = v > m | v != v;
                        m = take ? v : m;
                        best = take ? i + w : best;
                        v = x[plane + i + w + 1];
                        take = v > m | v != v;
                        y[out + ox] = take ? v : m;
                        argmax[out + ox] = take ? i + w + 1 : best;
                    }
                    continue;
                }
                int iy0 = Math.max(0, oy * g.stride() - g.padding()), iy1 = Math.min(g.height(), oy * g.stride() - g.padding() + g.kernelHeight());
                for (int ox = 0; ox < ow; ox++) {
                    int ix0 = Math.max(0, ox * g.stride() - g.padding()), ix1 = Math.min(w, ox * g.stride() - g.padding() + g.kernelWidth());
                    int best = iy0 * w + ix0;
                    float m = x[plane + best];
                    for (int iy = iy0; iy < iy1; iy++)
                        for (int ix = iy == iy0 ? ix0 + 1 : ix0; ix < ix1; ix++) {
                            float v = x[plane + iy * w + ix];
                            if (v > m || Float.isNaN(v)) {  // the first maximum; a NaN wins
                                m = v;
                                best = iy * w + ix;
                            }
                        }
                    y[(p * oh + oy) * ow + ox] = m;
                    argmax[(p * oh + oy) * ow + ox] = best;
                }
            }
        }
    }

    /** {@link Kernels#maxPool2dBackward} for planes [from, to). */
    static void maxBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx, int from, int to) {
        int positions = g.positions(), size = g.planeSize();
        java.util.Arrays.fill(dx, from * size, to * size, 0f);
        for (int p = from; p < to; p++)
            for (int k = p * positions, end = k + positions; k < end; k++) dx[p * size + argmax[k]] += dy[k];
    }

    /** {@link Kernels#avgPool2d} for planes [from, to): the sum in scan order, then one division. */
    static void avg(SlidingWindow g, float[] x, float[] y, int from, int to) {
        int oh = g.outHeight(), ow = g.outWidth(), w = g.width();
        float divisor = (float) g.kernelHeight() * g.kernelWidth();  // in int, 65536² would be 0
        for (int p = from; p < to; p++) {
            int plane = p * g.planeSize();
            for (int oy = 0; oy < oh; oy++) {
                int out = (p * oh + oy) * ow;
                if (twoByTwo(g)) {  // LeNet's pooling: two rows, pairs of columns
                    int r0 = plane + 2 * oy * w, r1 = r0 + w;
                    for (int ox = 0; ox < ow; ox++) {
                        y[out + ox] = (0f + x[r0 + 2 * ox] + x[r0 + 2 * ox + 1] + x[r1 + 2 * ox] + x[r1 + 2 * ox + 1]) / divisor;
                    }
                    continue;
                }
                int iy0 = Math.max(0, oy * g.stride() - g.padding()), iy1 = Math.min(g.height(), oy * g.stride() - g.padding() + g.kernelHeight());
                for (int ox = 0; ox < ow; ox++) {
                    int ix0 = Math.max(0, ox * g.stride() - g.padding()), ix1 = Math.min(w, ox * g.stride() - g.padding() + g.kernelWidth());
                    float sum = 0f;
                    for (int iy = iy0; iy < iy1; iy++)
                        for (int ix = ix0; ix < ix1; ix++) sum += x[plane + iy * w + ix];
                    y[out + ox] = sum / divisor;
                }
            }
        }
    }

    /** {@link Kernels#avgPool2dBackward} for planes [from, to): each output's share dy / (kH·kW) added under its window. */
    static void avgBackward(SlidingWindow g, float[] dy, float[] dx, int from, int to) {
        int oh = g.outHeight(), ow = g.outWidth(), w = g.width();
        float divisor = (float) g.kernelHeight() * g.kernelWidth();  // in int, 65536² would be 0
        boolean tiles = g.stride() == g.kernelHeight() && g.stride() == g.kernelWidth() && g.padding() == 0;
        if (!tiles) java.util.Arrays.fill(dx, from * g.planeSize(), to * g.planeSize(), 0f);
        for (int p = from; p < to; p++) {
            int plane = p * g.planeSize();
            if (tiles && (oh * g.stride() != g.height() || ow * g.stride() != w)) {  // windows that tile the plane but leave an edge
                java.util.Arrays.fill(dx, plane, plane + g.planeSize(), 0f);
            }
            for (int oy = 0; oy < oh; oy++) {
                if (twoByTwo(g)) {  // LeNet's pooling: each share written to its four values
                    for (int ox = 0, r0 = plane + 2 * oy * w, r1 = r0 + w; ox < ow; ox++) {
                        float d = 0f + dy[(p * oh + oy) * ow + ox] / divisor;
                        dx[r0 + 2 * ox] = d;
                        dx[r0 + 2 * ox + 1] = d;
                        dx[r1 + 2 * ox] = d;
                        dx[r1 + 2 * ox + 1] = d;
                    }
                    continue;
                }
                int iy0 = Math.max(0, oy * g.stride() - g.padding()), iy1 = Math.min(g.height(), oy * g.stride() - g.padding() + g.kernelHeight());
                for (int ox = 0; ox < ow; ox++) {
                    float d = dy[(p * oh + oy) * ow + ox] / divisor;
                    int ix0 = Math.max(0, ox * g.stride() - g.padding()), ix1 = Math.min(w, ox * g.stride() - g.padding() + g.kernelWidth());
                    for (int iy = iy0; iy < iy1; iy++)
                        for (int ix = ix0; ix < ix1; ix++) {
                            if (tiles) dx[plane + iy * w + ix] = 0f + d;  // under one window only: written, not added (0 + d: -0 turns +0 as in the reference)
                            else dx[plane + iy * w + ix] += d;
                        }
                }
            }
        }
    }

    /** The 2x2 window of stride 2 without padding that LeNet and most CNNs pool with, written out. */
    private static boolean twoByTwo(SlidingWindow g) {
        return g.kernelHeight() == 2 && g.kernelWidth() == 2 && g.stride() == 2 && g.padding() == 0;
    }
}
