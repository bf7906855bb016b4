package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;
import dev.nabla.core.kernel.Kernels;

/**
 * y = x·Wᵀ + b in one op (PyTorch's {@code F.linear}): W stays [out, in] and is read in the NT
 * form, so neither the forward nor the backward copies a transposed weight.
 */
final class Linear extends Function {
    private final int rows, in, out;

    private Linear(Tensor x, Tensor w, Tensor b, int rows, int in, int out) {
        super(b == null ? new Tensor[] {x, w} : new Tensor[] {x, w, b});
        this.rows = rows;
        this.in = in;
        this.out = out;
    }

    static Tensor apply(Tensor x, Tensor w, Tensor b) {
        if (w.dim() != 2 || x.dim() == 0 || x.shape[x.dim() - 1] != w.shape[1]) {
            throw new IllegalArgumentException("linear: input " + Shapes.str(x.shape) + " and weight " + Shapes.str(w.shape)
                    + " do not fit: the weight must be [out, in] with in = the input's last dimension");
        }
        int in = w.shape[1], out = w.shape[0], rows = x.numel() / Math.max(in, 1);
        if (b != null && (b.dim() != 1 || b.shape[0] != out)) {
            throw new IllegalArgumentException("linear: bias " + Shapes.str(b.shape) + " must be [" + out + "] for weight " + Shapes.str(w.shape));
        }
        int[] shape = x.shape.clone();
        shape[shape.length - 1] = out;
        float[] y = new float[rows * out];
        Kernels k = Kernels.active();
        k.matmulTransB(x.data(), 0, w.data(), 0, y, 0, rows, in, out);
        if (b != null) k.binary(BinaryOp.ADD, y, new int[] {rows, out}, b.data(), b.shape, y, new int[] {rows, out});
        return new Linear(x, w, b, rows, in, out).attach(new Tensor(y, shape));
    }

    // dX = dY·W ; dW = dYᵀ·X ; db = Σ_rows dY
    @Override
    Tensor[] backward(Tensor dy) {
        Kernels k = Kernels.active();
        Tensor x = input(0), w = input(1);
        float[] dx = null, dw = null, db = null;
        if (needsGrad(0)) k.matmul(dy.data(), 0, w.data(), 0, dx = new float[rows * in], 0, rows, out, in);
        if (needsGrad(1)) k.matmulTransA(dy.data(), 0, x.data(), 0, dw = new float[out * in], 0, out, rows, in);
        if (inputs.size() == 3 && needsGrad(2)) k.sum(dy.data(), 1, rows, out, db = new float[out]);
        Tensor[] grads = {dx == null ? null : new Tensor(dx, x.shape), dw == null ? null : new Tensor(dw, w.shape), null};
        if (db != null) grads[2] = new Tensor(db, input(2).shape);
        return inputs.size() == 3 ? grads : new Tensor[] {grads[0], grads[1]};
    }
}
