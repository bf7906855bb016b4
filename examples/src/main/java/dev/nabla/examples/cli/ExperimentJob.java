package dev.nabla.examples.cli;

import dev.nabla.core.kernel.KernelWarmUp;
import dev.nabla.examples.experiment.Experiment;
import dev.nabla.examples.experiment.RunFolder;
import dev.nabla.nn.data.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code experiment} and {@code sweep} share once their options are checked: a new run folder
 * under {@code out}, created and held before the data is read (and removed again if the data cannot
 * be read), the plan, the runs with live progress, and the final table.
 */
final class ExperimentJob {
    private ExperimentJob() {}

    /** Runs the plan that {@code planner} makes for the loaded data in a folder named {@code prefix-<time>}; returns the exit code. */
    static int run(CommandSpec spec, DataOption data, Path out, String prefix, Function<FashionMnist, Experiment.Plan> planner)
            throws IOException {
        PrintWriter log = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        KernelWarmUp.start();  // the JIT compiles the kernels on the other core while the data is read
        String command = "nabla " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Experiment.Done done;
        try (RunFolder folder = RunFolder.createUnique(out, prefix, command)) {  // checked and held before the data is read
            FashionMnist fm;
            try {
                fm = data.load(log);
            } catch (IOException | RuntimeException e) {
                folder.discardIfUnused();
                throw e;
            }
            Experiment.Plan plan = planner.apply(fm);
            log.println(plan.why());
            log.println("Writing into " + folder.path() + " (report.html there shows the progress while it runs)");
            done = Experiment.run(plan, fm, folder, new Progress(log, Progress.terminal()), command);
        }
        log.println();
        Progress.table(log, done.table());
        log.printf(Locale.ROOT, "%nDone in %.1f s. Report: %s%n", (System.nanoTime() - t0) / 1e9, done.dir().resolve("report.html").toAbsolutePath());
        return 0;
    }
}
