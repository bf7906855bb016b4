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
    /** max(x, 0) */
    RELU,
    /** 1 / (1 + e^-x), computed without overflow for large |x| */
    SIGMOID,
    /** tanh x */
    TANH,
    /** |x| */
    ABS
}
