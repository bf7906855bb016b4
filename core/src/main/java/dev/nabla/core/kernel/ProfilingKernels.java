package dev.nabla.core.kernel;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Wraps any {@link Kernels} and adds up the time and calls of every kernel, by method (and by
 * shape for matrix products), to see where a training step spends its time. Switched on with
 * {@code -Dnabla.kernels.profile=true}; prints its table at exit. Costs a clock read per call.
 */
public final class ProfilingKernels implements Kernels {
    private final Kernels delegate;
    private final Map<String, LongAdder[]> stats = new ConcurrentHashMap<>();

    /** Times every call made to {@code delegate}. */
    public ProfilingKernels(Kernels delegate) {
        this.delegate = delegate;
    }

    @Override
    public String name() {
        return delegate.name() + ", profiled";
    }

    private void record(String key, long t0) {
        long dt = System.nanoTime() - t0;
        LongAdder[] s = stats.computeIfAbsent(key, k -> new LongAdder[] {new LongAdder(), new LongAdder()});
        s[0].add(dt);
        s[1].increment();
    }

    /** Forgets everything measured so far (e.g. after warm-up). */
    public void reset() {
        stats.clear();
    }

    /** The table: method (shape), calls, total seconds, microseconds per call; largest first. */
    public void print(PrintStream out) {
        List<Map.Entry<String, LongAdder[]>> rows = new ArrayList<>(stats.entrySet());
        rows.sort((a, b) -> Long.compare(b.getValue()[0].sum(), a.getValue()[0].sum()));
        long total = 0;
        for (Map.Entry<String, LongAdder[]> e : rows) total += e.getValue()[0].sum();
        out.printf(Locale.ROOT, "%-40s %9s %10s %9s %6s%n", "kernel", "calls", "seconds", "us/call", "share");
        for (Map.Entry<String, LongAdder[]> e : rows) {
            long ns = e.getValue()[0].sum(), calls = e.getValue()[1].sum();
            out.printf(Locale.ROOT, "%-40s %9d %10.3f %9.1f %5.1f%%%n", e.getKey(), calls, ns / 1e9, ns / 1e3 / calls, 100.0 * ns / total);
        }
        out.printf(Locale.ROOT, "%-40s %9s %10.3f%n", "all kernels", "", total / 1e9);
    }

    @Override
    public void matmul(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        long t0 = System.nanoTime();
        delegate.matmul(a, aOff, b, bOff, c, cOff, m, k, n);
        record("matmul " + m + "x" + k + "x" + n, t0);
    }

    @Override
    public void matmulTransA(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        long t0 = System.nanoTime();
        delegate.matmulTransA(a, aOff, b, bOff, c, cOff, m, k, n);
        record("matmulTransA " + m + "x" + k + "x" + n, t0);
    }

    @Override
    public void matmulTransB(float[] a, int aOff, float[] b, int bOff, float[] c, int cOff, int m, int k, int n) {
        long t0 = System.nanoTime();
        delegate.matmulTransB(a, aOff, b, bOff, c, cOff, m, k, n);
        record("matmulTransB " + m + "x" + k + "x" + n, t0);
    }

    @Override
    public void unary(UnaryOp op, float[] x, float[] out, int n) {
        long t0 = System.nanoTime();
        delegate.unary(op, x, out, n);
        record("unary", t0);
    }

    @Override
    public void reluBackward(float[] x, float[] dy, float[] dx, int n) {
        long t0 = System.nanoTime();
        delegate.reluBackward(x, dy, dx, n);
        record("reluBackward", t0);
    }

    @Override
    public void pow(float[] x, float exponent, float[] out, int n) {
        long t0 = System.nanoTime();
        delegate.pow(x, exponent, out, n);
        record("pow", t0);
    }

    @Override
    public void binary(BinaryOp op, float[] a, int[] aShape, float[] b, int[] bShape, float[] out, int[] outShape) {
        long t0 = System.nanoTime();
        delegate.binary(op, a, aShape, b, bShape, out, outShape);
        record("binary", t0);
    }

    @Override
    public void scale(float alpha, float[] x, float[] out, int n) {
        long t0 = System.nanoTime();
        delegate.scale(alpha, x, out, n);
        record("scale", t0);
    }

    @Override
    public void axpy(float alpha, float[] x, int xOff, float[] y, int yOff, int n) {
        long t0 = System.nanoTime();
        delegate.axpy(alpha, x, xOff, y, yOff, n);
        record("axpy", t0);
    }

    @Override
    public void sum(float[] x, int outer, int n, int inner, float[] out) {
        long t0 = System.nanoTime();
        delegate.sum(x, outer, n, inner, out);
        record("sum", t0);
    }

    @Override
    public void max(float[] x, int outer, int n, int inner, float[] values, int[] indices) {
        long t0 = System.nanoTime();
        delegate.max(x, outer, n, inner, values, indices);
        record("max", t0);
    }

    @Override
    public void softmax(float[] x, int outer, int n, int inner, float[] out) {
        long t0 = System.nanoTime();
        delegate.softmax(x, outer, n, inner, out);
        record("softmax", t0);
    }

    @Override
    public void logSoftmax(float[] x, int outer, int n, int inner, float[] out) {
        long t0 = System.nanoTime();
        delegate.logSoftmax(x, outer, n, inner, out);
        record("logSoftmax", t0);
    }

    @Override
    public void crossEntropy(float[] logits, int rows, int classes, int[] labels, float[] loss, float[] probs) {
        long t0 = System.nanoTime();
        delegate.crossEntropy(logits, rows, classes, labels, loss, probs);
        record("crossEntropy", t0);
    }

    @Override
    public void crossEntropyBackward(float[] probs, int[] labels, float[] dLoss, int rows, int classes, float[] grad) {
        long t0 = System.nanoTime();
        delegate.crossEntropyBackward(probs, labels, dLoss, rows, classes, grad);
        record("crossEntropyBackward", t0);
    }

    @Override
    public void transpose(float[] x, int outer, int a, int mid, int b, int inner, float[] out) {
        long t0 = System.nanoTime();
        delegate.transpose(x, outer, a, mid, b, inner, out);
        record("transpose", t0);
    }

    @Override
    public void gather(float[] x, int outer, int n, int inner, int[] index, float[] out) {
        long t0 = System.nanoTime();
        delegate.gather(x, outer, n, inner, index, out);
        record("gather", t0);
    }

    @Override
    public void scatterAdd(float[] src, int outer, int n, int inner, int[] index, float[] out) {
        long t0 = System.nanoTime();
        delegate.scatterAdd(src, outer, n, inner, index, out);
        record("scatterAdd", t0);
    }

    @Override
    public void unsignedBytes(byte[] src, int[] rows, int rowLength, float scale, float[] out) {
        long t0 = System.nanoTime();
        delegate.unsignedBytes(src, rows, rowLength, scale, out);
        record("unsignedBytes", t0);
    }

    @Override
    public int mask(long seed, int threshold, float value, float[] out, int n) {
        long t0 = System.nanoTime();
        int kept = delegate.mask(seed, threshold, value, out, n);
        record("mask", t0);
        return kept;
    }
}
