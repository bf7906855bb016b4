package dev.nabla.examples.cli;

import dev.nabla.nn.Functional;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.DropoutLayer;
import dev.nabla.examples.viz.DropoutCall;
import dev.nabla.examples.viz.DropoutNetFigure;
import dev.nabla.examples.viz.MaskGrid;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.nn.Dropout;
import dev.nabla.nn.DropoutStats;
import dev.nabla.nn.Linear;
import dev.nabla.nn.Sigmoid;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Answers the forum question about {@code dropout_layer(X, 0.5)} on screen, and in pictures with {@code --out}. */
@Command(name = "dropout-demo", mixinStandardHelpOptions = true,
        description = "d2l's dropout_layer on X = arange(16).reshape(2, 8): what p means, which units were dropped (drawn as a "
                + "grid), why survivors are scaled, and what eval mode does. With --out, also draws the call and a small MLP "
                + "before and after dropout as PNG and SVG.")
final class DropoutDemoCommand implements Callable<Integer> {
    @Option(names = "--p", defaultValue = "0.5", description = "Drop probability to explain (default: ${DEFAULT-VALUE}).")
    double p;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--draws", defaultValue = "10000", description = "Calls used to measure the drop fraction (default: ${DEFAULT-VALUE}).")
    int draws;

    @Option(names = "--out", paramLabel = "DIR", description = "Write dropout-call.png/.svg and dropout-mlp.png/.svg into DIR (created if needed).")
    Path out;

    @Spec
    CommandSpec spec;

    /** One forward pass of a 4-5-3 net with dropout after its hidden layer: what the MLP picture draws. */
    record SmallNet(Tensor x, Tensor hidden, Tensor mask, Tensor output) {}

