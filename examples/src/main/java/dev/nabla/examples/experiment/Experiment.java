package dev.nabla.examples.experiment;

import dev.nabla.core.kernel.KernelThreads;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.d2l.EvalSet;
import dev.nabla.nn.data.DataFile;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

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

    private static final long LIVE_NANOS = 1_000_000_000L;  // at most one rewrite of the live report per second
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

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
        return new Writer(plan, data, folder.path(), command, sideBySide).run(new OneAtATime(listener));
    }

    /** One job's state and files. */
    private static final class Writer {
        private final Plan plan;
        private final FashionMnist data;
        private final Path dir;
        private final String command;
        private final List<RunConfig> all;
        private final Schedule schedule;
        private final ReportBuilder builder;
        private final FigureCache figures;
        /** Per run, in plan order: its metrics so far (null before it starts), and whether it finished. */
        private final RunResult[] latest;
        private final boolean[] finished;
        private final List<List<String>> csvRows = new ArrayList<>();  // per run: its metrics.csv lines so far
        private final Map<String, Sample> samples = new ConcurrentHashMap<>();
        private final AtomicInteger next = new AtomicInteger();
        private final int lanes;  // runs at a time
        private DivergedException diverged;  // the first run that diverged; no run starts after it
        private final Instant start = Instant.now();
        private final Map<String, String> dataFacts;
        private long lastLive;
        private EvalSet testSet;
        private final Map<Integer, EvalSet> trainSets = new HashMap<>();
        private WriteBehind writes;  // while run() goes on: the files are written there

        Writer(Plan plan, FashionMnist data, Path dir, String command, int sideBySide) {
            this.plan = plan;
            this.data = data;
            this.dir = dir;
            this.command = command;
            all = plan.runs();
            latest = new RunResult[all.size()];
            finished = new boolean[all.size()];
            for (int i = 0; i < all.size(); i++) csvRows.add(new ArrayList<>());
            List<Schedule.Run> sched = new ArrayList<>();
            for (RunConfig c : all) {
                int images = c.trainImages(data.train().size());
                c.stepsPerEpoch(images);  // refuse a run of no steps before training any
                int eval = data.test().size() + (isBook(c) ? 0 : images);
                sched.add(new Schedule.Run(c, images, plan.kind() == Kind.SWEEP ? (double) eval / c.epochs() : eval));
            }
            lanes = Math.min(sideBySide, all.size());
            schedule = new Schedule(sched, lanes);
            builder = plan.kind() == Kind.SWEEP ? new SweepReport() : new StudyReport();
            figures = new FigureCache(dir.resolve("plots"));
            dataFacts = dataFacts(data);
        }

        private boolean isBook(RunConfig c) {
            return plan.book() != null && c.name().equals(plan.book().name());
        }

        Done run(Runner.Listener listener) throws IOException {
            Files.createDirectories(dir.resolve("plots"));
            try (WriteBehind w = new WriteBehind("nabla-report")) {
                writes = w;
                Done d = runAll(listener);
                writes.drain();
                return d;
            } finally {
                writes = null;
            }
        }

        private Done runAll(Runner.Listener listener) throws IOException {
            write(job(schedule.status(0, 0), ""), true);
            if (lanes == 1) {
                lane(listener, false);
            } else {
                List<Thread> threads = new ArrayList<>();
                IOException[] failure = {null};
                RuntimeException[] crash = {null};
                for (int t = 0; t < lanes; t++) {
                    Thread thread = new Thread(() -> {
                        try {
                            KernelThreads.alone(() -> {
                                lane(listener, true);
                                return null;
                            });
                        } catch (IOException e) {
                            synchronized (this) { if (failure[0] == null) failure[0] = e; }
                        } catch (RuntimeException e) {
                            synchronized (this) { if (crash[0] == null) crash[0] = e; }
                        } catch (Exception e) {
                            synchronized (this) { if (crash[0] == null) crash[0] = new IllegalStateException(e); }
                        }
                    }, "nabla-run-" + (t + 1));
                    threads.add(thread);
                    thread.start();
                }
                for (Thread thread : threads) {
                    try {
                        thread.join();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IOException("interrupted while the runs were going on", e);
                    }
                }
                if (crash[0] != null) throw crash[0];
                if (failure[0] != null) throw failure[0];
            }
            synchronized (this) {
                if (diverged != null) {
                    int ok = 0;
                    for (boolean f : finished) if (f) ok++;
                    int notStarted = all.size() - Math.min(next.get(), all.size());
                    String problem = String.format(Locale.ROOT, "Incomplete: %s %d of %d runs finished%s.", diverged.getMessage(), ok, all.size(),
                            notStarted == 0 ? "" : notStarted == 1 ? "; 1 run was not started" : "; " + notStarted + " runs were not started");
                    write(job(null, problem), true);
                    writes.drain();  // the report says where it stopped before the error reaches the caller
                    throw diverged;
                }
                return new Done(dir, builder.table(job(null, "")));
            }
        }

        /**
         * Takes runs in plan order until none is left (or one diverged), training each on this
         * thread; {@code sideBySide}: other lanes run too, so the job's status is written only
         * when the report is.
         */
        private void lane(Runner.Listener listener, boolean sideBySide) throws IOException {
            for (int index; (index = nextRun()) >= 0; ) {
                RunConfig c = all.get(index);
                Runner runner = new Runner(c, data.train());
                int i = index;
                try {
                    runner.train(testSet(), isBook(c) ? null : trainSet(c), plan.kind() == Kind.SWEEP ? c.epochs() : 1,
                            withStatus(listener, i), (run, m) -> epochDone(run, i));
                } catch (DivergedException e) {
                    synchronized (this) {
                        latest[i] = runner.result();
                        if (diverged == null) diverged = e;
                    }
                    return;
                }
                Sample sample = !isBook(c) && isFirstSeed(c) ? Sample.of(runner.net(), data.test()) : null;
                synchronized (this) {
                    latest[i] = runner.result();
                    finished[i] = true;
                    if (sample != null) samples.put(c.name(), sample);
                    boolean more = next.get() < all.size() || running();
                    write(job(more ? schedule.status(i, c.epochs()) : null, ""), true);  // the last run to end writes the final report
                }
            }
        }

        /** The next run to start, or -1 when all have started or one diverged. */
        private synchronized int nextRun() {
            if (diverged != null) return -1;
            int i = next.getAndIncrement();
            return i < all.size() ? i : -1;
        }

        /** Whether a started run has not finished. */
        private boolean running() {
            for (int i = 0; i < Math.min(next.get(), all.size()); i++) if (!finished[i]) return true;
            return false;
        }

        /** The test set, gathered once for every run: kept apart, its 31 MB of floats would be copied by the collector run after run. */
        private synchronized EvalSet testSet() {
            if (data.test().size() == 0) throw new IllegalArgumentException("there are no test images to measure the runs on");
            if (testSet == null) testSet = new EvalSet(data.test(), Runner.EVAL_BATCH);
            return testSet;
        }

        /** Run {@code c}'s training images for measuring in eval mode, shared by the runs that train on as many. */
        private synchronized EvalSet trainSet(RunConfig c) {
            int images = c.trainImages(data.train().size());
            return trainSets.computeIfAbsent(images, n -> new EvalSet(data.train().take(n), Runner.EVAL_BATCH));
        }

        private boolean isFirstSeed(RunConfig c) {
            for (RunConfig p : plan.study()) if (p.name().equals(c.name())) return p.seed() == c.seed();
            return false;
        }

        private Runner.Listener withStatus(Runner.Listener listener, int index) {
            return new Runner.Listener() {
                @Override
                public void batch(RunConfig c, int epoch, int doneBatches, int total, double loss, double accuracy) {
                    listener.batch(c, epoch, doneBatches, total, loss, accuracy);
                }

                @Override
                public void epoch(RunConfig c, EpochMetrics m) {
                    synchronized (listener) {  // this run's status, then its epoch, with no other run's call between
                        listener.status(schedule.epochDone(index, m.epoch(), m.seconds()));
                        listener.epoch(c, m);
                    }
                }
            };
        }

        /**
         * After every epoch: metrics.csv, and the live report when a second has passed since the
         * last, both written behind the training (a write still waiting is replaced by this one).
         */
        private synchronized void epochDone(Runner runner, int index) throws IOException {
            RunResult r = runner.result();
            latest[index] = r;
            csvRows.get(index).add(MetricsCsv.row(r.config(), r.epochs().get(r.epochs().size() - 1)));
            List<String> rows = new ArrayList<>();
            for (List<String> run : csvRows) rows.addAll(run);
            writes.submit(WriteBehind.Kind.METRICS, () -> MetricsCsv.writeRows(dir.resolve("metrics.csv"), rows));
            int epoch = r.epochs().size();
            long now = System.nanoTime();
            if (epoch < runner.config().epochs() && now - lastLive >= LIVE_NANOS) {
                write(job(schedule.status(index, epoch), ""), false);
            }
        }

        /** The runs with at least one epoch, finished or not, in plan order. */
        private List<RunResult> results() {
            List<RunResult> runs = new ArrayList<>();
            for (RunResult r : latest) if (r != null && !r.epochs().isEmpty()) runs.add(r);
            return runs;
        }

        private Job job(Schedule.Status status, String problem) {
            List<RunResult> runs = results();
            Map<String, String> facts = new LinkedHashMap<>(Provenance.environment());
            facts.putAll(dataFacts);
            facts.put("started", start.toString());
            facts.put("wall time", String.format(Locale.ROOT, "%.1f s", (Instant.now().toEpochMilli() - start.toEpochMilli()) / 1000.0));
            facts.put("command", command);
            return new Job(plan, runs, samples, status, problem, facts);
        }

        /**
         * Writes the report, behind the training (in order, on the {@link WriteBehind} thread);
         * with {@code full} (a run ended, or the job stopped) also redraws the figures whose runs
         * changed, and writes metrics.csv, config.json and report.md.
         */
        private void write(Job job, boolean full) throws IOException {
            Instant end = Instant.now();
            writes.submit(full ? WriteBehind.Kind.FULL : WriteBehind.Kind.LIVE, () -> writeNow(job, full, end));
            lastLive = System.nanoTime();
        }

        private void writeNow(Job job, boolean full, Instant end) throws IOException {
            String at = LocalTime.now().format(CLOCK);
            Report.Document d = builder.document(job, figures, full, at);
            if (full) {
                MetricsCsv.write(dir.resolve("metrics.csv"), job.runs());
                String status = job.running() ? "running: " + job.status().text() : job.problem();
                String json = Provenance.json(job.runs(), dataFacts, plan.why(), start, end, command, status);
                byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
                AtomicFiles.write(dir.resolve("config.json"), out -> out.write(bytes));
            }
            if (full) Report.write(dir, d);
            else Report.writeLive(dir, d);
            if (!job.running()) figures.writeSvgs();  // finished or stopped: the folder gets its SVGs once
        }
    }

    /** A listener called by one run at a time: the runs side by side take turns. */
    private record OneAtATime(Runner.Listener listener) implements Runner.Listener {
        @Override
        public synchronized void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {
            listener.batch(c, epoch, done, total, loss, accuracy);
        }

        @Override
        public synchronized void epoch(RunConfig c, EpochMetrics m) {
            listener.epoch(c, m);
        }

        @Override
        public synchronized void status(Schedule.Status status) {
            listener.status(status);
        }
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
