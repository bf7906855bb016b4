package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * The largest value of each kernelSize x kernelSize window of every channel, as PyTorch's
 * {@code nn.MaxPool2d}: [N, C, H, W] to [N, C, (H + 2·padding - k)/stride + 1, ...]. Padding
 * counts as -infinity; the gradient goes to the first maximum of each window.
 */
public class MaxPool2d extends Module {
    private final int kernelSize, stride, padding;

    /** Stride = kernel size (non-overlapping windows), no padding: PyTorch's default. */
    public MaxPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    /** No padding. */
    public MaxPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    /**
     * @throws IllegalArgumentException for a kernel size or stride that is not positive, or padding
     *         negative or more than half the kernel (PyTorch's words)
     */
    public MaxPool2d(int kernelSize, int stride, int padding) {
        Windows.checkPool("MaxPool2d", kernelSize, stride, padding);
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        Windows.checkInput(this, Objects.requireNonNull(x, "x"), kernelSize, padding);
        return x.maxPool2d(kernelSize, stride, padding);  // dx = dy at each window's first maximum
    }

    /** Height and width of each window. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Step between windows. */
    public int stride() {
        return stride;
    }

    /** Rows and columns of -infinity added on each side. */
    public int padding() {
        return padding;
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding + ", dilation=1, ceil_mode=False";
    }
}
