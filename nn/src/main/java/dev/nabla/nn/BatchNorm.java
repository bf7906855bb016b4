package dev.nabla.nn;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import dev.nabla.nn.init.Init;
import java.util.Arrays;
import java.util.Objects;

/**
 * What {@link BatchNorm1d} and {@link BatchNorm2d} share, as PyTorch's {@code _BatchNorm}: each of
 * the numFeatures channels (dimension 1) is normalised to mean 0 and variance 1, then scaled by
 * {@code weight} and shifted by {@code bias}:
 * y = (x - mean) / √(var + eps) · weight + bias.
 *
 * <p>In training mode, mean and var are the batch's (over every dimension but the channels; the
 * biased variance), gradients flow through them, and the buffers move towards them:
 * {@code running_mean = (1 - momentum)·running_mean + momentum·mean}, the same for
 * {@code running_var} with the <em>unbiased</em> variance, and {@code num_batches_tracked} counts
 * the calls. In eval mode the running statistics are used and nothing changes, so each example's
 * output no longer depends on the rest of its batch. The buffers are in {@link #stateDict()} under
 * PyTorch's names, so checkpoints load in PyTorch and back.
 */
public abstract class BatchNorm extends Module {
    private final int numFeatures;
    private final double eps, momentum;
    private final Tensor weight, bias, runningMean, runningVar, numBatchesTracked;

    /**
     * @throws IllegalArgumentException unless numFeatures &gt; 0, eps &gt; 0 and 0 ≤ momentum ≤ 1
     */
    BatchNorm(int numFeatures, double eps, double momentum) {
        String name = getClass().getSimpleName();
        if (numFeatures <= 0) throw new IllegalArgumentException(name + ": num_features must be positive, but got " + numFeatures);
        if (!(eps > 0) || Double.isInfinite(eps)) throw new IllegalArgumentException(name + ": eps must be positive and finite, but got " + eps);
        if (!(momentum >= 0 && momentum <= 1)) {
            throw new IllegalArgumentException(name + ": momentum has to be between 0 and 1, but got " + momentum);
        }
        this.numFeatures = numFeatures;
        this.eps = eps;
        this.momentum = momentum;
        weight = registerParameter("weight", Tensor.ones(numFeatures));
        bias = registerParameter("bias", Tensor.zeros(numFeatures));
        runningMean = registerBuffer("running_mean", Tensor.zeros(numFeatures));
        runningVar = registerBuffer("running_var", Tensor.ones(numFeatures));
        numBatchesTracked = registerBuffer("num_batches_tracked", Tensor.scalar(0));
    }

    /** Fails unless x has the dimensions this layer takes, naming them. */
    abstract void checkInputDim(Tensor x);

    /**
     * @throws IllegalArgumentException for an input of the wrong rank or channel count (naming the
     *         layer and the input's shape), or, in training, one value per channel (PyTorch's message)
     */
    @Override
    public Tensor forward(Tensor x) {
        checkInputDim(Objects.requireNonNull(x, "x"));
        if (x.size(1) != numFeatures) {
            throw new IllegalArgumentException(shortName() + " got input with " + x.size(1) + " channel" + (x.size(1) == 1 ? "" : "s") + ": "
                    + Arrays.toString(x.shape()) + "; it normalises " + numFeatures + " (running_mean [" + numFeatures + "])");
        }
        // one fused op; dx = weight/σ·(dy - mean(dy) - x̂·mean(dy·x̂)) in training, weight/σ·dy in eval
        Tensor y = x.batchNorm(runningMean, runningVar, weight, bias, isTraining(), momentum, eps);
        if (isTraining()) {
            try (NoGrad g = Tensor.noGrad()) {
                numBatchesTracked.fill_(numBatchesTracked.item() + 1);
            }
        }
        return y;
    }

    /** Running mean 0, running variance 1, no batches seen. */
    public void resetRunningStats() {
        Init.zeros_(runningMean);
        Init.ones_(runningVar);
        Init.zeros_(numBatchesTracked);
    }

    /** {@link #resetRunningStats()}, and weight 1, bias 0. */
    public void resetParameters() {
        resetRunningStats();
        Init.ones_(weight);
        Init.zeros_(bias);
    }

    /** "BatchNorm2d(6)": how messages name this layer. */
    String shortName() {
        return getClass().getSimpleName() + "(" + numFeatures + ")";
    }

    /** The learned scale per channel, [numFeatures], initially 1 (γ in the paper). */
    public Tensor weight() {
        return weight;
    }

    /** The learned shift per channel, [numFeatures], initially 0 (β). */
    public Tensor bias() {
        return bias;
    }

    /** The buffer {@code running_mean}, [numFeatures]: what eval mode subtracts. */
    public Tensor runningMean() {
        return runningMean;
    }

    /** The buffer {@code running_var}, [numFeatures]: what eval mode divides by (its square root, with eps). */
    public Tensor runningVar() {
        return runningVar;
    }

    /** Training calls so far (the buffer {@code num_batches_tracked}). */
    public long numBatchesTracked() {
        return (long) numBatchesTracked.item();
    }

    /** Channels normalised. */
    public int numFeatures() {
        return numFeatures;
    }

    /** Added to the variance for stability. */
    public double eps() {
        return eps;
    }

    /** How far the running statistics move towards each batch's. */
    public double momentum() {
        return momentum;
    }

    @Override
    protected String extraRepr() {
        return numFeatures + ", eps=" + PyRepr.number(eps) + ", momentum=" + PyRepr.number(momentum) + ", affine=True, track_running_stats=True";
    }
}
