package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/** x·Φ(x), with Φ the standard normal distribution function (the exact erf form), as PyTorch's {@code nn.GELU()}. */
public class GELU extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x").gelu();
    }

    @Override
    protected String extraRepr() {
        return "approximate='none'";
    }
}
