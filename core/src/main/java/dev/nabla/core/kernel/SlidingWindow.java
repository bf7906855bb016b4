package dev.nabla.core.kernel;

/**
 * A kernelHeight x kernelWidth window sliding over {@code channels} planes of height x width, in
 * steps of {@code stride}, over the planes padded with {@code padding} rows and columns on every
 * side: the geometry convolution and pooling share. The window's top-left corner visits
 * (oy·stride - padding, ox·stride - padding) for oy &lt; {@link #outHeight()}, ox &lt; {@link #outWidth()}:
 * <pre>
 * outHeight = (height + 2·padding - kernelHeight) / stride + 1     (rounded down)
 * </pre>
 * For a convolution, {@code channels} is the input's C (the window spans all of them); for
 * pooling, it is N·C (each plane is pooled on its own).
 */
public record SlidingWindow(int channels, int height, int width, int kernelHeight, int kernelWidth, int stride, int padding) {
    /** Checks what the kernels rely on; the ops report bad arguments to users before this. */
    public SlidingWindow {
        if (channels < 0 || height < 0 || width < 0 || kernelHeight < 1 || kernelWidth < 1 || stride < 1 || padding < 0
                || height + 2 * padding < kernelHeight || width + 2 * padding < kernelWidth) {
            throw new IllegalArgumentException("SlidingWindow: invalid geometry: " + channels + " planes of " + height + "x" + width
                    + ", window " + kernelHeight + "x" + kernelWidth + ", stride " + stride + ", padding " + padding);
        }
    }

    /** Rows of output: (height + 2·padding - kernelHeight) / stride + 1. */
    public int outHeight() {
        return (height + 2 * padding - kernelHeight) / stride + 1;
    }

    /** Columns of output: (width + 2·padding - kernelWidth) / stride + 1. */
    public int outWidth() {
        return (width + 2 * padding - kernelWidth) / stride + 1;
    }

    /** Values under the window across all channels: the rows of im2col's matrix, channels·kernelHeight·kernelWidth. */
    public int patchSize() {
        return channels * kernelHeight * kernelWidth;
    }

    /** Positions of the window: the columns of im2col's matrix, outHeight·outWidth. */
    public int positions() {
        return outHeight() * outWidth();
    }

    /** Values in one plane: height·width. */
    public int planeSize() {
        return height * width;
    }
}
