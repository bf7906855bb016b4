package dev.nabla.core.kernel;

/**
 * The complementary error function erfc(x) = (2/√π)·∫ₓ^∞ e^(-t²) dt in double precision, which
 * Java's {@code Math} lacks. W. J. Cody's rational Chebyshev approximations ("Rational Chebyshev
 * approximations for the error function", Math. Comp. 23, 1969, pp. 631-638; the coefficients of
 * his netlib routine CALERF), accurate to about 1e-16 relative: far beyond float32, so that GELU
 * rounded to float is as exact as float allows. Three ranges of |x|:
 * <ul>
 *   <li>|x| ≤ 0.46875: erf(x) = x·A(x²)/B(x²), erfc = 1 - erf (no cancellation: erf ≤ 0.5);
 *   <li>0.46875 &lt; |x| ≤ 4: erfc(|x|) = e^(-x²)·C(|x|)/D(|x|);
 *   <li>|x| &gt; 4: erfc(|x|) = e^(-x²)/|x|·(1/√π - z·P(z)/Q(z)), z = 1/x² (0 beyond 26.543, where
 *       it underflows);
 * </ul>
 * and erfc(-y) = 2 - erfc(y) for negative arguments.
 */
final class Erf {
    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02, 3.77485237685302021e02,
        3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02, 1.28261652607737228e03,
        2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00, 6.61191906371416295e01,
        2.98635138197400131e02, 8.81952221241769090e02, 1.71204761263407058e03, 2.05107837782607147e03,
        1.23033935479799725e03, 2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02, 5.37181101862009858e02,
        1.62138957456669019e03, 3.29079923573345963e03, 4.36261909014324716e03, 3.43936767414372164e03,
        1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1, 1.25781726111229246e-1,
        1.60837851487422766e-2, 6.58749161529837803e-4, 1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00, 5.27905102951428412e-1,
        6.05183413124413191e-2, 2.33520497626869185e-3};
    private static final double ONE_OVER_SQRT_PI = 0.56418958354775628695;
    /** Beyond this, erfc(x) is below the smallest double. */
    private static final double UNDERFLOW = 26.543;

    private Erf() {}

    /** erfc(x); NaN for NaN, 2 at -∞, 0 at +∞. */
    static double erfc(double x) {
        double y = Math.abs(x);
        if (y <= 0.46875) {
            double z = y * y;
            double num = (((A[4] * z + A[0]) * z + A[1]) * z + A[2]) * z + A[3];
            double den = (((z + B[0]) * z + B[1]) * z + B[2]) * z + B[3];
            return 1 - x * num / den;
        }
        double tail;  // erfc(y) for y > 0.46875
        if (y <= 4) {
            double num = C[8] * y, den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            tail = (num + C[7]) / (den + D[7]) * expMinusSquare(y);
        } else if (y < UNDERFLOW) {
            double z = 1 / (y * y), num = P[5] * z, den = z;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * z;
                den = (den + Q[i]) * z;
            }
            tail = (ONE_OVER_SQRT_PI - z * (num + P[4]) / (den + Q[4])) / y * expMinusSquare(y);
        } else {
            tail = y == y ? 0 : y;  // NaN stays NaN
        }
        return x < 0 ? 2 - tail : tail;
    }

    /**
     * e^(-y²) without the rounding error of y² itself: y = s + d with s = y rounded down to a
     * multiple of 1/16, whose square is exact, and e^(-y²) = e^(-s²)·e^(-(y-s)(y+s)) (Cody).
     */
    private static double expMinusSquare(double y) {
        double s = Math.floor(y * 16) / 16;
        return Math.exp(-s * s) * Math.exp(-(y - s) * (y + s));
    }
}
