package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = x·Φ(x), Φ the standard normal CDF: PyTorch's exact GELU (erf form, not the tanh approximation). */
final class GeluOp extends Function {
    private GeluOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new GeluOp(x).attach(Elementwise.unary(UnaryOp.GELU, x));
    }

    // dx = dz · (Φ(x) + x·φ(x)),  φ(x) = e^(-x²/2) / √(2π)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.mul(Elementwise.unary(UnaryOp.GELU_DERIVATIVE, input(0)))};
    }
}
