package dev.nabla.examples.cli;

import dev.nabla.examples.experiment.Sweep;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Dropout's p against final test loss, test accuracy and gap, with seed bands: the measured answer to "why 0.5?". */
@Command(name = "sweep", mixinStandardHelpOptions = true,
        description = "Sweep the dropout probability p in the dropout study's regime (d2l's MLP on the first 2,000 training images, SGD "
                + "with momentum 0.9 at lr 0.05): final test loss, test accuracy and generalisation gap against p, several seeds each. "
                + "Writes plots, metrics.csv, config.json and report.html into runs/sweep-<time>/.")
final class SweepCommand implements Callable<Integer> {
    @Option(names = "--dropout", defaultValue = Sweep.DEFAULT_DROPOUT, paramLabel = "LIST",
            description = "Values of p: one p for both hidden layers (0.5), or a pair per layer (0.2/0.5), separated by commas; "
                    + "a,b,...,z counts from a to z in steps of b-a (default: ${DEFAULT-VALUE}).")
    String dropout;

    @Option(names = "--epochs", defaultValue = "" + SweepCommand.EPOCHS, description = "Epochs per run (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--train-limit", defaultValue = "2000", paramLabel = "N", description = "Training images (default: ${DEFAULT-VALUE}).")
    int trainLimit;

    @Option(names = "--seeds", defaultValue = "" + SweepCommand.SEEDS, paramLabel = "N",
            description = "Seeds per value of p (default: ${DEFAULT-VALUE}); from 5 on, bands are 95%% t-intervals.")
    int seeds;

    @Option(names = "--seed", defaultValue = "0", description = "The first seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "runs", paramLabel = "DIR", description = "Where run folders go (default: ${DEFAULT-VALUE}).")
    Path out;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    static final int EPOCHS = 100, SEEDS = 3;

    @Override
    public Integer call() throws Exception {
        if (trainLimit <= 0) throw new ParameterException(spec.commandLine(), "--train-limit must be positive, but got " + trainLimit);
        if (epochs <= 0) throw new ParameterException(spec.commandLine(), "--epochs must be positive, but got " + epochs);
        if (seeds < 1) throw new ParameterException(spec.commandLine(), "--seeds must be at least 1, but got " + seeds);
        List<double[]> ps;
        try {
            ps = Sweep.parse(dropout, 2);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        return ExperimentJob.run(spec, data, out, "sweep", fm -> Sweep.plan(ps, seed, seeds, Math.min(trainLimit, fm.train().size()), epochs));
    }
}
