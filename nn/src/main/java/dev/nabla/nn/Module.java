package dev.nabla.nn;

import dev.nabla.core.NoGrad;
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
import java.util.function.Consumer;

/**
 * Base class of every layer and model, mirroring PyTorch's {@code torch.nn.Module}.
 *
 * <p>A subclass registers what it owns in its constructor ("register and return", no
 * reflection) and implements {@link #forward}:
 * <pre>{@code
 * class Mlp extends Module {
 *     private final Linear hidden = registerModule("hidden", new Linear(784, 256));
 *     private final Linear out = registerModule("out", new Linear(256, 10));
 *     public Tensor forward(Tensor x) { return out.forward(hidden.forward(x).relu()); }
 * }
 * }</pre>
 * Every module starts in training mode. Not thread-safe: train a module from one thread at a
 * time. Note: {@code java.lang.Module} has the same simple name, so import this class by name
 * ({@code import dev.nabla.nn.Module;}), not with a wildcard.
 */
public abstract class Module {
    private final Map<String, Tensor> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private boolean training = true;

    /** Computes this module's output. */
    public abstract Tensor forward(Tensor x);

    // ---------------------------------------------------------------- registration

    /** Registers a learnable tensor under {@code name}, makes it require grad, and returns it. */
    protected final Tensor registerParameter(String name, Tensor value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkName(name);
        parameters.put(name, value.requiresGrad(true));
        return value;
    }

    /** Registers a non-learnable tensor that belongs in the state dict (e.g. running statistics). */
    protected final Tensor registerBuffer(String name, Tensor value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        checkName(name);
        buffers.put(name, value);
        return value;
    }

