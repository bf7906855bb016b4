package dev.nabla.examples.cli;

import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.ForgottenEval;
import dev.nabla.nn.BatchNorm1d;
import dev.nabla.nn.data.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The BatchNorm twin of {@code dropout-demo}: what the layer does in training and in eval mode, and what forgetting eval() costs. */
@Command(name = "batchnorm-demo", mixinStandardHelpOptions = true,
        description = "d2l 8.5's batch normalization, shown: on a small batch, the batch mean and variance, the normalised output, "
                + "the running statistics moving after each training call, and eval mode using them; then a LeNet with batch norm, "
                + "trained briefly (or loaded with --weights), measured on the real test set at several test batch sizes in eval "
                + "mode and in training mode, which is what forgetting eval() does.")
final class BatchNormDemoCommand implements Callable<Integer> {
    @Option(names = "--train-limit", defaultValue = "12800", paramLabel = "N",
            description = "Train the LeNet on the first N training images (default: ${DEFAULT-VALUE}, 50 batches of 256).")
    int trainLimit;

    @Option(names = "--epochs", defaultValue = "1", description = "Epochs of that training (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--weights", paramLabel = "FILE", description = "Measure this LeNet-BN instead of training one: the model.safetensors "
            + "that 'nabla train --model lenet-bn --out DIR' wrote into DIR.")
    Path weights;

    @Option(names = "--batch-sizes", defaultValue = "1,8,64,1024", split = ",", description = "Test batch sizes (default: ${DEFAULT-VALUE}).")
    int[] batchSizes;

