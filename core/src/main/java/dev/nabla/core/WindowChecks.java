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
     * {@code channels} is what the window spans: C for a convolution, N·C for pooling. The padded
     * sizes are computed in long: padding near {@code Integer.MAX_VALUE} is refused with the true size.
     */
    static SlidingWindow window(String op, Tensor x, int channels, int kh, int kw, int stride, int padding, String kernelOf) {
        if (kh < 1 || kw < 1) {  // PyTorch's words
            throw new IllegalArgumentException(op + ": kernel size should be greater than zero, but got kernel_height: " + kh
                    + " kernel_width: " + kw + kernelOf);
        }
        int h = x.shape[2], w = x.shape[3];
        long ph = h + 2L * padding, pw = w + 2L * padding;
        if (Math.max(ph, pw) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(op + ": padding " + padding + " makes the padded input " + ph + "x" + pw + " (input "
                    + Shapes.str(x.shape) + "), more than the largest size, " + Integer.MAX_VALUE);
        }
        if (ph < kh || pw < kw) {
            throw new IllegalArgumentException(op + ": kernel " + kh + "x" + kw + kernelOf + " is larger than the padded input "
                    + ph + "x" + pw + " (input " + Shapes.str(x.shape) + ", padding " + padding + ")");
        }
        return new SlidingWindow(channels, h, w, kh, kw, stride, padding);
    }

    /**
     * Fails unless one padded image, C·(H + 2p)·(W + 2p) values, fits an array: the convolution
     * kernels lay it out (the im2col source), and its indices are ints.
     */
    static void paddedImage(String op, Tensor x, int padding) {
        long ph = x.shape[2] + 2L * padding, pw = x.shape[3] + 2L * padding;  // each below 2^31 (see window): ph·pw is exact
        java.math.BigInteger n = java.math.BigInteger.valueOf(ph * pw).multiply(java.math.BigInteger.valueOf(x.shape[1]));
        if (n.compareTo(java.math.BigInteger.valueOf(Shapes.MAX_NUMEL)) > 0) {
            throw new IllegalArgumentException(op + ": padding " + padding + " makes each padded image " + x.shape[1] + "x" + ph + "x" + pw
                    + " = " + n + " values (input " + Shapes.str(x.shape) + "), more than the " + Shapes.MAX_NUMEL + " one array can hold");
        }
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
        return window(op, x, Shapes.product(x.shape, 0, 2), kernelSize, kernelSize, stride, padding, "");
    }
}
