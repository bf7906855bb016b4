package dev.nabla.core;

import dev.nabla.core.kernel.UnaryOp;

/** y = ln x. */
final class Log extends Function {
    private Log(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x) {
        return new Log(x).attach(Elementwise.unary(UnaryOp.LOG, x));
    }

    // dx = dz / x
    @Override
    Tensor[] backward(Tensor dz) {
        return new Tensor[] {dz.div(input(0))};
    }
}
