package dev.nabla.examples.cli;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.data.FashionMnist;
import dev.nabla.examples.experiment.Charts;
import dev.nabla.examples.experiment.MetricsCsv;
import dev.nabla.examples.experiment.RunConfig;
import dev.nabla.examples.experiment.RunResult;
import dev.nabla.examples.experiment.Runner;
import dev.nabla.nn.Module;
import dev.nabla.nn.io.SafeTensors;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Trains the d2l dropout MLP once, with the book's defaults. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train d2l's dropout MLP on Fashion-MNIST. Defaults are the book's: 784-256-256-10, dropout 0.2 then 0.5, "
                + "weights Normal(0, 0.01), SGD lr 0.5, batch 256, 10 epochs. Test metrics are always measured in eval mode.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--model", defaultValue = "concise",
            description = "concise (nn.Sequential with nn.Dropout) or scratch (the book's Net with its own dropout_layer). Default: ${DEFAULT-VALUE}.")
    String model;

    @Option(names = "--epochs", defaultValue = "10", description = "Default: ${DEFAULT-VALUE}.")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.5", description = "SGD learning rate. Default: ${DEFAULT-VALUE}.")
    double lr;

    @Option(names = "--momentum", defaultValue = "0", description = "SGD momentum; the book uses none. Default: ${DEFAULT-VALUE}.")
    double momentum;

    @Option(names = "--batch-size", defaultValue = "256", description = "Default: ${DEFAULT-VALUE}.")
    int batchSize;

    @Option(names = "--dropout", defaultValue = "0.2,0.5", split = ",", description = "Drop probability per hidden layer. Default: ${DEFAULT-VALUE}.")
    double[] dropout;

    @Option(names = "--hidden", defaultValue = "256,256", split = ",", description = "Hidden layer widths. Default: ${DEFAULT-VALUE}.")
    int[] hidden;

    @Option(names = "--train-limit", defaultValue = "0", paramLabel = "N", description = "Train on the first N images only (0: all 60,000).")
    int trainLimit;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write metrics.csv, curves.png/svg and model.safetensors into DIR.")
    Path out;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        RunConfig config;
        try {
            config = new RunConfig("train", "d2l dropout MLP", model, hidden, dropout, lr, momentum, batchSize, epochs, trainLimit, seed);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        PrintWriter log = spec.commandLine().getOut();
        FashionMnist fm = data.load(log);
        Module net = Runner.build(config);
        log.println(config);
        log.println(net);
        RunResult r = Runner.run(config, net, fm.train(), fm.test(), false, new Progress(log, Progress.terminal()));
        EpochMetrics m = r.last();
        log.printf(Locale.ROOT, "final: train loss %.4f, train acc %.4f, test loss %.4f, test acc %.4f, %.1f s in all%n", m.trainLoss(),
                m.trainAcc(), m.testLoss(), m.testAcc(), r.seconds());
        if (out != null) {
            MetricsCsv.write(out.resolve("metrics.csv"), List.of(r));
            Charts.save(Charts.curves(r), out.resolve("curves"));
            SafeTensors.save(out.resolve("model.safetensors"), net.stateDict());
            log.println("wrote " + out.resolve("metrics.csv") + ", " + out.resolve("curves.png") + " (and .svg), "
                    + out.resolve("model.safetensors"));
        }
        return 0;
    }
}
