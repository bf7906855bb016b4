package dev.nabla.core.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * e^x, σ(x) and tanh x on whole float vectors, for {@link VectorKernels}: the scalar loops call
 * {@code Math.exp} in double, one element at a time, and were most of a LeNet step (its sigmoids).
 * exp is Cephes' {@code expf}: x = n·ln 2 + r with |r| ≤ ½ln 2 (ln 2 in two parts, so r is exact),
 * e^r by a degree-7 polynomial with FMA, and 2ⁿ applied in two halves so that results down to the
 * smallest subnormal round once. Checked against {@link UnaryOp#apply} over every float (once, by a
 * sweep of all 2³² inputs; ActivationKernelTest samples them): exp within 1 ulp, σ and tanh within
 * 2 ulp; NaN stays NaN, e^+∞ = +∞, e^-∞ = 0, tanh ±0 = ±0.
 */
final class VectorMath {
    /** Above this e^x overflows (ln of the largest float is 88.7228...); clamping here keeps 2ⁿ's exponent in range. */
    private static final float EXP_HI = 89f;
    /** Below this e^x rounds to 0 (half the smallest subnormal is e^-103.97...). */
    private static final float EXP_LO = -104f;
    private static final float LOG2E = 1.44269504088896341f, LN2_HI = 0.693359375f, LN2_LO = -2.12194440e-4f;
    /** 1.5·2²³: adding it rounds a float of magnitude below 2²² to an integer, which its low bits then hold. */
    private static final float ROUNDER = 0x1.8p23f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f, P3 = 4.1665795894e-2f,
            P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;
    /** Below this |x|, tanh uses its odd polynomial (Cephes' tanhf); above, (1 - e^-2|x|) / (1 + e^-2|x|), which then does not cancel. */
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f, T1 = 2.06390887954e-2f, T2 = -5.37397155531e-2f, T3 = 1.33314422036e-1f,
            T4 = -3.33332819422e-1f;

    private VectorMath() {}

    /** e^x in every lane. */
    static FloatVector exp(FloatVector x) {
        VectorSpecies<Float> s = x.species();
        FloatVector c = x.max(EXP_LO).min(EXP_HI);  // NaN stays NaN (max and min propagate it)
        FloatVector t = c.fma(FloatVector.broadcast(s, LOG2E), FloatVector.broadcast(s, ROUNDER));
        FloatVector n = t.sub(ROUNDER);  // round(x·log2 e), as a float
        IntVector ni = t.reinterpretAsInts().sub(Float.floatToRawIntBits(ROUNDER));  // the same, as an int in [-150, 129]
        FloatVector r = n.fma(FloatVector.broadcast(s, -LN2_HI), c);
        r = n.fma(FloatVector.broadcast(s, -LN2_LO), r);  // x - n·ln 2, exactly
        FloatVector z = r.mul(r);
        FloatVector p = r.fma(FloatVector.broadcast(s, P0), FloatVector.broadcast(s, P1));
        p = p.fma(r, FloatVector.broadcast(s, P2));
        p = p.fma(r, FloatVector.broadcast(s, P3));
        p = p.fma(r, FloatVector.broadcast(s, P4));
        p = p.fma(r, FloatVector.broadcast(s, P5));
        p = p.fma(z, r).add(1f);  // e^r = 1 + r + r²·P(r)
        IntVector half = ni.lanewise(VectorOperators.ASHR, 1), rest = ni.sub(half);  // 2ⁿ = 2^half · 2^rest, each a normal float
        FloatVector scale1 = half.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        FloatVector scale2 = rest.add(127).lanewise(VectorOperators.LSHL, 23).reinterpretAsFloats();
        return p.mul(scale1).mul(scale2);  // the first product is exact; the second rounds once, also into the subnormals
    }

    /**
     * σ(x) = t = e/(1 + e) with e = e^-|x| for x &lt; 0, and 1 - t for x ≥ 0: e ≤ 1 never overflows, and
     * 1 - t rounds once near 1, where 1/(1 + e) would round 1 + e first (an ulp off at x = 15, say).
     */
    static FloatVector sigmoid(FloatVector x) {
        FloatVector e = exp(x.abs().neg()), t = e.div(e.add(1f));
        return t.neg().add(1f).blend(t, x.compare(VectorOperators.LT, 0f));
    }

    /** tanh x: an odd polynomial for small |x|, (1 - e^-2|x|)/(1 + e^-2|x|) above, with x's sign (so tanh -0 = -0). */
    static FloatVector tanh(FloatVector x) {
        FloatVector a = x.abs(), z = a.mul(a);
        FloatVector p = z.fma(FloatVector.broadcast(x.species(), T0), FloatVector.broadcast(x.species(), T1));
        p = p.fma(z, FloatVector.broadcast(x.species(), T2));
        p = p.fma(z, FloatVector.broadcast(x.species(), T3));
        p = p.fma(z, FloatVector.broadcast(x.species(), T4));
        FloatVector small = p.mul(z).fma(a, a);
        FloatVector e = exp(a.mul(-2f));
        FloatVector large = e.neg().add(1f).div(e.add(1f));
        FloatVector t = large.blend(small, a.compare(VectorOperators.LT, TANH_SMALL));  // NaN: not small, and large is NaN
        IntVector sign = x.reinterpretAsInts().lanewise(VectorOperators.AND, Integer.MIN_VALUE);
        return t.reinterpretAsInts().lanewise(VectorOperators.OR, sign).reinterpretAsFloats();
    }
}
