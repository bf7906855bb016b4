package dev.nabla.core.kernel;

import java.util.Arrays;

/**
 * Convolution lowered onto matrix products (im2col), as Caffe and PyTorch's CPU path do it.
 *
 * <p>For one image x [C, H, W], {@code cols} is a matrix [C·kH·kW × OH·OW]: column (oy, ox) holds
 * the values the window sees at (oy, ox), its row (c, i, j) being x[c, oy·s - p + i, ox·s - p + j]
 * (0 in the padding). Then, with the weights W [O, C, kH, kW] read as a matrix [O × C·kH·kW],
 * <pre>
 * forward    y[n]  = W · cols(x[n])              [O × OH·OW], bias added first
 * backward   dW   += dy[n] · cols(x[n])ᵀ         and db += dy[n] · 1 (a row of ones under cols)
 *            dx[n] = col2im(Wᵀ · dy[n])          col2im adds each entry back where im2col took it
 * </pre>
 * docs/cnn.md works through an example with every intermediate shape.
 *
 * <p>Threads take whole images; each keeps one cols buffer for the call, so nothing is allocated
 * per image. The weight and bias gradients are summed per chunk of images into their own buffer,
 * then chunk by chunk in order: the chunks depend only on the batch size, so the result is the
 * same bit for bit whichever thread runs a chunk and however many threads there are.
 */
final class Im2Col {
    /** Chunks of images for the weight gradient (each its own [O × C·kH·kW + 1] sum): enough for dynamic hand-out to 2-8 threads. */
    static final int CHUNKS = 16;

    private Im2Col() {}

