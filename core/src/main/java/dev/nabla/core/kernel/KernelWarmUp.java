package dev.nabla.core.kernel;

/**
 * Compiles the hot kernels ahead of the work: a daemon thread calls each of them a few hundred
 * times on small arrays while the program does something else (reads its data, say). Until the
 * JIT's optimising compiler has compiled a Vector API loop, the loop runs the API's Java fallback,
 * which allocates for every vector operation: widening the 10,000 test images of Fashion-MNIST
 * took about 1 s cold and 15-25 ms compiled, and the first epoch of a run several times as long
 * as the second. The arrays are below the sizes that use the kernel threads, so the warm-up never
 * holds them; what it computes is thrown away, and no result depends on whether it ran.
 */
public final class KernelWarmUp {
    /**
     * Calls of each kernel: past C2's thresholds for a method called 600 times whose calls and loop
     * iterations add to 15,000 (150 calls left the dropout mask and the widening to the slow tiers;
     * the first epochs of the main job then ran 0.4-0.5 s longer).
     */
    private static final int ROUNDS = 700;

    private KernelWarmUp() {}

    /** Starts the warm-up on a daemon thread named {@code nabla-warm-up} and returns it (nobody needs to wait for it). */
    public static Thread start() {
        Thread t = new Thread(() -> run(Kernels.active()), "nabla-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
        return t;
    }

    /** The warm-up itself, on the calling thread: the kernels of an MLP's training step and evaluation, on {@code k}. */
    static void run(Kernels k) {
        int rows = 48, in = 128, out = 64, n = rows * out, classes = 10;  // 393,216 multiply-adds: below the parallel size
        float[] x = fill(rows * in), w = fill(out * in), bias = fill(out), y = new float[n], dy = fill(n), dx = new float[rows * in];
        float[] dw = new float[out * in], db = new float[out], mask = new float[n], logits = fill(rows * classes);
        float[] loss = new float[rows], probs = new float[rows * classes], dLogits = new float[rows * classes], values = new float[rows];
        int[] labels = new int[rows], indices = new int[rows];
        for (int r = 0; r < rows; r++) labels[r] = r % classes;
        byte[] pixels = new byte[n];
        for (int i = 0; i < n; i++) pixels[i] = (byte) i;
        int[] shape = {rows, out};
        for (int round = 0; round < ROUNDS; round++) {
            k.widenUnsigned(pixels, 0, 1 / 255f, y, 0, n);
            k.linear(rows, in, out, x, w, bias, true, y);
            k.linear(rows, in, out, x, w, bias, false, y);
            k.mask(round, 1 << 23, 2f, mask, n);
            k.binary(BinaryOp.MUL, y, shape, mask, shape, y, shape);
            k.unary(UnaryOp.RELU, y, y, n);
            k.crossEntropy(logits, rows, classes, labels, loss, probs);
            k.crossEntropyBackward(probs, labels, loss, rows, classes, dLogits);
            k.max(logits, rows, classes, 1, values, indices);
            k.reluBackward(y, dy, dy, n);
            k.gemm(false, false, rows, in, out, dy, 0, w, 0, dx, 0, false);
            k.gemm(true, false, out, in, rows, dy, 0, x, 0, dw, 0, false);
            k.sum(dy, 1, rows, out, db);
            k.axpy(-1e-3f, dw, 0, w, 0, dw.length);
        }
    }

    private static float[] fill(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) a[i] = ((i * 37) % 101 - 50) / 50f;
        return a;
    }
}
