package dev.nabla.nn.optim;

/** The value checks the options records share, with PyTorch's messages. */
final class Checks {
    private Checks() {}

    /** {@code value} if it is finite and >= 0; else "{what}: {value}", e.g. "Invalid learning rate: -1.0". */
    static double nonNegative(double value, String what) {
        if (!(value >= 0) || Double.isInfinite(value)) throw new IllegalArgumentException(what + ": " + value);
        return value;
    }

    /** {@code value} if it is finite. */
    static double finite(double value, String what) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(what + ": " + value);
        return value;
    }

    /** An Adam beta: in [0, 1). */
    static double beta(double value, int index) {
        if (!(value >= 0 && value < 1)) throw new IllegalArgumentException("Invalid beta parameter at index " + index + ": " + value);
        return value;
    }
}
