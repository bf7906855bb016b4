package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.nn.data.DataFile;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The dropout experiment: several configurations trained side by side in a regime where
 * overfitting shows, plus the book's own setting, written into {@code runs/<name>-<time>/} as
 * plots, {@code metrics.csv}, {@code config.json} and a report. Metrics are saved after every
 * epoch and everything else after every run, so an interrupted experiment keeps what it finished,
 * and its report says at the top that it is incomplete.
 */
public final class Experiment {

    /**
     * What to run.
     *
     * @param study runs compared with each other; the first is the baseline
     * @param book  the book's setting on the full data, or null to skip it
     * @param why   why this regime, in a sentence or two for the report
     */
    public record Plan(String name, String why, List<RunConfig> study, RunConfig book) {
        /** Keeps an unmodifiable copy of the study. */
        public Plan {
            study = List.copyOf(study);
        }
    }

    private Experiment() {}

    /**
     * The default study: d2l's MLP (784-256-256-10, Normal(0, 0.01) weights, batch 256) on the
     * first {@code trainLimit} training images for {@code epochs} epochs, trained with SGD at
     * lr 0.05 and momentum 0.9, without dropout, with the book's 0.2/0.5, and with a stronger
     * 0.5/0.5; then the book's own setting for {@code bookEpochs}.
     */
    public static Plan defaultPlan(long seed, int trainLimit, int epochs, int bookEpochs) {
        int[] hidden = {256, 256};
        double lr = 0.05, momentum = 0.9;
        List<RunConfig> study = List.of(
                new RunConfig("no-dropout", "no dropout", "concise", hidden, new double[] {0, 0}, lr, momentum, 256, epochs, trainLimit, seed),
                new RunConfig("d2l-dropout", "d2l dropout", "concise", hidden, new double[] {0.2, 0.5}, lr, momentum, 256, epochs, trainLimit, seed),
                new RunConfig("strong-dropout", "strong dropout", "concise", hidden, new double[] {0.5, 0.5}, lr, momentum, 256, epochs,
                        trainLimit, seed));
        String why = String.format(Locale.ROOT, "On all 60,000 images for 10 epochs, as in the book, this network barely overfits, so "
                + "dropout has little to show. To make overfitting visible, the study trains the same network on only the first %,d "
                + "training images for %d epochs (%,d optimiser steps), and measures it on all 10,000 test images after every epoch: "
                + "with few examples and many passes, a network without dropout memorises its training set. The book's plain SGD "
                + "at lr 0.5 is unstable in this regime (in trials the run without dropout diverged), and at lr 0.1 it learns too "
                + "slowly to memorise anything in a reasonable time, so the study uses SGD with momentum 0.9 at lr 0.05 (the same "
                + "effective step size, 0.5) everywhere. Every run starts from the same seed (%d); only dropout differs. The book's "
                + "own setting is run afterwards, unchanged, for comparison with d2l.", trainLimit, epochs,
                epochs * ((trainLimit + 255) / 256), seed);
        return new Plan("dropout", why, study, bookEpochs > 0 ? RunConfig.book(seed).with(bookEpochs, 0) : null);
    }

    /** Runs {@code plan} and writes everything into a new folder of {@code runsDir}, which it returns. */
    public static Path run(Plan plan, FashionMnist data, Path runsDir, Runner.Listener listener, String command) throws IOException {
        try (RunFolder folder = RunFolder.createUnique(runsDir, plan.name(), command)) {
            return run(plan, data, folder, listener, command);
        }
    }

