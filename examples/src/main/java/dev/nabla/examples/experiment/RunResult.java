package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.List;

/** A finished run: its settings, one row per epoch, and the wall time it took. */
public record RunResult(RunConfig config, List<EpochMetrics> epochs, double seconds) {
    /** Keeps an unmodifiable copy of the rows. */
    public RunResult {
        epochs = List.copyOf(epochs);
    }

    /** The final epoch's numbers. */
    public EpochMetrics last() {
        return epochs.get(epochs.size() - 1);
    }

    /** The epoch with the lowest test loss (among the measured ones; the first epoch if none was). */
    public EpochMetrics bestTestLoss() {
        EpochMetrics best = null;
        for (EpochMetrics m : epochs) if (Double.isFinite(m.testLoss()) && (best == null || m.testLoss() < best.testLoss())) best = m;
        return best != null ? best : epochs.get(0);
    }
}
