package dev.nabla.examples.experiment;

import dev.nabla.core.Rng;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.d2l.EvalSet;
import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.d2l.Trainer;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.ImageDataset;
import dev.nabla.nn.io.Checkpoint;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trains one {@link RunConfig} from its seed, measuring every epoch. Between epochs its whole
 * state (model with its BatchNorm statistics, optimizer, the dropout and shuffle generators, the metrics so far) can be saved
 * to a checkpoint and resumed, and the resumed run ends bit-identical to an uninterrupted one.
 */
public final class Runner {
    /** Hears about batches and finished epochs, e.g. to draw a progress bar. */
    public interface Listener {
        /** After each batch: running mean loss and accuracy of the epoch so far. */
        void batch(RunConfig config, int epoch, int done, int total, double loss, double accuracy);

        /** After each epoch, with its measurements. */
        void epoch(RunConfig config, EpochMetrics metrics);

        /** In a job of several runs (an experiment, a sweep), where the job stands; told just before {@link #epoch}. */
        default void status(Schedule.Status status) {}
    }

    /** Told after every finished epoch, e.g. to save a checkpoint and the metrics so far. */
    @FunctionalInterface
    public interface EpochEnd {
        /** Epoch {@code metrics.epoch()} is finished and measured. */
        void finished(Runner runner, EpochMetrics metrics) throws IOException;
    }

    /**
     * Images per evaluation batch. Changing it changes the measured losses in their last bits (a
     * batch's losses are summed in float before they are added up), so it stays what it was.
     */
    static final int EVAL_BATCH = 1024;

    private final RunConfig config;
    private final ImageDataset train;
    private final Rng rng;  // initialises the weights, then draws the dropout masks
    private final Module net;
    private final SGD optimizer;
    private final DataLoader loader;
    private final List<EpochMetrics> rows = new ArrayList<>();
    private double seconds;

    /**
     * The configured model, initialised from the seed, to be trained on the first
     * {@code config.trainLimit()} images of {@code train}.
     *
     * @throws IllegalArgumentException if no step would run (no images, or no full batch with drop-last)
     */
    public Runner(RunConfig config, ImageDataset train) {
        this.config = config;
        int images = config.trainImages(train.size());
        config.stepsPerEpoch(images);
        this.train = train.take(images);
        rng = new Rng(config.seed());
        net = build(config, rng);
        optimizer = new SGD(net.parameters(), config.lr(), config.momentum(), 0);
        loader = new DataLoader(this.train, config.batchSize(), new Rng(config.seed() + 1), config.dropLast());
    }

    /** Trains {@code c} from scratch on {@code train} and measures it on {@code test} after every epoch. */
    public static RunResult run(RunConfig c, ImageDataset train, ImageDataset test, boolean measureTrainInEval, Listener listener) {
        try {
            return new Runner(c, train).train(test, measureTrainInEval, listener, (r, m) -> {});
        } catch (IOException e) {
            throw new AssertionError("no epoch hook, no I/O", e);
        }
    }

    /** The model {@code c} describes, initialised from its seed. */
    public static Module build(RunConfig c) {
        return build(c, new Rng(c.seed()));
    }

    /** The model {@code c} describes, its weights drawn from {@code rng} (which its dropout then uses). */
    public static Module build(RunConfig c, Rng rng) {
        return switch (c.model()) {
            case Models.SCRATCH -> Models.scratch(c.hidden(), c.dropout(), rng);
            case Models.LENET -> Models.lenet(rng);
            case Models.LENET_BN -> Models.lenetBn(rng);
            default -> Models.concise(c.hidden(), c.dropout(), rng);
        };
    }

    /**
     * Trains the remaining epochs, measuring each and telling {@code end}.
     *
     * @throws DivergedException when the loss or a parameter stops being finite; the epochs
     *         finished before stay in {@link #result()}
     */
    public RunResult train(ImageDataset test, boolean measureTrainInEval, Listener listener, EpochEnd end) throws IOException {
        return train(test, measureTrainInEval, 1, listener, end);
    }

    /**
     * As {@link #train(ImageDataset, boolean, Listener, EpochEnd)}, measuring test (and train, in
     * eval mode) only every {@code measureEvery} epochs and at the last; other epochs have NaN there.
     */
    public RunResult train(ImageDataset test, boolean measureTrainInEval, int measureEvery, Listener listener, EpochEnd end) throws IOException {
        if (test.size() == 0) throw new IllegalArgumentException("there are no test images to measure the run on");
        return train(new EvalSet(test, EVAL_BATCH), measureTrainInEval ? new EvalSet(train, EVAL_BATCH) : null, measureEvery, listener, end);
    }

