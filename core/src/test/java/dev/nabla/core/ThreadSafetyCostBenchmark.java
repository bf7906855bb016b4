package dev.nabla.core;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What thread safety costs one thread: the synchronized default generator on the dropout-mask path
 * (one locked draw per mask), single draws and a tensor fill, and the locked accumulation into a
 * leaf's gradient. Public API only, so the same file runs against an older build for an A/B:
 * {@code java -cp core/target/test-classes:core/target/classes:... org.openjdk.jmh.Main ThreadSafetyCostBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules=jdk.incubator.vector"})
public class ThreadSafetyCostBenchmark {
    private final float[] mask = new float[256 * 256];
    private final Rng rng = new Rng(1);
    private final Tensor w = Tensor.ones(10).requiresGrad(true);

    /** The d2l MLP's dropout mask for one 256 x 256 activation, from the default generator. */
    @Benchmark
    public int dropoutMask() {
        return Rng.defaultGenerator().fillMask(mask, mask.length, 0.8, 1.25f);
    }

    /** One draw: the lock, uncontended, around a few shifts and multiplies. */
    @Benchmark
    public float nextFloat() {
        return rng.nextFloat();
    }

    /** A 65,536-element fill, one locked bulk draw. */
    @Benchmark
    public Tensor rand() {
        return Tensor.rand(rng, 256, 256);
    }

    /** A tiny graph's backward: the leaf's locked accumulation is a visible part of it. */
    @Benchmark
    public Tensor backwardIntoALeaf() {
        w.zeroGrad();
        w.mul(2f).sum().backward();  // the first gradient: assigned
        w.mul(3f).sum().backward();  // the second: added
        return w.grad();
    }
}
