package dev.nabla.examples.cli;

import dev.nabla.examples.experiment.Experiment;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** The main job: the dropout experiment, with plots and a report. */
@Command(name = "experiment", mixinStandardHelpOptions = true,
        description = "Compare overfitting with and without dropout: trains several configurations on a subset of Fashion-MNIST "
                + "where overfitting shows, plus the book's own setting, and writes plots, metrics.csv, config.json and "
                + "report.html into runs/dropout-<time>/.")
final class ExperimentCommand implements Callable<Integer> {
    @Option(names = "--train-limit", defaultValue = "" + ExperimentCommand.TRAIN_LIMIT, paramLabel = "N",
            description = "Training images for the study (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--epochs", defaultValue = "" + ExperimentCommand.EPOCHS, description = "Epochs of the study (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--book-epochs", defaultValue = "10", description = "Epochs of the book's setting on all data; 0 skips it (default: ${DEFAULT-VALUE}).")
    int bookEpochs;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--seeds", defaultValue = "1", paramLabel = "N", description = "Run every configuration with N seeds (--seed, "
            + "--seed + 1, ...); plots show the mean with a band, tables the spread (default: ${DEFAULT-VALUE}, to stay fast; each "
            + "seed adds the time of one whole experiment).")
    int seeds;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    static final int TRAIN_LIMIT = 2000, EPOCHS = 100;

    @Override
    public Integer call() throws Exception {
        if (trainLimit <= 0) throw new ParameterException(spec.commandLine(), "--train-limit must be positive, but got " + trainLimit);
        if (epochs <= 0) throw new ParameterException(spec.commandLine(), "--epochs must be positive, but got " + epochs);
        if (bookEpochs < 0) throw new ParameterException(spec.commandLine(), "--book-epochs must be >= 0, but got " + bookEpochs);
        if (seeds < 1) throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, but got " + seeds);
        return ExperimentJob.run(spec, data, out, "dropout", fm -> Experiment.defaultPlan(seed, seeds, Math.min(trainLimit, fm.train().size()), epochs, bookEpochs));
    }
}
