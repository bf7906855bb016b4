package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Arrays;

/** The checks Conv2d and the pooling layers share, with messages that name the layer and the input's shape. */
final class Windows {
    private Windows() {}

    static void checkStrideAndPadding(String layer, int stride, int padding) {
        if (stride <= 0) throw new IllegalArgumentException(layer + ": stride must be positive, but got " + stride);
        if (padding < 0) throw new IllegalArgumentException(layer + ": padding must be non-negative, but got " + padding);
    }

    /** Fails unless x is [N, C, H, W] with H and W, once padded, at least the kernel's size. */
    static void checkInput(Module layer, Tensor x, int kernelSize, int padding) {
        if (x.dim() != 4) {
            throw new IllegalArgumentException(layer + " got a " + x.dim() + "-d input " + Arrays.toString(x.shape())
                    + "; it expects 4-d [N, C, H, W]" + (x.dim() == 3 ? ": a single image needs a batch dimension, x.unsqueeze(0)" : ""));
        }
        int h = x.size(2) + 2 * padding, w = x.size(3) + 2 * padding;
        if (h < kernelSize || w < kernelSize) {
            throw new IllegalArgumentException(layer + " got input " + Arrays.toString(x.shape()) + ": its kernel " + kernelSize + "x"
                    + kernelSize + " is larger than the padded input " + h + "x" + w + " (padding " + padding + ")");
        }
    }

    /** A pooling layer's arguments, with PyTorch's words for padding beyond half the window. */
    static void checkPool(String layer, int kernelSize, int stride, int padding) {
        if (kernelSize <= 0) throw new IllegalArgumentException(layer + ": kernel_size must be positive, but got " + kernelSize);
        checkStrideAndPadding(layer, stride, padding);
        if (padding > kernelSize / 2) {
            throw new IllegalArgumentException(layer + ": pad should be at most half of kernel size, but got pad=" + padding
                    + " and kernel_size=" + kernelSize);
        }
    }
}
