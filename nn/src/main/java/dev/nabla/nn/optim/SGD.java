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
 * Options per group: {@code lr, momentum, dampening, weightDecay, nesterov} (1 for true).
 */
public class SGD extends Optimizer {

    /** Plain SGD. */
    public SGD(List<Tensor> params, double lr) {
        this(params, lr, 0, 0, 0, false);
    }

    /** SGD with momentum and L2 weight decay. */
    public SGD(List<Tensor> params, double lr, double momentum, double weightDecay) {
        this(params, lr, momentum, 0, weightDecay, false);
    }

    /** Every option, as PyTorch's SGD. */
    public SGD(List<Tensor> params, double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        super(single(params), defaults(lr, momentum, dampening, weightDecay, nesterov));
    }

    /** Parameter groups with their own options; unset options take these defaults (momentum etc. 0). */
    public SGD(double lr, ParamGroup... groups) {
        super(List.of(groups), defaults(lr, 0, 0, 0, false));
    }

    private static Map<String, Double> defaults(double lr, double momentum, double dampening, double weightDecay, boolean nesterov) {
        return Map.of("lr", lr, "momentum", momentum, "dampening", dampening, "weightDecay", weightDecay,
                "nesterov", nesterov ? 1.0 : 0.0);
    }

    @Override
    protected void validate(String key, double v) {
        boolean ok = switch (key) {
            case "lr", "weightDecay", "dampening" -> v >= 0;
            case "momentum" -> v >= 0 && v < 1;
            case "nesterov" -> v == 0 || v == 1;
            default -> true;
        };
        if (!ok) {
            String range = key.equals("momentum") ? "in [0, 1)" : key.equals("nesterov") ? "0 or 1" : ">= 0";
            throw new IllegalArgumentException("SGD: " + key + " has to be " + range + ", but got " + v);
        }
    }

    @Override
    public void step() {
        try (NoGrad g = Tensor.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                float lr = (float) group.get("lr"), momentum = (float) group.get("momentum");
                float dampening = (float) group.get("dampening"), weightDecay = (float) group.get("weightDecay");
                boolean nesterov = group.get("nesterov") == 1;
                if (nesterov && (momentum <= 0 || dampening != 0)) {
                    throw new IllegalArgumentException("SGD: Nesterov momentum requires a momentum > 0 and zero dampening, "
                            + "but got momentum " + momentum + " and dampening " + dampening);
                }
                for (Tensor p : group.params()) {
                    if (p.grad() == null) continue;
                    Tensor d = weightDecay == 0 ? p.grad() : p.grad().add(p.mul(weightDecay));
                    if (momentum != 0) {
                        Tensor buf = state(p).get("momentumBuffer");
                        if (buf == null) state(p).put("momentumBuffer", buf = Tensor.zeros(d.shape()).add_(d, 1f));
                        else buf.mul_(momentum).add_(d, 1 - dampening);
                        d = nesterov ? d.add(buf.mul(momentum)) : buf;
                    }
                    p.add_(d, -lr);
                }
            }
        }
    }
}
