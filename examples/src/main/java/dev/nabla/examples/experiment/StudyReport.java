package dev.nabla.examples.experiment;

import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.viz.MaskHeatmap;
import dev.nabla.examples.viz.PredictionGallery;
import dev.nabla.examples.viz.WeightTiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The dropout study's report: the gap first, final numbers, the reading, the pictures, settings, what to try next, an appendix. */
final class StudyReport implements ReportBuilder {
    /** Said once, where train numbers of both kinds appear. */
    static final String VOCABULARY = "Train numbers come in two kinds. Running, dropout on: averaged over an epoch's batches while the "
            + "network trains, with dropout active; this is what d2l plots, what the console prints as 'train', and what the appendix "
            + "shows. Eval mode: the training images measured again after the epoch with dropout off, the way test images are measured; "
            + "this is the fair comparison with test, used in this table and in the gap (test loss minus train loss, eval mode).";

    @Override
    public Report.Document document(Job job, FigureCache figures, boolean draw, String at) throws IOException {
        List<Seeds> study = job.study();
        Seeds book = job.book();
        List<Report.Block> b = new ArrayList<>();
        Report.Figure live = LiveFigure.of(job);
        if (live != null) b.add(live);
        RunConfig first = job.plan().study().get(0);
        b.add(new Report.Text(String.format(Locale.ROOT, "Does dropout reduce overfitting? %s configurations of d2l's MLP, identical "
                + "except for dropout, trained on the first %,d Fashion-MNIST training images for %d epochs and measured on all %,d test "
                + "images after every epoch, %s%s. How and why: see Settings.", count(job.plan().study().size()), first.trainLimit(),
                first.epochs(), Integer.parseInt(job.facts().getOrDefault("test images", "10000")),
                job.plan().seeds() == 1 ? "one seed each" : job.plan().seeds() + " seeds each",
                job.plan().book() != null ? "; then the book's own setting for comparison" : "")));
        String key = StudyCharts.key(study);
        if (!study.isEmpty()) {
            add(b, figure(figures, draw, "generalisation-gap", key, "How much worse each network does on unseen images: test loss minus "
                    + "train loss (eval mode), epoch by epoch. " + bands(study) + "A gap that keeps growing is overfitting.",
                    () -> StudyCharts.gap(study)));
        }
        b.add(new Report.Heading(2, "Final numbers"));
        b.add(table(job));
        b.add(new Report.Heading(2, "What the curves show"));
        for (String p : Reading.paragraphs(study, book)) b.add(new Report.Text(p));
        if (!study.isEmpty()) {
            add(b, figure(figures, draw, "loss", key, "Train loss (eval mode, solid) and test loss (dashed). The axis shows the range "
                    + "the story happens in: from epoch " + StudyCharts.settled(StudyCharts.epochs(study)) + " on (the first epochs, "
                    + "falling from 2.3, are in the appendix). Dots mark each configuration's lowest test loss. " + bands(study),
                    () -> StudyCharts.loss(study)));
            add(b, figure(figures, draw, "accuracy", key, "Left: test accuracy, on an axis fitted to epochs "
                    + StudyCharts.late(StudyCharts.epochs(study)) + " to " + StudyCharts.epochs(study) + ", where the configurations "
                    + "part (earlier epochs run off the bottom). Right: each dropout "
                    + "configuration's test accuracy minus " + study.get(0).label() + "'s, seed by seed; above 0 means dropout was "
                    + "right more often. " + bands(study), () -> StudyCharts.accuracy(study)));
        }
        pictures(job, figures, draw, b);
        b.add(new Report.Heading(2, "Settings"));
        b.add(new Report.Text(job.plan().why()));
        b.add(settings(job));
        b.add(new Report.Heading(2, "Try next"));
        b.add(TryNext.study(job.plan()));
        List<Seeds> groups = new ArrayList<>(study);
        if (book != null) groups.add(book);
        if (!groups.isEmpty()) {
            b.add(new Report.Heading(2, "Appendix: training curves as d2l plots them"));
            add(b, figure(figures, draw, "curves", StudyCharts.key(groups), "Per configuration, what d2l's train_ch3 plots: train loss "
                    + "and train accuracy (running, dropout on) and test accuracy, epoch by epoch. " + bands(groups),
                    () -> StudyCharts.curves(groups)));
        }
        return new Report.Document(job.plan().title(), job.statusLine(at), job.running(), b, job.facts());
    }

