package dev.nabla.examples.cli;

import dev.nabla.core.Rng;
import dev.nabla.core.kernel.KernelSelector;
import dev.nabla.core.kernel.Kernels;
import dev.nabla.core.kernel.KernelProfile;
import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.d2l.Trainer;
import dev.nabla.nn.Sequential;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.optim.SGD;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Measures a d2l model's training pass (the MLP by default, or LeNet) and the matrix-product kernels. A benchmark, not a test. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Time the training pass of the d2l dropout MLP (or, with --model, LeNet) on all 60,000 images (median over "
                + "epochs after warm-up), the MLP's matrix products in each form and shape (GFLOP/s, active and portable kernels), "
                + "and peak memory. With NABLA_JAVA_OPTS=-Dnabla.kernels.profile=true, also the time of every kernel in the timed epochs.")
final class BenchCommand implements Callable<Integer> {
    @Option(names = "--epochs", defaultValue = "5", description = "Timed epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--warmup", defaultValue = "2", description = "Untimed epochs first, for the JIT (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--no-gemm", description = "Skip the matrix-product table (always skipped for LeNet).")
    boolean noGemm;

    @Option(names = "--gemm-only", description = "Only the matrix-product table (no data, no training).")
    boolean gemmOnly;

    @Option(names = "--model", defaultValue = "mlp", description = "mlp (784-256-256-10 with dropout), lenet (d2l 7.6, SGD lr 0.9) or "
            + "lenet-bn (d2l 8.5, lr 1.0), as bench/side-by-side --model compares with PyTorch. Default: ${DEFAULT-VALUE}.")
    String model;

    @Mixin
    DataOption data;

    @Spec
    CommandSpec spec;

    /**
     * The products one training step of 784-256-256-10 at batch 256 runs, then the forward ones of an
     * evaluation batch of 1024: form (NN, TN, NT), m, k, n.
     */
    static final int[][] SHAPES = {{2, 256, 784, 256}, {2, 256, 256, 256}, {2, 256, 256, 10}, {0, 256, 10, 256}, {0, 256, 256, 256},
        {1, 10, 256, 256}, {1, 256, 256, 256}, {1, 256, 256, 784}, {2, 1024, 784, 256}, {2, 1024, 256, 256}, {2, 1024, 256, 10}};
    static final String[] FORMS = {"NN", "TN", "NT"};

