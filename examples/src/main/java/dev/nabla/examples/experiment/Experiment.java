package dev.nabla.examples.experiment;

import dev.nabla.core.kernel.KernelThreads;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.nn.data.FashionMnist;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a {@link Plan}: every configuration with each of its seeds, written into a run folder as
 * plots, {@code metrics.csv}, {@code config.json} and a report. The runs are independent, so they
 * run side by side, one per core ({@link KernelThreads#count()} at a time, each computing its
 * kernels alone on its thread): no run waits for another's threads, and each run's numbers are
 * the ones it gives when run by itself. Metrics are saved after every epoch; the HTML report is
 * rewritten while runs go on (at most once a second, from figures already drawn, plus a light
 * progress plot) and redrawn in full when a run ends. The files are written on a background thread
 * ({@link WriteBehind}), in order, while the training goes on; the job returns once all are
 * written. An interrupted job keeps what it finished, and its report says at the top that it is
 * incomplete.
 */
public final class Experiment {
    /** Which report a plan gets. */
    public enum Kind {
        /** Configurations compared epoch by epoch (the dropout experiment). */
        STUDY,
        /** Configurations compared by their final numbers (a sweep over p); measured only at the last epoch. */
        SWEEP
    }

    /**
     * What to run.
     *
     * @param title the report's title
     * @param why   why this regime, in a sentence or two for the report
     * @param study configurations compared with each other; the first is the baseline
     * @param book  the book's setting on the full data, or null to skip it
     * @param seeds runs per configuration, with seeds {@code seed, seed + 1, ...} (each configuration's own seed first)
     */
    public record Plan(String name, String title, String why, List<RunConfig> study, RunConfig book, int seeds, Kind kind) {
        /** Keeps an unmodifiable copy of the study; refuses an empty one and fewer than one seed. */
        public Plan {
            study = List.copyOf(study);
            if (study.isEmpty()) throw new IllegalArgumentException("a plan needs at least one configuration");
            if (seeds < 1) throw new IllegalArgumentException("seeds must be at least 1, but got " + seeds);
        }

        /** A study with one seed per configuration. */
        public Plan(String name, String why, List<RunConfig> study, RunConfig book) {
            this(name, "Dropout on Fashion-MNIST: overfitting with and without dropout", why, study, book, 1, Kind.STUDY);
        }

        /** Every run in order: each configuration with each seed, then the book's setting with each seed. */
        public List<RunConfig> runs() {
            List<RunConfig> all = new ArrayList<>();
            for (RunConfig c : study) for (int k = 0; k < seeds; k++) all.add(c.withSeed(c.seed() + k));
            if (book != null) for (int k = 0; k < seeds; k++) all.add(book.withSeed(book.seed() + k));
            return all;
        }
    }

    /** A finished job: its folder and the table of final numbers (for the console). */
    public record Done(Path dir, Report.Table table) {}

    private Experiment() {}

    /**
     * The default study: d2l's MLP (784-256-256-10, Normal(0, 0.01) weights, batch 256) on the
     * first {@code trainLimit} training images for {@code epochs} epochs, trained with SGD at
     * lr 0.05 and momentum 0.9, without dropout, with the book's 0.2/0.5, and with a stronger
     * 0.5/0.5; then the book's own setting for {@code bookEpochs}; each with {@code seeds} seeds.
     */
    public static Plan defaultPlan(long seed, int seeds, int trainLimit, int epochs, int bookEpochs) {
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
                + "effective step size, 0.5) everywhere. %s; only dropout differs. The book's own setting is run afterwards, "
                + "unchanged, for comparison with d2l.", trainLimit, epochs, epochs * ((trainLimit + 255) / 256),
                seeds == 1 ? "Every run starts from the same seed (" + seed + ")"
                        : "Every configuration runs with the same " + seeds + " seeds (" + seed + " to " + (seed + seeds - 1) + ")");
        return new Plan("dropout", "Dropout on Fashion-MNIST: overfitting with and without dropout", why, study,
                bookEpochs > 0 ? RunConfig.book(seed).with(bookEpochs, 0) : null, seeds, Kind.STUDY);
    }

    /** As {@link #defaultPlan(long, int, int, int, int)} with one seed. */
    public static Plan defaultPlan(long seed, int trainLimit, int epochs, int bookEpochs) {
        return defaultPlan(seed, 1, trainLimit, epochs, bookEpochs);
    }

    /** Runs {@code plan} and writes everything into a new folder of {@code runsDir}. */
    public static Done run(Plan plan, FashionMnist data, Path runsDir, Runner.Listener listener, String command) throws IOException {
        return run(plan, data, runsDir, listener, command, KernelThreads.count());
    }

    /** As {@link #run(Plan, FashionMnist, Path, Runner.Listener, String)}, with at most {@code sideBySide} runs at a time. */
    public static Done run(Plan plan, FashionMnist data, Path runsDir, Runner.Listener listener, String command, int sideBySide)
            throws IOException {
        try (RunFolder folder = RunFolder.createUnique(runsDir, plan.name(), command)) {
            return run(plan, data, folder, listener, command, sideBySide);
        }
    }

    /**
     * Runs {@code plan}, writing into {@code folder} (which the caller opened, before loading the
     * data), {@link KernelThreads#count()} runs at a time.
     *
     * @throws DivergedException when a run diverges; the report then says which, and where
     */
    public static Done run(Plan plan, FashionMnist data, RunFolder folder, Runner.Listener listener, String command) throws IOException {
        return run(plan, data, folder, listener, command, KernelThreads.count());
    }

    /**
     * As {@link #run(Plan, FashionMnist, RunFolder, Runner.Listener, String)}, with at most
     * {@code sideBySide} runs at a time (1: one after another, each with every kernel thread).
     * The listener is called from the runs' threads, one call at a time.
     */
    public static Done run(Plan plan, FashionMnist data, RunFolder folder, Runner.Listener listener, String command, int sideBySide)
            throws IOException {
        if (sideBySide < 1) throw new IllegalArgumentException("sideBySide must be at least 1, but got " + sideBySide);
        return new JobRunner(plan, data, folder.path(), command, sideBySide).run(listener);
    }
}
