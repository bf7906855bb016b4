package dev.nabla.nn.init;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;

/**
 * Parameter initialisers, as PyTorch's {@code torch.nn.init}: each fills a tensor in place,
 * under no-grad, and returns it. Versions without an {@code Rng} use the default generator.
 * <pre>{@code net.apply(m -> { if (m instanceof Linear l) Init.normal_(l.weight(), 0f, 0.01f); });}</pre>
 */
public final class Init {
    private Init() {}

    /** Which fan the Kaiming initialisers keep the variance for. */
    public enum FanMode {
        /** Keep the variance of activations in the forward pass. */
        FAN_IN,
        /** Keep the variance of gradients in the backward pass. */
        FAN_OUT
    }

    /** The nonlinearity that follows the layer, for {@link #calculateGain}. */
    public enum Nonlinearity {
        /** No nonlinearity: gain 1. */
        LINEAR,
        /** Gain 1. */
        SIGMOID,
        /** Gain 5/3. */
        TANH,
        /** Gain √2. */
        RELU,
        /** Gain √(2 / (1 + slope²)). */
        LEAKY_RELU,
        /** Gain 3/4. */
        SELU
    }

    /** Fills with N(mean, std²) from the default generator. */
    public static Tensor normal_(Tensor t, float mean, float std) { return normal_(t, mean, std, Rng.defaultGenerator()); }

    /** Fills with N(mean, std²). */
    public static Tensor normal_(Tensor t, float mean, float std, Rng rng) {
        try (NoGrad g = Tensor.noGrad()) {
            return t.normal_(mean, std, rng);
        }
    }

    /** Fills with U(low, high) from the default generator. */
    public static Tensor uniform_(Tensor t, float low, float high) { return uniform_(t, low, high, Rng.defaultGenerator()); }

    /** Fills with U(low, high). */
    public static Tensor uniform_(Tensor t, float low, float high, Rng rng) {
        try (NoGrad g = Tensor.noGrad()) {
            return t.uniform_(low, high, rng);
        }
    }

    /** Fills with {@code value}. */
    public static Tensor constant_(Tensor t, float value) {
        try (NoGrad g = Tensor.noGrad()) {
            return t.fill_(value);
        }
    }

    /** Fills with 0. */
    public static Tensor zeros_(Tensor t) { return constant_(t, 0f); }

    /** Fills with 1. */
    public static Tensor ones_(Tensor t) { return constant_(t, 1f); }

    /** Xavier/Glorot uniform: U(-a, a) with a = gain·√(6 / (fanIn + fanOut)). */
    public static Tensor xavierUniform_(Tensor t, double gain, Rng rng) {
        double a = Math.sqrt(3) * gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)));
        return uniform_(t, (float) -a, (float) a, rng);
    }

    /** Xavier uniform with gain 1, from the default generator. */
    public static Tensor xavierUniform_(Tensor t) { return xavierUniform_(t, 1, Rng.defaultGenerator()); }

    /** Xavier/Glorot normal: N(0, std²) with std = gain·√(2 / (fanIn + fanOut)). */
    public static Tensor xavierNormal_(Tensor t, double gain, Rng rng) {
        return normal_(t, 0f, (float) (gain * Math.sqrt(2.0 / (fanIn(t) + fanOut(t)))), rng);
    }

    /** Xavier normal with gain 1, from the default generator. */
    public static Tensor xavierNormal_(Tensor t) { return xavierNormal_(t, 1, Rng.defaultGenerator()); }

    /** Kaiming/He uniform: U(-b, b) with b = √3 · gain / √fan. */
    public static Tensor kaimingUniform_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Rng rng) {
        double bound = Math.sqrt(3) * calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode));
        return uniform_(t, (float) -bound, (float) bound, rng);
    }

    /** PyTorch's defaults: a = 0, fan in, leaky ReLU (so gain √2). */
    public static Tensor kaimingUniform_(Tensor t) {
        return kaimingUniform_(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, Rng.defaultGenerator());
    }

    /** Kaiming/He normal: N(0, std²) with std = gain / √fan. */
    public static Tensor kaimingNormal_(Tensor t, double a, FanMode mode, Nonlinearity nonlinearity, Rng rng) {
        return normal_(t, 0f, (float) (calculateGain(nonlinearity, a) / Math.sqrt(fan(t, mode))), rng);
    }

    /** PyTorch's defaults: a = 0, fan in, leaky ReLU (so gain √2). */
    public static Tensor kaimingNormal_(Tensor t) {
        return kaimingNormal_(t, 0, FanMode.FAN_IN, Nonlinearity.LEAKY_RELU, Rng.defaultGenerator());
    }

    /** The recommended gain for a nonlinearity; {@code param} is leaky ReLU's negative slope. */
    public static double calculateGain(Nonlinearity nonlinearity, double param) {
        return switch (nonlinearity) {
            case LINEAR, SIGMOID -> 1;
            case TANH -> 5.0 / 3;
            case RELU -> Math.sqrt(2);
            case LEAKY_RELU -> Math.sqrt(2 / (1 + param * param));
            case SELU -> 3.0 / 4;
        };
    }

    /** Inputs per output unit: size(1) times the receptive field (product of dims after 1). */
    public static int fanIn(Tensor t) {
        return checkRank(t).size(1) * receptiveField(t);
    }

    /** Outputs per input unit: size(0) times the receptive field. */
    public static int fanOut(Tensor t) {
        return checkRank(t).size(0) * receptiveField(t);
    }

    private static int fan(Tensor t, FanMode mode) {
        return mode == FanMode.FAN_IN ? fanIn(t) : fanOut(t);
    }

    private static int receptiveField(Tensor t) {
        int r = 1;
        for (int d = 2; d < t.dim(); d++) r *= t.size(d);
        return r;
    }

    private static Tensor checkRank(Tensor t) {
        if (t.dim() < 2) {
            throw new IllegalArgumentException("fan in and fan out can not be computed for a tensor with fewer than 2 "
                    + "dimensions, but got shape " + java.util.Arrays.toString(t.shape()));
        }
        return t;
    }
}
