package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * The mean of each kernelSize x kernelSize window of every channel, as PyTorch's
 * {@code nn.AvgPool2d}: [N, C, H, W] to [N, C, (H + 2·padding - k)/stride + 1, ...]. Padding
 * zeros count in the divisor, which is always k² (PyTorch's default {@code count_include_pad=True}).
 */
public class AvgPool2d extends Module {
    private final int kernelSize, stride, padding;

    /** Stride = kernel size (non-overlapping windows), no padding: PyTorch's default. */
    public AvgPool2d(int kernelSize) {
        this(kernelSize, kernelSize);
    }

    /** No padding. */
    public AvgPool2d(int kernelSize, int stride) {
        this(kernelSize, stride, 0);
    }

    /**
     * @throws IllegalArgumentException for a kernel size or stride that is not positive, or padding
     *         negative or more than half the kernel (PyTorch's words)
     */
    public AvgPool2d(int kernelSize, int stride, int padding) {
        Windows.checkPool("AvgPool2d", kernelSize, stride, padding);
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
    }

    @Override
    public Tensor forward(Tensor x) {
        Windows.checkInput(this, Objects.requireNonNull(x, "x"), kernelSize, padding);
        return x.avgPool2d(kernelSize, stride, padding);  // dx = Σ over the windows that hold x of dy / k²
    }

    /** Height and width of each window. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Step between windows. */
    public int stride() {
        return stride;
    }

    /** Rows and columns of zeros added on each side. */
    public int padding() {
        return padding;
    }

    @Override
    protected String extraRepr() {
        return "kernel_size=" + kernelSize + ", stride=" + stride + ", padding=" + padding;
    }
}