    @Option(names = "--seed", defaultValue = "0", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    /** The small batch of part 1: four examples of three features on very different scales. */
    static final Tensor X = Tensor.of(new float[][] {{1, 10, 100}, {2, 20, 50}, {3, 40, 0}, {6, 10, 250}});

    @Override
    public Integer call() throws IOException {
        if (trainLimit < 0 || epochs <= 0) throw new ParameterException(spec.commandLine(), "--train-limit must be >= 0 and --epochs positive");
        for (int b : batchSizes) if (b <= 0) throw new ParameterException(spec.commandLine(), "test batch sizes must be positive, but got " + b);
        if (weights != null && !Files.isRegularFile(weights)) {
            throw new ParameterException(spec.commandLine(), "--weights " + weights + ": no such file (train one with "
                    + "'nabla train --model lenet-bn --out DIR', then pass DIR/model.safetensors)");
        }
        PrintWriter w = spec.commandLine().getOut();
        smallBatch(w);
        w.println();
        FashionMnist fm = data.load(w);
        ForgottenEval.Report r = ForgottenEval.measure(fm, weights, trainLimit, epochs, seed, batchSizes);
        w.println(r.origin());
        w.println(r.table());
        w.println(conclusion(r.rows()));
        return 0;
    }

    /** Parts 1-3, on {@link #X}: no data needed. */
    static void smallBatch(PrintWriter w) {
        w.println("BatchNorm (d2l 8.5), shown on a batch of 4 examples with 3 features on very different scales:");
        w.println("X =");
        w.println(X);
        w.println();
        BatchNorm1d bn = new BatchNorm1d(3);
        Tensor mean = X.mean(0, false), var = X.var(0, false, false);
        w.println("1. In training mode, BatchNorm1d(3) normalises each feature (column) with the batch's own statistics:");
        w.println("   batch mean      X.mean(0)           = " + list(mean, 2));
        w.println("   batch variance  X.var(0), biased /4 = " + list(var, 2));
        Tensor y = bn.forward(X);
        w.println("   (X - mean) / sqrt(variance + 1e-5) * weight + bias, with weight 1 and bias 0 as initialised:");
        w.println(y);
        Tensor hand = X.sub(mean).div(var.add(1e-5).sqrt());
        w.printf(Locale.ROOT, "   the same as computed by hand: %s; every column now has mean %s and variance %s.%n%n",
                hand.allClose(y, 1e-5, 1e-5), list(y.mean(0, false), 1), list(y.var(0, false, false), 3));

        w.println("2. Each training call also moves the running statistics (buffers, saved in the state dict) towards the batch's:");
        w.println("   running_mean = 0.9 * running_mean + 0.1 * batch mean, and the same for running_var with the UNBIASED");
        w.println("   variance (/3 for 4 examples); momentum 0.1. They start at 0 and 1.");
        BatchNorm1d fresh = new BatchNorm1d(3);
        Tensor[] batches = {X, X.mul(2f), X.add(10f)};
        String[] names = {"X", "2 * X", "X + 10"};
        w.printf(Locale.ROOT, "   %-20s %-28s %-28s %s%n", "after", "running_mean", "running_var", "num_batches_tracked");
        w.printf(Locale.ROOT, "   %-20s %-28s %-28s %d%n", "(start)", list(fresh.runningMean(), 3), list(fresh.runningVar(), 3), 0);
        for (int i = 0; i < batches.length; i++) {
            fresh.forward(batches[i]);
            w.printf(Locale.ROOT, "   %-20s %-28s %-28s %d%n", "call " + (i + 1) + ": " + names[i], list(fresh.runningMean(), 3),
                    list(fresh.runningVar(), 3), fresh.numBatchesTracked());
        }
        w.println("   After many batches they approach the mean and variance of the whole training set.");
        w.println();

        w.println("3. eval() switches to the running statistics: one example's output no longer depends on the rest of its batch.");
        Tensor other = Tensor.cat(0, X.narrow(0, 0, 1), Tensor.of(new float[][] {{0, 0, 0}, {4, 30, 500}, {5, 25, 300}}));
        w.println("   Example 0 = " + list(X.narrow(0, 0, 1).reshape(3), 0) + ", in batch X and in another batch of 4:");
        w.println("   training mode: " + list(bn.forward(X).narrow(0, 0, 1).reshape(3), 4) + " in X, "
                + list(bn.forward(other).narrow(0, 0, 1).reshape(3), 4) + " in the other batch (each batch's own statistics)");
        fresh.eval();  // the layer of part 2, after its three calls
        w.println("   eval mode:     " + list(fresh.forward(X).narrow(0, 0, 1).reshape(3), 4) + " in X, "
                + list(fresh.forward(other).narrow(0, 0, 1).reshape(3), 4) + " in the other batch, "
                + list(fresh.forward(X.narrow(0, 0, 1)).reshape(3), 4) + " alone (the running statistics of part 2)");
        w.println("   and eval mode changed nothing: num_batches_tracked is still " + fresh.numBatchesTracked() + ", the statistics as above.");
        fresh.train();
        try {
            fresh.forward(X.narrow(0, 0, 1));
        } catch (IllegalArgumentException e) {
            w.println("   In training mode a batch of one has no variance to normalise with: \"" + e.getMessage() + "\"");
        }
    }

    /** What the table says, from its own numbers, wrapped at 110 columns. */
    static String conclusion(List<ForgottenEval.Row> rows) {
        StringBuilder sb = new StringBuilder("In eval mode every image is normalised with the running statistics, so its prediction does not "
                + "depend on the batch it comes in: the accuracy is the same at every test batch size. In training mode each batch is "
                + "normalised with its own mean and variance, so an image's prediction depends on the other images of its batch");
        List<ForgottenEval.Row> ran = rows.stream().filter(r -> r.trainError() == null).toList();
        if (ran.size() >= 2) {
            ForgottenEval.Row first = ran.get(0), last = ran.get(ran.size() - 1);
            sb.append(String.format(Locale.ROOT, ": here the accuracy goes from %.4f at batch size %d to %.4f at %d", first.trainAccuracy(),
                    first.batchSize(), last.trainAccuracy(), last.batchSize()));
        }
        if (ran.size() < rows.size()) sb.append(", and a batch of one cannot be normalised at all");
        sb.append(". A model in use sees one image at a time: the eval-mode number is the one that counts.");
        if (!ran.isEmpty() && ran.get(ran.size() - 1).trainAccuracy() > rows.get(rows.size() - 1).evalAccuracy()) {
            sb.append(" That training mode scores higher on large batches says that the running statistics lag behind the weights "
                    + "(they follow the last ten or so batches, while SGD at lr 1.0 still moves the weights far), not that training "
                    + "mode is right.");
        }
        sb.append(" Each training-mode pass also moved the running statistics towards the test set's (they were restored before "
                + "every measurement here).");
        return wrap(sb.toString(), 110);
    }

    /** {@code text} broken into lines of at most {@code width} characters, at spaces. */
    static String wrap(String text, int width) {
        StringBuilder out = new StringBuilder();
        int lineStart = 0;
        for (String word : text.split(" ")) {
            if (out.length() > lineStart && out.length() - lineStart + 1 + word.length() > width) {
                out.append('\n');
                lineStart = out.length();
            } else if (out.length() > lineStart) {
                out.append(' ');
            }
            out.append(word);
        }
        return out.toString();
    }

    /** "[0.25, 1.50]": a 1-d tensor's values with {@code decimals} decimals. */
    static String list(Tensor t, int decimals) {
        List<String> v = new ArrayList<>();
        for (float f : t.toArray()) {
            String s = String.format(Locale.ROOT, "%." + decimals + "f", f);
            v.add(s.matches("-0\\.?0*") ? s.substring(1) : s);  // no "-0.00" for a value that rounds to 0
        }
        return "[" + String.join(", ", v) + "]";
    }
}
