package dev.nabla.core.kernel;

/**
 * SplitMix64 (Steele, Lea and Flood, 2014) as a counter-based function: output number
 * {@code index} of the sequence that starts at {@code seed}, computed directly, without stepping
 * through the ones before it. {@link dev.nabla.core.Rng} seeds itself with it, and the dropout
 * mask kernels draw from it (the Vector API kernels compute the same function in vector lanes).
 */
public final class SplitMix64 {
    /** The golden-ratio increment between consecutive states. */
    static final long GAMMA = 0x9E3779B97F4A7C15L;
    /** The multipliers of the output mix (Stafford's variant 13 of MurmurHash3's finaliser). */
    static final long MIX1 = 0xBF58476D1CE4E5B9L, MIX2 = 0x94D049BB133111EBL;

    private SplitMix64() {}

    /** Output number {@code index} (0, 1, ...) of SplitMix64 started at {@code seed}. */
    public static long at(long seed, long index) {
        long z = seed + (index + 1) * GAMMA;
        z = (z ^ (z >>> 30)) * MIX1;
        z = (z ^ (z >>> 27)) * MIX2;
        return z ^ (z >>> 31);
    }
}
