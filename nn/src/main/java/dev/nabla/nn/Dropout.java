package dev.nabla.nn;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.util.Objects;

/**
 * Inverted dropout, as PyTorch's {@code nn.Dropout}: in training mode each element is zeroed
 * with probability {@code p} (a fresh mask every call) and survivors are scaled by 1/(1-p); in
 * eval mode it is the identity. {@code p} is the probability to <em>drop</em>, not to keep.
 *
 * <p>Unlike other frameworks, it shows what it did: {@link #lastMask()} says which units the last
 * training call kept, and {@link #stats()} counts calls and dropped units, so a learner can check
 * that p = 0.5 really drops half, and which half.
 */
public class Dropout extends Module {
    private final double p;
    private final Rng rng;
    private Tensor lastMask;  // the scaled mask of the last training call; null if p = 0 drew none
    private int[] lastShape;
    private long trainingCalls, evalCalls, unitsSeen, unitsDropped;

    /** Dropout drawing from the default generator. */
    public Dropout(double p) {
        this(p, Rng.defaultGenerator());
    }

    /**
     * @throws IllegalArgumentException unless 0 ≤ p ≤ 1, with the value:
     *         {@code "dropout probability has to be between 0 and 1, but got 1.5"}
     */
    public Dropout(double p, Rng rng) {
        this.p = Functional.checkDropoutProbability(p);
        this.rng = Objects.requireNonNull(rng, "rng");
    }

    @Override
    public Tensor forward(Tensor x) {
        Objects.requireNonNull(x, "x");
        if (!isTraining()) {
            synchronized (this) {  // an evaluation may run batches on several threads at once
                evalCalls++;
            }
            return x;
        }
        Functional.Dropped d = Functional.dropoutWithMask(x, p, rng);
        trainingCalls++;
        unitsSeen += x.numel();
        unitsDropped += x.numel() - d.kept();
        lastShape = x.shape();
        lastMask = d.mask();
        return d.output();
    }

    /** The drop probability. */
    public double p() {
        return p;
    }

    /** 1 where the last training call kept a unit, 0 where it dropped it; null before any. */
    public Tensor lastMask() {
        if (lastShape == null) return null;
        return lastMask == null ? Tensor.ones(lastShape) : lastMask.ne(0f);
    }

    /** Counts since construction or {@link #resetStats()}. */
    public synchronized DropoutStats stats() {
        return new DropoutStats(trainingCalls, evalCalls, unitsSeen, unitsDropped);
    }

    /** Forgets the counts and the last mask. */
    public void resetStats() {
        trainingCalls = evalCalls = unitsSeen = unitsDropped = 0;
        lastMask = null;
        lastShape = null;
    }

    @Override
    protected String extraRepr() {
        return "p=" + p;
    }
}
