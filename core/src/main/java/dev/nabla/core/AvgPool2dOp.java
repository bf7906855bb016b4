package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.SlidingWindow;

/**
 * y = the mean under a k x k window sliding over each plane of x [N, C, H, W], PyTorch's
 * {@code F.avg_pool2d} with its default {@code count_include_pad=True}: padding zeros count in
 * the divisor, which is always k·k.
 */
final class AvgPool2dOp extends Function {
    private final SlidingWindow window;

    private AvgPool2dOp(Tensor x, SlidingWindow window) {
        super(x);
        this.window = window;
    }

    static Tensor apply(Tensor x, int kernelSize, int stride, int padding) {
        SlidingWindow g = WindowChecks.pool("avgPool2d", x, kernelSize, stride, padding);
        int[] shape = {x.shape[0], x.shape[1], g.outHeight(), g.outWidth()};
        float[] y = new float[Shapes.numel(shape, "avgPool2d")];
        Kernels.active().avgPool2d(g, x.data(), y);
        return new AvgPool2dOp(x, g).attach(new Tensor(y, shape));
    }

    // dx[n, c, iy, ix] = Σ over the windows covering (iy, ix) of dy / k²
    @Override
    Tensor[] backward(Tensor dy) {
        float[] dx = new float[input(0).numel()];
        Kernels.active().avgPool2dBackward(window, dy.data(), dx);
        return new Tensor[] {new Tensor(dx, input(0).shape)};
    }
}
