package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.examples.experiment.MetricsCsv;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code nabla train} on small generated data: divergence, empty runs, output folders, resume and sizes. */
class TrainCliTest {
    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinyData() throws IOException {
        DataOption.files = TinyFashion.write(data, 200, 60, true);
    }

    @org.junit.jupiter.api.AfterAll
    static void restore() {
        DataOption.files = FashionMnist.FILES;
    }

    static CliTest.Result train(String... args) {
        return CliTest.onData(data, "train", args);
    }

    @Test
    void aDivergedRunExitsWithOneLineAndKeepsItsFinishedEpochs() throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Result r = train("--out", out.toString(), "--lr", "1000", "--train-limit", "20", "--batch-size", "20", "--dropout", "0,0",
                "--epochs", "10");
        assertEquals(1, r.code(), r.out() + r.err());
        Matcher m = Pattern.compile("nabla train: run 'train' diverged at epoch (\\d+), [^\\n]+\\. Likely cause: steps too large for this "
                + "model; lower --lr \\(now 1000\\)\\.\\n\\(set NABLA_DEBUG=1 to see the stack trace\\)\\n").matcher(r.err());
        assertTrue(m.matches(), r.err());
        int epoch = Integer.parseInt(m.group(1));
        assertTrue(epoch >= 2, "this setting diverges after a few epochs: " + r.err());
        List<String> csv = Files.readAllLines(out.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, csv.get(0));
        assertEquals(epoch - 1, csv.size() - 1, "the epochs finished before are kept");
        assertFalse(csv.toString().contains("NaN"), csv.toString());
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", run.get("status").asText());
        assertEquals(epoch - 1, run.get("epochsFinished").asInt());
        assertTrue(run.get("message").asText().startsWith("run 'train' diverged at epoch " + epoch), run.toString());
        assertFalse(Files.exists(out.resolve("model.safetensors")), "no weights of a diverged run pass as a result");
        assertTrue(Files.exists(out.resolve("checkpoint.safetensors")) && Files.exists(out.resolve("curves.png")));