    @Override
    public Integer call() throws IOException {
        if (epochs <= 0 || warmup < 0) throw new ParameterException(spec.commandLine(), "--epochs must be positive and --warmup >= 0");
        if (epochs > 10_000 || warmup > 10_000) {  // warmup + epochs would overflow long before; a bench this long is a typo
            throw new ParameterException(spec.commandLine(), "--epochs and --warmup must be at most 10000, but got --epochs " + epochs
                    + " and --warmup " + warmup);
        }
        boolean lenet = Models.isLeNet(model);
        if (!lenet && !model.equals("mlp")) {
            throw new ParameterException(spec.commandLine(), "--model must be mlp, lenet or lenet-bn, but got '" + model + "'");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.printf("Nabla bench: %s%n", lenet ? (model.equals(Models.LENET) ? "d2l LeNet (7.6)" : "d2l LeNet with batch norm (8.5)")
                + ", Xavier init, SGD lr " + Models.bookLr(model) + ", batch 256" : "d2l dropout MLP (784-256-256-10, dropout 0.2/0.5, SGD lr 0.5, batch 256)");
        out.printf("kernels: %s | Java %s | %d CPUs%n", Kernels.active().name(), System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        if (gemmOnly) {
            gemmTable(out);
            return 0;
        }
        FashionMnist fm = data.load(out);
        Sequential net = !lenet ? Models.concise(new int[] {256, 256}, new double[] {0.2, 0.5}, new Rng(0))
                : model.equals(Models.LENET) ? Models.lenet(new Rng(0)) : Models.lenetBn(new Rng(0));
        Trainer trainer = new Trainer(net, new SGD(net.parameters(), Models.bookLr(lenet ? model : Models.CONCISE)));
        double[] times = new double[epochs];
        for (int e = 0; e < warmup + epochs; e++) {
            long bytes0 = allocatedBytes(), gcs0 = gcCount(), gcMs0 = gcMillis(), t0 = System.nanoTime();
            trainer.trainEpoch(new DataLoader(fm.train(), 256, true, e), (d, t, l, a) -> {});
            double s = (System.nanoTime() - t0) / 1e9;
            if (e >= warmup) times[e - warmup] = s;
            if (e == warmup - 1) KernelSelector.profile().ifPresent(KernelProfile::reset);  // profile the timed epochs only
            out.printf(Locale.ROOT, "epoch %d%s: training pass %.3f s (allocated %,d MB, %d collections, %d ms)%n", e + 1,
                    e < warmup ? " (warm-up)" : "", s, (allocatedBytes() - bytes0) >> 20, gcCount() - gcs0, gcMillis() - gcMs0);
        }
        double[] sorted = times.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2] : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        out.printf(Locale.ROOT, "training pass: median %.3f s/epoch (min %.3f, max %.3f) over %d epochs after %d warm-up%n", median,
                sorted[0], sorted[sorted.length - 1], epochs, warmup);
        out.printf("peak memory: %s%n", peakMemory());
        if (!noGemm && !lenet) gemmTable(out);
        out.printf(Locale.ROOT, "RESULT nabla_train_s_median=%.4f kernels=\"%s\"%n", median, Kernels.active().name());
        return 0;
    }

    private void gemmTable(PrintWriter out) {
        Kernels fast = Kernels.active(), portable = KernelSelector.portable();
        boolean both = !fast.name().startsWith("portable");
        out.printf("matrix products, GFLOP/s (the best of 20 rounds of calls on fresh outputs, after warm-up: on a busy machine, the speed of the code):%n");
        out.printf("%-4s %-14s %10s%s%n", "form", "m x k x n", fast.name().split(" ")[0], both ? String.format("%10s", "portable") : "");
        for (int[] s : SHAPES) {
            String row = String.format(Locale.ROOT, "%-4s %-14s %10.1f", FORMS[s[0]], s[1] + "x" + s[2] + "x" + s[3], gflops(fast, s, 400));
            if (both) row += String.format(Locale.ROOT, "%10.1f", gflops(portable, s, 20));
            out.println(row);
        }
    }

    /** GFLOP/s of the fastest of 20 rounds of {@code reps / 20} calls each, after {@code reps} warm-up calls. */
    static double gflops(Kernels k, int[] s, int reps) {
        int form = s[0], m = s[1], kk = s[2], n = s[3], perRound = Math.max(1, reps / 20);
        Random r = new Random(1);
        float[] a = new float[m * kk], b = new float[kk * n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < b.length; i++) b[i] = (float) r.nextGaussian();
        for (int i = 0; i < reps; i++) k.gemm(form == 1, form == 2, m, n, kk, a, 0, b, 0, new float[m * n], 0, false);
        long best = Long.MAX_VALUE;
        for (int round = 0; round < 20; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) k.gemm(form == 1, form == 2, m, n, kk, a, 0, b, 0, new float[m * n], 0, false);
            best = Math.min(best, System.nanoTime() - t0);
        }
        return 2.0 * m * kk * n * perRound / best;
    }

    /** Bytes allocated so far by all live threads (HotSpot's count), or 0 where the JVM does not say. */
    static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) || !t.isThreadAllocatedMemorySupported()) return 0;
        long sum = 0;
        for (long b : t.getThreadAllocatedBytes(t.getAllThreadIds())) sum += Math.max(b, 0);
        return sum;
    }

    /** Garbage collections so far, all collectors. */
    static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    /** Milliseconds spent in garbage collection so far, all collectors. */
    static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }

    /** Peak resident memory of this process (Linux's VmHWM), or the heap's size elsewhere. */
    static String peakMemory() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    long kb = Long.parseLong(line.replaceAll("\\D", ""));
                    return String.format(Locale.ROOT, "%d MiB peak RSS (VmHWM)", kb / 1024);
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: fall through
        }
        Runtime rt = Runtime.getRuntime();
        return ((rt.totalMemory() - rt.freeMemory()) >> 20) + " MiB heap in use (peak RSS unavailable on this OS)";
    }
}
