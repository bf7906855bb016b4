package dev.nabla.core.kernel;

/**
 * What the convolution and pooling kernels compute, as the plainest loops: seven nested loops
 * for a convolution, a bounds test for every value of every window. {@link ReferenceKernels}
 * runs them; the fast kernels are tested against them.
 */
final class ReferenceConv {
    private ReferenceConv() {}

    // y[n, o, oy, ox] = b[o] + Σ_{c,i,j} w[o, c, i, j]·x[n, c, oy·s - p + i, ox·s - p + j]: seven loops, padding skipped.
    static void conv2d(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] bias, float[] y) {
        int cs = g.channels(), h = g.height(), wd = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth(), oh = g.outHeight(), ow = g.outWidth();
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        float sum = bias == null ? 0f : bias[o];
                        for (int c = 0; c < cs; c++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * g.stride() - g.padding() + i, ix = ox * g.stride() - g.padding() + j;
                                    if (iy >= 0 && iy < h && ix >= 0 && ix < wd) {
                                        sum += w[((o * cs + c) * kh + i) * kw + j] * x[((n * cs + c) * h + iy) * wd + ix];
                                    }
                                }
                        y[((n * outChannels + o) * oh + oy) * ow + ox] = sum;
                    }
    }

    // The same loops, each output's gradient d sent back along the products that made it:
    // dx[n, c, iy, ix] += w[o, c, i, j]·d ; dw[o, c, i, j] += x[n, c, iy, ix]·d ; db[o] += d
    static void conv2dBackward(SlidingWindow g, int batch, float[] x, float[] w, int outChannels, float[] dy,
                        float[] dx, float[] dw, float[] db) {
        int cs = g.channels(), h = g.height(), wd = g.width(), kh = g.kernelHeight(), kw = g.kernelWidth(), oh = g.outHeight(), ow = g.outWidth();
        if (dx != null) java.util.Arrays.fill(dx, 0, batch * cs * h * wd, 0f);
        if (dw != null) java.util.Arrays.fill(dw, 0, outChannels * g.patchSize(), 0f);
        if (db != null) java.util.Arrays.fill(db, 0, outChannels, 0f);
        for (int n = 0; n < batch; n++)
            for (int o = 0; o < outChannels; o++)
                for (int oy = 0; oy < oh; oy++)
                    for (int ox = 0; ox < ow; ox++) {
                        float d = dy[((n * outChannels + o) * oh + oy) * ow + ox];
                        if (db != null) db[o] += d;
                        for (int c = 0; c < cs; c++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int iy = oy * g.stride() - g.padding() + i, ix = ox * g.stride() - g.padding() + j;
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    int wi = ((o * cs + c) * kh + i) * kw + j, xi = ((n * cs + c) * h + iy) * wd + ix;
                                    if (dx != null) dx[xi] += w[wi] * d;
                                    if (dw != null) dw[wi] += x[xi] * d;
                                }
                    }
    }

    // y = the first maximum of the window in scan order (padding skipped), argmax its index in the plane.
    static void maxPool2d(SlidingWindow g, float[] x, float[] y, int[] argmax) {
        int oh = g.outHeight(), ow = g.outWidth();
        for (int p = 0; p < g.channels(); p++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    float m = Float.NEGATIVE_INFINITY;
                    int best = -1;
                    for (int i = 0; i < g.kernelHeight(); i++)
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int iy = oy * g.stride() - g.padding() + i, ix = ox * g.stride() - g.padding() + j;
                            if (iy < 0 || iy >= g.height() || ix < 0 || ix >= g.width()) continue;
                            float v = x[p * g.planeSize() + iy * g.width() + ix];
                            if (best < 0 || v > m || Float.isNaN(v)) {  // the first maximum; a NaN wins
                                m = v;
                                best = iy * g.width() + ix;
                            }
                        }
                    y[(p * oh + oy) * ow + ox] = m;
                    argmax[(p * oh + oy) * ow + ox] = best;
                }
    }

    // dx[p, argmax] += dy: each output's gradient to the value it chose.
    static void maxPool2dBackward(SlidingWindow g, float[] dy, int[] argmax, float[] dx) {
        java.util.Arrays.fill(dx, 0, g.channels() * g.planeSize(), 0f);
        for (int k = 0; k < g.channels() * g.positions(); k++) dx[k / g.positions() * g.planeSize() + argmax[k]] += dy[k];
    }

    // y = (Σ of the window's values inside the image) / (kH·kW): the padding counts as zeros.
    static void avgPool2d(SlidingWindow g, float[] x, float[] y) {
        int oh = g.outHeight(), ow = g.outWidth();
        for (int p = 0; p < g.channels(); p++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    float sum = 0f;
                    for (int i = 0; i < g.kernelHeight(); i++)
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int iy = oy * g.stride() - g.padding() + i, ix = ox * g.stride() - g.padding() + j;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) sum += x[p * g.planeSize() + iy * g.width() + ix];
                        }
                    y[(p * oh + oy) * ow + ox] = sum / (g.kernelHeight() * g.kernelWidth());
                }
    }

    // dx += dy / (kH·kW) under each window.
    static void avgPool2dBackward(SlidingWindow g, float[] dy, float[] dx) {
        int oh = g.outHeight(), ow = g.outWidth();
        java.util.Arrays.fill(dx, 0, g.channels() * g.planeSize(), 0f);
        for (int p = 0; p < g.channels(); p++)
            for (int oy = 0; oy < oh; oy++)
                for (int ox = 0; ox < ow; ox++) {
                    float d = dy[(p * oh + oy) * ow + ox] / (g.kernelHeight() * g.kernelWidth());
                    for (int i = 0; i < g.kernelHeight(); i++)
                        for (int j = 0; j < g.kernelWidth(); j++) {
                            int iy = oy * g.stride() - g.padding() + i, ix = ox * g.stride() - g.padding() + j;
                            if (iy >= 0 && iy < g.height() && ix >= 0 && ix < g.width()) dx[p * g.planeSize() + iy * g.width() + ix] += d;
                        }
                }
    }
}
