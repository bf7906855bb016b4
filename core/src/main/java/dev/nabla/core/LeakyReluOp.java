package dev.nabla.core;

import dev.nabla.core.kernel.BinaryOp;

/** y = x where x &gt; 0, else negativeSlope·x. */
final class LeakyReluOp extends Function {
    private final float slope;

    private LeakyReluOp(Tensor x, float slope) {
        super(x);
        this.slope = slope;
    }

    static Tensor apply(Tensor x, float negativeSlope) {
        Tensor scaled = Elementwise.binary(BinaryOp.MUL, x, Tensor.scalar(negativeSlope), "leakyRelu");
        return new LeakyReluOp(x, negativeSlope).attach(WhereOp.forward(x.gt(0f), x, scaled));
    }

    // dx = dz where x > 0, else negativeSlope·dz   (the slope at 0, as PyTorch)
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {WhereOp.forward(input(0).gt(0f), dz, dz.mul(slope))};
    }
}
