package dev.nabla.examples.cli;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.DropoutLayer;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.DropoutStats;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Answers the forum question about {@code dropout_layer(X, 0.5)} on screen. */
@Command(name = "dropout-demo", mixinStandardHelpOptions = true,
        description = "d2l's dropout_layer on X = arange(16).reshape(2, 8): what p means, which units were dropped, why survivors "
                + "are scaled, and what eval mode does.")
final class DropoutDemoCommand implements Callable<Integer> {
    @Option(names = "--p", defaultValue = "0.5", description = "Drop probability to explain (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--draws", defaultValue = "10000", description = "Calls used to measure the drop fraction (default: ${DEFAULT-VALUE}).")
    int draws;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!(p >= 0 && p <= 1)) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "dropout probability has to be between 0 and 1, but got " + p);
        }
        if (draws <= 0) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--draws must be positive, but got " + draws);
        PrintWriter out = spec.commandLine().getOut();
        Rng rng = new Rng(seed);
        Tensor x = Tensor.arange(16).reshape(2, 8);
        out.printf(Locale.ROOT, "d2l's dropout_layer, from scratch, on X = arange(16).reshape(2, 8)   (seed %d)%n%nX =%n%s%n%n", seed, x);
        for (double q : new double[] {0, p, 1}) {
            out.printf(Locale.ROOT, "dropout_layer(X, %s)%n%s%n%n", q, DropoutLayer.dropoutLayer(x, q, rng));
        }

        out.printf(Locale.ROOT, "What does the %s mean?%n", p);
        out.printf(Locale.ROOT, "  p = %s is the probability that each unit is DROPPED (set to 0), independently of the others,%n"
                + "  with a fresh random draw on every call. It is not the fraction kept: that is 1 - p = %s.%n"
                + "  (Deeplearning4j's dropOut(x) takes the probability to KEEP; PyTorch, d2l and Nabla take the probability to drop.)%n%n",
                p, 1 - p);

        Dropout layer = new Dropout(p, new Rng(seed));
        Tensor y = layer.forward(x);
        out.printf(Locale.ROOT, "Which neurons were dropped? Nabla's nn.Dropout(%s) reports the mask of its last call.%n"
                + "output =%n%s%nmask (1 = kept, 0 = dropped) =%n%s%n", p, y, layer.lastMask());
        out.println(droppedList(layer.lastMask()));
        layer.forward(x);
        out.printf("The next call draws a new mask: %s%n%n", droppedList(layer.lastMask()).trim());

        out.println("Why are the survivors multiplied?");
        if (p < 1) {
            out.printf(Locale.ROOT, "  Each kept unit is scaled by 1/(1-p) = %s, so the expected value of every unit is unchanged:%n"
                    + "  E[output] = (1-p) * x/(1-p) + p * 0 = x. The next layer sees inputs of the same size in training and at%n"
                    + "  test time, when nothing is dropped (\"inverted dropout\").%n", (float) (1 / (1 - p)));
        } else {
            out.println("  With p = 1 every unit is dropped and the output is all zeros: nothing survives to scale.");
        }
        layer.resetStats();  // the same layer, called many more times
        Tensor sum = Tensor.zeros(2, 8);
        for (int i = 0; i < draws; i++) sum = sum.add(layer.forward(x));
        out.printf(Locale.ROOT, "  Averaged over %,d calls, the output is%n%s%n  which is close to X.%n%n", draws, sum.div(draws));

        DropoutStats s = layer.stats();
        double se = Math.sqrt(p * (1 - p) / s.unitsSeen()), z = se == 0 ? 0 : (s.fractionDropped() - p) / se;
        out.printf(Locale.ROOT, "Measured drop fraction over %,d calls x 16 units = %,d units: %,d dropped = %.2f%% "
                + "(expected %.2f%%, standard error %.2f%%).%n", s.trainingCalls(), s.unitsSeen(), s.unitsDropped(),
                100 * s.fractionDropped(), 100 * p, 100 * se);
        if (se > 0) {
            out.printf(Locale.ROOT, "That is %.1f standard errors from p: %s%n%n", Math.abs(z), Math.abs(z) < 2
                    ? "well within chance."
                    : Math.abs(z) < 3 ? "a little unusual (about 1 run in 20 is this far), still chance."
                    : "unusual (about 1 run in 400 is this far); try other seeds to see it is chance, not a bias.");
        } else {
            out.println();
        }

        layer.eval();
        Tensor atTest = layer.forward(x);
        out.printf("And at test time? After eval(), nn.Dropout returns its input unchanged (same tensor: %s), so%n"
                + "test accuracy is measured without dropout. Forgetting eval() is a classic bug (d2l-en issue 1093); Nabla's%n"
                + "functional form Functional.dropout(x, p, training) has no default mode, so a caller must say which one it means.%n",
                atTest == x);
        return 0;
    }

    private static String droppedList(Tensor mask) {
        List<String> rows = new ArrayList<>();
        int dropped = 0;
        for (int r = 0; r < mask.size(0); r++) {
            List<String> cols = new ArrayList<>();
            for (int c = 0; c < mask.size(1); c++) {
                if (mask.get(r, c) == 0f) {
                    cols.add(Integer.toString(c));
                    dropped++;
                }
            }
            rows.add("row " + r + ": " + (cols.isEmpty() ? "none" : "columns " + String.join(", ", cols)));
        }
        return String.format(Locale.ROOT, "dropped %s -> %d of %d units (%.0f%%)%n", String.join("; ", rows), dropped,
                mask.numel(), 100.0 * dropped / mask.numel());
    }
}
