package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A plain-language reading of the curves, derived from the numbers alone, so it says what the
 * data did (including when dropout did not help), not what we hoped. With one seed, a difference
 * counts when it exceeds twice the sampling error of a test accuracy; with several, it counts
 * when the seeds agree on it: with fewer than five, when every seed's paired difference has the
 * same sign; from five on, when the 95% t-interval of the paired differences excludes zero.
 */
public final class Reading {
    /** Sampling error of an accuracy measured on the 10,000 test images, at ~85%: √(0.85·0.15/10000). */
    static final double ACC_STDERR = 0.0036;

    private static final String COSTS = "at this strength dropout costs more fit than it saves.";

    private Reading() {}

    /** Paragraphs about the study (the first configuration is the baseline) and, if present, the book's setting. */
    public static List<String> paragraphs(List<Seeds> study, Seeds book) {
        List<String> out = new ArrayList<>();
        if (!study.isEmpty()) {
            Seeds base = study.get(0);
            out.add(baseline(base));
            for (Seeds s : study.subList(1, study.size())) out.add(compare(s, base));
            out.add(best(study));
        }
        if (book != null) out.add(book(book));
        int n = study.isEmpty() ? (book == null ? 1 : book.n()) : study.get(0).n();
        if (n == 1) {
            out.add(String.format(Locale.ROOT, "Each configuration ran once, with one seed. A test accuracy measured on 10,000 images "
                    + "has a sampling error of about %.1f percentage points, so smaller differences between runs are not evidence of "
                    + "anything; --seeds 3 or more measures how much the numbers move from seed to seed.", 100 * ACC_STDERR));
        } else {
            out.add(String.format(Locale.ROOT, "Each configuration ran with %d seeds (%s). Runs with the same seed start from the same "
                    + "weights and see the batches in the same order, so differences are taken seed by seed (paired). %s", n,
                    seedList(study.isEmpty() ? book : study.get(0)), n < Spread.INTERVAL_SEEDS
                    ? "Numbers in brackets and bands are the range over the seeds. A difference is called consistent when every seed "
                    + "agrees on its sign; with " + n + " seeds that happens by chance " + chance(n) + " when there is no real "
                    + "difference, so it is a hint, not proof: 5 or more seeds give 95% intervals."
                    : "± and bands are 95% t-intervals of the mean; a difference counts when its 95% interval excludes zero."));
        }
        return out;
    }

    private static String chance(int n) {
        return "one time in " + (1 << (n - 1));
    }

    private static String seedList(Seeds s) {
        List<Long> seeds = s.seeds();
        return seeds.size() <= 3 ? seeds.toString().replaceAll("[\\[\\]]", "")
                : seeds.get(0) + " to " + seeds.get(seeds.size() - 1);
    }

    private static String baseline(Seeds s) {
        RunResult r = s.mean();
        EpochMetrics last = r.last(), best = r.bestTestLoss();
        String s0 = String.format(Locale.ROOT, "%s: after %d epochs the network reaches %s training accuracy (eval mode) and %s on the "
                        + "test set; the final test loss is %s against a training loss of %s, a gap of %s%s. ",
                cap(s.label()), last.epoch(), s.last(EpochMetrics::trainEvalAcc).percent(), s.last(EpochMetrics::testAcc).percent(),
                s.last(EpochMetrics::testLoss).loss(), s.last(EpochMetrics::trainEvalLoss).loss(), gap(s).loss(),
                s.n() > 1 ? "; all means over " + s.n() + " seeds" : "");
        String unstable = instability(s);
        if (unstable != null) return s0 + unstable;
        double rise = last.testLoss() - best.testLoss();
        boolean trainKeptFalling = last.trainEvalLoss() <= trainEvalLossAt(r, best.epoch());
        if (rise > 0.05 * best.testLoss() && best.epoch() < last.epoch() && trainKeptFalling) {
            s0 += String.format(Locale.ROOT, "Its test loss was lowest at epoch %d (%.3f) and then rose by %.3f while the training loss "
                    + "kept falling (from %.3f to %.3f): the classic picture of overfitting, the network memorising its training images.",
                    best.epoch(), best.testLoss(), rise, trainEvalLossAt(r, best.epoch()), last.trainEvalLoss());
        } else {
            s0 += "Its test loss did not rise clearly after its minimum while the training loss fell, so this run shows little overfitting.";
        }
        return s0;
    }

    /** A sentence if some seed's training loss jumped up (a sign of too large a step), else null. */
    static String instability(Seeds s) {
        for (RunResult r : s.runs()) {
            String u = instability(r);
            if (u != null) return s.n() == 1 ? u : "With seed " + r.config().seed() + ": " + u;
        }
        return null;
    }

    /** A sentence if the training loss jumped up (a sign of too large a step), else null. */
    static String instability(RunResult r) {
        double lowest = Double.POSITIVE_INFINITY;
        for (EpochMetrics m : r.epochs()) {
            double l = Double.isFinite(m.trainEvalLoss()) ? m.trainEvalLoss() : m.trainLoss();
            if (!Double.isFinite(l) || l > 2 * lowest + 0.5) {
                return String.format(Locale.ROOT, "Training became unstable at epoch %d: the training loss jumped from at most %.3f to %.3f, "
                        + "so the curves after that show a failed optimisation, not overfitting. A smaller learning rate would avoid it.",
                        m.epoch(), lowest, l);
            }
            lowest = Math.min(lowest, l);
        }
        return null;
    }

    private static double trainEvalLossAt(RunResult r, int epoch) {
        return r.epochs().get(epoch - 1).trainEvalLoss();
    }

    private static Spread gap(Seeds s) {
        return s.last(EpochMetrics::generalisationGap);
    }

