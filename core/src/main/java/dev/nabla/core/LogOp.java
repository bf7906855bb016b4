package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = ln x. */
final class LogOp extends Function {
    private LogOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new LogOp(x).attach(Elementwise.unary(UnaryOp.LOG, x));
    }

    // dx = dz / x
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.div(input(0))};
    }
}
