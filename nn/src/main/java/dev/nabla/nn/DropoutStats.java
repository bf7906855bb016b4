package dev.nabla.nn;

/**
 * What a {@link Dropout} layer has done since it was built or last reset: how many forward calls
 * ran in training mode (drawing a mask) and in eval mode (the identity), how many units the
 * training calls saw, and how many of those they zeroed.
 */
public record DropoutStats(long trainingCalls, long evalCalls, long unitsSeen, long unitsDropped) {

    /** Dropped units over units seen in training calls (NaN before the first one). */
    public double fractionDropped() {
        return unitsSeen == 0 ? Double.NaN : (double) unitsDropped / unitsSeen;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT,
                "DropoutStats(trainingCalls=%d, evalCalls=%d, unitsSeen=%d, unitsDropped=%d, fractionDropped=%.4f)",
                trainingCalls, evalCalls, unitsSeen, unitsDropped, fractionDropped());
    }
}
