package dev.nabla.core.kernel;

/**
 * Float arrays a thread reuses from call to call for what kernels copy inside themselves (packed
 * panels of a matrix product), so that a training step allocates only the tensors it returns.
 * Each thread has its own; a slot is one use, and no kernel holds a slot across a call into
 * another kernel that uses the same slot on the same thread. Arrays larger than {@link #MAX_KEPT}
 * floats are allocated per call instead of kept, so a one-off huge product leaves nothing behind.
 */
final class Scratch {
    /** The slots: a panel of B, an edge tile of C, all of A packed, all of B packed. */
    static final int B_PANEL = 0, TILE = 1, A_PACKED = 2, B_PACKED = 3;
    /** The largest array kept, 1 Mi floats (4 MiB): the d2l MLP's largest packing is 256 Ki floats at batch 1024. */
    static final int MAX_KEPT = 1 << 20;
    private static final ThreadLocal<float[][]> SLOTS = ThreadLocal.withInitial(() -> new float[4][]);

    private Scratch() {}

    /** An array of at least {@code length} floats with unspecified contents, this thread's for {@code slot}. */
    static float[] get(int slot, int length) {
        if (length > MAX_KEPT) return new float[length];
        float[][] slots = SLOTS.get();
        float[] a = slots[slot];
        if (a == null || a.length < length) slots[slot] = a = new float[length];
        return a;
    }
}
