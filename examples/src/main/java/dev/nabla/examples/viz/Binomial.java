package dev.nabla.examples.viz;

import java.util.Locale;

/**
 * The number of dropped units among {@code n}, each dropped with probability {@code p}: a
 * binomial count, to say whether one call's draw is ordinary or unusual.
 *
 * @param n number of units, at least 0
 * @param p drop probability, in [0, 1]
 */
public record Binomial(int n, double p) {
    /** @throws IllegalArgumentException for a negative n or p outside [0, 1] */
    public Binomial {
        if (n < 0) throw new IllegalArgumentException("a binomial count needs n >= 0, but got " + n);
        if (!(p >= 0 && p <= 1)) throw new IllegalArgumentException("probability has to be between 0 and 1, but got " + p);
    }

    /** n·p, the expected count. */
    public double mean() {
        return n * p;
    }

    /** sqrt(n·p·(1-p)), the standard deviation of the count. */
    public double sd() {
        return Math.sqrt(n * p * (1 - p));
    }

    /** P(K = k). */
    public double pmf(int k) {
        if (k < 0 || k > n) return 0;
        if (p == 0 || p == 1) return k == (p == 0 ? 0 : n) ? 1 : 0;
        double logChoose = 0;  // log C(n, k), summed so that large n does not overflow
        for (int i = 1; i <= k; i++) logChoose += Math.log(n - k + i) - Math.log(i);
        return Math.exp(logChoose + k * Math.log(p) + (n - k) * Math.log1p(-p));
    }

    /** P(|K - n·p| ≥ |k - n·p|): how often a count at least this far from the mean comes up, either side. */
    public double atLeastAsFar(int k) {
        double distance = Math.abs(k - mean()) - 1e-9, sum = 0;
        for (int j = 0; j <= n; j++) if (Math.abs(j - mean()) >= distance) sum += pmf(j);
        return Math.min(1, sum);
    }

    /** "4 ± 1.4": the expected count and its spread. */
    public String expected() {
        return Pictures.number(mean(), 1) + " ± " + String.format(Locale.ROOT, "%.1f", sd());
    }

    /** True when a draw of {@code k} is unusual: at most 5% of draws are this far from the mean. */
    public boolean unusual(int k) {
        return sd() > 0 && atLeastAsFar(k) < 0.05;
    }

    /**
     * A phrase on a draw of {@code k} among many {@code draws} (say "calls" or "rows"), derived from
     * its probability: ordinary (≥ 5% of draws are as far from the mean), unusual (1% to 5%) or
     * rare (&lt; 1%).
     */
    public String comment(int k, String draws) {
        double q = atLeastAsFar(k);
        String mean = Pictures.number(mean(), 1);
        if (Math.abs(k - mean()) < 1) return "ordinary: about the expected count";
        if (!unusual(k)) return String.format(Locale.ROOT, "ordinary: %s of %s are at least this far from %s", percent(q), draws, mean);
        return String.format(Locale.ROOT, "%s: only %s of %s, about 1 in %d, are this far from %s; it is chance, and the next call "
                + "draws anew", q >= 0.01 ? "unusual" : "rare", percent(q), draws, Math.round(1 / q), mean);
    }

    private static String percent(double q) {
        return q >= 0.1 ? String.format(Locale.ROOT, "%.0f%%", 100 * q) : String.format(Locale.ROOT, "%.1f%%", 100 * q);
    }
}
