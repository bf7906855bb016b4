package dev.nabla.core;

import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * Checks an op's backward against central finite differences, in the spirit of PyTorch's
 * {@code gradcheck}. The function's output is reduced to L = Σ w·f(x) with fixed random weights
 * w (so every output element matters, each with its own upstream gradient), summed in double.
 *
 * <p>Error budget for float32, with step h = 1e-3: each perturbed forward pass rounds its values
 * to float32 (relative error 6e-8), so L is off by about 6e-8·Σ|w·f|, and the difference quotient
 * by that over 2h: 3e-5·Σ|w·f|, around 1e-4 for a few O(1) outputs. Truncation adds h²/6 times
 * the third derivative, about 2e-7 for smooth O(1) functions. Hence
 * |analytic - numeric| ≤ 2e-3 + 1e-2·|numeric|: wide enough for tensors of a few dozen elements,
 * far too tight for a wrong rule (a missing term, a sign, a factor). Keep inputs O(1) and away
 * from kinks (0 for relu and abs) and poles.
 */
public final class GradCheck {
    /** Finite-difference step. */
    public static final double STEP = 1e-3;
    /** Absolute tolerance. */
    public static final double ATOL = 2e-3;
    /** Relative tolerance. */
    public static final double RTOL = 1e-2;

    private GradCheck() {}

    /**
     * Compares the gradients of {@code f} at {@code inputs} with finite differences.
     *
     * @param f      the function; it receives copies of the inputs that require grad
     * @param inputs the points to check at (not modified)
     * @throws AssertionError naming the input, the element and both values at the first mismatch
     */
    public static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Objects.requireNonNull(f, "f");
        Objects.requireNonNull(inputs, "inputs");
        for (int i = 0; i < inputs.length; i++) Objects.requireNonNull(inputs[i], "inputs[" + i + "]");
        Tensor[] xs = new Tensor[inputs.length];
        for (int i = 0; i < inputs.length; i++) xs[i] = Tensor.of(inputs[i].toArray(), inputs[i].shape).requiresGrad(true);
        Tensor y = f.apply(xs);
        Tensor w = Tensor.randn(new Rng(42), y.shape);
        y.mul(w).sum().backward();
        for (int i = 0; i < xs.length; i++) {
            float[] x = xs[i].toArray();
            float[] analytic = xs[i].grad() == null ? new float[x.length] : xs[i].grad().toArray();
            for (int j = 0; j < x.length; j++) {
                float up = (float) (x[j] + STEP), down = (float) (x[j] - STEP);  // steps a float can take
                double numeric = (weighted(f, xs, i, j, up, w) - weighted(f, xs, i, j, down, w)) / ((double) up - down);
                double err = Math.abs(analytic[j] - numeric), tol = ATOL + RTOL * Math.abs(numeric);
                if (!(err <= tol)) {
                    throw new AssertionError(String.format(Locale.ROOT, "gradient of input %d (shape %s) at flat "
                            + "index %d: backward gives %.6g, finite differences give %.6g (error %.3g > %.3g)",
                            i, Shapes.str(xs[i].shape), j, analytic[j], numeric, err, tol));
                }
            }
        }
    }

    /** Σ w·f(x) in double, with element j of input i set to {@code value}. */
    private static double weighted(Function<Tensor[], Tensor> f, Tensor[] xs, int i, int j, float value, Tensor w) {
        Tensor[] moved = xs.clone();
        float[] x = xs[i].toArray();
        x[j] = value;
        moved[i] = Tensor.of(x, xs[i].shape);
        try (NoGrad g = Tensor.noGrad()) {
            float[] y = f.apply(moved).toArray(), wd = w.toArray();
            double sum = 0;
            for (int k = 0; k < y.length; k++) sum += (double) wd[k] * y[k];
            return sum;
        }
    }
}
