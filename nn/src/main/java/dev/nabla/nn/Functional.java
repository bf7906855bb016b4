package dev.nabla.nn;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;

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
        return dropout(x, p, training, Rng.defaultGenerator());
    }

    /** {@link #dropout(Tensor, double, boolean)} drawing from {@code rng}. */
    public static Tensor dropout(Tensor x, double p, boolean training, Rng rng) {
        checkProbability(p);
        if (!training || p == 0) return x;
        return x.mul(dropoutMask(x.shape(), p, rng));
    }

    /**
     * A fresh mask for {@link #dropout}: each entry is 0 with probability {@code p}, else
     * 1/(1-p). {@code x.mul(mask)} is the dropout; its gradient is {@code mask}.
     */
    public static Tensor dropoutMask(int[] shape, double p, Rng rng) {
        return drawMask(shape, p, rng).mask();
    }

    /** A dropout mask with the number of entries it keeps. */
    record Mask(Tensor mask, int kept) {}

    static Mask drawMask(int[] shape, double p, Rng rng) {
        checkProbability(p);
        int n = 1;
        for (int d : shape) n *= d;
        float[] mask = new float[n];
        int kept = rng.fillMask(mask, n, 1 - p, p == 1 ? 0f : (float) (1 / (1 - p)));
        return new Mask(Tensor.of(mask, shape), kept);
    }

    /** @throws IllegalArgumentException unless 0 ≤ p ≤ 1 */
    static void checkProbability(double p) {
        if (!(p >= 0 && p <= 1)) {
            throw new IllegalArgumentException("dropout probability has to be between 0 and 1, but got " + p);
        }
    }
}
