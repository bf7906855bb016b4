package dev.nabla.examples.d2l;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Training stopped because the loss or a parameter is no longer a finite number: the run has
 * diverged, and every further step would only spread NaN. Says which run, where, the loss, the
 * likely cause and a fix; what the run measured before that point is still valid.
 */
public final class DivergedException extends RuntimeException {
    private final String run;
    private final int epoch, batch, batches;
    private final double loss;
    private final String what, fix;

    /**
     * @param run     the run's name
     * @param epoch   the epoch (1-based) in which it happened
     * @param batch   the batch (1-based) of that epoch, or 0 when the measurement after the epoch found it
     * @param batches batches per epoch
     * @param loss    the batch's mean loss (may itself be NaN or infinite)
     * @param what    what went non-finite, in words ({@code "the loss is NaN"})
     * @param fix     what to do ({@code "lower the learning rate (now 1e6)"})
     */
    public DivergedException(String run, int epoch, int batch, int batches, double loss, String what, String fix) {
        super(message(run, epoch, batch, batches, what, fix));
        this.run = run;
        this.epoch = epoch;
        this.batch = batch;
        this.batches = batches;
        this.loss = loss;
        this.what = what;
        this.fix = fix;
    }

    private static String message(String run, int epoch, int batch, int batches, String what, String fix) {
        java.util.Objects.requireNonNull(run, "run");
        java.util.Objects.requireNonNull(what, "what");
        java.util.Objects.requireNonNull(fix, "fix");
        return String.format(Locale.ROOT, "run '%s' diverged at epoch %d, %s: %s. Likely cause: steps too large for this model; %s.", run,
                epoch, batch == 0 ? "when measured after its last batch" : "batch " + batch + " of " + batches, what, fix);
    }

    /** The same facts with another fix, e.g. naming the command-line option. */
    public DivergedException withFix(String fix) {
        DivergedException e = new DivergedException(run, epoch, batch, batches, loss, what, fix);
        e.setStackTrace(getStackTrace());
        return e;
    }

    /** The usual fix: {@code "lower the learning rate (now 1e6)"}. */
    public static String lowerLearningRate(String name, double lr) {
        return "lower " + name + " (now " + number(lr) + ")";
    }

    /** A number as people write it: 0.5, 100, 1e6, 1e-5. */
    public static String number(double v) {
        if (!Double.isFinite(v) || v == 0) return Double.toString(v);
        double a = Math.abs(v);
        if (a >= 1e-4 && a < 1e5) return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
        String s = String.format(Locale.ROOT, "%.3e", v);  // 1.000e+06
        String mantissa = new BigDecimal(s.substring(0, s.indexOf('e'))).stripTrailingZeros().toPlainString();
        return mantissa + "e" + Integer.parseInt(s.substring(s.indexOf('e') + 1));
    }

    /** The run's name. */
    public String run() {
        return run;
    }

    /** The epoch (1-based) in which training diverged. */
    public int epoch() {
        return epoch;
    }

    /** The batch (1-based) of {@link #epoch()} at which it was noticed, or 0 if only the measurement after the epoch noticed it. */
    public int batch() {
        return batch;
    }

    /** Batches per epoch. */
    public int batches() {
        return batches;
    }

    /** The batch's mean loss (NaN or infinite when the loss itself diverged). */
    public double loss() {
        return loss;
    }

    /** What went non-finite, in words. */
    public String what() {
        return what;
    }
}
