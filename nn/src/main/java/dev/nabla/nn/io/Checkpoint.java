package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.OptimizerOptions;
import dev.nabla.nn.optim.ParamGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything needed to resume training, in one safetensors file: the model's state dict
 * ({@code model.*}), the optimizer's state ({@code optimizer.*}) and, as metadata, the epoch,
 * the optimizer's type and options per parameter group (JSON) and the random generator's state.
 * For weights alone, use {@code SafeTensors.save(path, model.stateDict())}.
 *
 * <p>Saving is atomic. Resuming checks every field's presence, type and value, every tensor's name
 * and shape, and then either restores everything or, on any error, nothing; the
 * {@link IOException} names the file and the field.
 */
public final class Checkpoint {
    static final String FORMAT = "nabla-checkpoint-2";
    private static final String GROUPS = "optimizer.groups";

    private Checkpoint() {}

    /** Saves model, optimizer, the number of finished epochs and the generator state. */
    public static void save(Path path, Module model, Optimizer optimizer, int epoch, Rng rng) throws IOException {
        save(path, model, optimizer, epoch, rng, Map.of());
    }

    /** What {@link #resumeAll} read besides the model and optimizer. */
    public record Resumed(int epoch, Map<String, String> metadata) {
        /** Keeps an unmodifiable copy of the metadata. */
        public Resumed {
            metadata = Map.copyOf(metadata);
        }
    }

    /**
     * Saves model, optimizer, the number of finished epochs, the state of every named generator
     * (say {@code "dropout"} and {@code "shuffle"}: everything random that training draws from) and
     * string metadata of the caller's own (say the metrics so far).
     *
     * @param generators by name; names and metadata keys are letters, digits, '.', '_' or '-'
     */
    public static void save(Path path, Module model, Optimizer optimizer, int epoch, Map<String, Rng> generators,
                            Map<String, String> metadata) throws IOException {
        java.util.Objects.requireNonNull(generators, "generators");
        java.util.Objects.requireNonNull(metadata, "metadata");
        Map<String, String> extra = new LinkedHashMap<>();
        generators.forEach((name, g) -> extra.put(GENERATOR + checkName(name, "generator"), generatorText(g.getState())));
        metadata.forEach((key, value) -> extra.put(METADATA + checkName(key, "metadata key"),
                java.util.Objects.requireNonNull(value, "metadata value of " + key)));
        save(path, model, optimizer, epoch, generators.isEmpty() ? new Rng(0) : generators.values().iterator().next(), extra);
    }

    /**
     * Restores model, optimizer and every generator in {@code generators} from a checkpoint written
     * by {@link #save(Path, Module, Optimizer, int, Map, Map)}; returns the epoch and the metadata.
     * (Not an overload of {@code resume}: a {@code null} generator argument would be ambiguous.)
     *
     * @throws IOException if the file is unreadable, not a Nabla checkpoint, lacks one of the
     *         generators, or does not fit the model or optimizer; nothing is changed then
     */
    public static Resumed resumeAll(Path path, Module model, Optimizer optimizer, Map<String, Rng> generators) throws IOException {
        java.util.Objects.requireNonNull(path, "path");
        java.util.Objects.requireNonNull(generators, "generators");
        Map<String, String> meta = SafeTensors.read(path).metadata();
        Map<String, long[]> states = new LinkedHashMap<>();
        for (String name : generators.keySet()) {
            String saved = meta.get(GENERATOR + name);
            if (saved == null) {
                List<String> names = new ArrayList<>();
                for (String k : meta.keySet()) if (k.startsWith(GENERATOR)) names.add(k.substring(GENERATOR.length()));
                throw new IOException("checkpoint " + path + " has no generator '" + name + "' (it has: "
                        + (names.isEmpty() ? "none" : String.join(", ", names)) + ")");
            }
            try {
                long[] state = generatorState(saved);
                new Rng(0).setState(state);
                states.put(name, state);
            } catch (RuntimeException e) {
                throw new IOException("checkpoint " + path + " has a damaged state for generator '" + name + "': " + e.getMessage(), e);
            }
        }
        int epoch = resume(path, model, optimizer, new Rng(0));  // all or nothing for model and optimizer
        states.forEach((name, state) -> generators.get(name).setState(state));
        Map<String, String> out = new LinkedHashMap<>();
        meta.forEach((k, v) -> {
            if (k.startsWith(METADATA)) out.put(k.substring(METADATA.length()), v);
        });
        return new Resumed(epoch, out);
    }

