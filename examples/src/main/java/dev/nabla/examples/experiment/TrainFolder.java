package dev.nabla.examples.experiment;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.io.AtomicFiles;
import dev.nabla.nn.io.SafeTensors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * What {@code nabla train --out DIR} keeps in DIR, and when. At the start and after every epoch:
 * {@code run.json} (settings, command, data folder, status and epochs finished). After every
 * epoch: {@code checkpoint.safetensors} (everything {@code --resume} needs) and
 * {@code metrics.csv}. At the end: {@code curves.png}/{@code .svg}, and for a finished run
 * {@code model.safetensors} (the weights). Every file is written atomically.
 */
public final class TrainFolder {
    /** File names in the folder. */
    public static final String RUN = "run.json", CHECKPOINT = "checkpoint.safetensors", METRICS = "metrics.csv", MODEL = "model.safetensors";
    /** The curves plot's name: written as curves.png and curves.svg. */
    public static final String CURVES = "curves";
    /** Statuses in run.json. */
    public static final String RUNNING = "running", FINISHED = "finished", DIVERGED = "diverged";

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * run.json's content.
     *
     * @param data    the data folder the run read
     * @param status  {@link #RUNNING} (also after a crash or kill), {@link #FINISHED} or {@link #DIVERGED}
     * @param message why the run stopped (empty unless diverged)
     */
    public record State(RunConfig config, String command, String data, String started, String status, int epochsFinished, String message) {
        /** A copy with another status. */
        public State with(String status, int epochsFinished, String message) {
            return new State(config, command, data, started, status, epochsFinished, message);
        }
    }

    private final Path dir;
    private State state;

    /** Starts (or resumes) {@code runner}'s run in {@code dir}, which the caller holds (see {@link RunFolder}): writes run.json and metrics.csv. */
    public TrainFolder(Path dir, Runner runner, String command, Path data) throws IOException {
        this.dir = dir;
        this.state = new State(runner.config(), command, data.toAbsolutePath().toString(),
                Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), RUNNING, runner.result().epochs().size(), "");
        MetricsCsv.write(dir.resolve(METRICS), List.of(runner.result()));
        write();
    }

    /**
     * Refuses to start when {@code dir}'s disk cannot hold what the run will write: two
     * checkpoints at once (an atomic replace keeps the old one until the new one is whole), the
     * weights, and a megabyte for plots and text.
     */
    public static void checkSpace(Path dir, RunConfig config) throws IOException {
        long checkpoint = 4 * config.parameterCount() * (config.momentum() > 0 ? 2 : 1) + 65_536;
        long need = 2 * checkpoint + 4 * config.parameterCount() + (1 << 20), free = Files.getFileStore(dir).getUsableSpace();
        if (free < need) {
            throw new IOException("the output folder " + dir + " has " + RunConfig.gib(free) + " free, but this run writes about "
                    + RunConfig.gib(need) + " (checkpoints, weights, plots): free some space, or choose another --out");
        }
    }

    /** The checkpoint file. */
    public Path checkpoint() {
        return dir.resolve(CHECKPOINT);
    }

    /** After every epoch: checkpoint, metrics.csv and run.json. */
    public void epochFinished(Runner runner, EpochMetrics m) throws IOException {
        runner.save(checkpoint());
        MetricsCsv.write(dir.resolve(METRICS), List.of(runner.result()));
        state = state.with(RUNNING, m.epoch(), "");
        write();
    }

    /** The run diverged: the curves of the finished epochs, and run.json says where it stopped. */
    public void diverged(Runner runner, DivergedException e) throws IOException {
        if (!runner.result().epochs().isEmpty()) Charts.save(Charts.curves(runner.result()), dir.resolve(CURVES));
        state = state.with(DIVERGED, runner.result().epochs().size(), e.getMessage());
        write();
    }

