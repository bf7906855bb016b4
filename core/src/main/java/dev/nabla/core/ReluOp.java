package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;

/** y = max(x, 0). */
final class ReluOp extends Function {
    private ReluOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new ReluOp(x).attach(Elementwise.unary(UnaryOp.RELU, x));
    }

    // dx = dz · [not x ≤ 0]   (0 at x = 0; dz at NaN, as in PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        float[] dx = new float[dz.numel()];
        Kernels.active().reluBackward(input(0).data(), dz.data(), dx, dx.length);
        return new Tensor[] {new Tensor(dx, dz.shape)};
    }
}