    /**
     * Runs {@code plan}, writing into {@code folder} (which the caller opened, before loading the
     * data): metrics.csv after every epoch, and after every run the plots, config.json and the
     * report, which says at the top that it is incomplete until the last run has finished.
     *
     * @throws DivergedException when a run diverges; the report then says which, and where
     */
    public static Path run(Plan plan, FashionMnist data, RunFolder folder, Runner.Listener listener, String command) throws IOException {
        Path dir = folder.path();
        List<RunConfig> all = new ArrayList<>(plan.study());
        if (plan.book() != null) all.add(plan.book());
        for (RunConfig c : all) c.stepsPerEpoch(c.trainImages(data.train().size()));  // refuse a run of no steps before training any
        Files.createDirectories(dir.resolve("plots"));
        Instant start = Instant.now();
        List<RunResult> done = new ArrayList<>();
        write(dir, plan, data, done, null, start, command, incomplete(0, all.size(), all.get(0)));
        for (int i = 0; i < all.size(); i++) {
            RunConfig c = all.get(i);
            Runner runner = new Runner(c, data.train());
            RunResult r;
            try {
                r = runner.train(data.test(), c != plan.book(), listener, (run, m) -> {
                    List<RunResult> sofar = new ArrayList<>(done);
                    sofar.add(run.result());
                    MetricsCsv.write(dir.resolve("metrics.csv"), sofar);
                });
            } catch (DivergedException e) {
                String status = String.format(Locale.ROOT, "Incomplete: %s %d of %d runs finished; the runs after it were not started.",
                        e.getMessage(), i, all.size());
                write(dir, plan, data, done, runner.result(), start, command, status);
                throw e;
            }
            done.add(r);
            write(dir, plan, data, done, null, start, command, i + 1 < all.size() ? incomplete(i + 1, all.size(), all.get(i + 1)) : "");
        }
        return dir;
    }

    private static String incomplete(int finished, int total, RunConfig next) {
        return String.format(Locale.ROOT, "Incomplete: %d of %d runs finished (next: %s). The experiment is still running, or was "
                + "interrupted; this report is rewritten after every run.", finished, total, next.label());
    }

    /** Writes metrics, plots, config.json and the report for the finished runs and, if any, a stopped one. */
    private static void write(Path dir, Plan plan, FashionMnist data, List<RunResult> done, RunResult stopped, Instant start, String command,
                              String status) throws IOException {
        List<RunResult> study = new ArrayList<>(), all = new ArrayList<>();
        RunResult book = null;
        for (RunResult r : done) {
            if (r.config() == plan.book()) book = r;
            else study.add(r);
            all.add(r);
        }
        if (stopped != null && !stopped.epochs().isEmpty()) {
            all.add(stopped);
            if (stopped.config() != plan.book()) study.add(stopped);
        }
        MetricsCsv.write(dir.resolve("metrics.csv"), all);
        List<Report.Figure> figures = new ArrayList<>();
        if (!study.isEmpty()) {
            Charts.save(Charts.lossComparison(study), dir.resolve("plots/loss-comparison"));
            Charts.save(Charts.accuracyComparison(study), dir.resolve("plots/accuracy-comparison"));
            Charts.save(Charts.gap(study), dir.resolve("plots/generalisation-gap"));
            figures.add(new Report.Figure("loss-comparison", "Train loss (solid, eval mode) against test loss (dashed), per configuration"));
            figures.add(new Report.Figure("accuracy-comparison", "Train accuracy (solid, eval mode) against test accuracy (dashed)"));
            figures.add(new Report.Figure("generalisation-gap", "Test loss minus train loss, epoch by epoch"));
        }
        for (RunResult r : all) {
            Charts.save(Charts.curves(r), dir.resolve("plots/" + r.config().name() + "-curves"));
            figures.add(new Report.Figure(r.config().name() + "-curves", r.config() + " (as d2l plots it: running train metrics, dropout on)"));
        }
        Map<String, String> dataFacts = dataFacts(data);
        Instant now = Instant.now();
        String json = Provenance.json(all, dataFacts, plan.why(), start, now, command, status);
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("config.json"), out -> out.write(bytes));
        Map<String, String> facts = new LinkedHashMap<>(Provenance.environment());
        facts.putAll(dataFacts);
        facts.put("started", start.toString());
        facts.put("wall time", String.format(Locale.ROOT, "%.1f s", (now.toEpochMilli() - start.toEpochMilli()) / 1000.0));
        facts.put("command", command);
        Report.write(dir, "Dropout on Fashion-MNIST: overfitting with and without dropout", plan.why(), all, figures,
                Reading.paragraphs(study, book), facts, status);
    }

    private static Map<String, String> dataFacts(FashionMnist data) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("data", data.source().toString());
        m.put("train images", Integer.toString(data.train().size()));
        m.put("test images", Integer.toString(data.test().size()));
        for (int i = 0; i < FashionMnist.FILES.size(); i++) {
            DataFile f = FashionMnist.FILES.get(i);
            m.put("sha256 " + f.name(), data.checksums().get(i));
        }
        return m;
    }
}
