package dev.nabla.nn.optim;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba), with PyTorch's update rule and L2 weight decay added to the gradient
 * (for decoupled weight decay, use {@link AdamW}):
 * <pre>
 * g = grad + weightDecay·p ;  m = β₁m + (1-β₁)g ;  v = β₂v + (1-β₂)g²
 * p = p - lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + eps)
 * </pre>
 * With {@code amsgrad}, v is replaced by the largest v so far.
 */
public class Adam extends Optimizer {
    /**
     * Adam's options for one parameter group, checked as PyTorch checks them.
     *
     * @param lr the learning rate, >= 0 (PyTorch's default 1e-3)
     * @param beta1 the decay of the running mean of the gradient, in [0, 1) (0.9)
     * @param beta2 the decay of the running mean of its square, in [0, 1) (0.999)
     * @param eps added to the denominator, >= 0 (1e-8)
     * @param weightDecay the L2 penalty added to the gradient, >= 0 (0)
     * @param amsgrad use the AMSGrad variant (false)
     */
    public record Options(double lr, double beta1, double beta2, double eps, double weightDecay, boolean amsgrad)
            implements OptimizerOptions<Options> {
        /** Checks every value; the messages are PyTorch's. */
        public Options {
            Checks.nonNegative(lr, "Invalid learning rate");
            Checks.nonNegative(eps, "Invalid epsilon value");
            Checks.beta(beta1, 0);
            Checks.beta(beta2, 1);
            Checks.nonNegative(weightDecay, "Invalid weightDecay value");
        }

        /** PyTorch's defaults: lr 1e-3, betas (0.9, 0.999), eps 1e-8, no weight decay, no amsgrad. */
        public Options() {
            this(1e-3);
        }

        /** PyTorch's defaults with learning rate {@code lr}. */
        public Options(double lr) {
            this(lr, 0.9, 0.999, 1e-8, 0, false);
        }

        @Override
        public Options withLr(double lr) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }

        /** These options with another weight decay, e.g. for a group of weights. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, beta1, beta2, eps, weightDecay, amsgrad);
        }
    }

    private final List<ParamGroup<Options>> groups;

    /** PyTorch's defaults (see {@link Options#Options()}). */
    public Adam(List<Tensor> params) {
        this(params, new Options());
    }

    /** PyTorch's defaults with learning rate {@code lr}. */
    public Adam(List<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** Every option but amsgrad, in PyTorch's order. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, new Options(lr, beta1, beta2, eps, weightDecay, false));
    }

    /** One group of {@code params} with {@code options}. */
    public Adam(List<Tensor> params, Options options) {
        this(new ParamGroup<>(params, options));
    }

    /** Parameter groups, each with its own options. */
    @SafeVarargs
    @SuppressWarnings("varargs")  // the array is only read, never stored or written
    public Adam(ParamGroup<Options>... groups) {
        super(groupList(groups));
        this.groups = groupList(groups);
    }

    @Override
    public List<ParamGroup<Options>> paramGroups() {
        return groups;
    }

    @Override
    protected Map<String, int[]> stateShapes(ParamGroup<?> group, Tensor param) {
        return AdamUpdate.stateShapes(param, ((Options) group.options()).amsgrad());
    }

    @Override
    protected String stateProblem(String name, Tensor value) {
        return AdamUpdate.stateProblem(name, value);
    }

    @Override
    public void step() {
        try (NoGrad g = Tensor.noGrad()) {
            for (ParamGroup<Options> group : groups) {
                Options o = group.options();
                for (Tensor p : group.params()) {
                    if (p.grad() == null) continue;
                    AdamUpdate.step(state(p), p, o.lr(), o.beta1(), o.beta2(), o.eps(), o.weightDecay(), o.amsgrad(), false);
                }
            }
        }
    }
}
