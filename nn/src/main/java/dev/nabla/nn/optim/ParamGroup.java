package dev.nabla.nn.optim;

import dev.nabla.core.Tensor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Parameters that share hyperparameters, as an entry of PyTorch's {@code param_groups}. Weight
 * decay on the weights only, in d2l's concise weight decay:
 * <pre>{@code
 * SGD.Options base = new SGD.Options(0.1);
 * SGD opt = new SGD(new ParamGroup<>(List.of(layer.weight()), base.withWeightDecay(3)),
 *                   new ParamGroup<>(List.of(layer.bias()), base));
 * opt.paramGroups().get(0).setLr(0.01);   // a schedule: checked like the constructor
 * }</pre>
 *
 * @param <O> the optimizer's options record
 */
public final class ParamGroup<O extends OptimizerOptions<O>> {
    private final List<Tensor> params;
    private O options;

    /** A group of {@code params} with {@code options} (a record, e.g. {@link SGD.Options}). */
    public ParamGroup(List<Tensor> params, O options) {
        Objects.requireNonNull(params, "params");
        Objects.requireNonNull(options, "options");
        for (int i = 0; i < params.size(); i++) Objects.requireNonNull(params.get(i), "params[" + i + "]");
        if (!options.getClass().isRecord()) {
            throw new IllegalArgumentException("ParamGroup: options must be a record, but got " + options.getClass().getName());
        }
        this.params = List.copyOf(params);
        this.options = options;
    }

    /** The parameters of this group. */
    public List<Tensor> params() {
        return params;
    }

    /** The options of this group. */
    public O options() {
        return options;
    }

    /** Replaces the options of this group (records check their values when they are made). */
    public void setOptions(O options) {
        Objects.requireNonNull(options, "options");
        if (options.getClass() != this.options.getClass()) {  // only possible through raw types
            throw new IllegalArgumentException("ParamGroup: options of type " + this.options.getClass().getName()
                    + " expected, but got " + options.getClass().getName());
        }
        this.options = options;
    }

    /** The learning rate of this group. */
    public double lr() {
        return options.lr();
    }

    /**
     * Sets the learning rate of this group, e.g. in a schedule.
     *
     * @throws IllegalArgumentException {@code "Invalid learning rate: -1.0"}, and nothing changes
     */
    public void setLr(double lr) {
        options = options.withLr(lr);
    }

    /** The options as PyTorch prints a parameter group: one {@code "    name: value"} line each, sorted by name. */
    String describe() {
        Map<String, String> sorted = new TreeMap<>();
        for (RecordComponent c : options.getClass().getRecordComponents()) {
            try {
                sorted.put(c.getName(), repr(c.getAccessor().invoke(options)));
            } catch (ReflectiveOperationException e) {
                sorted.put(c.getName(), "?");
            }
        }
        StringBuilder sb = new StringBuilder();
        sorted.forEach((k, v) -> sb.append("    ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    /** A value as Python prints it: whole numbers without ".0" (PyTorch's defaults are ints), 1e-08 for 1.0E-8. */
    static String repr(Object value) {
        if (!(value instanceof Double d) || !Double.isFinite(d)) return String.valueOf(value);
        if (d == Math.rint(d) && Math.abs(d) < 1e16) return Long.toString(d.longValue());
        BigDecimal b = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        int exponent = b.precision() - b.scale() - 1;  // of the leading digit
        if (exponent >= -4 && exponent < 16) return b.toPlainString();
        String digits = b.unscaledValue().abs().toString();
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return (d < 0 ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
    }

    /** E.g. {@code ParamGroup(2 parameters, Options[lr=0.1, ...])}. */
    @Override
    public String toString() {
        return "ParamGroup(" + params.size() + " parameters, " + options + ")";
    }
}
