package dev.nabla.nn.optim;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and weight
 * decay, with PyTorch's update rule:
 * <pre>
 * d = grad + weightDecay·p
 * buf = d (first step) or momentum·buf + (1 - dampening)·d;  d = nesterov ? d + momentum·buf : buf
 * p = p - lr·d
 * </pre>
 * {@code new SGD(net.parameters(), 0.1)}, {@code new SGD(net.parameters(), 0.1, 0.9, 5e-4)}, or
 * with {@link Options} per {@link ParamGroup}. Prints as PyTorch prints it.
 */
public class SGD extends Optimizer {
    /**
     * SGD's options for one parameter group, checked as PyTorch checks them.
     *
     * @param lr the learning rate, >= 0
     * @param momentum the momentum factor, >= 0 (0: no momentum)
     * @param dampening the dampening of the momentum
     * @param weightDecay the L2 penalty added to the gradient, >= 0
     * @param nesterov Nesterov momentum (needs momentum > 0 and dampening 0)
     */
    public record Options(double lr, double momentum, double dampening, double weightDecay, boolean nesterov)
            implements OptimizerOptions<Options> {
        /** Checks every value; the messages are PyTorch's. */
        public Options {
            Checks.nonNegative(lr, "Invalid learning rate");
            Checks.nonNegative(momentum, "Invalid momentum value");
            Checks.finite(dampening, "Invalid dampening value");
            Checks.nonNegative(weightDecay, "Invalid weightDecay value");
            if (nesterov && (momentum <= 0 || dampening != 0)) {
                throw new IllegalArgumentException("Nesterov momentum requires a momentum and zero dampening");
            }
        }

        /** Plain SGD: no momentum, no weight decay. */
        public Options(double lr) {
            this(lr, 0, 0, 0, false);
        }

        @Override
        public Options withLr(double lr) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }

        /** These options with another weight decay, e.g. for a group of weights. */
        public Options withWeightDecay(double weightDecay) {
            return new Options(lr, momentum, dampening, weightDecay, nesterov);
        }
    }

    private final List<ParamGroup<Options>> groups;

    /** Plain SGD. */
    public SGD(List<Tensor> params, double lr) {
        this(params, new Options(lr));
    }

    /** SGD with momentum and L2 weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, double weightDecay) {
        this(params, new Options(lr, momentum, 0, weightDecay, false));
    }

    /** Every option, in PyTorch's order. */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        this(params, new Options(lr, momentum, dampening, weightDecay, nesterov));
    }

    /** One group of {@code params} with {@code options}. */
    public SGD(List<Tensor> params, Options options) {
        this(new ParamGroup<>(params, options));
    }

    /** Parameter groups, each with its own options. */
    @SafeVarargs
    @SuppressWarnings("varargs")  // the array is only read, never stored or written
    public SGD(ParamGroup<Options>... groups) {
        super(groupList(groups));
        this.groups = groupList(groups);
    }

    @Override
    public List<ParamGroup<Options>> paramGroups() {
        return groups;
    }

    @Override
    protected Map<String, int[]> stateShapes(ParamGroup<?> group, Tensor param) {
        return Map.of("momentumBuffer", param.shape());
    }

    @Override
    public void step() {
        try (NoGrad g = Tensor.noGrad()) {
            for (ParamGroup<Options> group : groups) {
                Options o = group.options();
                float lr = (float) o.lr(), momentum = (float) o.momentum();
                float dampening = (float) o.dampening(), weightDecay = (float) o.weightDecay();
                for (Tensor p : group.params()) {
                    if (p.grad() == null) continue;
                    Tensor d = weightDecay == 0 ? p.grad() : p.grad().add(p.mul(weightDecay));
                    if (momentum != 0) {
                        Tensor buf = state(p).get("momentumBuffer");
                        if (buf == null) state(p).put("momentumBuffer", buf = Tensor.zeros(d.shape()).add_(d, 1f));
                        else buf.mul_(momentum).add_(d, 1 - dampening);
                        d = o.nesterov() ? d.add(buf.mul(momentum)) : buf;
                    }
                    p.add_(d, -lr);
                }
            }
        }
    }
}
