package dev.nabla.examples.experiment;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.nn.io.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Where a run came from: settings, software, machine, data and times, written as {@code config.json}. */
public final class Provenance {
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

    /** The JSON document: every run's settings and timing, plus environment, data and times. */
    public static String json(List<RunResult> runs, Map<String, String> data, String why, Instant start, Instant end, String command) {
        StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"command\": ").append(Json.quote(command)).append(",\n");
        sb.append("  \"started\": ").append(Json.quote(start.toString())).append(",\n");
        sb.append("  \"finished\": ").append(Json.quote(end.toString())).append(",\n");
        sb.append(String.format(Locale.ROOT, "  \"seconds\": %.1f,%n", (end.toEpochMilli() - start.toEpochMilli()) / 1000.0));
        sb.append("  \"why\": ").append(Json.quote(why)).append(",\n");
        sb.append("  \"environment\": ").append(object(environment(), "  ")).append(",\n");
        sb.append("  \"data\": ").append(object(data, "  ")).append(",\n");
        sb.append("  \"runs\": [");
        List<String> items = new ArrayList<>();
        for (RunResult r : runs) {
            RunConfig c = r.config();
            items.add(String.format(Locale.ROOT, "\n    {\"name\": %s, \"label\": %s, \"model\": %s, \"hidden\": %s, \"dropout\": [%s], "
                            + "\"lr\": %s, \"momentum\": %s, \"batchSize\": %d, \"epochs\": %d, \"trainLimit\": %d, \"seed\": %d, "
                            + "\"seconds\": %.1f}",
                    Json.quote(c.name()), Json.quote(c.label()), Json.quote(c.model()), java.util.Arrays.toString(c.hidden()),
                    c.dropoutText(), c.lr(), c.momentum(), c.batchSize(), c.epochs(), c.trainLimit(), c.seed(), r.seconds()));
        }
        sb.append(String.join(",", items)).append("\n  ]\n}\n");
        return sb.toString();
    }

    private static String object(Map<String, String> m, String indent) {
        List<String> kv = new ArrayList<>();
        m.forEach((k, v) -> kv.add(indent + "  " + Json.quote(k) + ": " + Json.quote(v)));
        return "{\n" + String.join(",\n", kv) + "\n" + indent + "}";
    }
}
