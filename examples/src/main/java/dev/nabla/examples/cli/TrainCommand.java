package dev.nabla.examples.cli;

import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.experiment.RunConfig;
import dev.nabla.examples.experiment.RunFolder;
import dev.nabla.examples.experiment.RunResult;
import dev.nabla.examples.experiment.Runner;
import dev.nabla.examples.experiment.Seeds;
import dev.nabla.examples.experiment.Spread;
import dev.nabla.examples.experiment.TrainFolder;
import dev.nabla.nn.data.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains a d2l model once (the dropout MLP, or LeNet), with the book's defaults; with --out, keeps the run so that --resume can continue it. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train d2l's dropout MLP on Fashion-MNIST, or with --model lenet / lenet-bn its LeNet (7.6) / LeNet with batch "
                + "normalization (8.5). Defaults are the book's: 784-256-256-10, dropout 0.2 then 0.5, weights Normal(0, 0.01), SGD lr 0.5, "
                + "batch 256, 10 epochs; LeNet: Xavier-uniform weights, lr 0.9 (lenet-bn: 1.0). Test metrics are always measured in eval "
                + "mode. Training stops with exit code 1 as soon as the loss or a weight is no longer a finite number, or the loss explodes "
                + "(10,000 times a uniform guess's). A new run into a folder replaces the earlier run there, unless that one can be resumed.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "concise",
            description = "concise (nn.Sequential with nn.Dropout), scratch (the book's Net with its own dropout_layer), lenet (d2l 7.6) "
                    + "or lenet-bn (d2l 8.5, batch normalization). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}. With --resume: train the run further, up to this many epochs.")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.5", description = "SGD learning rate. Default: ${DEFAULT-VALUE}; with --model lenet 0.9 and "
            + "lenet-bn 1.0, as the book.")
    double lr;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum; the book uses none. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--batch-size", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--drop-last", description = "Skip each epoch's last batch when it is smaller than the batch size.")
    boolean dropLast;

    @Option(names = "--dropout", defaultValue = "0.2,0.5", split = ",", description = "Drop probability per hidden layer. Default: ${DEFAULT-VALUE}.")
    double[] dropout;

    @Option(names = "--hidden", defaultValue = "256,256", split = ",", description = "Hidden layer widths. Default: ${DEFAULT-VALUE}.")
    int[] hidden;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N", description = "Train on the first N images only (0: all 60,000).")
    int trainLimit;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Train N times, with seeds --seed, --seed + 1, ...; "
            + "the end prints the mean and range (or 95%% interval from 5 seeds) of the final numbers. With --out DIR, seed S is kept in "
            + "DIR/seed-S. Default: ${DEFAULT-VALUE}.")
    int seeds;

    @Option(names = "--out", paramLabel = "DIR", description = "Keep the run in DIR: run.json (settings and status) at once; metrics.csv and "
            + "checkpoint.safetensors after every epoch; curves.png/svg and model.safetensors at the end. DIR is checked and locked "
            + "(one run at a time) before any data is read.")
    Path out;

    @Option(names = "--resume", paramLabel = "DIR", description = "Continue the run kept in DIR (by --out DIR) after its last finished "
            + "epoch, with the settings it started with; it ends exactly as an uninterrupted run would.")
    Path resume;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String command = "nabla " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        if (resume != null && out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " and --resume " + resume + " name different folders; "
                    + "a resumed run keeps writing into the folder it resumes");
        }
        if (seeds < 1) throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, but got " + seeds);
        if (seeds > 1 && resume != null) {
            throw new ParameterException(spec.commandLine(), "--resume continues one run and --seeds starts several: resume each seed's "
                    + "folder on its own (--resume DIR/seed-S)");
        }
        Path dir = resume != null ? resume : out;
        TrainFolder.State stored = resume != null ? storedRun(resume) : null;
        RunConfig config = stored != null ? resumedConfig(stored) : newConfig();
        config.checkFits(Runtime.getRuntime().maxMemory());
        PrintWriter log = spec.commandLine().getOut();
        if (seeds > 1) return trainSeeds(config, command, log);
        if (dir == null) return train(config, null, null, command, log);
        try (RunFolder folder = RunFolder.open(dir, command)) {  // before any data is read
            if (stored == null) {
                refuseUnfinished(dir);
                replaced(log, dir, TrainFolder.clearEarlierRun(dir));
            }
            TrainFolder.checkSpace(dir, config);
            if (!folder.swept().isEmpty()) {
                log.println("removed " + folder.swept().size() + " temporary file(s) that an interrupted write left in " + dir);
            }
            return train(config, folder, stored, stored != null ? stored.command() : command, log);
        }
    }

    /** Trains {@code base} with each seed, each run kept in DIR/seed-S with --out, and prints the spread of the final numbers. */
    private int trainSeeds(RunConfig base, String command, PrintWriter log) throws IOException {
        List<RunFolder> folders = new ArrayList<>();
        try {
            for (int k = 0; out != null && k < seeds; k++) {  // every folder checked and locked before any data is read
                Path d = out.resolve("seed-" + (seed + k));
                folders.add(RunFolder.open(d, command));
                refuseUnfinished(d);
                TrainFolder.checkSpace(d, base);
            }
            for (RunFolder f : folders) replaced(log, f.path(), TrainFolder.clearEarlierRun(f.path()));  // once every folder is known good
            FashionMnist fm = data.load(log);
            List<RunResult> results = new ArrayList<>();
            for (int k = 0; k < seeds; k++) {
                log.printf(Locale.ROOT, "%nseed %d (%d of %d)%n", seed + k, k + 1, seeds);
                results.add(train(base.withSeed(seed + k), folders.isEmpty() ? null : folders.get(k), null, command, log, fm));
            }
            Seeds s = new Seeds(base, results);
            log.printf(Locale.ROOT, "%nover %d seeds (%d to %d; %s): train loss %s, train acc %s (running, dropout on), test loss %s, "
                    + "test acc %s%n", seeds, seed, seed + seeds - 1, seeds < Spread.INTERVAL_SEEDS ? "mean (min-max)" : "mean ± 95% t-interval",
                    s.last(EpochMetrics::trainLoss).loss(), s.last(EpochMetrics::trainAcc).percent(), s.last(EpochMetrics::testLoss).loss(),
                    s.last(EpochMetrics::testAcc).percent());
            return 0;
        } finally {
            for (RunFolder f : folders) f.close();
        }
    }

    private int train(RunConfig config, RunFolder folder, TrainFolder.State stored, String command, PrintWriter log) throws IOException {
        train(config, folder, stored, command, log, data.load(log));
        return 0;
    }

    private RunResult train(RunConfig config, RunFolder folder, TrainFolder.State stored, String command, PrintWriter log, FashionMnist fm)
            throws IOException {
        Runner runner = new Runner(config, fm.train());
        TrainFolder kept = null;
        if (folder != null) {
            Path checkpoint = folder.path().resolve(TrainFolder.CHECKPOINT);
            if (stored != null && Files.exists(checkpoint)) {
                runner.resume(checkpoint);
                log.println("resuming " + folder.path() + " after epoch " + runner.result().epochs().size() + " of " + config.epochs());
            }
            kept = new TrainFolder(folder.path(), runner, command, fm.source());
        }
        log.println(config);
        log.println(runner.net());
        RunResult r;
        try {
            r = runner.train(fm.test(), false, new Progress(log, Progress.terminal()), kept == null ? (x, m) -> {} : kept::epochFinished);
        } catch (DivergedException e) {
            if (kept != null) kept.diverged(runner, e);
            throw e.withFix(DivergedException.lowerLearningRate("--lr", config.lr()));
        }
        EpochMetrics m = r.last();
        log.printf(Locale.ROOT, "final: train loss %.4f, train acc %.4f, test loss %.4f, test acc %.4f, %.1f s in all%n", m.trainLoss(),
                m.trainAcc(), m.testLoss(), m.testAcc(), r.seconds());
        if (kept != null) {
            kept.finished(runner);
            Path d = folder.path();
            log.println("wrote " + d.resolve(TrainFolder.METRICS) + ", " + d.resolve(TrainFolder.CURVES + ".png") + " (and .svg), "
                    + d.resolve(TrainFolder.MODEL) + ", " + d.resolve(TrainFolder.CHECKPOINT) + " and " + d.resolve(TrainFolder.RUN));
        }
        return r;
    }

    private RunConfig newConfig() {
        if (Models.isLeNet(model)) return LeNetOptions.config(spec, model, momentum, batchSize, epochs, trainLimit, seed, dropLast);
        try {
            return new RunConfig("train", "d2l dropout MLP", model, hidden, dropout, lr, momentum, batchSize, epochs, trainLimit, seed, dropLast);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private static TrainFolder.State storedRun(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException("cannot resume " + dir + ": no such folder");
        TrainFolder.State s = TrainFolder.read(dir);
        if (s == null) {
            throw new IOException("cannot resume " + dir + ": it holds no run (no " + TrainFolder.RUN + "); start one with --out " + dir);
        }
        return s;
    }

    /** The stored settings; options given on the command line must agree with them, except --epochs, which may extend the run. */
    private RunConfig resumedConfig(TrainFolder.State s) {
        RunConfig c = s.config();
        var parsed = spec.commandLine().getParseResult();
        List<String> conflicts = new ArrayList<>();
        conflict(conflicts, parsed.hasMatchedOption("--model"), "--model", model, c.model());
        conflict(conflicts, parsed.hasMatchedOption("--lr"), "--lr", DivergedException.number(lr), DivergedException.number(c.lr()));
        conflict(conflicts, parsed.hasMatchedOption("--momentum"), "--momentum", DivergedException.number(momentum),
                DivergedException.number(c.momentum()));
        conflict(conflicts, parsed.hasMatchedOption("--batch-size"), "--batch-size", batchSize, c.batchSize());
        conflict(conflicts, parsed.hasMatchedOption("--drop-last"), "--drop-last", dropLast, c.dropLast());
        conflict(conflicts, parsed.hasMatchedOption("--dropout"), "--dropout", Arrays.toString(dropout), Arrays.toString(c.dropout()));
        conflict(conflicts, parsed.hasMatchedOption("--hidden"), "--hidden", Arrays.toString(hidden), Arrays.toString(c.hidden()));
        conflict(conflicts, parsed.hasMatchedOption("--train-limit"), "--train-limit", trainLimit, c.trainLimit());
        conflict(conflicts, parsed.hasMatchedOption("--seed"), "--seed", seed, c.seed());
        if (!conflicts.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--resume " + resume + " continues the run with the settings it started with, "
                    + "and these options differ from them: " + String.join(", ", conflicts) + ". Leave them out, or start a new run "
                    + "with another --out.");
        }
        if (data.dir == null) data.dir = Path.of(s.data());
        if (TrainFolder.DIVERGED.equals(s.status())) {
            throw new IllegalStateException("cannot resume " + resume + ": its run diverged, and resuming would diverge again ("
                    + s.message() + "). Start a new run with a smaller --lr.");
        }
        int total = parsed.hasMatchedOption("--epochs") ? epochs : c.epochs();
        if (total < s.epochsFinished() || (total == s.epochsFinished() && TrainFolder.FINISHED.equals(s.status()))) {
            throw new IllegalStateException("cannot resume " + resume + ": its run has finished " + s.epochsFinished()
                    + " of " + total + " epochs; to train it further, pass --epochs with more than " + s.epochsFinished());
        }
        return c.with(total, c.trainLimit());
    }

    private static void conflict(List<String> out, boolean given, String option, Object value, Object stored) {
        if (given && !Objects.equals(value, stored)) out.add(option + " " + value + " (the run has " + stored + ")");
    }

    private static void replaced(PrintWriter log, Path dir, String earlier) {
        if (earlier != null) log.println("replacing the earlier run in " + dir + " (" + earlier + ")");
    }

    /** A run that --resume could continue is not overwritten by a new run by mistake. */
    private static void refuseUnfinished(Path dir) throws IOException {
        TrainFolder.State s;
        try {
            s = TrainFolder.read(dir);
        } catch (IOException damaged) {
            return;  // nothing resumable: a new run replaces it
        }
        if (s != null && TrainFolder.RUNNING.equals(s.status()) && s.epochsFinished() > 0 && Files.exists(dir.resolve(TrainFolder.CHECKPOINT))) {
            throw new IOException(dir + " holds an unfinished run (" + s.epochsFinished() + " of " + s.config().epochs() + " epochs, "
                    + s.command() + "): continue it with --resume " + dir + ", or choose another --out");
        }
    }
}
