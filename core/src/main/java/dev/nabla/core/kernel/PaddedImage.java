package dev.nabla.core.kernel;

/**
 * The layout the Vector API convolutions read an image in: each of its C planes padded to
 * Hp x Wp (Hp = H + 2·padding) and laid end to end. Output position (oy, ox), numbered
 * t = oy·Wp + ox, then finds its window value q = (c, i, j) at t + off[q], with
 * off = (c·Hp + i)·Wp + j: one shift per window value, the same for every position.
 */
final class PaddedImage {
    final int channels, h, w, hp, wp, oh, ow, pad, k;
    /** Floats of the padded image, with room for every load of a tile: a buffer's size. */
    final int length;
    /** Positions t computed per output plane, covering (oh - 1)·wp + ow: in whole tiles, and in whole vectors. */
    final int positions, span;
    /** The shift of each window value, padded to a multiple of {@code shiftMultiple} by repeating the last. */
    final int[] off;

    /** The layout of {@code g}'s image, for tiles of {@code tile} positions and vectors of {@code vector}. */
    PaddedImage(SlidingWindow g, int tile, int vector, int shiftMultiple) {
        channels = g.channels();
        h = g.height();
        w = g.width();
        pad = g.padding();
        hp = h + 2 * pad;
        wp = w + 2 * pad;
        oh = g.outHeight();
        ow = g.outWidth();
        k = g.patchSize();
        int last = (oh - 1) * wp + ow;  // one past the last position that exists
        positions = (last + tile - 1) / tile * tile;
        span = (last + vector - 1) / vector * vector;
        off = new int[(k + shiftMultiple - 1) / shiftMultiple * shiftMultiple];
        for (int c = 0; c < channels; c++)
            for (int i = 0; i < g.kernelHeight(); i++)
                for (int j = 0; j < g.kernelWidth(); j++) off[(c * g.kernelHeight() + i) * g.kernelWidth() + j] = (c * hp + i) * wp + j;
        for (int q = k; q < off.length; q++) off[q] = off[k - 1];
        length = Math.max(channels * hp * wp, positions + off[k - 1]);
    }

    /** Copies the image at x[xOff..] into xp's interior; xp's padding keeps the zeros it was made with. */
    void pad(float[] x, int xOff, float[] xp) {
        for (int c = 0; c < channels; c++)
            for (int iy = 0; iy < h; iy++) System.arraycopy(x, xOff + (c * h + iy) * w, xp, (c * hp + iy + pad) * wp + pad, w);
    }

    /** xp's interior back to x[xOff..]: the padding cropped. */
    void crop(float[] xp, float[] x, int xOff) {
        for (int c = 0; c < channels; c++)
            for (int iy = 0; iy < h; iy++) System.arraycopy(xp, (c * hp + iy + pad) * wp + pad, x, xOff + (c * h + iy) * w, w);
    }
}
