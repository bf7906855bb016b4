package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * One configuration trained with several seeds: its runs, in seed order, and their numbers
 * epoch by epoch as a mean with a {@link Spread}. Runs may be unfinished (a run still going, or
 * one that diverged); an epoch's spread is over the runs that measured it.
 *
 * @param config the configuration, as run with the first seed
 * @param runs   one run per seed, at least one
 */
public record Seeds(RunConfig config, List<RunResult> runs) {
    /** One epoch's spread over the seeds. */
    public record Point(int epoch, Spread spread) {}

    /** Keeps an unmodifiable copy; needs at least one run. */
    public Seeds {
        if (runs.isEmpty()) throw new IllegalArgumentException("a configuration needs at least one run");
        runs = List.copyOf(runs);
    }

    /**
     * Groups {@code runs} by configuration name, keeping the order in which names first appear.
     * Runs without a finished epoch are left out.
     */
    public static List<Seeds> group(List<RunResult> runs) {
        Map<String, List<RunResult>> byName = new LinkedHashMap<>();
        for (RunResult r : runs) {
            if (!r.epochs().isEmpty()) byName.computeIfAbsent(r.config().name(), k -> new ArrayList<>()).add(r);
        }
        List<Seeds> out = new ArrayList<>();
        byName.values().forEach(list -> out.add(new Seeds(list.get(0).config(), list)));
        return out;
    }

    /** How many seeds ran (some may be unfinished). */
    public int n() {
        return runs.size();
    }

    /** The seeds, in order. */
    public List<Long> seeds() {
        return runs.stream().map(r -> r.config().seed()).toList();
    }

    /** The most epochs any run finished. */
    public int epochs() {
        int e = 0;
        for (RunResult r : runs) e = Math.max(e, r.epochs().size());
        return e;
    }

    /** True when every run finished every epoch of its configuration. */
    public boolean complete() {
        for (RunResult r : runs) if (r.epochs().size() < r.config().epochs()) return false;
        return true;
    }

    /** {@code f} epoch by epoch: mean and spread over the runs with a finite value there; epochs without one are left out. */
    public List<Point> band(ToDoubleFunction<EpochMetrics> f) {
        List<Point> out = new ArrayList<>();
        for (int e = 1; e <= epochs(); e++) {
            List<Double> v = new ArrayList<>();
            for (RunResult r : runs) {
                if (r.epochs().size() >= e) {
                    double x = f.applyAsDouble(r.epochs().get(e - 1));
                    if (Double.isFinite(x)) v.add(x);
                }
            }
            if (!v.isEmpty()) out.add(new Point(e, Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        }
        return out;
    }

    /**
     * {@code f} of this configuration minus {@code f} of {@code base}, seed by seed (the runs with
     * the same seed start from the same weights and see the batches in the same order, so the
     * difference pairs them), epoch by epoch.
     */
    public List<Point> pairedDifference(Seeds base, ToDoubleFunction<EpochMetrics> f) {
        List<Point> out = new ArrayList<>();
        for (int e = 1; e <= epochs(); e++) {
            List<Double> v = new ArrayList<>();
            for (RunResult r : runs) {
                RunResult b = base.run(r.config().seed());
                if (b == null || r.epochs().size() < e || b.epochs().size() < e) continue;
                double d = f.applyAsDouble(r.epochs().get(e - 1)) - f.applyAsDouble(b.epochs().get(e - 1));
                if (Double.isFinite(d)) v.add(d);
            }
            if (!v.isEmpty()) out.add(new Point(e, Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray())));
        }
        return out;
    }

    /** The run with {@code seed}, or null. */
    public RunResult run(long seed) {
        for (RunResult r : runs) if (r.config().seed() == seed) return r;
        return null;
    }

    /** {@code f} at each run's last measured epoch (where it is finite), over the runs; null if none measured it. */
    public Spread last(ToDoubleFunction<EpochMetrics> f) {
        List<Double> v = new ArrayList<>();
        for (RunResult r : runs) {
            for (int e = r.epochs().size() - 1; e >= 0; e--) {
                double x = f.applyAsDouble(r.epochs().get(e));
                if (Double.isFinite(x)) {
                    v.add(x);
                    break;
                }
            }
        }
        return v.isEmpty() ? null : Spread.of(v.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /**
     * The mean run: epoch by epoch, every number averaged over the runs that reached that epoch
     * (the seconds too). With one seed it is that run.
     */
    public RunResult mean() {
        if (runs.size() == 1) return runs.get(0);
        List<EpochMetrics> rows = new ArrayList<>();
        List<Point> trainLoss = band(EpochMetrics::trainLoss), trainAcc = band(EpochMetrics::trainAcc);
        List<Point> evalLoss = band(EpochMetrics::trainEvalLoss), evalAcc = band(EpochMetrics::trainEvalAcc);
        List<Point> testLoss = band(EpochMetrics::testLoss), testAcc = band(EpochMetrics::testAcc);
        List<Point> trainSeconds = band(EpochMetrics::trainSeconds), seconds = band(EpochMetrics::seconds);
        for (int i = 0; i < trainLoss.size(); i++) {
            int e = trainLoss.get(i).epoch();
            rows.add(new EpochMetrics(e, trainLoss.get(i).spread().mean(), at(trainAcc, e), at(evalLoss, e), at(evalAcc, e), at(testLoss, e),
                    at(testAcc, e), at(trainSeconds, e), at(seconds, e)));
        }
        double total = 0;
        for (RunResult r : runs) total += r.seconds();
        return new RunResult(config, rows, total / runs.size());
    }

    private static double at(List<Point> band, int epoch) {
        for (Point p : band) if (p.epoch() == epoch) return p.spread().mean();
        return Double.NaN;
    }

    /** The label, with the seed count when there are several. */
    public String label() {
        return config.label();
    }
}