    /**
     * As {@link #train(ImageDataset, boolean, int, Listener, EpochEnd)}, on sets gathered once
     * (an experiment shares them between its runs): {@code trainEval}, null to not measure the
     * training images in eval mode, must hold this run's training images (the first
     * {@link RunConfig#trainImages} of the training set).
     */
    public RunResult train(EvalSet test, EvalSet trainEval, int measureEvery, Listener listener, EpochEnd end) throws IOException {
        java.util.Objects.requireNonNull(test, "test");
        if (measureEvery < 1) throw new IllegalArgumentException("measureEvery must be positive, but got " + measureEvery);
        if (trainEval != null && trainEval.size() != train.size()) {
            throw new IllegalArgumentException("the training images to measure in eval mode are " + trainEval.size() + ", but run '"
                    + config.name() + "' trains on " + train.size());
        }
        Trainer trainer = new Trainer(config.name(), net, optimizer);
        for (int e = rows.size() + 1; e <= config.epochs(); e++) {
            int epoch = e;
            Trainer.BatchListener batches = (done, total, loss, acc) -> listener.batch(config, epoch, done, total, loss, acc);
            EpochMetrics m;
            try {
                boolean measure = e % measureEvery == 0 || e == config.epochs();
                m = trainer.epoch(epoch, loader, measure ? test : null, measure ? trainEval : null, batches);
            } catch (DivergedException d) {
                throw d.withFix(DivergedException.lowerLearningRate("the learning rate", config.lr()));
            }
            rows.add(m);
            seconds += m.seconds();
            listener.epoch(config, m);
            end.finished(this, m);
        }
        return result();
    }

    /** The epochs finished so far. */
    public RunResult result() {
        return new RunResult(config, rows, seconds);
    }

    /** The settings. */
    public RunConfig config() {
        return config;
    }

    /** The model being trained. */
    public Module net() {
        return net;
    }

    /** Saves everything needed to continue after the last finished epoch, atomically. */
    public void save(Path checkpoint) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("run", config.name());
        meta.put("metrics", MetricsCsv.exact(rows));
        meta.put("seconds", Double.toString(seconds));
        Checkpoint.save(checkpoint, net, optimizer, rows.size(), generators(), meta);
    }

    /**
     * Continues from a checkpoint that {@link #save} wrote for the same configuration: restores
     * the weights, the optimizer's momentum, both generators and the metrics of the finished epochs.
     *
     * @throws IOException if the checkpoint is damaged or belongs to another model; nothing changes then
     */
    public void resume(Path checkpoint) throws IOException {
        Map<String, Rng> scratch = Map.of(DROPOUT, new Rng(0), SHUFFLE, new Rng(0));
        Module probe = build(config, new Rng(config.seed()));  // resume into a copy first: all or nothing
        Checkpoint.Resumed r = Checkpoint.resumeAll(checkpoint, probe, new SGD(probe.parameters(), config.lr(), config.momentum(), 0), scratch);
        List<EpochMetrics> saved;
        double savedSeconds;
        try {
            saved = MetricsCsv.parseExact(r.metadata().getOrDefault("metrics", ""));
            savedSeconds = Double.parseDouble(r.metadata().getOrDefault("seconds", "0"));
        } catch (IllegalArgumentException e) {
            throw new IOException("checkpoint " + checkpoint + " has damaged metrics: " + e.getMessage(), e);
        }
        if (saved.size() != r.epoch() || r.epoch() > config.epochs()) {
            throw new IOException("checkpoint " + checkpoint + " is at epoch " + r.epoch() + " with " + saved.size()
                    + " epochs of metrics, for a run of " + config.epochs() + " epochs");
        }
        Checkpoint.resumeAll(checkpoint, net, optimizer, generators());
        rows.clear();
        rows.addAll(saved);
        seconds = savedSeconds;
    }

    private static final String DROPOUT = "dropout", SHUFFLE = "shuffle";

    private Map<String, Rng> generators() {
        Map<String, Rng> g = new LinkedHashMap<>();
        g.put(DROPOUT, rng);
        g.put(SHUFFLE, loader.generator());
        return g;
    }
}
