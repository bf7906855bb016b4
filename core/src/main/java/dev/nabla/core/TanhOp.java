package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.UnaryOp;

/** y = tanh x. */
final class TanhOp extends Function {
    private Tensor y;

    private TanhOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        TanhOp f = new TanhOp(x);
        f.y = Elementwise.unary(UnaryOp.TANH, x);
        return f.attach(f.y);
    }

    // dx = dz · (1 - y²), from the saved output, in one kernel pass
    @Override
    Tensor[] backward(Tensor dz) {
        float[] dx = new float[dz.numel()];
        Kernels.active().tanhBackward(y.data(), dz.data(), dx, dx.length);
        return new Tensor[] {new Tensor(dx, dz.shape)};
    }
}
