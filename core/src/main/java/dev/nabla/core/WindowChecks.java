package dev.nabla.core;

import dev.nabla.core.kernel.SlidingWindow;

/** The argument checks conv2d and the poolings share, with messages that name the op, the values and the shapes. */
final class WindowChecks {
    private WindowChecks() {}

    /** Fails unless x is [N, C, H, W]. */
    static void fourD(String op, Tensor x) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(op + ": expects a 4-d input [N, C, H, W], but got a " + x.dim() + "-d input of shape "
                    + Shapes.str(x.shape) + (x.dim() == 3 ? "; a single image needs a batch dimension: x.unsqueeze(0)" : ""));
        }
    }

    /** Fails unless stride &gt; 0 and padding ≥ 0. */
    static void strideAndPadding(String op, int stride, int padding) {
        if (stride < 1) throw new IllegalArgumentException(op + ": stride must be positive, but got " + stride);
        if (padding < 0) throw new IllegalArgumentException(op + ": padding must be non-negative, but got " + padding);
    }

    /**
     * The window of a kH x kW kernel over x's planes, failing when it is larger than the padded input.
     * {@code channels} is what the window spans: C for a convolution, N·C for pooling.
     */
    static SlidingWindow window(String op, Tensor x, int channels, int kh, int kw, int stride, int padding, String kernelOf) {
        int h = x.shape[2], w = x.shape[3];
        if (h + 2 * padding < kh || w + 2 * padding < kw) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + kernelOf + " is larger than the padded input "
                    + (h + 2 * padding) + "x" + (w + 2 * padding) + " (input " + Shapes.str(x.shape) + ", padding " + padding + ")");
        }
        return new SlidingWindow(channels, h, w, kh, kw, stride, padding);
    }

    /** The window of {@code maxPool2d} or {@code avgPool2d}, every argument checked. */
    static SlidingWindow pool(String op, Tensor x, int kernelSize, int stride, int padding) {
        fourD(op, x);
        if (kernelSize < 1) throw new IllegalArgumentException(op + ": kernel size must be positive, but got " + kernelSize);
        strideAndPadding(op, stride, padding);
        if (padding > kernelSize / 2) {  // PyTorch's check and words: a window that could lie wholly in the padding
            throw new IllegalArgumentException(op + ": pad should be at most half of kernel size, but got pad=" + padding
                    + " and kernel_size=" + kernelSize);
        }
        return window(op, x, x.shape[0] * x.shape[1], kernelSize, kernelSize, stride, padding, "");
    }
}
