package dev.nabla.core.kernel;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH microbenchmarks of the matrix products one training step of d2l's MLP runs (batch 256),
 * for both kernel paths. Run with {@code bench/jmh}; GFLOP/s = 2·m·k·n / time. Forms: NN is
 * C = A·B, TN is C = Aᵀ·B, NT is C = A·Bᵀ.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class GemmBenchmark {
    /** form:m:k:n, e.g. NT:256:784:256 is the first layer's forward pass. */
    @Param({"NT:256:784:256", "TN:256:256:784", "NN:256:256:256", "NT:256:256:10"})
    public String shape;

    @Param({"vector", "portable"})
    public String kernels;

    private Kernels k;
    private float[] a, b;
    private int form, m, kk, n;

    @Setup
    public void setUp() {
        k = kernels.equals("vector") ? KernelSelector.vector() : KernelSelector.portable();
        String[] p = shape.split(":");
        form = "NN TN NT".indexOf(p[0]) / 3;
        m = Integer.parseInt(p[1]);
        kk = Integer.parseInt(p[2]);
        n = Integer.parseInt(p[3]);
        Random r = new Random(1);
        a = new float[m * kk];
        b = new float[kk * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
    }

    /** One product into a fresh output, as in training. */
    @Benchmark
    public float[] product() {
        float[] c = new float[m * n];
        k.gemm(form == 1, form == 2, m, n, kk, a, 0, b, 0, c, 0, false);
        return c;
    }
}
