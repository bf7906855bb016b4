package dev.nabla.examples.d2l;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.Batch;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.Dataset;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.ImageDataset;
import dev.nabla.nn.io.SafeTensors;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Nabla's half of {@code bench/bn-side-by-side}: repeats, batch for batch, the training that
 * {@code bench/bn_side_by_side_torch.py} wrote to DIR (the same initial weights, the same order of
 * examples, SGD lr 1.0, batch 256, the short last batch kept) through the real {@link Models#lenetBn}
 * and {@link Trainer}, and prints at every checkpoint K the largest absolute difference from
 * PyTorch's state after K steps per kind of tensor, twice: "free" (Nabla trained on its own from
 * step 0) and "1-step" (Nabla's step K taken from PyTorch's state after K - 1: the error of one step).
 * <pre>java -cp ... dev.nabla.examples.d2l.BatchNormSideBySide DIR [FASHION_MNIST_DIR]</pre>
 * With {@code --draws DIR SEED EPOCHS} it writes instead the random numbers {@code nabla train --model
 * lenet-bn --seed SEED} draws (the initial state and each epoch's order, as Runner draws them), for
 * {@code bn_side_by_side_torch.py DIR --replay} to train PyTorch with.
 */
public final class BatchNormSideBySide {
    private static final int BATCH = 256;
    private static final String[] KINDS = {"conv/linear weight", "conv/linear bias", "bn weight", "bn bias", "running_mean", "running_var",
        "num_batches_tracked"};

    private BatchNormSideBySide() {}

    public static void main(String[] args) throws IOException {
        if (args[0].equals("--draws")) {
            writeDraws(Path.of(args[1]), Long.parseLong(args[2]), Integer.parseInt(args[3]), 60_000);
            return;
        }
        Path dir = Path.of(args[0]);
        FashionMnist mnist = FashionMnist.load(Path.of(args.length > 1 ? args[1] : "/usr/share/datasets/fashion-mnist"));
        ImageDataset train = mnist.train();
        float[] permF = SafeTensors.load(dir.resolve("order.safetensors")).get("perm").toArray();
        int[] perm = new int[permF.length];
        for (int i = 0; i < perm.length; i++) perm[i] = (int) permF[i];
        List<String> lossLines = Files.readAllLines(dir.resolve("losses.txt"));
        double[] torchLoss = new double[lossLines.size() + 1];
        for (String line : lossLines) torchLoss[Integer.parseInt(line.split(" ")[0])] = Double.parseDouble(line.split(" ")[1]);
        List<Integer> targets = new ArrayList<>();  // K with step-K and step-(K-1) (or init) recorded
        for (int k = 1; k < torchLoss.length; k++) {
            if (Files.exists(dir.resolve("step-" + k + ".safetensors")) && (k == 1 || Files.exists(dir.resolve("step-" + (k - 1) + ".safetensors")))) {
                targets.add(k);
            }
        }

        Module net = Models.lenetBn(new Rng(0));
        net.loadStateDict(SafeTensors.load(dir.resolve("init.safetensors")));
        Map<Integer, Map<String, float[]>> free = new LinkedHashMap<>();
        Map<Integer, Long> right = new LinkedHashMap<>();
        double[] nablaLoss = new double[torchLoss.length];
        train(net, train, mnist.test(), perm, 0, torchLoss.length - 1, (step, loss) -> {
            nablaLoss[step] = loss;
            if (targets.contains(step)) {
                free.put(step, snapshot(net));
                right.put(step, Math.round(Trainer.evaluate(net, new DataLoader(mnist.test(), 1024)).accuracy() * mnist.test().size()));
            }
        });

        System.out.printf("%-5s %-22s %12s %12s %12s%n", "step", "tensor kind", "free", "1-step", "max |torch|");
        for (int k : targets) {
            Map<String, Tensor> expected = SafeTensors.load(dir.resolve("step-" + k + ".safetensors"));
            Module one = Models.lenetBn(new Rng(0));
            one.loadStateDict(SafeTensors.load(dir.resolve(k == 1 ? "init.safetensors" : "step-" + (k - 1) + ".safetensors")));
            double[] oneLoss = new double[1];
            train(one, train, null, perm, k - 1, k, (step, loss) -> oneLoss[0] = loss);
            double[] dFree = diff(expected, free.get(k)), dOne = diff(expected, snapshot(one)), scale = scale(expected);
            for (int i = 0; i < KINDS.length; i++) System.out.printf("%-5d %-22s %12.3e %12.3e %12.3e%n", k, KINDS[i], dFree[i], dOne[i], scale[i]);
            System.out.printf("%-5d %-22s %12.3e %12.3e %12.6f%n", k, "loss", Math.abs(nablaLoss[k] - torchLoss[k]), Math.abs(oneLoss[0] - torchLoss[k]),
                    torchLoss[k]);
        }
        Map<Integer, Long> torchRight = new LinkedHashMap<>();
        for (String line : Files.readAllLines(dir.resolve("accuracy.txt"))) torchRight.put(Integer.parseInt(line.split(" ")[0]), Long.parseLong(line.split(" ")[1]));
        right.forEach((k, r) -> System.out.printf("step %d: test images right in eval mode: torch %d, nabla %d (of %d)%n", k, torchRight.get(k), r,
                mnist.test().size()));
        double maxLossDiff = 0;
        int at = 0;
        for (int k = 1; k < torchLoss.length; k++) {
            if (Math.abs(nablaLoss[k] - torchLoss[k]) > maxLossDiff) {
                maxLossDiff = Math.abs(nablaLoss[k] - torchLoss[k]);
                at = k;
            }
        }
        System.out.printf("largest loss difference over %d steps: %.3e at step %d (torch %.6f, nabla %.6f)%n", torchLoss.length - 1, maxLossDiff, at,
                torchLoss[at], nablaLoss[at]);
    }

    /** Runner's draws for a seed: the weights from Rng(seed), each epoch's order from the loader's Rng(seed + 1). */
    static void writeDraws(Path dir, long seed, int epochs, int n) throws IOException {
        Files.createDirectories(dir);
        SafeTensors.save(dir.resolve("init.safetensors"), Models.lenetBn(new Rng(seed)).stateDict());
        Rng loader = new Rng(seed + 1);
        float[] perm = new float[epochs * n];  // indices below 2^24: exact in float32
        for (int e = 0; e < epochs; e++) {
            int[] p = loader.permutation(n);
            for (int i = 0; i < n; i++) perm[e * n + i] = p[i];
        }
        SafeTensors.save(dir.resolve("order.safetensors"), Map.of("perm", Tensor.of(perm, perm.length)));
    }

    interface StepListener {
        void step(int step, double loss);
    }

    /** Steps from + 1 .. to of the recorded order, through the real Trainer; tells the listener each step's mean loss. */
    static void train(Module net, ImageDataset data, ImageDataset test, int[] perm, int from, int to, StepListener listener) {
        int n = data.size(), perEpoch = (n + BATCH - 1) / BATCH;
        Trainer trainer = new Trainer(net, new SGD(net.parameters(), 1.0, 0, 0));  // as Runner builds it for --model lenet-bn
        int step = from;
        while (step < to) {
            if (step > from && step % perEpoch == 0 && test != null) {  // as `nabla train` does between epochs: must change nothing
                Map<String, float[]> before = snapshot(net);
                Trainer.evaluate(net, new DataLoader(test, 1024));
                Map<String, float[]> after = snapshot(net);
                before.forEach((name, v) -> {
                    if (!java.util.Arrays.equals(v, after.get(name))) throw new AssertionError("evaluate() changed " + name);
                });
                System.out.println("after step " + step + ": evaluate() on the test set left every parameter and buffer unchanged");
            }
            int epoch = step / perEpoch, first = step % perEpoch, count = Math.min(to - step, perEpoch - first);
            int start = first * BATCH, end = Math.min(n, (first + count) * BATCH);
            int offset = epoch * n;
            Dataset slice = new Dataset() {  // the recorded order of this epoch, from batch `first`, `count` batches
                @Override
                public int size() {
                    return end - start;
                }

                @Override
                public Batch get(int[] indices) {
                    int[] mapped = new int[indices.length];
                    for (int i = 0; i < indices.length; i++) mapped[i] = perm[offset + start + indices[i]];
                    return data.get(mapped);
                }
            };
            int base = step;
            double[] previous = {0};
            int[] seen = {0};
            trainer.trainEpoch(epoch + 1, new DataLoader(slice, BATCH), (done, total, meanLoss, accuracy) -> {
                int size = Math.min(BATCH, slice.size() - (done - 1) * BATCH);
                seen[0] += size;
                double sum = meanLoss * seen[0];
                listener.step(base + done, (sum - previous[0]) / size);
                previous[0] = sum;
            });
            step += count;
        }
    }

    private static Map<String, float[]> snapshot(Module net) {
        Map<String, float[]> out = new LinkedHashMap<>();
        net.stateDict().forEach((name, t) -> out.put(name, t.toArray()));
        return out;
    }

    private static int kind(String name, Map<String, ?> state) {
        String prefix = name.substring(0, name.lastIndexOf('.') + 1), leaf = name.substring(prefix.length());
        boolean bn = state.containsKey(prefix + "running_mean");
        return switch (leaf) {
            case "weight" -> bn ? 2 : 0;
            case "bias" -> bn ? 3 : 1;
            case "running_mean" -> 4;
            case "running_var" -> 5;
            case "num_batches_tracked" -> 6;
            default -> throw new IllegalStateException("unexpected state entry " + name);
        };
    }

    private static double[] diff(Map<String, Tensor> expected, Map<String, float[]> actual) {
        double[] out = new double[KINDS.length];
        expected.forEach((name, t) -> {
            float[] e = t.toArray(), a = actual.get(name);
            int k = kind(name, expected);
            for (int i = 0; i < e.length; i++) out[k] = Math.max(out[k], Math.abs((double) e[i] - a[i]));
        });
        return out;
    }

    private static double[] scale(Map<String, Tensor> expected) {
        double[] out = new double[KINDS.length];
        expected.forEach((name, t) -> {
            int k = kind(name, expected);
            for (float v : t.toArray()) out[k] = Math.max(out[k], Math.abs(v));
        });
        return out;
    }
}
