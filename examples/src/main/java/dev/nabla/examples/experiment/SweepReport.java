package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** A sweep's report: final numbers against p, the table, a reading that answers "why 0.5?", settings, what to try next. */
final class SweepReport implements ReportBuilder {
    @Override
    public Report.Document document(Job job, FigureCache figures, boolean draw, String at) throws IOException {
        List<Seeds> groups = job.study();
        List<Seeds> finished = new ArrayList<>();
        for (Seeds s : groups) if (s.last(EpochMetrics::testLoss) != null) finished.add(s);
        List<Report.Block> b = new ArrayList<>();
        Report.Figure live = LiveFigure.of(job);
        if (live != null) b.add(live);
        b.add(new Report.Text(job.plan().why()));
        String key = StudyCharts.key(finished);
        if (!finished.isEmpty()) {
            Report.Figure f = draw ? figures.get("sweep", key, "Final test loss, test accuracy, generalisation gap and train accuracy "
                    + "(eval mode) against p. The line "
                    + "joins the means; " + (finished.get(0).n() == 1 ? "one seed per p." : "the band is the " + Spread.kind(finished.get(0).n())
                    + "; grey dots are the single seeds."), () -> SweepCharts.finals(finished)) : figures.last("sweep");
            if (f != null) b.add(f);
        }
        b.add(new Report.Heading(2, "Final numbers"));
        b.add(table(job));
        b.add(new Report.Heading(2, "What the sweep shows"));
        for (String p : reading(finished)) b.add(new Report.Text(p));
        b.add(new Report.Heading(2, "Settings"));
        b.add(settings(job));
        b.add(new Report.Heading(2, "Try next"));
        b.add(TryNext.sweep(job.plan()));
        if (!groups.isEmpty()) {
            b.add(new Report.Heading(2, "Appendix: training loss by p"));
            Report.Figure f = draw ? figures.get("train-loss", StudyCharts.key(groups), "The training loss as d2l's plot shows it (running "
                    + "average over each epoch's batches, dropout on), mean over the seeds, one line per p: the more is dropped, the "
                    + "harder the training images are to fit. The loss axis is fitted to epochs " + StudyCharts.settled(StudyCharts.epochs(groups))
                    + " on (the first epochs, falling from 2.3, run off the top).", () -> SweepCharts.trainLoss(groups)) : figures.last("train-loss");
            if (f != null) b.add(f);
        }
        return new Report.Document(job.plan().title(), job.statusLine(at), job.running(), b, job.facts());
    }

    @Override
    public Report.Table table(Job job) {
        List<List<String>> rows = new ArrayList<>();
        int n = 1;
        for (Seeds s : job.study()) {
            n = Math.max(n, s.n());
            Spread test = s.last(EpochMetrics::testLoss);
            boolean done = test != null;
            rows.add(List.of(Sweep.text(s.config().dropout()), done ? s.last(EpochMetrics::trainEvalLoss).loss() : "-",
                    done ? s.last(EpochMetrics::trainEvalAcc).percent() : "-", done ? test.loss() : "-",
                    done ? s.last(EpochMetrics::testAcc).percent() : "-", done ? s.last(EpochMetrics::generalisationGap).loss() : "-",
                    s.n() + (s.complete() ? "" : " (running)"), String.format(Locale.ROOT, "%.1f", s.mean().seconds())));
        }
        String note = "After the last epoch. Train numbers in eval mode (the training images measured again with dropout off, as test "
                + "images are); gap = test loss - train loss. " + (n == 1 ? "One seed per p."
                : n < Spread.INTERVAL_SEEDS ? "Mean over " + n + " seeds, range (min-max) in brackets."
                : "Mean over " + n + " seeds ± the half-width of the 95% t-interval of the mean.") + " " + JobRunner.SECONDS_NOTE;
        return new Report.Table(List.of("p", "train loss", "train acc", "test loss", "test acc", "gap", "seeds", "seconds per run"), rows, note);
    }

