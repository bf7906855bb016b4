package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Functional;

/**
 * d2l's from-scratch {@code dropout_layer(X, dropout)}, line for line:
 * <pre>
 * def dropout_layer(X, dropout):
 *     assert 0 &lt;= dropout &lt;= 1
 *     if dropout == 1: return torch.zeros_like(X)
 *     mask = (torch.rand(X.shape) &gt; dropout).float()
 *     return mask * X / (1.0 - dropout)
 * </pre>
 * One deliberate difference: the mask keeps u ≥ p rather than u &gt; p, so a uniform draw of
 * exactly 0 cannot drop a unit when p = 0 (u ≥ p has probability exactly 1 - p).
 */
public final class DropoutLayer {
    private DropoutLayer() {}

    /** Drops each element of {@code x} with probability {@code dropout} and scales the rest by 1/(1-dropout). */
    public static Tensor dropoutLayer(Tensor x, double dropout, Rng rng) {
        Functional.checkDropoutProbability(dropout);
        if (dropout == 1) return Tensor.zeros(x.shape());
        Tensor mask = Tensor.rand(rng, x.shape()).ge((float) dropout);
        return mask.mul(x).div((float) (1.0 - dropout));
    }
}