    /** Dropout explained with a real mask; what the first layer learned; a few predictions. */
    private static void pictures(Job job, FigureCache figures, boolean draw, List<Report.Block> b) throws IOException {
        String withMasks = null, withWeights = "";
        List<String> labels = new ArrayList<>();
        List<Tensor> weights = new ArrayList<>();
        for (RunConfig c : job.plan().study()) {
            Sample s = job.samples().get(c.name());
            if (s == null) continue;
            if (withMasks == null && !s.masks().isEmpty()) withMasks = c.name();
            if (s.firstLayer() != null) {
                labels.add(c.label());
                weights.add(s.firstLayer());
                withWeights += c.name() + ";";
            }
        }
        b.add(new Report.Heading(2, "What dropout does"));
        b.add(new Report.Text("In training mode, a dropout layer with probability p sets each unit of its input to 0 with probability p, "
                + "independently, with a fresh random draw for every batch, and multiplies the units it keeps by 1/(1-p), so that each "
                + "unit's expected value is unchanged. A network can then not rely on any single unit being there, which discourages "
                + "units from co-adapting to the training images. In eval mode (for test numbers) dropout does nothing."));
        if (withMasks != null) {
            Sample s = job.samples().get(withMasks);
            RunConfig c = config(job, withMasks);
            add(b, figure(figures, draw, "dropout-masks", withMasks, String.format(Locale.ROOT, "The masks both dropout layers of %s "
                    + "drew on the last training batch of its run (epoch %d, %d examples, seed %d): one row per example, one column per "
                    + "hidden unit, blue where the unit was kept and white where it was dropped. Each row is a different random thinned "
                    + "network; the next batch draws anew.", c.label(), c.epochs(), s.masks().get(0).size(0), c.seed()),
                    () -> MaskHeatmap.of("Dropout masks on one training batch (" + c.label() + ")", s.maskLabels(), s.masks())));
        }
        if (!weights.isEmpty()) {
            b.add(new Report.Heading(2, "What the networks learned"));
            int units = Math.min(12, weights.get(0).size(0));
            add(b, figure(figures, draw, "first-layer-weights", withWeights, "The first layer's weights of the first " + units + " hidden "
                    + "units, each drawn as a 28 x 28 image (the pattern of input pixels that drives the unit: red positive, blue "
                    + "negative, one colour scale for all), after training, first seed of each configuration. The networks start from "
                    + "the same random weights (same seed), so a unit looks alike across the panels; what differs is what training "
                    + "added. Pale tiles are units whose weights barely moved from their small random start.",
                    () -> WeightTiles.of("First-layer weights after training", labels, weights, units, 4)));
            String who = withMasks != null ? withMasks : job.plan().study().get(0).name();
            Sample s = job.samples().get(who);
            if (s != null) {
                RunConfig c = config(job, who);
                add(b, figure(figures, draw, "predictions", who, "The first " + s.labels().length + " test images with their true label "
                        + "and " + c.label() + "'s prediction (seed " + c.seed() + ", after training, eval mode).",
                        () -> PredictionGallery.of("Test images and the predictions of " + c.label(), s.images(), s.labels(), s.predicted(),
                                PredictionGallery.FASHION_MNIST_CLASSES, 8)));
            }
        }
    }

    private static RunConfig config(Job job, String name) {
        for (RunConfig c : job.plan().study()) if (c.name().equals(name)) return c;
        throw new IllegalArgumentException("no configuration " + name);
    }

    private static Report.Figure figure(FigureCache figures, boolean draw, String name, String key, String caption,
                                        java.util.function.Supplier<dev.nabla.examples.viz.Drawing> d) throws IOException {
        return draw ? figures.get(name, key, caption, d) : figures.last(name);
    }

    private static void add(List<Report.Block> blocks, Report.Block b) {
        if (b != null) blocks.add(b);
    }

    private static String count(int n) {
        return n < 10 ? List.of("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine").get(n) : String.valueOf(n);
    }

    static String bands(List<Seeds> groups) {
        int n = groups.isEmpty() ? 1 : groups.get(0).n();
        return n == 1 ? "One seed: no bands. " : "Lines are means; shaded bands the " + Spread.kind(n) + ". ";
    }

