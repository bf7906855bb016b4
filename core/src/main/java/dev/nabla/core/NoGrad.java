package dev.nabla.core;

/**
 * A scope in which ops record no graph, like PyTorch's {@code torch.no_grad()}:
 * <pre>{@code
 * try (NoGrad g = Tensor.noGrad()) {
 *     Tensor yHat = net.forward(x);   // no grad_fn, no memory kept for backward
 * }
 * }</pre>
 * Scopes nest; each restores the mode it found. The mode belongs to the current thread.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private final boolean previous;
    private boolean closed;

    NoGrad() {
        boolean[] enabled = ENABLED.get();
        previous = enabled[0];
        enabled[0] = false;
    }

    /** True unless the current thread is inside a {@link NoGrad} scope. */
    static boolean isGradEnabled() {
        return ENABLED.get()[0];
    }

    /** Restores the grad mode that was active when this scope opened. Closing twice is harmless. */
    @Override
    public void close() {
        if (!closed) {
            ENABLED.get()[0] = previous;
            closed = true;
        }
    }
}
