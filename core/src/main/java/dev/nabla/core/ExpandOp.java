package dev.nabla.core;

/** y = x repeated along its size-1 dimensions (and new leading ones) to a larger shape. */
final class ExpandOp extends Function {
    private ExpandOp(Tensor x) {
        super(x);
    }

    static Tensor apply(Tensor x, int[] shape) {
        boolean ok = shape.length >= x.dim();
        for (int i = 1; ok && i <= x.dim(); i++) {
            int from = x.shape[x.dim() - i], to = shape[shape.length - i];
            ok = from == to || from == 1;
        }
        if (!ok) {
            throw new IllegalArgumentException("expand: shape " + Shapes.str(x.shape) + " cannot be expanded to "
                    + Shapes.str(shape) + " (only dimensions of size 1 repeat)");
        }
        return new ExpandOp(x).attach(Elementwise.expand(x, shape, 1f));
    }

    // dx = dy summed over the repeated dimensions
    @Override
    Tensor[] backward(Tensor dy) {
        return new Tensor[] {Elementwise.sumTo(dy, input(0).shape)};
    }
}
