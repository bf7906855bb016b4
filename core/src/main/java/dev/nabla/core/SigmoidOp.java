package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;

/** y = σ(x) = 1 / (1 + e⁻ˣ). */
final class SigmoidOp extends Function {
    private Tensor y;

    private SigmoidOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        SigmoidOp f = new SigmoidOp(x);
        f.y = Elementwise.unary(UnaryOp.SIGMOID, x);
        return f.attach(f.y);
    }

    // dx = dz · y · (1 - y), from the saved output, in one kernel pass
    @Override
    Tensor[] backward(Tensor dz) {
        float[] dx = new float[dz.numel()];
        Kernels.active().sigmoidBackward(y.data(), dz.data(), dx, dx.length);
        return new Tensor[] {new Tensor(dx, dz.shape)};
    }
}