    /** cols[colsOff + (c·kH + i)·kW + j, oy·OW + ox] = x[xOff + (c·H + iy)·W + ix] at iy = oy·s - p + i, ix = ox·s - p + j; 0 in the padding. */
    static void im2col(SlidingWindow g, float[] x, int xOff, float[] cols, int colsOff) {
        int oh = g.outHeight(), ow = g.outWidth(), s = g.stride();
        for (int c = 0; c < g.channels(); c++)
            for (int i = 0; i < g.kernelHeight(); i++)
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int row = colsOff + ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * oh * ow;
                    int ox0 = firstInside(j, g), ox1 = endInside(j, g, ow);  // ix = ox·s - p + j is inside [0, W) for ox0 ≤ ox < ox1
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * s - g.padding() + i, dst = row + oy * ow;
                        if (iy < 0 || iy >= g.height() || ox0 >= ox1) {
                            Arrays.fill(cols, dst, dst + ow, 0f);
                            continue;
                        }
                        int src = xOff + (c * g.height() + iy) * g.width() - g.padding() + j;  // + ox·s
                        Arrays.fill(cols, dst, dst + ox0, 0f);
                        if (s == 1) System.arraycopy(x, src + ox0, cols, dst + ox0, ox1 - ox0);
                        else for (int ox = ox0; ox < ox1; ox++) cols[dst + ox] = x[src + ox * s];
                        Arrays.fill(cols, dst + ox1, dst + ow, 0f);
                    }
                }
    }

    /** The adjoint of {@link #im2col}: adds each entry of cols onto the x value it was copied from (padding entries are dropped). */
    static void col2im(SlidingWindow g, float[] cols, int colsOff, float[] x, int xOff) {
        int oh = g.outHeight(), ow = g.outWidth(), s = g.stride();
        for (int c = 0; c < g.channels(); c++)
            for (int i = 0; i < g.kernelHeight(); i++)
                for (int j = 0; j < g.kernelWidth(); j++) {
                    int row = colsOff + ((c * g.kernelHeight() + i) * g.kernelWidth() + j) * oh * ow;
                    int ox0 = firstInside(j, g), ox1 = endInside(j, g, ow);
                    for (int oy = 0; oy < oh; oy++) {
                        int iy = oy * s - g.padding() + i;
                        if (iy < 0 || iy >= g.height()) continue;
                        int dst = xOff + (c * g.height() + iy) * g.width() - g.padding() + j, src = row + oy * ow;
                        if (s == 1) for (int ox = ox0; ox < ox1; ox++) x[dst + ox] += cols[src + ox];
                        else for (int ox = ox0; ox < ox1; ox++) x[dst + ox * s] += cols[src + ox];
                    }
                }
    }

    /** The first ox whose column ox·s - p + j is inside the image: ⌈(p - j) / s⌉, at least 0. */
    private static int firstInside(int j, SlidingWindow g) {
        return Math.max(0, -Math.floorDiv(j - g.padding(), g.stride()));
    }

    /** One past the last ox whose column ox·s - p + j is inside the image, at most ow. */
    private static int endInside(int j, SlidingWindow g, int ow) {
        return Math.min(ow, Math.floorDiv(g.width() - 1 + g.padding() - j, g.stride()) + 1);
    }

    /** True for the one case where cols(x) is x itself: a 1x1 window, stride 1, no padding. */
    private static boolean identity(SlidingWindow g) {
        return g.kernelHeight() == 1 && g.kernelWidth() == 1 && g.stride() == 1 && g.padding() == 0;
    }

    /** The largest Java array (a few words below Integer.MAX_VALUE on HotSpot). */
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /**
     * Whether one image's column matrix (with the backward's row of ones) fits in a Java array. A
     * huge padding can make it longer than any array although input and output fit (100x100
     * kernel, padding 250: 10,000 x 251,001 columns); such a convolution is computed directly.
     */
    static boolean lowerable(SlidingWindow g) {
        return ((long) g.patchSize() + 1) * g.positions() <= MAX_ARRAY;
    }

    /** {@link Kernels#conv2d}, with {@code kernels}' products, over images on several threads when {@code parallel}. */
    static void forward(Kernels kernels, boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels,
                        float[] bias, float[] y) {
        int k = g.patchSize(), positions = g.positions(), image = g.channels() * g.planeSize();
        if (!lowerable(g)) {
            ReferenceConv.conv2d(g, batch, x, w, outChannels, bias, y);
            return;
        }
        Parallel.forChunks(batch, parallel, next -> {
            float[] cols = identity(g) ? x : new float[k * positions];
            for (int n; (n = next.getAsInt()) >= 0; ) {
                int yOff = n * outChannels * positions;
                if (bias != null) {
                    for (int o = 0; o < outChannels; o++) Arrays.fill(y, yOff + o * positions, yOff + (o + 1) * positions, bias[o]);
                }
                if (cols != x) im2col(g, x, n * image, cols, 0);
                kernels.gemm(false, false, outChannels, positions, k, w, 0, cols, cols == x ? n * image : 0, y, yOff, bias != null);
            }
        });
    }

    /** {@link Kernels#conv2dBackward}, with {@code kernels}' products, over chunks of images on several threads when {@code parallel}. */
    static void backward(Kernels kernels, boolean parallel, SlidingWindow g, int batch, float[] x, float[] w, int outChannels,
                         float[] dy, float[] dx, float[] dw, float[] db) {
        if (!lowerable(g)) {
            ReferenceConv.conv2dBackward(g, batch, x, w, outChannels, dy, dx, dw, db);
            return;
        }
        int k = g.patchSize(), positions = g.positions(), image = g.channels() * g.planeSize(), chunks = Math.min(batch, CHUNKS);
        boolean params = dw != null || db != null;
        float[] wt = null;
        if (dx != null) {  // Wᵀ [C·kH·kW × O], so that Wᵀ·dy reads its left operand row by row
            wt = new float[k * outChannels];
            kernels.transpose(w, 1, outChannels, 1, k, 1, wt);
        }
        float[] wT = wt;
        float[][] sums = new float[chunks][];  // chunk c's [O × (k + 1)]: Σ dy[n]·[cols(x[n]); 1]ᵀ, weight gradient and bias gradient side by side
        Parallel.forChunks(chunks, parallel, next -> {
            float[] cols = params ? new float[(k + 1) * positions] : null, dcols = dx != null ? new float[k * positions] : null;
            if (cols != null) Arrays.fill(cols, k * positions, (k + 1) * positions, 1f);  // the row of ones that sums dy for db
            for (int c; (c = next.getAsInt()) >= 0; ) {
                int n0 = (int) ((long) batch * c / chunks), n1 = (int) ((long) batch * (c + 1) / chunks);
                float[] sum = params ? new float[outChannels * (k + 1)] : null;
                for (int n = n0; n < n1; n++) {
                    int dyOff = n * outChannels * positions;
                    if (params) {
                        im2col(g, x, n * image, cols, 0);
                        kernels.gemm(false, true, outChannels, k + 1, positions, dy, dyOff, cols, 0, sum, 0, n > n0);
                    }
                    if (dx != null) {
                        kernels.gemm(false, false, k, positions, outChannels, wT, 0, dy, dyOff, dcols, 0, false);
                        Arrays.fill(dx, n * image, (n + 1) * image, 0f);
                        col2im(g, dcols, 0, dx, n * image);
                    }
                }
                sums[c] = sum;
            }
        });
        addUp(sums, outChannels, k, dw, db);
    }

    /**
     * dw = Σ_c sums[c][o, q &lt; k] and db = Σ_c sums[c][o, k], in chunk order whatever thread computed
     * each chunk's [O × (k + 1)] sums (either output may be null).
     */
    static void addUp(float[][] sums, int outChannels, int k, float[] dw, float[] db) {
        if (dw != null) Arrays.fill(dw, 0, outChannels * k, 0f);
        if (db != null) Arrays.fill(db, 0, outChannels, 0f);
        for (float[] sum : sums) {
            for (int o = 0; o < outChannels && sum != null; o++) {
                if (dw != null) for (int q = 0; q < k; q++) dw[o * k + q] += sum[o * (k + 1) + q];
                if (db != null) db[o] += sum[o * (k + 1) + k];
            }
        }
    }
}