    private static final String GENERATOR = "rng.", METADATA = "meta.";

    /** A generator's state as text: its six numbers, comma-separated. */
    private static String generatorText(long[] state) {
        StringBuilder sb = new StringBuilder();
        for (long v : state) sb.append(sb.length() == 0 ? "" : ",").append(v);
        return sb.toString();
    }

    private static long[] generatorState(String text) {
        String[] parts = text.split(",", -1);
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Long.parseLong(parts[i].trim());
        return out;
    }

    private static String checkName(String name, String what) {
        if (name == null || !name.matches("[A-Za-z0-9._-]+")) {
            throw new IllegalArgumentException("Checkpoint: a " + what + " must be letters, digits, '.', '_' or '-', but got "
                    + (name == null ? "none" : "'" + name + "'"));
        }
        return name;
    }

    private static void save(Path path, Module model, Optimizer optimizer, int epoch, Rng rng, Map<String, String> extra) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(rng, "rng");
        if (epoch < 0) throw new IllegalArgumentException("Checkpoint: epoch must be >= 0, but got " + epoch);
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        List<Object> groups = new ArrayList<>();
        for (ParamGroup<?> g : optimizer.paramGroups()) groups.add(g.options());
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("optimizer", optimizer.getClass().getSimpleName());
        meta.put(GROUPS, StrictJson.write(groups));  // [{"lr":0.1,"momentum":0.9,...}]: each record's fields
        meta.put("rng", join(rng.getState()));
        meta.putAll(extra);
        SafeTensors.save(path, tensors, meta);
    }

    /**
     * Restores model, optimizer (state and options) and generator from {@code path} and returns the
     * saved epoch.
     *
     * @throws IOException if the file is unreadable, not a Nabla checkpoint, has a missing or
     *     mistyped field, or does not fit the model or optimizer (the message names the field or
     *     entry); nothing is changed then
     */
    public static int resume(Path path, Module model, Optimizer optimizer, Rng rng) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(optimizer, "optimizer");
        Objects.requireNonNull(rng, "rng");
        SafeTensors.Content c = SafeTensors.read(path);
        Map<String, String> meta = c.metadata();
        String where = "checkpoint " + path;
        String format = meta.get("format");
        if (!FORMAT.equals(format)) {
            throw new IOException(where + " is not a Nabla checkpoint (format " + format + ", expected " + FORMAT + ")"
                    + (format != null && format.startsWith("nabla-checkpoint-") ? ": it was written by another version of Nabla" : ""));
        }
        String type = field(meta, "optimizer", where), expectedType = optimizer.getClass().getSimpleName();
        if (!type.equals(expectedType)) {
            throw new IOException(where + " holds " + type + " optimizer state, but the optimizer to restore is " + expectedType
                    + " (make the same kind of optimizer as the run that saved it)");
        }
        int epoch = epoch(meta, where);
        long[] rngState = rngState(meta, where);
        List<OptimizerOptions<?>> options = groupOptions(meta, optimizer, where);
        Map<String, Tensor> modelState = new LinkedHashMap<>(), optState = new LinkedHashMap<>();
        for (Map.Entry<String, Tensor> e : c.tensors().entrySet()) {
            String k = e.getKey();
            if (k.startsWith("model.")) modelState.put(k.substring(6), e.getValue());
            else if (k.startsWith("optimizer.")) optState.put(k.substring(10), e.getValue());
            else throw new IOException(where + " holds a tensor '" + k + "' that is neither model.* nor optimizer.*");
        }
        // Snapshot what we may change, so a mismatch half-way leaves everything as it was.
        Map<String, Tensor> modelBackup = model.stateDictCopy();
        List<OptimizerOptions<?>> optionsBackup = new ArrayList<>();
        for (ParamGroup<?> g : optimizer.paramGroups()) optionsBackup.add(g.options());
        try {
            model.loadStateDict(modelState);
            setOptions(optimizer, options);
            optimizer.loadStateDict(optState);  // checks everything before it changes anything
        } catch (RuntimeException e) {
            model.loadStateDict(modelBackup);
            setOptions(optimizer, optionsBackup);
            throw new IOException(where + " does not fit: " + e.getMessage(), e);
        }
        rng.setState(rngState);
        return epoch;
    }

    private static String field(Map<String, String> meta, String key, String where) throws IOException {
        String v = meta.get(key);
        if (v == null) throw new IOException(where + ": metadata field '" + key + "' is missing");
        return v;
    }

    private static int epoch(Map<String, String> meta, String where) throws IOException {
        String v = field(meta, "epoch", where);
        try {
            int epoch = Integer.parseInt(v);
            if (epoch >= 0) return epoch;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IOException(where + ": metadata field 'epoch' is \"" + v + "\", not a whole number >= 0");
    }

    private static long[] rngState(Map<String, String> meta, String where) throws IOException {
        String v = field(meta, "rng", where);
        try {
            String[] parts = v.split(",", -1);
            long[] state = new long[parts.length];
            for (int i = 0; i < parts.length; i++) state[i] = Long.parseLong(parts[i].trim());
            new Rng(0).setState(state);  // checks it
            return state;
        } catch (IllegalArgumentException e) {  // NumberFormatException too
            throw new IOException(where + ": metadata field 'rng' is \"" + v + "\", not the state of a random generator ("
                    + e.getMessage() + ")");
        }
    }

    /** The options of each parameter group, read as the record type the optimizer's groups have now. */
    private static List<OptimizerOptions<?>> groupOptions(Map<String, String> meta, Optimizer optimizer, String where)
            throws IOException {
        String what = where + ": metadata field '" + GROUPS + "'";
        JsonNode root;
        try {
            root = StrictJson.parse(field(meta, GROUPS, where));
        } catch (IllegalArgumentException e) {
            throw new IOException(what + " is not valid JSON (" + e.getMessage() + ")");
        }
        List<? extends ParamGroup<?>> groups = optimizer.paramGroups();
        if (!root.isArray()) throw new IOException(what + " is not a JSON list");
        if (root.size() != groups.size()) {
            throw new IOException(what + " holds " + root.size() + " parameter groups, but the optimizer has " + groups.size());
        }
        List<OptimizerOptions<?>> out = new ArrayList<>();
        for (int i = 0; i < groups.size(); i++) out.add(options(root.get(i), groups.get(i).options(), what + ", group " + i));
        return out;
    }

    /** {@code saved} as the same record type as {@code current}: same fields, same JSON types, valid values. */
    private static OptimizerOptions<?> options(JsonNode saved, OptimizerOptions<?> current, String what) throws IOException {
        JsonNode expected = StrictJson.MAPPER.valueToTree(current);
        if (!saved.isObject()) throw new IOException(what + " is " + saved + ", not an object");
        for (Map.Entry<String, JsonNode> e : expected.properties()) {
            JsonNode v = saved.get(e.getKey());
            if (v == null) throw new IOException(what + ": field '" + e.getKey() + "' is missing");
            boolean number = e.getValue().isNumber();
            if (number ? !v.isNumber() : v.getNodeType() != e.getValue().getNodeType()) {
                throw new IOException(what + ": field '" + e.getKey() + "' is " + v + ", not " + (number ? "a number" : "true or false"));
            }
        }
        for (Map.Entry<String, JsonNode> e : saved.properties()) {
            if (!expected.has(e.getKey())) {
                List<String> names = new ArrayList<>();
                expected.fieldNames().forEachRemaining(names::add);
                throw new IOException(what + ": unknown field '" + e.getKey() + "' (expected " + String.join(", ", names) + ")");
            }
        }
        try {
            return StrictJson.MAPPER.treeToValue(saved, current.getClass());
        } catch (JsonProcessingException e) {  // the record's constructor refused a value
            Throwable cause = e.getCause();
            throw new IOException(what + ": " + (cause instanceof IllegalArgumentException ? cause.getMessage() : StrictJson.describe(e)));
        }
    }

    private static void setOptions(Optimizer optimizer, List<OptimizerOptions<?>> options) {
        for (int i = 0; i < options.size(); i++) set(optimizer.paramGroups().get(i), options.get(i));
    }

    @SuppressWarnings("unchecked")  // options was read as the class of this group's options
    private static <O extends OptimizerOptions<O>> void set(ParamGroup<O> group, OptimizerOptions<?> options) {
        group.setOptions((O) options);
    }


    private static String join(long[] values) {
        StringBuilder sb = new StringBuilder();
        for (long v : values) sb.append(sb.length() == 0 ? "" : ",").append(v);
        return sb.toString();
    }
}
