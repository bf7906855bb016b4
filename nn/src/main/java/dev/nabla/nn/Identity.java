package dev.nabla.nn;

import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * Returns its input unchanged, as PyTorch's {@code nn.Identity}: a layer that does nothing,
 * to put where a model's structure asks for a module (say, to switch off one stage of a
 * {@link Sequential} while keeping the indices of the others).
 */
public class Identity extends Module {
    @Override
    public Tensor forward(Tensor x) {
        return Objects.requireNonNull(x, "x");
    }
}