    @Override
    public Integer call() throws IOException {
        try {
            Functional.checkDropoutProbability(p);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (draws <= 0) throw new ParameterException(spec.commandLine(), "--draws must be positive, but got " + draws);
        if (out != null) createFolder();
        PrintWriter w = spec.commandLine().getOut();
        Rng rng = new Rng(seed);
        Tensor x = Tensor.arange(16).reshape(2, 8);
        w.printf(Locale.ROOT, "d2l's dropout_layer, from scratch, on X = arange(16).reshape(2, 8)   (seed %d)%n%nX =%n%s%n%n", seed, x);
        w.printf(Locale.ROOT, "dropout_layer(X, 0.0)%n%s%n%n", DropoutLayer.dropoutLayer(x, 0, rng));
        DropoutCall shown = DropoutCall.dropoutLayer(x, p, rng);  // d2l's lines, keeping the mask this call drew
        w.printf(Locale.ROOT, "dropout_layer(X, %s)%n%s%n%n", p, shown.output());
        w.printf(Locale.ROOT, "dropout_layer(X, 1.0)%n%s%n%n", DropoutLayer.dropoutLayer(x, 1, rng));

        w.printf(Locale.ROOT, "What does the %s mean?%n", p);
        w.printf(Locale.ROOT, "  p = %s is the probability that each unit is DROPPED (set to 0), independently of the others,%n"
                + "  with a fresh random draw on every call. It is not the fraction kept: that is 1 - p = %s.%n"
                + "  (Deeplearning4j's dropOut(x) takes the probability to KEEP; PyTorch, d2l and Nabla take the probability to drop.)%n%n",
                p, 1 - p);

        w.printf(Locale.ROOT, "Which neurons were dropped in dropout_layer(X, %s) above? Its mask, drawn in that same call "
                + "(mask = rand(X.shape) >= p):%nmask (1 = kept, 0 = dropped) =%n%s%n%n", p, shown.mask());
        w.print(MaskGrid.text(shown));
        w.println(droppedList(shown.mask()));
        Dropout layer = new Dropout(p, new Rng(seed));
        w.printf(Locale.ROOT, "d2l's function forgets its mask; Nabla's nn.Dropout(%s) keeps the mask of its last call (lastMask()).%n"
                + "Each call draws anew: two calls on the same X dropped%n", p);
        for (int call = 1; call <= 2; call++) {
            Tensor y = layer.forward(x);
            w.print("  " + droppedList(layer.lastMask()));
            for (String line : MaskGrid.remarks(new DropoutCall(x, p, layer.lastMask(), y))) w.println("    " + line);
        }
        w.println();

        w.println("Why are the survivors multiplied?");
        if (p < 1) {
            w.printf(Locale.ROOT, "  Each kept unit is scaled by 1/(1-p) = %s, so the expected value of every unit is unchanged:%n"
                    + "  E[output] = (1-p) * x/(1-p) + p * 0 = x. The next layer sees inputs of the same size in training and at%n"
                    + "  test time, when nothing is dropped (\"inverted dropout\").%n", (float) (1 / (1 - p)));
        } else {
            w.println("  With p = 1 every unit is dropped and the output is all zeros: nothing survives to scale.");
        }
        layer.resetStats();  // the same layer, called many more times
        Tensor sum = Tensor.zeros(2, 8);
        for (int i = 0; i < draws; i++) sum = sum.add(layer.forward(x));
        w.printf(Locale.ROOT, "  Averaged over %,d calls, the output is%n%s%n  which is close to X.%n%n", draws, sum.div(draws));

        DropoutStats s = layer.stats();
        double se = Math.sqrt(p * (1 - p) / s.unitsSeen()), z = se == 0 ? 0 : (s.fractionDropped() - p) / se;
        w.printf(Locale.ROOT, "Measured drop fraction over %,d calls x 16 units = %,d units: %,d dropped = %.2f%% "
                + "(expected %.2f%%, standard error %.2f%%).%n", s.trainingCalls(), s.unitsSeen(), s.unitsDropped(),
                100 * s.fractionDropped(), 100 * p, 100 * se);
        if (se > 0) {
            w.printf(Locale.ROOT, "That is %.1f standard errors from p: %s%n%n", Math.abs(z), Math.abs(z) < 2
                    ? "well within chance."
                    : Math.abs(z) < 3 ? "a little unusual (about 1 run in 20 is this far), still chance."
                    : "unusual (about 1 run in 400 is this far); try other seeds to see it is chance, not a bias.");
        } else {
            w.println();
        }

        layer.eval();
        Tensor atTest = layer.forward(x);
        w.printf("And at test time? After eval(), nn.Dropout returns its input unchanged (same tensor: %s), so%n"
                + "test accuracy is measured without dropout. Forgetting eval() is a classic bug (d2l-en issue 1093); Nabla's%n"
                + "functional form Functional.dropout(x, p, training) has no default mode, so a caller must say which one it means.%n",
                atTest == x);
        if (out != null) writePictures(w, shown);
        return 0;
    }

    private void writePictures(PrintWriter w, DropoutCall shown) throws IOException {
        SmallNet net = smallNet(p, seed);
        List<Path> files = new ArrayList<>(Pictures.write(out.resolve("dropout-call"),
                MaskGrid.picture(shown, "dropout_layer(X, " + p + "): one call, drawn (seed " + seed + ")")));
        files.addAll(Pictures.write(out.resolve("dropout-mlp"), DropoutNetFigure.of(4, net.hidden().toArray(), net.mask().toArray(), 3, p,
                "MLP before and after dropout: one real forward pass (seed " + seed + ")")));
        w.printf(Locale.ROOT, "%nThe MLP picture is a 4-5-3 net (Linear, Sigmoid, Dropout(%s), Linear) on one input in training mode:%n"
                + "  hidden h = %s%n  its mask = %s%n", p, list(net.hidden(), 4), list(net.mask(), 0));
        w.println("Pictures written:");
        for (Path f : files) w.println("  " + f);
    }

    /** "[0.4224, 0.5922]": a 1-D tensor's values with {@code decimals} decimals. */
    static String list(Tensor t, int decimals) {
        List<String> v = new ArrayList<>();
        for (float f : t.toArray()) v.add(String.format(Locale.ROOT, "%." + decimals + "f", f));
        return "[" + String.join(", ", v) + "]";
    }

    /** The small net's forward pass for the MLP picture: Linear(4, 5), Sigmoid, Dropout(p), Linear(5, 3), seeded. */
    static SmallNet smallNet(double p, long seed) {
        Rng rng = new Rng(seed);
        Linear first = new Linear(4, 5, true, rng), second = new Linear(5, 3, true, rng);
        Dropout dropout = new Dropout(p, rng);
        Tensor x = Tensor.rand(rng, 1, 4);
        Tensor hidden = new Sigmoid().forward(first.forward(x));
        Tensor output = second.forward(dropout.forward(hidden));
        return new SmallNet(x, hidden.reshape(5), dropout.lastMask().reshape(5), output);
    }

    private void createFolder() {
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new ParameterException(spec.commandLine(), "--out " + out + " is a file, not a folder: name a folder for the pictures");
        }
        for (Path p = out.toAbsolutePath().getParent(); p != null; p = p.getParent()) {
            if (Files.exists(p) && !Files.isDirectory(p)) {
                throw new ParameterException(spec.commandLine(), "--out " + out + " cannot be created: " + p + " is a file");
            }
        }
        try {
            AtomicFiles.checkWritable(out);  // created and proven writable before the demo runs
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out " + out + ": " + e.getMessage());
        }
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