    private static String compare(Seeds r, Seeds base) {
        Spread acc = r.last(EpochMetrics::testAcc), baseAcc = base.last(EpochMetrics::testAcc);
        String s = String.format(Locale.ROOT, "%s (dropout %s): final gap %s against %s without dropout, test loss %s against %s, "
                        + "test accuracy %s against %s (%s). ", cap(r.label()), r.config().dropoutText(), gap(r).loss(), gap(base).loss(),
                r.last(EpochMetrics::testLoss).loss(), base.last(EpochMetrics::testLoss).loss(), acc.percent(), baseAcc.percent(),
                points(acc.mean(), baseAcc.mean()));
        String unstable = instability(r);
        if (unstable != null) return s + unstable;
        Verdict gapV = verdict(r, base, EpochMetrics::generalisationGap, 0.02, false);
        Verdict accV = verdict(r, base, EpochMetrics::testAcc, 2 * ACC_STDERR, true);
        boolean narrower = gapV.direction < 0, accBetter = accV.direction > 0, accWorse = accV.direction < 0;
        if (r.n() == 1) {
            if (narrower && accBetter) s += "Dropout narrowed the gap and improved test accuracy beyond the noise: here it regularised.";
            else if (narrower && !accWorse) s += "Dropout narrowed the gap; test accuracy moved by less than the noise.";
            else if (narrower) s += "The gap is narrower, but test accuracy dropped beyond the noise: " + COSTS;
            else s += "Dropout did not narrow the gap in this run.";
            return s;
        }
        s += "Seed by seed, the gap " + gapV.text + ", and test accuracy " + accV.text + ". ";
        if (narrower && accBetter) s += "Dropout narrowed the gap and improved test accuracy, consistently across seeds: here it regularised.";
        else if (narrower && !accWorse) s += "Dropout narrowed the gap; the seeds do not agree on a change in test accuracy.";
        else if (narrower) s += "The gap is narrower, but test accuracy dropped in every seed: " + COSTS;
        else s += "The seeds do not show a narrower gap.";
        return s;
    }

    /** Whether {@code r} is above (+1), below (-1) or not clearly different (0) from {@code base} at the end, and why, in words. */
    private record Verdict(int direction, String text) {}

    private static Verdict verdict(Seeds r, Seeds base, ToDoubleFunction<EpochMetrics> f, double singleRunNoise, boolean pct) {
        List<Seeds.Point> diff = r.pairedDifference(base, f);
        if (diff.isEmpty()) return new Verdict(0, "cannot be compared");
        Spread d = diff.get(diff.size() - 1).spread();
        double scale = pct ? 100 : 1;
        String unit = pct ? " points" : "";
        if (d.n() == 1) return new Verdict(Math.abs(d.mean()) > singleRunNoise ? (int) Math.signum(d.mean()) : 0, "");
        String range = String.format(Locale.ROOT, pct ? "%+.1f to %+.1f%s" : "%+.3f to %+.3f%s", scale * d.lo(), scale * d.hi(), unit);
        if (d.lo() > 0 || d.hi() < 0) {
            int dir = d.lo() > 0 ? 1 : -1;
            String word = pct ? (dir > 0 ? "rose" : "fell") : (dir > 0 ? "widened" : "narrowed");
            return new Verdict(dir, word + (d.isInterval() ? " (95% interval of the difference: " : " in every seed (by ") + range + ")");
        }
        return new Verdict(0, "moved both ways (" + (d.isInterval() ? "95% interval of the difference: " : "by ") + range + ")");
    }

    /** The difference of two accuracies in points, from the numbers as rounded for display, so the text adds up. */
    static String points(double a, double b) {
        double d = Math.round(1000 * a) / 10.0 - Math.round(1000 * b) / 10.0;
        if (Math.abs(d) < 0.05) return "the same to a tenth of a point";
        return String.format(Locale.ROOT, "%+.1f points", d);
    }

    private static String best(List<Seeds> study) {
        Seeds best = study.get(0);
        for (Seeds s : study) if (s.last(EpochMetrics::testAcc).mean() > best.last(EpochMetrics::testAcc).mean()) best = s;
        return String.format(Locale.ROOT, "Best final test accuracy among these configurations: %s with %s%s.", best.label(),
                best.last(EpochMetrics::testAcc).percent(), best.n() > 1 ? " (mean over " + best.n() + " seeds)" : "");
    }

    private static String book(Seeds s) {
        RunResult r = s.mean();
        EpochMetrics m = r.last();
        boolean inRange = Math.abs(m.trainLoss() - 0.36) <= 0.05 && Math.abs(m.trainAcc() - 0.87) <= 0.02
                && m.testAcc() >= 0.83 && m.testAcc() <= 0.87;
        return String.format(Locale.ROOT, "The book's own setting (%,d training images, %d epoch%s, dropout %s, lr %s): train loss %s "
                        + "(running, dropout on; d2l's rendered runs: about 0.36), train accuracy %s (about 87%%), test accuracy %s "
                        + "(84-86%%). %s",
                s.config().trainLimit() == 0 ? 60000 : s.config().trainLimit(), s.config().epochs(), s.config().epochs() == 1 ? "" : "s",
                s.config().dropoutText(),
                s.config().lr(), s.last(EpochMetrics::trainLoss).loss(), s.last(EpochMetrics::trainAcc).percent(),
                s.last(EpochMetrics::testAcc).percent(),
                inRange ? "These land where the book and the PyTorch reference land (the test accuracy of a single epoch moves by "
                        + "about a point from one epoch to the next; see the book-setting curves in the appendix)."
                        : "These differ from the book's numbers; see the settings (fewer epochs or images change them).");
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** Capitalised for the start of a sentence; names such as "d2l" keep their case. */
    static String cap(String s) {
        return s.isEmpty() || s.startsWith("d2l") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
