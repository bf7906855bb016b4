package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A plain-language reading of the curves, derived from the numbers alone, so it says what the
 * data did (including when dropout did not help), not what we hoped.
 */
public final class Reading {
    /** Sampling error of an accuracy measured on the 10,000 test images, at ~85%: √(0.85·0.15/10000). */
    static final double ACC_STDERR = 0.0036;

    private Reading() {}

    /** Paragraphs about the study runs (the first is the baseline) and, if present, the book run. */
    public static List<String> paragraphs(List<RunResult> study, RunResult book) {
        List<String> out = new ArrayList<>();
        if (!study.isEmpty()) {
            RunResult base = study.get(0);
            out.add(baseline(base));
            for (RunResult r : study.subList(1, study.size())) out.add(compare(r, base));
            out.add(best(study));
        }
        if (book != null) out.add(book(book));
        out.add(String.format(Locale.ROOT, "Each configuration ran once, with one seed. A test accuracy measured on 10,000 images "
                + "has a sampling error of about %.1f percentage points, so smaller differences between runs are not evidence of "
                + "anything.", 100 * ACC_STDERR));
        return out;
    }

    private static String baseline(RunResult r) {
        EpochMetrics last = r.last(), best = r.bestTestLoss();
        String s = String.format(Locale.ROOT, "%s: after %d epochs the network reaches %s training accuracy (measured in eval mode) "
                        + "and %s on the test set; the final test loss is %.3f against a training loss of %.3f (gap %.3f). ",
                cap(r.config().label()), last.epoch(), pct(last.trainEvalAcc()), pct(last.testAcc()), last.testLoss(), last.trainEvalLoss(),
                last.generalisationGap());
        String unstable = instability(r);
        if (unstable != null) return s + unstable;
        double rise = last.testLoss() - best.testLoss();
        boolean trainKeptFalling = last.trainEvalLoss() <= trainEvalLossAt(r, best.epoch());
        if (rise > 0.05 * best.testLoss() && best.epoch() < last.epoch() && trainKeptFalling) {
            s += String.format(Locale.ROOT, "Its test loss was lowest at epoch %d (%.3f) and then rose by %.3f while the training loss "
                    + "kept falling (from %.3f to %.3f): the classic picture of overfitting, the network memorising its training images.",
                    best.epoch(), best.testLoss(), rise, trainEvalLossAt(r, best.epoch()), last.trainEvalLoss());
        } else {
            s += "Its test loss did not rise clearly after its minimum while the training loss fell, so this run shows little overfitting.";
        }
        return s;
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

    private static String compare(RunResult r, RunResult base) {
        EpochMetrics m = r.last(), b = base.last();
        double dAcc = m.testAcc() - b.testAcc(), dGap = m.generalisationGap() - b.generalisationGap();
        String s = String.format(Locale.ROOT, "%s (dropout %s): final gap %.3f against %.3f without dropout, test loss %.3f against %.3f, "
                        + "test accuracy %s against %s (%+.1f points). ", cap(r.config().label()), r.config().dropoutText(),
                m.generalisationGap(), b.generalisationGap(), m.testLoss(), b.testLoss(), pct(m.testAcc()), pct(b.testAcc()), 100 * dAcc);
        String unstable = instability(r);
        if (unstable != null) return s + unstable;
        boolean narrower = dGap < -0.02, accOk = dAcc > -2 * ACC_STDERR, accBetter = dAcc > 2 * ACC_STDERR;
        if (narrower && accBetter) s += "Dropout narrowed the gap and improved test accuracy beyond the noise: here it regularised.";
        else if (narrower && accOk) s += "Dropout narrowed the gap; test accuracy moved by less than the noise.";
        else if (narrower) s += "The gap is narrower, but test accuracy dropped beyond the noise: at this strength dropout costs more fit than it saves.";
        else s += "Dropout did not narrow the gap in this run.";
        return s;
    }

    private static String best(List<RunResult> study) {
        RunResult best = study.get(0);
        for (RunResult r : study) if (r.last().testAcc() > best.last().testAcc()) best = r;
        return String.format(Locale.ROOT, "Best final test accuracy among these runs: %s with %s.", best.config().label(), pct(best.last().testAcc()));
    }

    private static String book(RunResult r) {
        EpochMetrics m = r.last();
        boolean inRange = Math.abs(m.trainLoss() - 0.36) <= 0.05 && Math.abs(m.trainAcc() - 0.87) <= 0.02
                && m.testAcc() >= 0.83 && m.testAcc() <= 0.87;
        return String.format(Locale.ROOT, "The book's own setting (%d training images, %d epochs, dropout %s, lr %s): train loss %.3f "
                        + "(d2l's rendered runs: about 0.36), train accuracy %s (about 87%%), test accuracy %s (84-86%%). %s",
                r.config().trainLimit() == 0 ? 60000 : r.config().trainLimit(), r.config().epochs(), r.config().dropoutText(), r.config().lr(),
                m.trainLoss(), pct(m.trainAcc()), pct(m.testAcc()),
                inRange ? "These land where the book and the PyTorch reference land (the test accuracy of a single epoch moves by "
                        + "about a point from one epoch to the next; see the book-setting curves)."
                        : "These differ from the book's numbers; see the settings above (fewer epochs or images change them).");
    }

    static String pct(double v) {
        return String.format(Locale.ROOT, "%.1f%%", 100 * v);
    }

    /** Capitalised for the start of a sentence; names such as "d2l" keep their case. */
    private static String cap(String s) {
        return s.isEmpty() || s.startsWith("d2l") ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
