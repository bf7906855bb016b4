package dev.nabla.nn.optim;

import dev.nabla.core.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One Adam or AdamW step on one parameter, as PyTorch 1.13's {@code _single_tensor_adam(w)}:
 * <pre>
 * t = t + 1 ;  Adam: g = grad + λ·p  |  AdamW: p = p·(1 - lr·λ), g = grad
 * m = β₁m + (1-β₁)g ;  v = β₂v + (1-β₂)g² ;  amsgrad: v̂ = max(v̂, v), else v̂ = v
 * p = p - lr/(1-β₁ᵗ) · m / (√v̂/√(1-β₂ᵗ) + eps)
 * </pre>
 */
final class AdamUpdate {
    private AdamUpdate() {}

    /** The state entries and their shapes: step (a scalar), expAvg, expAvgSq (and maxExpAvgSq) like the parameter. */
    static Map<String, int[]> stateShapes(Tensor param, boolean amsgrad) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        shapes.put("step", new int[0]);
        shapes.put("expAvg", param.shape());
        shapes.put("expAvgSq", param.shape());
        if (amsgrad) shapes.put("maxExpAvgSq", param.shape());
        return shapes;
    }

    /** A step count must be a whole number >= 0. */
    static String stateProblem(String name, Tensor value) {
        if (!name.equals("step")) return null;
        float t = value.item();
        return t >= 0 && t == Math.rint(t) && Float.isFinite(t) ? null : "must be a whole number >= 0, but is " + t;
    }

    static void step(Map<String, Tensor> s, Tensor p, double lr, double beta1, double beta2, double eps, double weightDecay,
                     boolean amsgrad, boolean decoupled) {
        Tensor grad = p.grad();
        Tensor step = s.computeIfAbsent("step", k -> Tensor.scalar(0f));
        Tensor m = s.computeIfAbsent("expAvg", k -> Tensor.zeros(p.shape()));
        Tensor v = s.computeIfAbsent("expAvgSq", k -> Tensor.zeros(p.shape()));
        int t = (int) step.item() + 1;
        step.fill_(t);
        if (decoupled) {
            if (weightDecay != 0) p.mul_((float) (1 - lr * weightDecay));
        } else if (weightDecay != 0) {
            grad = grad.add(p.mul((float) weightDecay));
        }
        m.mul_((float) beta1).add_(grad, (float) (1 - beta1));
        v.mul_((float) beta2).add_(grad.mul(grad), (float) (1 - beta2));
        Tensor vHat = v;
        if (amsgrad) {
            Tensor max = s.computeIfAbsent("maxExpAvgSq", k -> Tensor.zeros(p.shape()));
            float[] a = max.toArray(), b = v.toArray();
            for (int i = 0; i < a.length; i++) a[i] = Math.max(a[i], b[i]);  // torch.maximum: NaN wins, as in Math.max
            vHat = max.copy_(Tensor.of(a, p.shape()));
        }
        double bc1 = 1 - Math.pow(beta1, t), bc2 = 1 - Math.pow(beta2, t);
        Tensor denom = vHat.sqrt().div((float) Math.sqrt(bc2)).add((float) eps);
        p.add_(m.div(denom), (float) (-lr / bc1));
    }
}
