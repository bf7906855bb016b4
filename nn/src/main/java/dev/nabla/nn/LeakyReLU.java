package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** x for x ≥ 0, negativeSlope·x below, elementwise, as PyTorch's {@code nn.LeakyReLU}. */
public class LeakyReLU extends Module {
    private final double negativeSlope;

    /** Slope 0.01, PyTorch's default. */
    public LeakyReLU() {
        this(0.01);
    }

    /** With the given slope for negative inputs. */
    public LeakyReLU(double negativeSlope) {
        if (!Double.isFinite(negativeSlope)) throw new IllegalArgumentException("LeakyReLU: negative_slope must be finite, but got " + negativeSlope);
        this.negativeSlope = negativeSlope;
    }

    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").leakyRelu((float) negativeSlope);
    }

    /** The slope below 0. */
    public double negativeSlope() {
        return negativeSlope;
    }

    @Override
    protected String extraRepr() {
        return "negative_slope=" + PyRepr.number(negativeSlope);
    }
}