    @Override
    public Report.Table table(Job job) {
        List<List<String>> rows = new ArrayList<>();
        List<Seeds> groups = new ArrayList<>(job.study());
        if (job.book() != null) groups.add(job.book());
        int n = 1;
        for (Seeds s : groups) {
            n = Math.max(n, s.n());
            EpochMetrics best = s.mean().bestTestLoss();
            boolean eval = s.last(EpochMetrics::trainEvalLoss) != null;
            int epochs = s.epochs();
            rows.add(List.of(s.label(), s.config().dropoutText(),
                    epochs + (epochs < s.config().epochs() || !s.complete() ? " of " + s.config().epochs() : ""),
                    eval ? s.last(EpochMetrics::trainEvalLoss).loss() : s.last(EpochMetrics::trainLoss).loss() + " (running)",
                    eval ? s.last(EpochMetrics::trainEvalAcc).percent() : s.last(EpochMetrics::trainAcc).percent() + " (running)",
                    s.last(EpochMetrics::testLoss).loss(), s.last(EpochMetrics::testAcc).percent(),
                    eval ? s.last(EpochMetrics::generalisationGap).loss() : "-",
                    String.format(Locale.ROOT, "%.3f (%d)", best.testLoss(), best.epoch()),
                    String.format(Locale.ROOT, "%.1f", s.mean().seconds())));
        }
        String note = VOCABULARY + " For the book's setting only the running numbers exist: measuring its 60,000 images again every "
                + "epoch would add a third to its time. Lowest test loss: " + (n == 1 ? "over the epochs" : "of the mean curve") + ", with its epoch. "
                + (n == 1 ? "One seed per configuration."
                : n < Spread.INTERVAL_SEEDS ? "Mean over " + n + " seeds, with the range (min-max) in brackets."
                : "Mean over " + n + " seeds ± the half-width of the 95% t-interval of the mean.") + " " + JobRunner.SECONDS_NOTE;
        return new Report.Table(List.of("configuration", "dropout", "epochs", "train loss", "train acc", "test loss", "test acc", "gap",
                "lowest test loss (epoch)", "seconds per run"), rows, note);
    }

    /** One column per configuration, one row per hyperparameter. */
    private static Report.Table settings(Job job) {
        List<RunConfig> configs = new ArrayList<>(job.plan().study());
        if (job.plan().book() != null) configs.add(job.plan().book());
        List<String> header = new ArrayList<>(List.of("setting"));
        for (RunConfig c : configs) header.add(c.label());
        int available = Integer.parseInt(job.facts().getOrDefault("train images", "60000"));
        String[][] rows = {{"model"}, {"hidden layers"}, {"dropout after each hidden layer"}, {"initial weights"}, {"optimiser"},
            {"learning rate"}, {"momentum"}, {"batch size"}, {"epochs"}, {"training images"}, {"optimiser steps"}, {"seeds"},
            {"train measured in eval mode"}};
        List<List<String>> out = new ArrayList<>();
        for (String[] r : rows) out.add(new ArrayList<>(List.of(r)));
        for (RunConfig c : configs) {
            int images = c.trainImages(available);
            List<String> v = List.of(c.model().equals("concise") ? "nn.Sequential (d2l's concise MLP)" : c.model(),
                    java.util.Arrays.toString(c.hidden()),
                    c.dropoutText(), "Normal(0, 0.01), biases PyTorch's default", c.momentum() > 0 ? "SGD with momentum" : "SGD",
                    String.valueOf(c.lr()), String.valueOf(c.momentum()), String.valueOf(c.batchSize()), String.valueOf(c.epochs()),
                    String.format(Locale.ROOT, "%,d%s", images, c.trainLimit() == 0 ? " (all)" : " (the first)"),
                    String.format(Locale.ROOT, "%,d", (long) c.epochs() * c.stepsPerEpoch(images)),
                    seeds(c, job.plan().seeds()), c.name().equals(job.plan().book() == null ? "" : job.plan().book().name()) ? "no" : "yes");
            for (int i = 0; i < v.size(); i++) out.get(i).add(v.get(i));
        }
        return new Report.Table(header, out, "", false);
    }

    private static String seeds(RunConfig c, int n) {
        return n == 1 ? String.valueOf(c.seed()) : c.seed() + " to " + (c.seed() + n - 1);
    }
}
