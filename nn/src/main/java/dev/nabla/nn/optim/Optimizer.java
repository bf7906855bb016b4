package dev.nabla.nn.optim;

import dev.nabla.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Updates parameters from their gradients, as PyTorch's {@code torch.optim.Optimizer}:
 * {@code zeroGrad()}, {@code backward()}, {@code step()}. The step is the one place besides
 * gradient accumulation where tensors change in place.
 */
public abstract class Optimizer {
    private final List<ParamGroup> groups;
    private final List<Tensor> allParams = new ArrayList<>();
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();

    /** Binds {@code groups} to {@code defaults} and checks every option with {@link #validate}. */
    protected Optimizer(List<ParamGroup> groups, Map<String, Double> defaults) {
        String name = getClass().getSimpleName();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ParamGroup g : groups) {
            g.bind(defaults, this::validate, name);
            for (Tensor p : g.params()) {
                if (!p.isLeaf()) throw new IllegalArgumentException(name + ": can't optimize a non-leaf tensor (produced by " + p.gradFn() + ")");
                if (!seen.add(p)) throw new IllegalArgumentException(name + ": a parameter appears more than once (shape " + Arrays.toString(p.shape()) + ")");
                allParams.add(p);
            }
        }
        if (allParams.isEmpty()) throw new IllegalArgumentException(name + ": got an empty parameter list");
        this.groups = List.copyOf(groups);
    }

    /** One group holding {@code params}. */
    protected static List<ParamGroup> single(List<Tensor> params) {
        return List.of(new ParamGroup(params));
    }

    /** @throws IllegalArgumentException naming the option and value when {@code value} is not allowed */
    protected abstract void validate(String key, double value);

    /** Applies one update to every parameter that has a gradient. */
    public abstract void step();

    /** The parameter groups, with their options. */
    public List<ParamGroup> paramGroups() {
        return groups;
    }

    /** Clears the gradients of every parameter (they become null, as PyTorch's set_to_none). */
    public void zeroGrad() {
        for (Tensor p : allParams) p.zeroGrad();
    }

    /** The per-parameter state of {@code param} (created empty on first use). */
    protected Map<String, Tensor> state(Tensor param) {
        return state.computeIfAbsent(param, k -> new LinkedHashMap<>());
    }

    /** Every state tensor (momentum buffers, moments, step counts) by "parameterIndex.name". */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (int i = 0; i < allParams.size(); i++) {
            int index = i;
            Map<String, Tensor> s = state.get(allParams.get(i));
            if (s != null) s.forEach((name, t) -> out.put(index + "." + name, t.detach()));
        }
        return out;
    }

    /** Replaces the state with copies from {@code saved}; checks all entries before changing anything. */
    public void loadStateDict(Map<String, Tensor> saved) {
        String name = getClass().getSimpleName();
        Map<Tensor, Map<String, Tensor>> fresh = new IdentityHashMap<>();
        saved.forEach((key, t) -> {
            int dot = key.indexOf('.');
            int index = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            if (index < 0 || index >= allParams.size()) {
                throw new IllegalArgumentException(name + ": state entry '" + key + "' names no parameter (there are "
                        + allParams.size() + ")");
            }
            Tensor p = allParams.get(index);
            if (t.dim() > 0 && !Arrays.equals(t.shape(), p.shape())) {
                throw new IllegalArgumentException(name + ": state entry '" + key + "' has shape " + Arrays.toString(t.shape())
                        + " but parameter " + index + " has shape " + Arrays.toString(p.shape()));
            }
            fresh.computeIfAbsent(p, k -> new LinkedHashMap<>()).put(key.substring(dot + 1), Tensor.of(t.toArray(), t.shape()));
        });
        state.clear();
        state.putAll(fresh);
    }

    private static int parseIndex(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
