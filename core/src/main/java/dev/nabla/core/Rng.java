package dev.nabla.core;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.SplitMix64;
import java.util.Objects;

/**
 * A seeded, reproducible random source (xoshiro256**, seeded through SplitMix64): the same seed
 * gives the same numbers, bit for bit, on every JVM.
 *
 * <p>Everything random in Nabla takes an {@code Rng}, or uses the default generator, which
 * {@link #manualSeed} reseeds like {@code torch.manual_seed}. The default generator starts from
 * a fixed seed, so a program that never seeds still runs the same way twice.
 *
 * <p>Thread-safe, like {@link java.util.Random}: every method synchronizes on the generator, so
 * threads sharing one (the default generator, used implicitly by {@code Dropout}, {@code Linear},
 * {@link Tensor#rand}) never lose or repeat a draw; a bulk draw (a tensor's fill, a permutation,
 * a mask's seed) is one atomic step. Which thread gets which numbers then depends on scheduling:
 * for results reproducible across runs, give each thread its own generator. To make several
 * draws atomic, hold the lock: {@code synchronized (rng) { ... }}. The lock is uncontended on one
 * thread and costs nanoseconds per call, once per fill or mask.
 */
public final class Rng {
    /** The default generator's seed before any {@link #manualSeed} call (PyTorch's default). */
    public static final long DEFAULT_SEED = 67280421310721L;
    private static final Rng DEFAULT = new Rng(DEFAULT_SEED);

    private long s0, s1, s2, s3;
    private double spareGaussian;
    private boolean hasSpare;

    /** A generator that starts from {@code seed}. */
    public Rng(long seed) {
        reseed(seed);
    }

    /** The generator that methods without an {@code Rng} argument use. */
    public static Rng defaultGenerator() {
        return DEFAULT;
    }

    /** Reseeds the default generator, as {@code torch.manual_seed(seed)}. */
    public static void manualSeed(long seed) {
        DEFAULT.reseed(seed);
    }

    /** Restarts this generator's sequence from {@code seed}. */
    public synchronized void reseed(long seed) {
        s0 = SplitMix64.at(seed, 0);  // the first four outputs of SplitMix64, as xoshiro's authors advise
        s1 = SplitMix64.at(seed, 1);
        s2 = SplitMix64.at(seed, 2);
        s3 = SplitMix64.at(seed, 3);
        hasSpare = false;
    }

    /** 64 random bits. */
    public synchronized long nextLong() {
        return step();
    }

    /** The xoshiro256** step; callers hold the lock. */
    private long step() {
        long result = Long.rotateLeft(s1 * 5, 7) * 9, t = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= t;
        s3 = Long.rotateLeft(s3, 45);
        return result;
    }

    /** Uniform on [0, bound), without modulo bias. */
    public synchronized int nextInt(int bound) {
        if (bound <= 0) throw new IllegalArgumentException("nextInt: bound must be positive, but got " + bound);
        return below(bound);
    }

    /** Uniform on [0, bound) for a positive bound; callers hold the lock. */
    private int below(int bound) {
        long r = (step() >>> 32) * bound;  // Lemire's multiply-shift, with rejection of the biased low part
        if ((r & 0xFFFFFFFFL) < bound) {
            long threshold = (1L << 32) % bound;
            while ((r & 0xFFFFFFFFL) < threshold) r = (step() >>> 32) * bound;
        }
        return (int) (r >>> 32);
    }

    /** Uniform on [0, 1) with 24 random bits (every float of the form k/2²⁴). */
    public synchronized float nextFloat() {
        return unitFloat();
    }

    private float unitFloat() {
        return (step() >>> 40) * 0x1.0p-24f;
    }

    /** Uniform on [0, 1) with 53 random bits. */
    public synchronized double nextDouble() {
        return unit();
    }

    private double unit() {
        return (step() >>> 11) * 0x1.0p-53;
    }

    /** Standard normal, by the Box-Muller transform (StrictMath, so identical on every JVM). */
    public synchronized double nextGaussian() {
        return gaussian();
    }

    private double gaussian() {
        if (hasSpare) {
            hasSpare = false;
            return spareGaussian;
        }
        double u1 = 1.0 - unit(), u2 = unit();  // u1 in (0, 1]: log is finite
        double r = StrictMath.sqrt(-2.0 * StrictMath.log(u1)), theta = 2.0 * Math.PI * u2;
        spareGaussian = r * StrictMath.sin(theta);
        hasSpare = true;
        return r * StrictMath.cos(theta);
    }

    /** A random permutation of 0..n-1 (Fisher-Yates), like {@code torch.randperm}. */
    public synchronized int[] permutation(int n) {
        if (n < 0) throw new IllegalArgumentException("permutation: n must be >= 0, but got " + n);
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = below(i + 1), t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
        return p;
    }

    /**
     * Writes a keep-mask: {@code out[i] = keptValue} with probability {@code keep}, else 0,
     * independently for each of the {@code n} entries. Draws one 64-bit seed from this generator
     * and expands it with a counter-based generator (SplitMix64 of seed and position, see
     * {@link Kernels#mask}), so large masks are fast, vectorised, and the same on every kernel path.
     *
     * @return how many entries were kept
     */
    public int fillMask(float[] out, int n, double keep, float keptValue) {
        Objects.requireNonNull(out, "out");
        if (n < 0 || n > out.length) {
            throw new IllegalArgumentException("fillMask: n " + n + " is outside 0 to " + out.length + " (out's length)");
        }
        if (!(keep >= 0 && keep <= 1)) {
            throw new IllegalArgumentException("fillMask: keep probability has to be between 0 and 1, but got " + keep);
        }
        if (!Float.isFinite(keptValue)) throw new IllegalArgumentException("fillMask: kept value must be finite, but got " + keptValue);
        int threshold = (int) Math.round(keep * (1 << 24));  // keep when u < threshold, u uniform on 0..2²⁴-1
        return Kernels.active().mask(nextLong(), threshold, keptValue, out, n);  // one locked draw; the mask runs unlocked
    }

    /** out[i] = low + (high - low)·u, u uniform on [0, 1) ({@link #nextFloat}), as one atomic draw. */
    synchronized void fillUniform(float[] out, float low, float high) {
        for (int i = 0; i < out.length; i++) out[i] = low + (high - low) * unitFloat();
    }

    /** out[i] = mean + std·z, z standard normal ({@link #nextGaussian}), as one atomic draw. */
    synchronized void fillNormal(float[] out, float mean, float std) {
        for (int i = 0; i < out.length; i++) out[i] = mean + std * (float) gaussian();
    }

    /** The full state, for checkpoints: restore it with {@link #setState}. */
    public synchronized long[] getState() {
        return new long[] {s0, s1, s2, s3, hasSpare ? 1 : 0, Double.doubleToRawLongBits(spareGaussian)};
    }

    /** Continues exactly where the generator that produced {@code state} was. */
    public synchronized void setState(long[] state) {
        Objects.requireNonNull(state, "state");
        if (state.length != 6 || (state[0] | state[1] | state[2] | state[3]) == 0 || state[4] >>> 1 != 0) {
            throw new IllegalArgumentException("setState: not an Rng state (expected the 6 values of getState())");
        }
        s0 = state[0];
        s1 = state[1];
        s2 = state[2];
        s3 = state[3];
        hasSpare = state[4] == 1;
        spareGaussian = Double.longBitsToDouble(state[5]);
    }
}
