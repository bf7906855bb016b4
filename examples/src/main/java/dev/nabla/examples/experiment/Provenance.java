package dev.nabla.examples.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.core.kernel.Kernels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Where a run came from: settings, software, machine, data and times, written as {@code config.json}. */
public final class Provenance {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Provenance() {}

    /** Facts about this JVM and machine. */
    public static Map<String, String> environment() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("nabla", Version.VERSION);
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ", " + System.getProperty("java.vm.name") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        m.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        m.put("maxHeapMiB", Long.toString(Runtime.getRuntime().maxMemory() >> 20));
        m.put("kernels", Kernels.active().name());
        return m;
    }

    /**
     * The JSON document: every run's settings and timing, plus environment, data and times.
     *
     * @param status empty for a finished experiment, else what is missing ("incomplete: ...")
     */
    public static String json(List<RunResult> runs, Map<String, String> data, String why, Instant start, Instant end, String command,
                              String status) {
        ObjectNode root = JSON.createObjectNode();
        root.put("command", command);
        if (!status.isEmpty()) root.put("status", status);
        root.put("started", start.toString());
        root.put("finished", end.toString());
        root.put("seconds", Math.round((end.toEpochMilli() - start.toEpochMilli()) / 100.0) / 10.0);
        root.put("why", why);
        ObjectNode env = root.putObject("environment");
        environment().forEach(env::put);
        ObjectNode d = root.putObject("data");
        data.forEach(d::put);
        ArrayNode list = root.putArray("runs");
        for (RunResult r : runs) {
            ObjectNode o = toJson(r.config());
            o.put("epochsFinished", r.epochs().size());
            o.put("seconds", Math.round(r.seconds() * 10) / 10.0);
            list.add(o);
        }
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);  // a tree of strings and numbers always serialises
        }
    }

    /** A run's settings as a JSON object. */
    static ObjectNode toJson(RunConfig c) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", c.name());
        o.put("label", c.label());
        o.put("model", c.model());
        ArrayNode hidden = o.putArray("hidden");
        for (int h : c.hidden()) hidden.add(h);
        ArrayNode dropout = o.putArray("dropout");
        for (double p : c.dropout()) dropout.add(p);
        o.put("lr", c.lr());
        o.put("momentum", c.momentum());
        o.put("batchSize", c.batchSize());
        o.put("epochs", c.epochs());
        o.put("trainLimit", c.trainLimit());
        o.put("seed", c.seed());
        o.put("dropLast", c.dropLast());
        return o;
    }

    /**
     * Reads what {@link #toJson(RunConfig)} wrote.
     *
     * @throws IOException naming {@code file} and the field when a field is missing or mistyped
     * @throws IllegalArgumentException when the values do not make a valid configuration
     */
    static RunConfig configFromJson(JsonNode node, Path file) throws IOException {
        TrainFolder.Fields f = new TrainFolder.Fields(file, node);
        JsonNode h = f.array("hidden"), d = f.array("dropout");
        int[] hidden = new int[h.size()];
        for (int i = 0; i < hidden.length; i++) {
            if (!h.get(i).isIntegralNumber() || !h.get(i).canConvertToInt()) throw f.bad("hidden", "a list of integers");
            hidden[i] = h.get(i).asInt();
        }
        double[] dropout = new double[d.size()];
        for (int i = 0; i < dropout.length; i++) {
            if (!d.get(i).isNumber()) throw f.bad("dropout", "a list of numbers");
            dropout[i] = d.get(i).asDouble();
        }
        return new RunConfig(f.text("name"), f.text("label"), f.text("model"), hidden, dropout, f.number("lr"), f.number("momentum"),
                f.integer("batchSize"), f.integer("epochs"), f.integer("trainLimit"), f.longValue("seed"), f.bool("dropLast"));
    }
}
