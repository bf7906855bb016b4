package dev.nabla.nn.optim;

import dev.nabla.core.NoGrad;
import dev.nabla.core.Tensor;
import java.util.List;
import java.util.Map;

/**
 * Adam (Kingma and Ba), with PyTorch's update rule and L2 weight decay:
 * <pre>
 * g = grad + weightDecay·p ;  m = β₁m + (1-β₁)g ;  v = β₂v + (1-β₂)g²
 * p = p - lr/(1-β₁ᵗ) · m / (√v/√(1-β₂ᵗ) + eps)
 * </pre>
 * Options per group: {@code lr, beta1, beta2, eps, weightDecay}.
 */
public class Adam extends Optimizer {

    /** lr = 1e-3, β = (0.9, 0.999), eps = 1e-8, as PyTorch. */
    public Adam(List<Tensor> params) {
        this(params, 1e-3);
    }

    /** Adam with PyTorch's defaults and learning rate {@code lr}. */
    public Adam(List<Tensor> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0);
    }

    /** Every option, as PyTorch's Adam. */
    public Adam(List<Tensor> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        super(single(params), defaults(lr, beta1, beta2, eps, weightDecay));
    }

    /** Parameter groups with their own options; unset options take PyTorch's defaults. */
    public Adam(double lr, ParamGroup... groups) {
        super(List.of(groups), defaults(lr, 0.9, 0.999, 1e-8, 0));
    }

    private static Map<String, Double> defaults(double lr, double beta1, double beta2, double eps, double weightDecay) {
        return Map.of("lr", lr, "beta1", beta1, "beta2", beta2, "eps", eps, "weightDecay", weightDecay);
    }

    @Override
    protected void validate(String key, double v) {
        boolean ok = key.startsWith("beta") ? v >= 0 && v < 1 : v >= 0;
        if (!ok) {
            throw new IllegalArgumentException("Adam: " + key + " has to be " + (key.startsWith("beta") ? "in [0, 1)" : ">= 0")
                    + ", but got " + v);
        }
    }

    @Override
    public void step() {
        try (NoGrad g = Tensor.noGrad()) {
            for (ParamGroup group : paramGroups()) {
                double lr = group.get("lr"), b1 = group.get("beta1"), b2 = group.get("beta2");
                float eps = (float) group.get("eps"), weightDecay = (float) group.get("weightDecay");
                for (Tensor p : group.params()) {
                    if (p.grad() == null) continue;
                    Tensor grad = weightDecay == 0 ? p.grad() : p.grad().add(p.mul(weightDecay));
                    Map<String, Tensor> s = state(p);
                    Tensor m = s.computeIfAbsent("expAvg", k -> Tensor.zeros(p.shape()));
                    Tensor v = s.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.shape()));
                    Tensor step = s.computeIfAbsent("step", k -> Tensor.scalar(0f));
                    int t = (int) step.item() + 1;
                    step.fill_(t);
                    m.mul_((float) b1).add_(grad, (float) (1 - b1));
                    v.mul_((float) b2).add_(grad.mul(grad), (float) (1 - b2));
                    double bc1 = 1 - Math.pow(b1, t), bc2 = 1 - Math.pow(b2, t);
                    Tensor denom = v.sqrt().div((float) Math.sqrt(bc2)).add(eps);
                    p.add_(m.div(denom), (float) (-lr / bc1));
                }
            }
        }
    }
}
