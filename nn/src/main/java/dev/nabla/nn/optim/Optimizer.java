package dev.nabla.nn.optim;

import dev.nabla.core.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Updates parameters from their gradients, as PyTorch's {@code torch.optim.Optimizer}:
 * {@code zeroGrad()}, {@code backward()}, {@code step()}. The step is the one place besides
 * gradient accumulation where tensors change in place. Not thread-safe: one thread trains.
 */
public abstract class Optimizer {
    private final List<ParamGroup<?>> groups;
    private final List<Tensor> allParams = new ArrayList<>();
    private final Map<Tensor, ParamGroup<?>> groupOf = new IdentityHashMap<>();
    private final Map<Tensor, Map<String, Tensor>> state = new IdentityHashMap<>();

    /** Takes {@code groups}: every parameter a leaf, none twice, at least one in all. */
    protected Optimizer(List<? extends ParamGroup<?>> groups) {
        String name = getClass().getSimpleName();
        Objects.requireNonNull(groups, "groups");
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (int i = 0; i < groups.size(); i++) {
            ParamGroup<?> g = Objects.requireNonNull(groups.get(i), "groups[" + i + "]");
            for (Tensor p : g.params()) {
                if (!p.isLeaf()) throw new IllegalArgumentException(name + ": can't optimize a non-leaf tensor (produced by " + p.gradFn() + ")");
                if (!seen.add(p)) throw new IllegalArgumentException(name + ": a parameter appears more than once (shape " + Arrays.toString(p.shape()) + ")");
                allParams.add(p);
                groupOf.put(p, g);
            }
        }
        if (allParams.isEmpty()) throw new IllegalArgumentException(name + ": got an empty parameter list");
        this.groups = List.copyOf(groups);
    }

    /** {@code groups} as a list, rejecting null: for the varargs constructors of subclasses. */
    protected static <G extends ParamGroup<?>> List<G> groupList(G[] groups) {
        Objects.requireNonNull(groups, "groups");
        List<G> list = new ArrayList<>();
        for (int i = 0; i < groups.length; i++) list.add(Objects.requireNonNull(groups[i], "groups[" + i + "]"));
        return List.copyOf(list);
    }

    /** Applies one update to every parameter that has a gradient. */
    public abstract void step();

    /**
     * The state a parameter of {@code group} keeps once it has been updated, by name, with the
     * shape each entry must have (e.g. {@code momentumBuffer} → the parameter's shape).
     * {@link #loadStateDict} accepts exactly these names, all of them or none per parameter.
     */
    protected abstract Map<String, int[]> stateShapes(ParamGroup<?> group, Tensor param);

    /** What is wrong with state entry {@code name} beyond its shape (e.g. a fractional step count), or null. */
    protected String stateProblem(String name, Tensor value) {
        return null;
    }

    /** The parameter groups with their options; subclasses return them typed ({@code SGD}: {@code ParamGroup<SGD.Options>}). */
    public List<? extends ParamGroup<?>> paramGroups() {
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

    /**
     * Replaces the state with copies from {@code saved}. Checks every entry first — the parameter
     * index, the name (see {@link #stateShapes}), the shape, the value, and that each parameter's
     * state is complete — and on any error changes nothing.
     *
     * @throws IllegalArgumentException naming the parameter index, the entry, and what was expected
     */
    public void loadStateDict(Map<String, Tensor> saved) {
        Objects.requireNonNull(saved, "saved");
        String name = getClass().getSimpleName();
        Map<Integer, Map<String, Tensor>> byParam = new TreeMap<>();
        saved.forEach((key, t) -> {
            Objects.requireNonNull(key, "saved: a key");
            Objects.requireNonNull(t, "saved: the value of " + key);
            int dot = key.indexOf('.');
            int index = dot > 0 ? parseIndex(key.substring(0, dot)) : -1;
            if (index < 0 || index >= allParams.size()) {
                throw new IllegalArgumentException(name + ": state entry '" + key + "' names no parameter (there are "
                        + allParams.size() + ")");
            }
            byParam.computeIfAbsent(index, k -> new LinkedHashMap<>()).put(key.substring(dot + 1), t);
        });
        Map<Tensor, Map<String, Tensor>> fresh = new IdentityHashMap<>();
        byParam.forEach((index, entries) -> {
            Tensor p = allParams.get(index);
            Map<String, int[]> shapes = stateShapes(groupOf.get(p), p);
            entries.forEach((entry, t) -> {
                String what = name + ": state '" + entry + "' of parameter " + index;
                int[] expected = shapes.get(entry);
                if (expected == null) {
                    throw new IllegalArgumentException(name + ": unknown state '" + entry + "' for parameter " + index + " (expected "
                            + String.join(", ", shapes.keySet()) + ")");
                }
                if (!Arrays.equals(expected, t.shape())) {
                    throw new IllegalArgumentException(what + " has shape " + Arrays.toString(t.shape()) + ", expected "
                            + Arrays.toString(expected));
                }
                String problem = stateProblem(entry, t);
                if (problem != null) throw new IllegalArgumentException(what + " " + problem);
            });
            List<String> missing = new ArrayList<>(shapes.keySet());
            missing.removeAll(entries.keySet());
            if (!missing.isEmpty()) {
                throw new IllegalArgumentException(name + ": the state of parameter " + index + " lacks " + String.join(", ", missing)
                        + " (it has " + String.join(", ", entries.keySet()) + ")");
            }
            Map<String, Tensor> copy = new LinkedHashMap<>();
            for (String entry : shapes.keySet()) copy.put(entry, Tensor.of(entries.get(entry).toArray(), shapes.get(entry)));
            fresh.put(p, copy);
        });
        state.clear();
        state.putAll(fresh);
    }

    private static int parseIndex(String s) {
        try {
            int i = Integer.parseInt(s);
            return Integer.toString(i).equals(s) ? i : -1;  // "07" or "+7" is not an index
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** As PyTorch prints an optimizer: each group's options, sorted by name. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append(" (");
        for (int i = 0; i < groups.size(); i++) sb.append("\nParameter Group ").append(i).append('\n').append(groups.get(i).describe());
        return sb.append(')').toString();
    }
}
