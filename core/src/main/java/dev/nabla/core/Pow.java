package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/** y = xᵖ for a constant exponent p. */
final class Pow extends Function {
    private final float p;

    private Pow(Tensor x, float p) {
        super(x);
        this.p = p;
    }

    static Tensor apply(Tensor x, float p) {
        float[] out = new float[x.numel()];
        Kernels.active().pow(x.data(), p, out, out.length);
        return new Pow(x, p).attach(new Tensor(out, x.shape));
    }

    // dx = dz · p · xᵖ⁻¹   (0 for p = 0, as in PyTorch, even where xᵖ⁻¹ is infinite)
    @Override
    Tensor[] backward(Tensor dz) {
        if (p == 0f) return new Tensor[] {Tensor.zeros(dz.shape)};
        return new Tensor[] {dz.mul(input(0).pow(p - 1f).mul(p))};
    }
}
