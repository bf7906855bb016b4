package dev.nabla.core;

/**
 * A scope in which ops record no graph, like PyTorch's {@code torch.no_grad()}:
 * <pre>{@code
 * try (NoGrad g = Tensor.noGrad()) {
 *     Tensor yHat = net.forward(x);   // no grad_fn, no memory kept for backward
 * }
 * }</pre>
 * Scopes nest; each restores the mode it found. The mode belongs to the thread that opened the
 * scope (other threads keep recording), and only that thread may close it.
 */
public final class NoGrad implements AutoCloseable {
    private static final ThreadLocal<boolean[]> ENABLED = ThreadLocal.withInitial(() -> new boolean[] {true});

    private final Thread owner = Thread.currentThread();
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

    /**
     * Restores the grad mode that was active when this scope opened. Closing twice is harmless.
     *
     * @throws IllegalStateException on a thread other than the one that opened the scope, naming
     *         both: closing there could not restore the opener's mode, which would stay off for good
     */
    @Override
    public void close() {
        Thread current = Thread.currentThread();
        if (current != owner) {
            throw new IllegalStateException("NoGrad: this scope was opened on thread " + describe(owner)
                    + " and cannot be closed on thread " + describe(current) + "; grad mode belongs to a thread, "
                    + "so close the scope on the thread that opened it (try-with-resources does)");
        }
        if (!closed) {
            ENABLED.get()[0] = previous;
            closed = true;
        }
    }

    private static String describe(Thread t) {
        return "'" + t.getName() + "' (id " + t.getId() + ")";
    }
}
