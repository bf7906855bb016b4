package dev.nabla.examples.experiment;

import java.util.List;
import java.util.Locale;

/**
 * Where a job of several runs stands, and about how long it has left. The estimate counts work
 * in image passes: a training image costs about three (forward, and backward at twice the
 * forward), an evaluated image one; the seconds measured per pass so far, over every finished
 * epoch, price the passes still to come, shared by the runs that go on side by side. Runs may
 * report in any order, from several threads.
 */
public final class Schedule {
    /** What one run of the job does per epoch. */
    public record Run(RunConfig config, int trainImages, double evalImagesPerEpoch) {
        double passesPerEpoch() {
            return 3.0 * trainImages + evalImagesPerEpoch;
        }
    }

    /**
     * Where the job is: run {@code run} of {@code runs} (1-based), {@code epoch} of {@code epochs}
     * finished, about {@code secondsLeft} to go (NaN before the first epoch is measured).
     */
    public record Status(int run, int runs, RunConfig config, int epoch, int epochs, double secondsLeft) {
        /** e.g. {@code "run 2 of 4, epoch 37 of 100, about 12 s left"}. */
        public String text() {
            return String.format(Locale.ROOT, "run %d of %d, epoch %d of %d, %s", run, runs, epoch, epochs, left(secondsLeft));
        }

        /** e.g. {@code "about 12 s left"}, {@code "about 3 min left"}; "estimating the time left" before any epoch finished. */
        public static String left(double seconds) {
            if (!Double.isFinite(seconds)) return "estimating the time left";
            if (seconds < 1) return "less than a second left";
            if (seconds < 90) return String.format(Locale.ROOT, "about %d s left", Math.round(seconds));
            if (seconds < 5400) return String.format(Locale.ROOT, "about %d min left", Math.round(seconds / 60));
            long minutes = Math.round(seconds / 60);
            return String.format(Locale.ROOT, "about %d h %d min left", minutes / 60, minutes % 60);
        }
    }

    private final List<Run> runs;
    private final int sideBySide;
    private final int[] epochsDone;
    private double seconds, passes;

    /** A schedule of {@code runs}, in the order they run, one at a time. */
    public Schedule(List<Run> runs) {
        this(runs, 1);
    }

    /** A schedule of {@code runs}, in the order they start, {@code sideBySide} at a time. */
    public Schedule(List<Run> runs, int sideBySide) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a schedule needs at least one run");
        if (sideBySide < 1) throw new IllegalArgumentException("sideBySide must be at least 1, but got " + sideBySide);
        this.runs = List.copyOf(runs);
        this.sideBySide = Math.min(sideBySide, runs.size());
        epochsDone = new int[runs.size()];
    }

    /** How many runs. */
    public int size() {
        return runs.size();
    }

    /** Epoch {@code epoch} of run {@code index} (0-based) took {@code seconds}; returns the status after it. */
    public synchronized Status epochDone(int index, int epoch, double epochSeconds) {
        epochsDone[index] = Math.max(epochsDone[index], epoch);
        seconds += epochSeconds;
        passes += runs.get(index).passesPerEpoch();
        return status(index, epoch);
    }

    /** The status after {@code epoch} epochs of run {@code index} (0-based). */
    public synchronized Status status(int index, int epoch) {
        Run r = runs.get(index);
        double left = 0;
        for (int i = 0; i < runs.size(); i++) {
            Run other = runs.get(i);
            left += (other.config().epochs() - (i == index ? epoch : epochsDone[i])) * other.passesPerEpoch();
        }
        int going = 0;  // runs not finished, of which sideBySide go on at a time
        for (int i = 0; i < runs.size(); i++) if ((i == index ? epoch : epochsDone[i]) < runs.get(i).config().epochs()) going++;
        double estimate = passes > 0 ? left * seconds / passes / Math.max(1, Math.min(sideBySide, going)) : Double.NaN;
        return new Status(index + 1, runs.size(), r.config(), epoch, r.config().epochs(), estimate);
    }
}
