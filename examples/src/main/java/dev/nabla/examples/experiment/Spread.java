package dev.nabla.examples.experiment;

import java.util.Locale;

/**
 * How one number varies between seeds: the mean and an interval. With fewer than
 * {@link #INTERVAL_SEEDS} seeds the interval is the range (min to max: every seed lies in it);
 * from {@link #INTERVAL_SEEDS} on it is a 95% confidence interval for the mean, t-based
 * (mean ± t₀.₉₇₅,ₙ₋₁ · s/√n). With one seed it is the value itself.
 *
 * @param n    how many values (seeds)
 * @param mean their mean
 * @param lo   the interval's lower end
 * @param hi   the interval's upper end
 * @param sd   the sample standard deviation (0 for one value)
 * @param min  the smallest value
 * @param max  the largest value
 */
public record Spread(int n, double mean, double lo, double hi, double sd, double min, double max) {
    /** From this many seeds on, intervals are 95% t-intervals instead of ranges. */
    public static final int INTERVAL_SEEDS = 5;

    /**
     * The spread of {@code values}.
     *
     * @throws IllegalArgumentException for no values or a value that is not finite
     */
    public static Spread of(double... values) {
        if (values.length == 0) throw new IllegalArgumentException("a spread needs at least one value");
        double sum = 0, min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("a spread needs finite values, but got " + v);
            sum += v;
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        int n = values.length;
        double mean = sum / n, ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = n > 1 ? Math.sqrt(ss / (n - 1)) : 0;
        if (n < INTERVAL_SEEDS) return new Spread(n, mean, min, max, sd, min, max);
        double half = StudentT.quantile975(n - 1) * sd / Math.sqrt(n);
        return new Spread(n, mean, mean - half, mean + half, sd, min, max);
    }

    /** True for a 95% t-interval, false for a range (or a single value). */
    public boolean isInterval() {
        return n >= INTERVAL_SEEDS;
    }

    /** What the interval is, for captions: "range over 3 seeds", "95% interval over 5 seeds", "one seed". */
    public String kind() {
        return kind(n);
    }

    /** As {@link #kind()}, for {@code n} seeds. */
    public static String kind(int n) {
        if (n == 1) return "one seed";
        return n < INTERVAL_SEEDS ? "min-max over " + n + " seeds" : "95% t-interval of the mean over " + n + " seeds";
    }

    /**
     * The mean, and the interval, each rounded to {@code decimals} after {@code scale}:
     * {@code "0.779"} for one seed, {@code "0.779 (0.741-0.802)"} for a range,
     * {@code "0.779 ± 0.021"} for a 95% interval.
     */
    public String text(double scale, int decimals, String unit) {
        String f = "%." + decimals + "f";
        String mean = String.format(Locale.ROOT, f, scale * this.mean) + unit;
        if (n == 1) return mean;
        if (!isInterval()) {
            return mean + String.format(Locale.ROOT, " (" + f + "-" + f + ")", scale * lo, scale * hi);
        }
        return mean + String.format(Locale.ROOT, " ± " + f, scale * (hi - this.mean));
    }

    /** As {@link #text(double, int, String)} for a loss: three decimals. */
    public String loss() {
        return text(1, 3, "");
    }

    /** As {@link #text(double, int, String)} for an accuracy in percent, one decimal. */
    public String percent() {
        return text(100, 1, "%");
    }
}
