package dev.nabla.examples.experiment;

/**
 * The 97.5% quantile of Student's t distribution, for two-sided 95% intervals from a few seeds:
 * exact table values (to three decimals) for 1 to 30 degrees of freedom, and the Cornish-Fisher
 * expansion around the normal quantile beyond (its error there is below 1e-4).
 */
final class StudentT {
    private static final double[] TABLE = {12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160,
        2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
    private static final double Z = 1.959963984540054;  // the normal distribution's 97.5% quantile

    private StudentT() {}

    /**
     * t such that P(|T| ≤ t) = 0.95 with {@code df} degrees of freedom; a fractional df (Welch's)
     * is rounded down, which widens the interval slightly (the safe side).
     *
     * @throws IllegalArgumentException for df below 1
     */
    static double quantile975(double df) {
        if (!(df >= 1)) throw new IllegalArgumentException("Student's t needs at least 1 degree of freedom, but got " + df);
        int n = (int) Math.min(Math.floor(df), Integer.MAX_VALUE);
        if (n <= TABLE.length) return TABLE[n - 1];
        double z2 = Z * Z, v = n;
        // t ≈ z + (z³+z)/4ν + (5z⁵+16z³+3z)/96ν² + (3z⁷+19z⁵+17z³−15z)/384ν³
        return Z + Z * (z2 + 1) / (4 * v) + Z * ((5 * z2 + 16) * z2 + 3) / (96 * v * v)
                + Z * (((3 * z2 + 19) * z2 + 17) * z2 - 15) / (384 * v * v * v);
    }
}
