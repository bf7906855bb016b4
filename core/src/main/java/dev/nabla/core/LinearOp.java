package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;

/**
 * y = x·Wᵀ + b in one op (PyTorch's {@code F.linear}): W stays [out, in] and is read in the NT
 * form, so neither the forward nor the backward copies a transposed weight. With {@code relu},
 * y = max(x·Wᵀ + b, 0), the ReLU applied in the product's last pass: bit for bit the linear op
 * followed by the ReLU op, without the pre-activation tensor or a second pass over it.
 */
final class LinearOp extends Function {
    private final int rows, in, out;
    private Tensor y;  // the output, kept when the ReLU is fused: its gradient needs it

    private LinearOp(Tensor x, Tensor w, Tensor b, int rows, int in, int out) {
        super(b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
        this.rows = rows;
        this.in = in;
        this.out = out;
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b) {
        return apply(x, w, b, false);
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b, boolean relu) {
        if (w.dim() != 2 || x.dim() == 0 || x.shape[x.dim() - 1] != w.shape[1]) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape) + " and weight " + Shapes.str(w.shape)
                    + " do not fit: the weight must be [out, in] with in = the input's last dimension");
        }
        int in = w.shape[1], out = w.shape[0];
        if (b != null && (b.dim() != 1 || b.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias " + Shapes.str(b.shape) + " must be [" + out + "] for weight " + Shapes.str(w.shape));
        }
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        float[] y = new float[Shapes.numel(shape, "linear")];
        int rows = Shapes.outer(x.shape, x.dim() - 1);  // every leading dimension is a row, even with in = 0
        Kernels.active().linear(rows, in, out, x.data(), w.data(), b == null ? null : b.data(), relu, y);  // bias (and ReLU) in the product's last pass
        LinearOp f = new LinearOp(x, w, b, rows, in, out);
        Tensor result = new Tensor(y, shape);
        if (relu) f.y = result;
        return f.attach(result);
    }

    @Override
    String name() {
        return y != null ? "LinearReluBackward" : super.name();
    }

    // with the ReLU: dY ← dY · [not y ≤ 0] first (y ≤ 0 exactly where the pre-activation is, NaN passes)
    // dX = dY·W ; dW = dYᵀ·X ; db = Σ_rows dY
    @Override
    Tensor[] backward(Tensor dy) {
        Kernels k = Kernels.active();
        if (y != null) {
            float[] masked = new float[dy.numel()];
            k.reluBackward(y.data(), dy.data(), masked, masked.length);
            dy = new Tensor(masked, dy.shape);
        }
        Tensor[] grads = new Tensor[inputs.size()];
        for (int i = 0; i < grads.length; i++) grads[i] = needsGrad(i) ? Tensor.zeros(input(i).shape) : null;
        if (grads[0] != null) k.gemm(false, false, rows, in, out, dy.data(), 0, input(1).data(), 0, grads[0].data(), 0, false);
        if (grads[1] != null) k.gemm(true, false, out, in, rows, dy.data(), 0, input(0).data(), 0, grads[1].data(), 0, false);
        if (grads.length == 3 && grads[2] != null) k.sum(dy.data(), 1, rows, out, grads[2].data());
        return grads;
    }
}
