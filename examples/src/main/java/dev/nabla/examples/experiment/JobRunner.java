package dev.nabla.examples.experiment;

import dev.nabla.core.kernel.KernelThreads;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.d2l.EvalSet;
import dev.nabla.examples.experiment.Experiment.Done;
import dev.nabla.examples.experiment.Experiment.Kind;
import dev.nabla.examples.experiment.Experiment.Plan;
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

/**
 * One {@link Experiment.Plan} being run and written: its runs side by side ({@code sideBySide} at a
 * time, each on its own thread computing its kernels {@link KernelThreads#alone}), the schedule,
 * the live and final reports (written behind the training by {@link WriteBehind}), metrics.csv,
 * config.json, and the incomplete report when a run diverges.
 */
final class JobRunner {
    /** What a job's "seconds per run" column means, for the tables' notes. */
    static final String SECONDS_NOTE = "Seconds per run: the run's own time; runs go side by side, one per core, so on a machine "
            + "with several cores they add up to more than the job took.";
    private static final long LIVE_NANOS = 1_000_000_000L;  // at most one rewrite of the live report per second
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss");

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
    private int started;  // runs handed out so far (guarded by this)
    private final int lanes;  // runs at a time
    private DivergedException diverged;  // the first run that diverged; no run starts after it
    private final Instant start = Instant.now();
    private final Map<String, String> dataFacts;
    private long lastLive;
    private EvalSet testSet;
    private final Map<Integer, EvalSet> trainSets = new HashMap<>();
    private WriteBehind writes;  // while run() goes on: the files are written there

    JobRunner(Plan plan, FashionMnist data, Path dir, String command, int sideBySide) {
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

    /** Runs every run of the plan and writes the folder; {@code listener} is called by one run at a time. */
    Done run(Runner.Listener listener) throws IOException {
        Files.createDirectories(dir.resolve("plots"));
        try (WriteBehind w = new WriteBehind("nabla-report")) {
            writes = w;
            Done d = runAll(new OneAtATime(listener));
            writes.drain();
            return d;
        } finally {
            writes = null;
        }
    }

    private Done runAll(Runner.Listener listener) throws IOException {
        write(job(schedule.status(0, 0), ""), true);
        if (lanes == 1) {
            lane(listener);
        } else {
            List<Thread> threads = new ArrayList<>();
            Exception[] failure = {null};  // the first lane's failure, rethrown here as it was
            for (int t = 0; t < lanes; t++) {
                Thread thread = new Thread(() -> {
                    try {
                        KernelThreads.alone(() -> {
                            lane(listener);
                            return null;
                        });
                    } catch (Exception e) {
                        synchronized (this) {
                            if (failure[0] == null) failure[0] = e;
                        }
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
            if (failure[0] instanceof IOException e) throw e;
            if (failure[0] instanceof RuntimeException e) throw e;
            if (failure[0] != null) throw new IllegalStateException(failure[0]);
        }
        synchronized (this) {
            if (diverged != null) {
                int ok = 0;
                for (boolean f : finished) if (f) ok++;
                int notStarted = all.size() - started;
                String problem = String.format(Locale.ROOT, "Incomplete: %s %d of %d runs finished%s.", diverged.getMessage(), ok, all.size(),
                        notStarted == 0 ? "" : notStarted == 1 ? "; 1 run was not started" : "; " + notStarted + " runs were not started");
                write(job(null, problem), true);
                writes.drain();  // the report says where it stopped before the error reaches the caller
                throw diverged;
            }
            return new Done(dir, builder.table(job(null, "")));
        }
    }

    /** Takes runs in plan order until none is left (or one diverged), training each on this thread. */
    private void lane(Runner.Listener listener) throws IOException {
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
                boolean more = started < all.size() || running();
                write(job(more ? schedule.status(i, c.epochs()) : null, ""), true);  // the last run to end writes the final report
            }
        }
    }

    /** The next run to start, or -1 when all have started or one diverged. */
    private synchronized int nextRun() {
        if (diverged != null) return -1;
        return started < all.size() ? started++ : -1;
    }

    /** Whether a started run has not finished. */
    private boolean running() {
        for (int i = 0; i < started; i++) if (!finished[i]) return true;
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
