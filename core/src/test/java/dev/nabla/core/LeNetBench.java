package dev.nabla.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Times LeNet's convolution and pooling layers (d2l 7.6, batch 256), forward and backward, and
 * one whole training step (forward, cross-entropy, backward, SGD update) on random data. A
 * benchmark, not a test: {@code bench/conv-side-by-side} runs it against the same program in
 * PyTorch ({@code bench/lenet_layers_torch.py}) and prints the ratios. Prints one line per row:
 * {@code RESULT name forward_ms backward_ms forward_min_ms backward_min_ms}: medians over the timed
 * repetitions, then minima (on a busy machine the minimum is the time the work itself takes).
 */
public final class LeNetBench {
    private LeNetBench() {}

    public static void main(String[] args) {
        int reps = args.length > 0 ? Integer.parseInt(args[0]) : 20, warmup = args.length > 1 ? Integer.parseInt(args[1]) : 30;
        Rng rng = new Rng(0);
        Tensor x1 = Tensor.randn(rng, 256, 1, 28, 28), w1 = param(rng, 0.2f, 6, 1, 5, 5), b1 = param(rng, 0.1f, 6);
        Tensor x2 = Tensor.randn(rng, 256, 6, 14, 14).requiresGrad(true), w2 = param(rng, 0.08f, 16, 6, 5, 5), b2 = param(rng, 0.1f, 16);
        Tensor p1 = Tensor.randn(rng, 256, 6, 28, 28).requiresGrad(true), p2 = Tensor.randn(rng, 256, 16, 10, 10).requiresGrad(true);
        time("conv1_1to6_k5_p2", () -> x1.conv2d(w1, b1, 1, 2), reps, warmup, w1, b1);
        time("avgpool1_2x2", () -> p1.avgPool2d(2, 2, 0), reps, warmup, p1);
        time("conv2_6to16_k5", () -> x2.conv2d(w2, b2, 1, 0), reps, warmup, x2, w2, b2);
        time("avgpool2_2x2", () -> p2.avgPool2d(2, 2, 0), reps, warmup, p2);
        time("maxpool1_2x2", () -> p1.maxPool2d(2, 2, 0), reps, warmup, p1);

        Tensor[] net = {w1, b1, w2, b2, param(rng, 0.05f, 120, 400), param(rng, 0.05f, 120), param(rng, 0.1f, 84, 120),
            param(rng, 0.1f, 84), param(rng, 0.1f, 10, 84), param(rng, 0.1f, 10)};
        int[] labels = new int[256];
        for (int i = 0; i < labels.length; i++) labels[i] = i % 10;
        time("lenet_step", () -> {  // the forward here; time() runs the backward, then the update below
            Tensor h = x1.conv2d(net[0], net[1], 1, 2).sigmoid().avgPool2d(2, 2, 0).conv2d(net[2], net[3], 1, 0).sigmoid()
                    .avgPool2d(2, 2, 0).flatten(1).linear(net[4], net[5]).sigmoid().linear(net[6], net[7]).sigmoid().linear(net[8], net[9]);
            return h.crossEntropy(labels).mean();
        }, reps, warmup, net);
    }

    private static Tensor param(Rng rng, float std, int... shape) {
        return Tensor.randn(rng, shape).mul(std).requiresGrad(true);
    }

    /** Median forward and backward times of {@code forward} (grads of {@code leaves} cleared each time; SGD for a scalar loss). */
    private static void time(String name, Supplier<Tensor> forward, int reps, int warmup, Tensor... leaves) {
        double[] f = new double[reps], b = new double[reps];
        Tensor gradient = null;
        for (int r = -warmup; r < reps; r++) {
            for (Tensor t : leaves) t.zeroGrad();
            long t0 = System.nanoTime();
            Tensor y = forward.get();
            long t1 = System.nanoTime();
            if (gradient == null) gradient = Tensor.randn(new Rng(1), y.shape());
            y.backward(y.dim() == 0 ? Tensor.scalar(1f) : gradient);
            if (y.dim() == 0) {
                try (NoGrad g = Tensor.noGrad()) {
                    for (Tensor t : leaves) t.add_(t.grad(), -0.1f);
                }
            }
            long t2 = System.nanoTime();
            if (r >= 0) {
                f[r] = (t1 - t0) / 1e6;
                b[r] = (t2 - t1) / 1e6;
            }
        }
        System.out.printf(Locale.ROOT, "RESULT %s %.3f %.3f %.3f %.3f%n", name, median(f), median(b),
                Arrays.stream(f).min().orElse(0), Arrays.stream(b).min().orElse(0));
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