        CliTest.Result again = train("--resume", out.toString());
        assertEquals(1, again.code());
        assertTrue(again.err().startsWith("nabla train: cannot resume " + out + ": its run diverged, and resuming would diverge again"),
                again.err());
    }

    @Test
    void aNewRunReplacesTheEarlierOneSoThatAFolderNeverMixesTwoRuns() throws IOException {
        Path out = tmp.resolve("mix");
        assertEquals(0, train("--out", out.toString(), "--epochs", "1", "--hidden", "16", "--dropout", "0.5", "--train-limit", "100").code());
        assertTrue(Files.exists(out.resolve("model.safetensors")));
        CliTest.Result second = train("--out", out.toString(), "--lr", "1e6", "--dropout", "0,0", "--train-limit", "20", "--batch-size",
                "20", "--epochs", "3");
        assertEquals(1, second.code(), second.out() + second.err());
        assertTrue(second.out().contains("replacing the earlier run in " + out + " (nabla train "), second.out());
        assertFalse(Files.exists(out.resolve("model.safetensors")), "the first run's model must not sit beside the second run's record");
        JsonNode run = new ObjectMapper().readTree(out.resolve("run.json").toFile());
        assertEquals("diverged", run.get("status").asText());
        assertEquals(1e6, run.get("config").get("lr").asDouble());
    }

    @Test
    void aHugeBatchSizeTrainsOneBatchPerEpoch() {
        CliTest.Result r = train("--batch-size", "2147483647", "--train-limit", "50", "--epochs", "1", "--hidden", "16", "--dropout", "0");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("(?s).*train +epoch  1/1 +train loss 2\\.\\d{4} .*"), "one real step, not NaN from zero: " + r.out());
        CliTest.Result none = train("--batch-size", "300", "--drop-last", "--epochs", "1");
        assertEquals(1, none.code(), none.out());
        assertTrue(none.err().startsWith("nabla train: batch size 300 with drop-last leaves no full batch of 200 training images, so no step "
                + "would run"), none.err());
        CliTest.Result refused = train("--batch-size", "300", "--drop-last", "--train-limit", "100");
        assertEquals(2, refused.code());
        assertTrue(refused.err().startsWith("batch size 300 with drop-last leaves no full batch of 100 training images"), refused.err());
    }

    @Test
    void aBadOutputFolderFailsBeforeAnyDataIsRead() throws IOException {
        Path file = Files.writeString(tmp.resolve("file"), "x");
        for (String[] c : new String[][] {
            {file.toString(), "nabla train: cannot use " + file + " as the output folder: it is a file"},
            {file.resolve("sub").toString(), "nabla train: cannot create the output folder " + file.resolve("sub") + ": " + file
                + " is a file, not a folder"}}) {
            CliTest.Result r = train("--out", c[0]);
            assertEquals(1, r.code());
            assertEquals(c[1] + "\n(set NABLA_DEBUG=1 to see the stack trace)\n", r.err());
            assertFalse(r.out().contains("Fashion-MNIST from"), "no data was read: " + r.out());
        }
        CliTest.Result e = CliTest.run("experiment", "--data", data.toString(), "--out", file.toString());
        assertEquals(1, e.code());
        assertEquals("nabla experiment: cannot use " + file + " as the output folder: it is a file", e.err().lines().findFirst().orElse(""));
    }

    @Test
    void anUnwritableOutputFolderFailsBeforeAnyDataIsRead() throws IOException {
        if (Files.isDirectory(Path.of("/sys/kernel"))) {  // sysfs: not even root may create a folder there
            CliTest.Result r = train("--out", "/sys/kernel/nabla-test-output");
            assertEquals(1, r.code());
            assertTrue(r.err().matches("(?s)nabla train: cannot create the output folder /sys/kernel/nabla-test-output: [A-Za-z][^\\n]+\\n.*"), r.err());
            assertFalse(r.out().contains("Fashion-MNIST from"), "no data was read: " + r.out());
        }
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(canCreateIn(locked), "running as root: permissions do not bite");
            CliTest.Result r = train("--out", locked.toString());
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("nabla train: cannot write into the output folder " + locked + ": permission denied\n"), r.err());
            assertFalse(r.out().contains("Fashion-MNIST from"), "no data was read: " + r.out());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** False when permissions bite; true as root, where a read-only folder is writable. */
    static boolean canCreateIn(Path dir) throws IOException {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (java.nio.file.AccessDeniedException e) {
            return false;
        }
    }

    @Test
    void resumeContinuesWithTheStoredSettingsAndRefusesOthers() throws IOException {
        Path out = tmp.resolve("out");
        CliTest.Result first = train("--out", out.toString(), "--epochs", "1", "--hidden", "16", "--dropout", "0.5", "--train-limit", "100");
        assertEquals(0, first.code(), first.err());
        for (String f : new String[] {"run.json", "metrics.csv", "checkpoint.safetensors", "model.safetensors", "curves.png", "curves.svg"}) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        CliTest.Result conflict = train("--resume", out.toString(), "--lr", "0.1", "--hidden", "16");
        assertEquals(2, conflict.code());
        assertTrue(conflict.err().startsWith("--resume " + out + " continues the run with the settings it started with, and these options "
                + "differ from them: --lr 0.1 (the run has 0.5). Leave them out, or start a new run with another --out."), conflict.err());
        CliTest.Result done = train("--resume", out.toString());
        assertEquals(1, done.code());
        assertTrue(done.err().startsWith("nabla train: cannot resume " + out + ": its run has finished 1 of 1 epochs; to train it further, "
                + "pass --epochs with more than 1"), done.err());
        CliTest.Result further = CliTest.run("train", "--resume", out.toString(), "--epochs", "2");  // the data folder is stored too
        assertEquals(0, further.code(), further.err());
        assertTrue(further.out().contains("resuming " + out + " after epoch 1 of 2"), further.out());
        assertTrue(further.out().contains("hidden [16], dropout [0.5]"), further.out());
        assertEquals(3, Files.readAllLines(out.resolve("metrics.csv")).size());

        String json = Files.readString(out.resolve("run.json"));
        Files.writeString(out.resolve("run.json"), json.replace("\"lr\" : 0.5", "\"lr\" : \"fast\""));
        CliTest.Result damaged = train("--resume", out.toString(), "--epochs", "3");
        assertEquals(1, damaged.code());
        assertEquals("nabla train: " + out.resolve("run.json") + ": field 'lr' should be a number, but it is \"fast\"",
                damaged.err().lines().findFirst().orElse(""));
        Files.writeString(out.resolve("run.json"), json.substring(0, json.length() / 2));
        damaged = train("--resume", out.toString(), "--epochs", "3");
        assertTrue(damaged.err().startsWith("nabla train: " + out.resolve("run.json") + " is not valid JSON: "), damaged.err());

        for (String lie : new String[] {"-7", "2147483647", "3"}) {  // the run has 2 epochs: none of these can be true
            Files.writeString(out.resolve("run.json"), json.replaceAll("\"epochsFinished\" : \\d+", "\"epochsFinished\" : " + lie));
            damaged = train("--resume", out.toString(), "--epochs", "3");
            assertEquals("nabla train: " + out.resolve("run.json") + ": field 'epochsFinished' should be between 0 and the run's 2 epochs, "
                    + "but it is " + lie, damaged.err().lines().findFirst().orElse(""), lie);
        }

        CliTest.Result nothing = train("--resume", tmp.resolve("empty").toString());
        assertEquals("nabla train: cannot resume " + tmp.resolve("empty") + ": no such folder", nothing.err().lines().findFirst().orElse(""));
    }

    @Test
    void aModelTooLargeForTheHeapIsRefusedUpFrontInOneLine() {
        CliTest.Result r = train("--hidden", "40000,40000");
        assertEquals(1, r.code());
        assertTrue(r.err().matches("nabla train: this model needs about 12\\.8 GB to train \\(1,631,840,010 parameters, batch 256\\), but the "
                + "Java heap is limited to [0-9.]+ [GM]B: use smaller hidden widths or batches, or give Java more memory, e.g. "
                + "NABLA_JAVA_OPTS=-Xmx14g \\./nabla \\.\\.\\.\\n\\(set NABLA_DEBUG=1 to see the stack trace\\)\\n")
                || Runtime.getRuntime().maxMemory() > 14L << 30, r.err());
        assertFalse(r.out().contains("Fashion-MNIST from"), r.out());
    }
}
