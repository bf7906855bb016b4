package dev.nabla.nn.io;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.nn.Module;
import dev.nabla.nn.optim.Optimizer;
import dev.nabla.nn.optim.ParamGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything needed to resume training, in one safetensors file: the model's state dict
 * ({@code model.*}), the optimizer's state ({@code optimizer.*}) and, as metadata, the epoch,
 * the optimizer's hyperparameters and the random generator's state. For weights alone, use
 * {@code SafeTensors.save(path, model.stateDict())}.
 *
 * <p>Saving is atomic. Resuming either restores everything or, on any error, nothing.
 */
public final class Checkpoint {
    static final String FORMAT = "nabla-checkpoint-1";

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
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        model.stateDict().forEach((k, v) -> tensors.put("model." + k, v));
        optimizer.stateDict().forEach((k, v) -> tensors.put("optimizer." + k, v));
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", FORMAT);
        meta.put("epoch", Integer.toString(epoch));
        meta.put("optimizer", optimizer.getClass().getSimpleName());
        meta.put("optimizer.groups", groupsToJson(optimizer));
        meta.put("rng", join(rng.getState()));
        meta.putAll(extra);
        SafeTensors.save(path, tensors, meta);
    }

    /**
     * Restores model, optimizer and generator from {@code path} and returns the saved epoch.
     *
     * @throws IOException if the file is unreadable, not a Nabla checkpoint, or does not fit the
     *         model or optimizer (the message says what differs); nothing is changed then
     */
    public static int resume(Path path, Module model, Optimizer optimizer, Rng rng) throws IOException {
        SafeTensors.Content c = SafeTensors.read(path);
        Map<String, String> meta = c.metadata();
        String where = "checkpoint " + path;
        if (!FORMAT.equals(meta.get("format"))) {
            throw new IOException(where + " is not a Nabla checkpoint (format " + meta.get("format") + ", expected " + FORMAT + ")");
        }
        if (!optimizer.getClass().getSimpleName().equals(meta.get("optimizer"))) {
            throw new IOException(where + " holds " + meta.get("optimizer") + " state, not " + optimizer.getClass().getSimpleName());
        }
        Map<String, Tensor> modelState = new LinkedHashMap<>(), optState = new LinkedHashMap<>();
        c.tensors().forEach((k, v) -> {
            if (k.startsWith("model.")) modelState.put(k.substring(6), v);
            else if (k.startsWith("optimizer.")) optState.put(k.substring(10), v);
        });
        int epoch;
        long[] rngState;
        List<Map<String, Double>> groups;
        try {
            epoch = Integer.parseInt(meta.get("epoch"));
            rngState = split(meta.get("rng"));
            new Rng(0).setState(rngState);
            groups = groupsFromJson(meta.get("optimizer.groups"), optimizer.paramGroups().size());
        } catch (RuntimeException e) {
            throw new IOException(where + " has damaged metadata: " + e.getMessage(), e);
        }
        // Snapshot what we may change, so a mismatch half-way leaves everything as it was.
        Map<String, Tensor> modelBackup = copy(model.stateDict()), optBackup = copy(optimizer.stateDict());
        List<Map<String, Double>> groupBackup = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) groupBackup.add(new LinkedHashMap<>(g.options()));
        try {
            model.loadStateDict(modelState);
            optimizer.loadStateDict(optState);
            setGroups(optimizer, groups);
        } catch (RuntimeException e) {
            model.loadStateDict(modelBackup);
            optimizer.loadStateDict(optBackup);
            setGroups(optimizer, groupBackup);
            throw new IOException(where + " does not fit: " + e.getMessage(), e);
        }
        rng.setState(rngState);
        return epoch;
    }

    private static Map<String, Tensor> copy(Map<String, Tensor> state) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        state.forEach((k, v) -> out.put(k, Tensor.of(v.toArray(), v.shape())));
        return out;
    }

    private static void setGroups(Optimizer optimizer, List<Map<String, Double>> groups) {
        for (int i = 0; i < groups.size(); i++) groups.get(i).forEach(optimizer.paramGroups().get(i)::set);
    }

    private static String groupsToJson(Optimizer optimizer) {
        List<String> groups = new ArrayList<>();
        for (ParamGroup g : optimizer.paramGroups()) {
            List<String> kv = new ArrayList<>();
            g.options().forEach((k, v) -> kv.add(Json.quote(k) + ":" + v));
            groups.add("{" + String.join(",", kv) + "}");
        }
        return "[" + String.join(",", groups) + "]";
    }

    private static List<Map<String, Double>> groupsFromJson(String json, int expected) {
        if (!(Json.parse(json) instanceof List<?> list) || list.size() != expected) {
            throw new IllegalArgumentException("expected " + expected + " parameter groups");
        }
        List<Map<String, Double>> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof Map<?, ?> m)) throw new IllegalArgumentException("a parameter group is not an object");
            Map<String, Double> g = new LinkedHashMap<>();
            m.forEach((k, v) -> g.put((String) k, ((Number) v).doubleValue()));
            out.add(g);
        }
        return out;
    }

    private static String join(long[] values) {
        StringBuilder sb = new StringBuilder();
        for (long v : values) sb.append(sb.length() == 0 ? "" : ",").append(v);
        return sb.toString();
    }

    private static long[] split(String s) {
        String[] parts = s.split(",");
        long[] out = new long[parts.length];
        for (int i = 0; i < parts.length; i++) out[i] = Long.parseLong(parts[i].trim());
        return out;
    }
}
