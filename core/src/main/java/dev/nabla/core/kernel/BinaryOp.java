package dev.nabla.core.kernel;

/** Elementwise functions of two arguments that {@link Kernels#binary} computes with broadcasting. */
public enum BinaryOp {
    /** a + b */
    ADD,
    /** a - b */
    SUB,
    /** a · b */
    MUL,
    /** a / b */
    DIV,
    /**
     * a to the power b ({@code Math.pow}), with PyTorch's special cases: a·a when b = 2, √a when
     * b = 1/2 and 1/√a when b = -1/2 (so (-0)^½ = -0 and (-∞)^½ = NaN, as {@code torch.pow})
     */
    POW,
    /** the larger of a and b, as {@code Math.max}: NaN if either is NaN */
    MAXIMUM,
    /** the smaller of a and b, as {@code Math.min}: NaN if either is NaN */
    MINIMUM,
    /** 1 where a &gt; b, else 0 */
    GT,
    /** 1 where a &lt; b, else 0 */
    LT,
    /** 1 where a ≥ b, else 0 */
    GE,
    /** 1 where a ≤ b, else 0 */
    LE,
    /** 1 where a = b, else 0 */
    EQ,
    /** 1 where a ≠ b, else 0 */
    NE;

    /** The function on one pair of values: the definition every implementation must match bit for bit. */
    public float apply(float a, float b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> b == 2f ? a * a : b == 0.5f ? (float) Math.sqrt(a) : b == -0.5f ? (float) (1 / Math.sqrt(a)) : (float) Math.pow(a, b);
            case MAXIMUM -> Math.max(a, b);
            case MINIMUM -> Math.min(a, b);
            case GT -> a > b ? 1f : 0f;
            case LT -> a < b ? 1f : 0f;
            case GE -> a >= b ? 1f : 0f;
            case LE -> a <= b ? 1f : 0f;
            case EQ -> a == b ? 1f : 0f;
            case NE -> a != b ? 1f : 0f;
        };
    }
}