    /** Registers a child module under {@code name} and returns it. */
    protected final <M extends Module> M registerModule(String name, M module) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(module, "module");
        checkName(name);
        children.put(name, module);
        return module;
    }

    private void checkName(String name) {
        String owner = getClass().getSimpleName();
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(owner + ": name '" + name + "' must be non-empty and contain no '.'");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(owner + ": '" + name + "' is already registered");
        }
    }

    // ---------------------------------------------------------------- modes

    /** Training mode on or off, here and in every descendant. Returns this. */
    public Module train(boolean mode) {
        training = mode;
        for (Module child : children.values()) child.train(mode);
        return this;
    }

    /** Same as {@code train(true)}. */
    public Module train() {
        return train(true);
    }

    /** Same as {@code train(false)}: dropout becomes the identity. Returns this. */
    public Module eval() {
        return train(false);
    }

    /** True in training mode (the default), false after {@link #eval()}. */
    public boolean isTraining() {
        return training;
    }

    // ---------------------------------------------------------------- traversal

    /** The direct children, in registration order. */
    public List<Module> children() {
        return List.copyOf(children.values());
    }

    /** The direct children by name. */
    public Map<String, Module> namedChildren() {
        return Collections.unmodifiableMap(children);
    }

    /** This module and every descendant, each once, depth first, with dotted names ("" for this). */
    public Map<String, Module> namedModules() {
        Map<String, Module> out = new LinkedHashMap<>();
        collectModules("", out, Collections.newSetFromMap(new IdentityHashMap<>()));
        return out;
    }

    private void collectModules(String prefix, Map<String, Module> out, Set<Module> seen) {
        if (!seen.add(this)) return;
        out.put(prefix, this);
        children.forEach((name, child) -> child.collectModules(prefix.isEmpty() ? name : prefix + "." + name, out, seen));
    }

    /** Calls {@code fn} on every descendant, then on this module (d2l's {@code net.apply(init)}). Returns this. */
    public Module apply(Consumer<Module> fn) {
        Objects.requireNonNull(fn, "fn");
        for (Module child : children.values()) child.apply(fn);
        fn.accept(this);
        return this;
    }

    /** Parameters with dotted names ({@code "1.weight"}); a shared parameter appears once, first name wins. */
    public Map<String, Tensor> namedParameters() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        Set<Tensor> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        namedModules().forEach((prefix, m) -> m.parameters.forEach((name, p) -> {
            if (seen.add(p)) out.put(prefix.isEmpty() ? name : prefix + "." + name, p);
        }));
        return out;
    }

    /** Every parameter of this module and its descendants, each once. */
    public List<Tensor> parameters() {
        return new ArrayList<>(namedParameters().values());
    }

    /** Total number of learnable values. */
    public long numParameters() {
        long n = 0;
        for (Tensor p : parameters()) n += p.numel();
        return n;
    }

    /** Clears every parameter's gradient. */
    public void zeroGrad() {
        for (Tensor p : parameters()) p.zeroGrad();
    }

    // ---------------------------------------------------------------- state

    /** Parameters and buffers by dotted name: detached views that share the module's values. */
    public Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return out;
    }

    /**
     * A copy of {@link #stateDict()} that later training does not change (PyTorch's
     * {@code copy.deepcopy(module.state_dict())}): a snapshot to put back with {@link #loadStateDict(Map)}.
     */
    public Map<String, Tensor> stateDictCopy() {
        Map<String, Tensor> out = stateDict();
        out.replaceAll((name, t) -> Tensor.of(t.toArray(), t.shape()));
        return out;
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((name, p) -> out.put(prefix + name, p.detach()));
        buffers.forEach((name, b) -> out.put(prefix + name, b.detach()));
        children.forEach((name, child) -> child.collectState(prefix + name + ".", out));
    }

    /** Strict {@link #loadStateDict(Map, boolean)}: every key must match. */
    public LoadResult loadStateDict(Map<String, Tensor> state) {
        return loadStateDict(Objects.requireNonNull(state, "state"), true);
    }

    /**
     * Copies values from {@code state} into this module's parameters and buffers. Checks
     * everything first: on any error nothing is changed, and the message lists every missing,
     * unexpected (strict mode) and mis-shaped (always) entry by name.
     */
    public LoadResult loadStateDict(Map<String, Tensor> state, boolean strict) {
        Objects.requireNonNull(state, "state");
        state.forEach((name, t) -> Objects.requireNonNull(t, "state: the value of " + name));  // before anything changes
        Map<String, Tensor> own = stateDict();
        List<String> missing = new ArrayList<>(), unexpected = new ArrayList<>(), errors = new ArrayList<>();
        own.forEach((name, t) -> {
            Tensor src = state.get(name);
            if (src == null) missing.add(name);
            else if (!Arrays.equals(src.shape(), t.shape())) {
                errors.add("size mismatch for " + name + ": copying a param with shape " + Arrays.toString(src.shape())
                        + " from checkpoint, the shape in current model is " + Arrays.toString(t.shape()) + ".");
            }
        });
        namedModules().forEach((path, m) -> {  // the values, once the names and shapes fit: a variance is never negative
            String prefix = path.isEmpty() ? "" : path + ".";
            Map<String, Tensor> mine = new LinkedHashMap<>();
            for (Map<String, Tensor> kind : List.of(m.parameters, m.buffers)) {
                kind.forEach((name, t) -> {
                    Tensor src = state.get(prefix + name);
                    if (src != null && Arrays.equals(src.shape(), t.shape())) mine.put(name, src);
                });
            }
            m.stateValueErrors(mine).forEach((name, problem) -> errors.add("invalid value for " + prefix + name + ": " + problem + "."));
        });
        for (String name : state.keySet()) if (!own.containsKey(name)) unexpected.add(name);
        if (strict && !unexpected.isEmpty()) errors.add(0, "Unexpected key(s) in state_dict: " + quoted(unexpected) + ".");
        if (strict && !missing.isEmpty()) errors.add(0, "Missing key(s) in state_dict: " + quoted(missing) + ".");
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("Error(s) in loading state_dict for " + getClass().getSimpleName()
                    + ":\n\t" + String.join("\n\t", errors));
        }
        try (NoGrad g = Tensor.noGrad()) {
            own.forEach((name, t) -> {
                if (state.containsKey(name)) t.copy_(state.get(name));
            });
        }
        return new LoadResult(missing, unexpected);
    }

    /**
     * What is wrong with the values that {@link #loadStateDict} is about to copy into this module's
     * own parameters and buffers ({@code state} holds those present with the right shape, by their
     * own names, e.g. {@code "running_var"}): a problem in words per name, empty when all is well.
     * Checked on every module before anything changes. By default nothing is: a module whose
     * buffers have a meaning says which values cannot be (BatchNorm: a negative variance).
     */
    protected Map<String, String> stateValueErrors(Map<String, Tensor> state) {
        Objects.requireNonNull(state, "state");
        return Map.of();
    }

    private static String quoted(List<String> names) {
        return "\"" + String.join("\", \"", names) + "\"";
    }

    // ---------------------------------------------------------------- printing

    /** The constructor arguments shown by {@link #toString()}, e.g. {@code p=0.5}. */
    protected String extraRepr() {
        return "";
    }

    /** A tree like PyTorch's {@code print(net)}. */
    @Override
    public String toString() {
        String name = getClass().getSimpleName(), extra = extraRepr();
        if (children.isEmpty()) return name + "(" + extra + ")";
        StringBuilder sb = new StringBuilder(name).append('(');
        if (!extra.isEmpty()) sb.append("\n  ").append(extra);
        children.forEach((key, child) ->
                sb.append("\n  (").append(key).append("): ").append(child.toString().replace("\n", "\n  ")));
        return sb.append("\n)").toString();
    }
}
