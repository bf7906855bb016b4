package dev.nabla.core.kernel;

/** Elementwise functions of one argument that {@link Kernels#unary} computes. */
public enum UnaryOp {
    /** -x */
    NEG,
    /** e^x */
    EXP,
    /** ln x (NaN for x &lt; 0, -inf at 0) */
    LOG,
    /** √x */
    SQRT,
    /** max(x, 0) as PyTorch computes it, x &lt; 0 ? 0 : x: NaN stays NaN, -0 stays -0 */
    RELU,
    /** 1 / (1 + e^-x), computed without overflow for large |x| */
    SIGMOID,
    /** tanh x */
    TANH,
    /** |x| */
    ABS,
    /** x·Φ(x), Φ the standard normal CDF: GELU in PyTorch's exact (erf) form */
    GELU,
    /** Φ(x) + x·φ(x), φ the standard normal density: the derivative of {@link #GELU} */
    GELU_DERIVATIVE,
    /** ln(1 + e^x), without overflow; x itself above 20, PyTorch's threshold */
    SOFTPLUS;

    private static final double SQRT_HALF = Math.sqrt(0.5), INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

    /** The function on one value: the definition every implementation must match bit for bit. */
    public float apply(float x) {
        return switch (this) {
            case NEG -> -x;
            case EXP -> (float) Math.exp(x);
            case LOG -> (float) Math.log(x);
            case SQRT -> (float) Math.sqrt(x);
            case RELU -> x < 0f ? 0f : x;
            case SIGMOID -> sigmoid(x);
            case TANH -> (float) Math.tanh(x);
            case ABS -> Math.abs(x);
            case GELU -> (float) (x * normalCdf(x));
            case GELU_DERIVATIVE -> (float) (normalCdf(x) + x * Math.exp(-0.5 * x * x) * INV_SQRT_2PI);
            case SOFTPLUS -> x > 20f ? x : (float) Math.log1p(Math.exp(x));
        };
    }

    // Φ(x) = ½·erfc(-x/√2), in double; erfc keeps full relative accuracy in the left tail, where 1 + erf(x) cancels.
    private static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * SQRT_HALF);
    }

    // σ(x) = 1/(1+e^-x) for x ≥ 0 and e^x/(1+e^x) for x < 0: neither form overflows.
    private static float sigmoid(float x) {
        if (x >= 0f) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