    /** What the numbers say about p, derived from them alone. */
    static List<String> reading(List<Seeds> groups) {
        List<String> out = new ArrayList<>();
        if (groups.isEmpty()) {
            out.add("No configuration has finished yet.");
            return out;
        }
        Seeds bestLoss = groups.get(0), bestAcc = groups.get(0);
        for (Seeds s : groups) {
            if (s.last(EpochMetrics::testLoss).mean() < bestLoss.last(EpochMetrics::testLoss).mean()) bestLoss = s;
            if (s.last(EpochMetrics::testAcc).mean() > bestAcc.last(EpochMetrics::testAcc).mean()) bestAcc = s;
        }
        List<String> close = new ArrayList<>();
        Spread best = bestLoss.last(EpochMetrics::testLoss);
        for (Seeds s : groups) {
            Spread v = s.last(EpochMetrics::testLoss);
            if (s != bestLoss && overlap(v, best)) close.add(Sweep.text(s.config().dropout()));
        }
        int n = bestLoss.n();
        out.add(String.format(Locale.ROOT, "Lowest final test loss: p = %s, %s. Highest test accuracy: p = %s, %s. %s",
                Sweep.text(bestLoss.config().dropout()), best.loss(), Sweep.text(bestAcc.config().dropout()),
                bestAcc.last(EpochMetrics::testAcc).percent(),
                n == 1 ? "With one seed per p, differences of a few hundredths in loss and of less than about 0.7 points in accuracy "
                        + "are within the noise."
                        : close.isEmpty() ? "No other p comes within the seed spread of the best test loss."
                        : "Within the seed spread of the best test loss (" + (n < Spread.INTERVAL_SEEDS ? "overlapping ranges"
                        : "overlapping 95% intervals") + "): p = " + String.join(", ", close) + "."));
        Seeds lo = groups.get(0), hi = groups.get(groups.size() - 1);
        if (groups.size() >= 2) {
            out.add(String.format(Locale.ROOT, "The gap between test and train loss goes from %s at p = %s to %s at p = %s%s. Train "
                    + "accuracy (eval mode) goes from %s to %s: %s",
                    lo.last(EpochMetrics::generalisationGap).loss(), Sweep.text(lo.config().dropout()),
                    hi.last(EpochMetrics::generalisationGap).loss(), Sweep.text(hi.config().dropout()),
                    monotone(groups) ? ", falling with every step of p" : "", lo.last(EpochMetrics::trainEvalAcc).percent(),
                    hi.last(EpochMetrics::trainEvalAcc).percent(),
                    hi.last(EpochMetrics::trainEvalAcc).mean() < lo.last(EpochMetrics::trainEvalAcc).mean() - 0.05
                            ? "with much dropout the network no longer fits its own training images (underfitting)"
                            + (hi != bestLoss && !close.contains(Sweep.text(hi.config().dropout())) ? ", and its test loss is worse again." : ".")
                            : "even the largest p still lets the network fit its training images."));
        }
        Seeds half = null;
        for (Seeds s : groups) if (Sweep.text(s.config().dropout()).equals("0.5")) half = s;
        if (half != null) {
            String verdict = half == bestLoss ? "is the best p here"
                    : close.contains("0.5") ? "is within the seed spread of the best (p = " + Sweep.text(bestLoss.config().dropout()) + ")"
                    : String.format(Locale.ROOT, "is not the best here: its test loss is %s against %s at p = %s",
                    half.last(EpochMetrics::testLoss).loss(), best.loss(), Sweep.text(bestLoss.config().dropout()));
            out.add("Why 0.5? p = 0.5 (the second layer's p in d2l, and the value Srivastava et al. suggest for hidden units) " + verdict
                    + ". That is the answer for this regime; with more training images or fewer epochs there is less to overfit, and a "
                    + "sweep in that regime measures whether a smaller p then does as well.");
        }
        return out;
    }

    private static boolean overlap(Spread a, Spread b) {
        if (a.n() == 1) return Math.abs(a.mean() - b.mean()) < 0.02;
        return a.lo() <= b.hi() && b.lo() <= a.hi();
    }

    private static boolean monotone(List<Seeds> groups) {
        if (!SweepCharts.numeric(groups)) return false;
        for (int i = 1; i < groups.size(); i++) {
            double gap = groups.get(i).last(EpochMetrics::generalisationGap).mean();
            if (gap >= groups.get(i - 1).last(EpochMetrics::generalisationGap).mean()) return false;
        }
        return true;
    }

    private static Report.Table settings(Job job) {
        RunConfig c = job.plan().study().get(0);
        int available = Integer.parseInt(job.facts().getOrDefault("train images", "60000"));
        int images = c.trainImages(available);
        List<String> ps = new ArrayList<>();
        for (RunConfig r : job.plan().study()) ps.add(Sweep.text(r.dropout()));
        int seeds = job.plan().seeds();
        return new Report.Table(List.of("setting", "every run"), List.of(
                List.of("model", "nn.Sequential (d2l's concise MLP)"),
                List.of("hidden layers", java.util.Arrays.toString(c.hidden())),
                List.of("dropout p", String.join(", ", ps)),
                List.of("initial weights", "Normal(0, 0.01), biases PyTorch's default"),
                List.of("optimiser", "SGD, lr " + c.lr() + ", momentum " + c.momentum()),
                List.of("batch size", String.valueOf(c.batchSize())),
                List.of("epochs", String.valueOf(c.epochs())),
                List.of("training images", String.format(Locale.ROOT, "%,d (the first)", images)),
                List.of("seeds per p", seeds == 1 ? "1 (" + c.seed() + ")" : seeds + " (" + c.seed() + " to " + (c.seed() + seeds - 1) + ")"),
                List.of("measured", "after the last epoch")), "", false);
    }
}
