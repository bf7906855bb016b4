package dev.nabla.nn;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.init.Init;
import java.util.Arrays;
import java.util.Objects;

/**
 * 2-d convolution over a batch of images [N, inChannels, H, W], as PyTorch's {@code nn.Conv2d}
 * with square kernels: weight [outChannels, inChannels, k, k], bias [outChannels], output
 * [N, outChannels, (H + 2·padding - k)/stride + 1, (W + 2·padding - k)/stride + 1] with zero padding.
 * Computed as one matrix product per image (see docs/cnn.md).
 */
public class Conv2d extends Module {
    private final int inChannels, outChannels, kernelSize, stride, padding;
    private final Tensor weight, bias;

    /** Stride 1, no padding, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize) {
        this(inChannels, outChannels, kernelSize, 1, 0);
    }

    /** With bias. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding) {
        this(inChannels, outChannels, kernelSize, stride, padding, true);
    }

    /** Initialised from the default generator. */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias) {
        this(inChannels, outChannels, kernelSize, stride, padding, bias, Rng.defaultGenerator());
    }

    /**
     * Initialised from {@code rng}.
     *
     * @throws IllegalArgumentException for sizes or a stride that are not positive, or negative padding
     */
    public Conv2d(int inChannels, int outChannels, int kernelSize, int stride, int padding, boolean bias, Rng rng) {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0) {
            throw new IllegalArgumentException("Conv2d: in_channels, out_channels and kernel_size must be positive, but got "
                    + inChannels + ", " + outChannels + " and " + kernelSize);
        }
        Windows.checkStrideAndPadding("Conv2d", stride, padding);
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernelSize = kernelSize;
        this.stride = stride;
        this.padding = padding;
        weight = registerParameter("weight", Tensor.zeros(outChannels, inChannels, kernelSize, kernelSize));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outChannels)) : null;
        resetParameters(rng);
    }

    /**
     * PyTorch's default: weight from kaiming_uniform_ with a = √5, which is U(-1/√fanIn, 1/√fanIn),
     * and bias from the same uniform; fanIn = inChannels·k·k.
     */
    public void resetParameters(Rng rng) {
        Init.kaimingUniform_(weight, Math.sqrt(5), Init.FanMode.FAN_IN, Init.Nonlinearity.LEAKY_RELU, rng);
        if (bias != null) {
            float bound = (float) (1 / Math.sqrt(Init.fanIn(weight)));
            Init.uniform_(bias, -bound, bound, rng);
        }
    }

    /**
     * @throws IllegalArgumentException naming this layer and the input's shape when the input is not
     *         4-d, has another number of channels, or is smaller than the kernel after padding
     */
    @Override
    public Tensor forward(Tensor x) {
        Windows.checkInput(this, Objects.requireNonNull(x, "x"), kernelSize, padding);
        if (x.size(1) != inChannels) {
            throw new IllegalArgumentException(this + " got input with " + x.size(1) + " channel" + (x.size(1) == 1 ? "" : "s") + ": "
                    + Arrays.toString(x.shape()) + "; it expects " + inChannels + " (weight " + Arrays.toString(weight.shape()) + ")");
        }
        return x.conv2d(weight, bias, stride, padding);  // dx = col2im(Wᵀ·dy) ; dW = Σ_n dy·colsᵀ ; db = Σ dy
    }

    /** The filters, [outChannels, inChannels, k, k]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias [outChannels], or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    /** Channels of each input image. */
    public int inChannels() {
        return inChannels;
    }

    /** Channels of each output: the number of filters. */
    public int outChannels() {
        return outChannels;
    }

    /** Height and width of each filter. */
    public int kernelSize() {
        return kernelSize;
    }

    /** Step between windows. */
    public int stride() {
        return stride;
    }

    /** Zeros added on each side of every image. */
    public int padding() {
        return padding;
    }

    @Override
    protected String extraRepr() {
        return inChannels + ", " + outChannels + ", kernel_size=(" + kernelSize + ", " + kernelSize + "), stride=(" + stride + ", " + stride + ")"
                + (padding != 0 ? ", padding=(" + padding + ", " + padding + ")" : "") + (bias == null ? ", bias=False" : "");
    }
}
