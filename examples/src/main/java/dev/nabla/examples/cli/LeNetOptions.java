package dev.nabla.examples.cli;

import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.experiment.RunConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * {@code nabla train --model lenet | lenet-bn}: the book's learning rate unless {@code --lr} is
 * given, and a clear refusal of the options that only shape the MLP ({@code --dropout}, {@code --hidden}).
 */
final class LeNetOptions {
    private LeNetOptions() {}

    /** The run's settings, from the options the command line matched. */
    static RunConfig config(CommandSpec spec, String model, double momentum, int batchSize, int epochs, int trainLimit, long seed,
                            boolean dropLast) {
        ParseResult parsed = spec.commandLine().getParseResult();
        for (String option : new String[] {"--dropout", "--hidden"}) {
            if (parsed.hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " does not apply to --model " + model + ": LeNet's layers are "
                        + "the book's (" + (model.equals(Models.LENET) ? "d2l 7.6" : "d2l 8.5") + "), with no dropout and no hidden widths to "
                        + "choose; leave " + option + " out");
            }
        }
        double lr = parsed.hasMatchedOption("--lr") ? parsed.matchedOptionValue("--lr", 0.0) : Models.bookLr(model);
        String label = model.equals(Models.LENET) ? "d2l LeNet" : "d2l LeNet with batch norm";
        try {
            return new RunConfig("train", label, model, new int[0], new double[0], lr, momentum, batchSize, epochs, trainLimit, seed, dropLast);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
