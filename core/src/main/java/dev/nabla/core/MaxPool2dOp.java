package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.SlidingWindow;

/**
 * y = the maximum under a k x k window sliding over each plane of x [N, C, H, W] (padding counts as
 * -inf), PyTorch's {@code F.max_pool2d}. The gradient goes to the first maximum in scan order.
 */
final class MaxPool2dOp extends Function {
    private final SlidingWindow window;
    private final int[] argmax;  // for each output, the index iy·W + ix of its maximum in the plane

    private MaxPool2dOp(Tensor x, SlidingWindow window, int[] argmax) {
        super(x);
        this.window = window;
        this.argmax = argmax;
    }

    static Tensor apply(Tensor x, int kernelSize, int stride, int padding) {
        SlidingWindow g = WindowChecks.pool("maxPool2d", x, kernelSize, stride, padding);
        int[] shape = {x.shape[0], x.shape[1], g.outHeight(), g.outWidth()};
        float[] y = new float[Shapes.numel(shape, "maxPool2d")];
        int[] argmax = new int[y.length];
        Kernels.active().maxPool2d(g, x.data(), y, argmax);
        return new MaxPool2dOp(x, g, argmax).attach(new Tensor(y, shape));
    }

    // dx[n, c, argmax] += dy[n, c, oy, ox], 0 where no window's maximum was
    @Override
    Tensor[] backward(Tensor dy) {
        float[] dx = new float[input(0).numel()];
        Kernels.active().maxPool2dBackward(window, dy.data(), argmax, dx);
        return new Tensor[] {new Tensor(dx, input(0).shape)};
    }
}