    /** The run finished: curves, weights, and run.json says so. */
    public void finished(Runner runner) throws IOException {
        Charts.save(Charts.curves(runner.result()), dir.resolve(CURVES));
        SafeTensors.save(dir.resolve(MODEL), runner.net().stateDict());
        state = state.with(FINISHED, runner.result().epochs().size(), "");
        write();
    }

    private void write() throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("status", state.status());
        root.put("epochsFinished", state.epochsFinished());
        if (!state.message().isEmpty()) root.put("message", state.message());
        root.put("command", state.command());
        root.put("started", state.started());
        root.put("updated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        root.put("data", state.data());
        root.set("config", Provenance.toJson(state.config()));
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        AtomicFiles.write(dir.resolve(RUN), out -> out.write(bytes));
    }

    /** The files a train run writes into its folder (curves also as .svg). */
    static final List<String> RUN_FILES = List.of(RUN, CHECKPOINT, METRICS, MODEL, CURVES + ".png", CURVES + ".svg");

    /**
     * Deletes what an earlier run left in {@code dir} before a new run starts there, so that the
     * folder never mixes two runs (a new run that stops early would otherwise sit beside the old
     * one's model). The caller holds the folder (see {@link RunFolder}) and has refused to replace a
     * run that could be resumed.
     *
     * @return the earlier run's command, or null when the folder held none
     * @throws IOException naming the file that could not be deleted
     */
    public static String clearEarlierRun(Path dir) throws IOException {
        String earlier;
        try {
            State s = read(dir);
            earlier = s == null ? null : s.command();
        } catch (IOException damaged) {
            earlier = "a run whose " + RUN + " is damaged";
        }
        boolean any = false;
        for (String name : RUN_FILES) {
            try {
                any |= Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new IOException("cannot replace the earlier run in " + dir + ": deleting " + dir.resolve(name) + " failed ("
                        + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            }
        }
        return any ? (earlier != null ? earlier : "files of an earlier run") : null;
    }

    /**
     * Reads DIR/run.json, or returns null when there is none.
     *
     * @throws IOException naming the file and the field when it is damaged
     */
    public static State read(Path dir) throws IOException {
        Path file = dir.resolve(RUN);
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (JacksonException e) {
            throw new IOException(file + " is not valid JSON: " + e.getOriginalMessage());
        }
        Fields f = new Fields(file, root);
        String status = f.text("status");
        if (!List.of(RUNNING, FINISHED, DIVERGED).contains(status)) throw f.bad("status", "running, finished or diverged");
        RunConfig config;
        try {
            config = Provenance.configFromJson(f.object("config"), file);
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " holds settings that are not valid: " + e.getMessage(), e);
        }
        String message = root.has("message") ? f.text("message") : "";
        int finished = f.integer("epochsFinished");
        if (finished < 0 || finished > config.epochs()) throw f.bad("epochsFinished", "between 0 and the run's " + config.epochs() + " epochs");
        return new State(config, f.text("command"), f.text("data"), f.text("started"), status, finished, message);
    }

    /** Reads required fields of a JSON object, with errors that name the file and the field. */
    record Fields(Path file, JsonNode node) {
        String text(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isTextual()) throw bad(name, "a string");
            return v.asText();
        }

        int integer(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.canConvertToInt() || !v.isIntegralNumber()) throw bad(name, "an integer");
            return v.asInt();
        }

        long longValue(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) throw bad(name, "an integer");
            return v.asLong();
        }

        double number(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isNumber()) throw bad(name, "a number");
            return v.asDouble();
        }

        boolean bool(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isBoolean()) throw bad(name, "true or false");
            return v.asBoolean();
        }

        JsonNode object(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isObject()) throw bad(name, "an object");
            return v;
        }

        JsonNode array(String name) throws IOException {
            JsonNode v = node.get(name);
            if (v == null || !v.isArray()) throw bad(name, "a list");
            return v;
        }

        IOException bad(String name, String expected) {
            JsonNode v = node.get(name);
            return new IOException(file + ": field '" + name + "' should be " + expected + ", but " + (v == null ? "it is missing" : "it is " + v));
        }
    }
}
