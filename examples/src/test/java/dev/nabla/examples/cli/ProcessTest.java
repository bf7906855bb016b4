package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line in processes of its own (see {@link TinyCli}): killed with SIGKILL and resumed,
 * locked against by a second run, and failing in ways a test JVM cannot survive.
 */
class ProcessTest {
    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    /** Dropout, momentum and shuffling: every piece of state a resume must restore. */
    static final List<String> RUN = List.of("train", "--hidden", "64,32", "--dropout", "0.2,0.5", "--lr", "0.05", "--momentum", "0.9",
            "--batch-size", "32", "--seed", "3", "--train-limit", "600");

    @BeforeAll
    static void tinyData() throws IOException {
        DataOption.files = TinyFashion.write(data, 600, 100, true);
        TinyFashion.writeSums(data, DataOption.files);
    }

    @AfterAll
    static void restore() {
        DataOption.files = FashionMnist.FILES;
    }

    /** {@code java ... TinyCli DATA args}, its output (both streams) going to {@code log}. */
    static Process start(Path log, List<String> jvmOptions, List<String> args) throws IOException {
        return start(data, log, jvmOptions, args);
    }

    static Process start(Path data, Path log, List<String> jvmOptions, List<String> args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.awt.headless=true", "-XX:+UseSerialGC"));
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()) cmd.add("--add-modules=jdk.incubator.vector");
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), TinyCli.class.getName(), data.toString()));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static List<String> args(List<String> base, String... more) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of("--data", data.toString()));
        all.addAll(Arrays.asList(more));
        return all;
    }

    static int finish(Process p, Path log) throws Exception {
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("timed out: " + Files.readString(log));
        }
        return p.exitValue();
    }

    /** Polls run.json (written atomically, so always whole) until {@code until} holds or the process ends. */
    static JsonNode await(Process p, Path dir, Predicate<JsonNode> until) throws Exception {
        Path run = dir.resolve("run.json");
        for (long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(300); System.nanoTime() < end; Thread.sleep(5)) {
            if (Files.exists(run)) {
                JsonNode n = new ObjectMapper().readTree(Files.readAllBytes(run));
                if (until.test(n)) return n;
            }
            if (!p.isAlive()) throw new AssertionError("the run ended first, with " + p.exitValue());
        }
        throw new AssertionError("timed out");
    }

    @Test
    void aRunKilledMidwayAndResumedEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        int epochs = 16;
        Path whole = tmp.resolve("whole"), killed = tmp.resolve("killed");
        Path log1 = tmp.resolve("whole.log"), log2 = tmp.resolve("killed.log"), log3 = tmp.resolve("resumed.log");
        assertEquals(0, finish(start(log1, List.of(), args(RUN, "--epochs", "" + epochs, "--out", whole.toString())), log1),
                Files.readString(log1));

        Process victim = start(log2, List.of(), args(RUN, "--epochs", "" + epochs, "--out", killed.toString()));
        JsonNode seen = await(victim, killed, n -> n.get("epochsFinished").asInt() >= 2);
        victim.destroyForcibly();  // SIGKILL: no shutdown hook, no finally block runs
        victim.waitFor();
        JsonNode left = new ObjectMapper().readTree(killed.resolve("run.json").toFile());
        assertEquals("running", left.get("status").asText(), "killed, not finished");
        assertTrue(left.get("epochsFinished").asInt() < epochs, left.toString());
        assertFalse(Files.exists(killed.resolve("model.safetensors")));
        Path torn = Files.writeString(killed.resolve(".metrics.csv.k1ll3d.tmp"), "half a file");  // as a write cut short leaves it

        Process resumed = start(log3, List.of(), List.of("train", "--resume", killed.toString()));  // no other flag needed
        assertEquals(0, finish(resumed, log3), Files.readString(log3));
        String out = Files.readString(log3);
        assertTrue(out.matches("(?s).*resuming " + killed + " after epoch \\d+ of " + epochs + ".*"), out);
        assertTrue(out.contains("temporary file(s) that an interrupted write left in " + killed), out);
        assertFalse(Files.exists(torn));
        assertTrue(seen.get("epochsFinished").asInt() >= 2);

        assertArrayEquals(Files.readAllBytes(whole.resolve("model.safetensors")), Files.readAllBytes(killed.resolve("model.safetensors")),
                "the same final weights, byte for byte");
        List<String> a = Files.readAllLines(whole.resolve("metrics.csv")), b = Files.readAllLines(killed.resolve("metrics.csv"));
        assertEquals(epochs + 1, a.size());
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) assertEquals(withoutTimes(a.get(i)), withoutTimes(b.get(i)), "metrics.csv line " + i);
        assertEquals("finished", new ObjectMapper().readTree(killed.resolve("run.json").toFile()).get("status").asText());
    }

    /** A metrics.csv line without its two timing columns. */
    static String withoutTimes(String line) {
        String[] cells = line.split(",", -1);
        return String.join(",", Arrays.copyOf(cells, cells.length - 2));
    }

    @Test
    void aSecondRunIntoTheSameFolderFailsAtOnceNamingTheFirst() throws Exception {
        Path out = tmp.resolve("shared"), log = tmp.resolve("first.log");
        Process first = start(log, List.of(), args(RUN, "--epochs", "10000", "--out", out.toString()));
        try {
            await(first, out, n -> true);  // the folder is held once run.json exists
            long t0 = System.nanoTime();
            CliTest.Result second = CliTest.run(args(RUN, "--epochs", "1", "--out", out.toString()).toArray(String[]::new));
            assertEquals(1, second.code());
            String line = second.err().lines().findFirst().orElse("");
            assertTrue(line.matches("nabla train: " + java.util.regex.Pattern.quote(out.toString()) + " is in use by another run \\(pid "
                    + first.pid() + ", started [0-9T:-]+Z: nabla train --hidden 64,32 .* --out " + java.util.regex.Pattern.quote(out.toString())
                    + "\\): wait for it to finish, or choose another folder"), line);
            assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "at once, without reading the data");
            assertFalse(second.out().contains("Fashion-MNIST from"), second.out());
        } finally {
            first.destroyForcibly();
            first.waitFor();
        }
    }

    @Test
    void errorsThatEndTheJvmAreStillOneLine() throws Exception {
        Path log = tmp.resolve("kernels.log");
        int code = finish(start(log, List.of("-Dnabla.kernels=bogus"), args(List.of("train"), "--epochs", "1")), log);
        assertEquals(1, code);
        List<String> lines = errorLines(log);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("nabla train: ") && lines.get(0).contains("'bogus'"), lines.get(0));
        assertFalse(lines.get(0).contains("Error") || lines.get(0).contains("Exception"), lines.get(0));
        assertEquals("(set NABLA_DEBUG=1 to see the stack trace)", lines.get(1));

        Path big = Files.createDirectory(tmp.resolve("big")), oom = tmp.resolve("oom.log");
        TinyFashion.writeSums(big, TinyFashion.write(big, 40_000, 10, false));  // 31 MB of images for a 16 MB heap
        assertEquals(1, finish(start(big, oom, List.of("-Xmx16m"), List.of("train", "--data", big.toString(), "--epochs", "1")), oom),
                Files.readString(oom));
        lines = errorLines(oom);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).matches("nabla train: out of memory: this run needs more than the \\d+ MB the Java heap may use\\. Use a "
                + "smaller batch \\(--batch-size\\) or, for the MLP, narrower layers \\(--hidden\\), or give Java more memory, e\\.g\\. "
                + "NABLA_JAVA_OPTS=-Xmx2g"), lines.get(0));
    }

    /** The lines a user reads as errors: everything but the normal output and the JVM's incubator notice. */
    static List<String> errorLines(Path log) throws IOException {
        return Files.readAllLines(log).stream().filter(l -> l.startsWith("nabla") || l.startsWith("(") || l.startsWith("\tat ")
                || l.startsWith("Exception") || l.contains("Error")).filter(l -> !l.startsWith("WARNING")).toList();
    }
}
