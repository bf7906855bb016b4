package dev.nabla.nn.optim;

import dev.nabla.core.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * Parameters that share hyperparameters, as an entry of PyTorch's {@code param_groups}: options
 * not given here take the optimizer's defaults. Lets weight decay apply to weights only:
 * <pre>{@code
 * new SGD(0.1, new ParamGroup(List.of(layer.weight()), Map.of("weightDecay", 3.0)),
 *              new ParamGroup(List.of(layer.bias())));
 * }</pre>
 */
public final class ParamGroup {
    private final List<Tensor> params;
    private final Map<String, Double> options;
    private BiConsumer<String, Double> validator = (k, v) -> {};

    /** A group that takes every option from the optimizer. */
    public ParamGroup(List<Tensor> params) {
        this(params, Map.of());
    }

    /** A group with its own values for some options. */
    public ParamGroup(List<Tensor> params, Map<String, Double> options) {
        this.params = List.copyOf(params);
        this.options = new LinkedHashMap<>(options);
    }

    /** The parameters of this group. */
    public List<Tensor> params() {
        return params;
    }

    /** The value of option {@code key} ("lr", "momentum", ...). */
    public double get(String key) {
        Double v = options.get(key);
        if (v == null) throw new IllegalArgumentException("parameter group has no option '" + key + "' (has " + options.keySet() + ")");
        return v;
    }

    /** Changes an option, e.g. the learning rate in a schedule; checked like the constructor's values. */
    public void set(String key, double value) {
        get(key);
        validator.accept(key, value);
        options.put(key, value);
    }

    /** All options of this group, read-only. */
    public Map<String, Double> options() {
        return java.util.Collections.unmodifiableMap(options);
    }

    void bind(Map<String, Double> defaults, BiConsumer<String, Double> validator, String owner) {
        for (String key : options.keySet()) {
            if (!defaults.containsKey(key)) {
                throw new IllegalArgumentException(owner + ": unknown option '" + key + "' (known: " + defaults.keySet() + ")");
            }
        }
        defaults.forEach(options::putIfAbsent);
        options.forEach(validator);
        this.validator = validator;
    }
}
