package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.SlidingWindow;

/**
 * y = x ⋆ W + b, PyTorch's {@code F.conv2d} (a cross-correlation): x [N, C, H, W], W [O, C, kH, kW],
 * b [O] or null, y [N, O, (H + 2p - kH)/s + 1, (W + 2p - kW)/s + 1], zero padding. The kernels lower
 * it onto matrix products, one per image: y[n] = W [O × C·kH·kW] · cols(x[n]) [C·kH·kW × OH·OW],
 * where column (oy, ox) of cols holds the values under the window at (oy, ox) (im2col; see
 * {@link Kernels#conv2d} and docs/cnn.md).
 */
final class Conv2dOp extends Function {
    private final SlidingWindow window;
    private final int batch, outChannels;

    private Conv2dOp(Tensor x, Tensor w, Tensor b, SlidingWindow window) {
        super(b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
        this.window = window;
        this.batch = x.shape[0];
        this.outChannels = w.shape[0];
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b, int stride, int padding) {
        WindowChecks.fourD("conv2d", x);
        if (w.dim() != 4) {
            throw new IllegalArgumentException("conv2d: weight must be 4-d [outChannels, inChannels, kH, kW], but got shape " + Shapes.str(w.shape));
        }
        WindowChecks.strideAndPadding("conv2d", stride, padding);
        int c = x.shape[1], o = w.shape[0];
        if (w.shape[1] != c) {
            throw new IllegalArgumentException("conv2d: weight " + Shapes.str(w.shape) + " expects " + w.shape[1] + " input channel"
                    + (w.shape[1] == 1 ? "" : "s") + ", but got input with " + c + " channel" + (c == 1 ? "" : "s") + ": " + Shapes.str(x.shape));
        }
        if (b != null && (b.dim() != 1 || b.shape[0] != o)) {
            throw new IllegalArgumentException("conv2d: bias must have shape [" + o + "], one value per output channel of weight "
                    + Shapes.str(w.shape) + ", but got " + Shapes.str(b.shape));
        }
        SlidingWindow g = WindowChecks.window("conv2d", x, c, w.shape[2], w.shape[3], stride, padding, " (weight " + Shapes.str(w.shape) + ")");
        float[] y = new float[Shapes.numel(new int[] {x.shape[0], o, g.outHeight(), g.outWidth()}, "conv2d")];
        Kernels.active().conv2d(g, x.shape[0], x.data(), w.data(), o, b == null ? null : b.data(), y);
        return new Conv2dOp(x, w, b, g).attach(new Tensor(y, new int[] {x.shape[0], o, g.outHeight(), g.outWidth()}));
    }

    // dx[n] = col2im(Wᵀ·dy[n]) ; dW = Σ_n dy[n]·cols(x[n])ᵀ ; db = Σ_{n, oy, ox} dy
    @Override
    Tensor[] backward(Tensor dy) {
        Tensor[] grads = new Tensor[inputs.size()];
        for (int i = 0; i < grads.length; i++) grads[i] = needsGrad(i) ? Tensor.zeros(input(i).shape) : null;
        Kernels.active().conv2dBackward(window, batch, input(0).data(), input(1).data(), outChannels, dy.data(),
                data(grads[0]), data(grads[1]), grads.length == 3 ? data(grads[2]) : null);
        return grads;
    }

    private static float[] data(Tensor t) {
        return t == null ? null : t.data();
    }
}
