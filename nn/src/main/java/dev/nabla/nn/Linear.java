package dev.nabla.nn;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.init.Init;
import java.util.Objects;

/** y = x·Wᵀ + b, with W of shape [outFeatures, inFeatures] as in PyTorch. */
public class Linear extends Module {
    private final int inFeatures, outFeatures;
    private final Tensor weight, bias;

    /** A layer with bias, initialised from the default generator. */
    public Linear(int inFeatures, int outFeatures) {
        this(inFeatures, outFeatures, true);
    }

    /** A layer with or without bias, initialised from the default generator. */
    public Linear(int inFeatures, int outFeatures, boolean bias) {
        this(inFeatures, outFeatures, bias, Rng.defaultGenerator());
    }

    /** A layer initialised from {@code rng}. */
    public Linear(int inFeatures, int outFeatures, boolean bias, Rng rng) {
        Objects.requireNonNull(rng, "rng");
        if (inFeatures <= 0 || outFeatures <= 0) {
            throw new IllegalArgumentException("Linear: inFeatures and outFeatures must be positive, but got "
                    + inFeatures + " and " + outFeatures);
        }
        this.inFeatures = inFeatures;
        this.outFeatures = outFeatures;
        weight = registerParameter("weight", Tensor.zeros(outFeatures, inFeatures));
        this.bias = bias ? registerParameter("bias", Tensor.zeros(outFeatures)) : null;
        resetParameters(rng);
    }

    /** PyTorch's default: W and b uniform on (-1/√in, 1/√in) (kaiming_uniform with a = √5). */
    public void resetParameters(Rng rng) {
        Objects.requireNonNull(rng, "rng");
        float bound = (float) (1 / Math.sqrt(inFeatures));
        Init.uniform_(weight, -bound, bound, rng);
        if (bias != null) Init.uniform_(bias, -bound, bound, rng);
    }

    @Override
    public Tensor forward(Tensor x) {
        return checked(x).linear(weight, bias);  // one op: dX = dY·W ; dW = dYᵀ·X ; db = Σ_rows dY
    }

    /** {@code relu(forward(x))} in one op, for {@link Sequential} when a {@link ReLU} follows: the same numbers and gradients. */
    Tensor forwardRelu(Tensor x) {
        return checked(x).linearRelu(weight, bias);
    }

    private Tensor checked(Tensor x) {
        Objects.requireNonNull(x, "x");
        if (x.dim() == 0 || x.size(-1) != inFeatures) {
            throw new IllegalArgumentException("Linear(in_features=" + inFeatures + ", out_features=" + outFeatures
                    + "): input of shape " + java.util.Arrays.toString(x.shape()) + " must have " + inFeatures
                    + " features in its last dimension");
        }
        return x;
    }

    /** The weight, [outFeatures, inFeatures]. */
    public Tensor weight() {
        return weight;
    }

    /** The bias, or null for a layer built without one. */
    public Tensor bias() {
        return bias;
    }

    /** Size of each input. */
    public int inFeatures() {
        return inFeatures;
    }

    /** Size of each output. */
    public int outFeatures() {
        return outFeatures;
    }

    @Override
    protected String extraRepr() {
        return "in_features=" + inFeatures + ", out_features=" + outFeatures + ", bias=" + (bias != null ? "True" : "False");
    }
}
