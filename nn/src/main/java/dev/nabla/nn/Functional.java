package dev.nabla.nn;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * Stateless forms of the layers, like {@code torch.nn.functional}. Unlike PyTorch's
 * {@code F.dropout(x, p=0.5, training=True)}, {@link #dropout} has no default mode: the caller
 * must say whether it is training, so a model in eval mode cannot keep dropping units by accident.
 */
public final class Functional {
    private Functional() {}

    /**
     * Inverted dropout: while {@code training}, zeroes each element independently with
     * probability {@code p} and scales the survivors by 1/(1-p), so the expected value is
     * unchanged; otherwise returns {@code x} itself. Uses the default generator.
     */
    public static Tensor dropout(Tensor x, double p, boolean training) {
        return dropout(Objects.requireNonNull(x, "x"), p, training, Rng.defaultGenerator());
    }

    /** {@link #dropout(Tensor, double, boolean)} drawing from {@code rng}. */
    public static Tensor dropout(Tensor x, double p, boolean training, Rng rng) {
        Objects.requireNonNull(x, "x");
        Objects.requireNonNull(rng, "rng");
        checkDropoutProbability(p);
        return training ? dropoutWithMask(x, p, rng).output() : x;
    }

    /**
     * What a training-mode dropout did: its output, the mask it multiplied by (0, or 1/(1-p) for
     * a kept element; null when p = 0 drew none) and how many elements it kept.
     */
    record Dropped(Tensor output, Tensor mask, int kept) {}

    /** Training-mode dropout of {@code x} with a checked {@code p}, with its mask (as PyTorch's {@code native_dropout}). */
    static Dropped dropoutWithMask(Tensor x, double p, Rng rng) {
        if (p == 0) return new Dropped(x, null, x.numel());  // nothing to drop: no draws, as in PyTorch
        float[] mask = new float[x.numel()];
        int kept = rng.fillMask(mask, mask.length, 1 - p, p == 1 ? 0f : (float) (1 / (1 - p)));
        Tensor m = Tensor.wrap(mask, x.shape());
        return new Dropped(x.mul(m), m, kept);
    }

    /**
     * The check every dropout makes, with PyTorch's message:
     * {@code "dropout probability has to be between 0 and 1, but got 1.5"}.
     *
     * @return {@code p}
     * @throws IllegalArgumentException unless 0 ≤ p ≤ 1
     */
    public static double checkDropoutProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
        return p;
    }
}
