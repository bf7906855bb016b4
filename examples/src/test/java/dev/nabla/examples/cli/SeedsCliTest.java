package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** experiment --seeds, sweep and train --seeds on small generated data: the console, the recorded command and the refusals. */
class SeedsCliTest {
    @TempDir
    static Path data;

    @TempDir
    Path tmp;

    @BeforeAll
    static void tinyData() throws IOException {
        DataOption.files = TinyFashion.write(data, 200, 60, true);
    }

    @AfterAll
    static void restore() {
        DataOption.files = FashionMnist.FILES;
    }

    @Test
    void theExperimentCountsRunsSaysTheTimeLeftAndEndsWithTheTable() throws IOException {
        Path out = tmp.resolve("runs");
        CliTest.Result r = CliTest.run("experiment", "--data", data.toString(), "--out", out.toString(), "--train-limit", "100", "--epochs",
                "2", "--book-epochs", "1", "--seeds", "2");
        assertEquals(0, r.code(), r.err());
        String o = r.out();
        assertEquals(1, o.split("train = running mean over the epoch's batches in training mode", -1).length - 1, "the vocabulary, once: " + o);
        assertTrue(o.contains("run 1/8  no-dropout       epoch  1/2  train loss "), o);
        assertTrue(o.matches("(?s).*run 1/8  no-dropout       epoch  1/2 .*(about \\d+ s|less than a second) left\n.*"), o);
        assertTrue(o.contains("run 8/8  book "), "two seeds of three configurations and of the book: 8 runs");
        assertTrue(o.matches("(?s).*\nconfiguration +dropout +epochs +train loss .*\nno dropout +0\\.0, 0\\.0 +2 .*\\(.*-.*\\).*"),
                "the final table, with the seeds' ranges: " + o);
        assertTrue(o.matches("(?s).*\nDone in [0-9.]+ s\\. Report: .*report\\.html\n"), o);
        Path dir;
        try (Stream<Path> s = Files.list(out)) {
            dir = s.findFirst().orElseThrow();
        }
        String command = new ObjectMapper().readTree(dir.resolve("config.json").toFile()).get("command").asText();
        assertEquals("nabla experiment --data " + data + " --out " + out + " --train-limit 100 --epochs 2 --book-epochs 1 --seeds 2", command,
                "the command as typed, the word experiment once");
        assertTrue(Files.readString(dir.resolve("report.html")).contains(command));
    }

    @Test
    void theSweepWritesItsFolderAndRefusesABadList() throws IOException {
        Path out = tmp.resolve("runs");
        CliTest.Result r = CliTest.run("sweep", "--data", data.toString(), "--out", out.toString(), "--dropout", "0,0.5", "--epochs", "2",
                "--seeds", "2", "--train-limit", "100");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("run 4/4  p-0.5 "), r.out());
        assertTrue(r.out().matches("(?s).*\np +train loss +train acc +test loss +test acc +gap +seeds +seconds per run\n0 .*"), r.out());
        try (Stream<Path> s = Files.list(out)) {
            Path dir = s.findFirst().orElseThrow();
            assertTrue(dir.getFileName().toString().startsWith("sweep-"));
            assertTrue(Files.exists(dir.resolve("plots/sweep.png")) && Files.exists(dir.resolve("report.html")));
        }
        CliTest.Result bad = CliTest.run("sweep", "--data", data.toString(), "--out", out.toString(), "--dropout", "0,0.2,...,0.5");
        assertEquals(2, bad.code());
        assertTrue(bad.err().startsWith("--dropout '0,0.2,...,0.5': counting from 0 in steps of 0.2 does not reach 0.5"), bad.err());
        CliTest.Result none = CliTest.run("sweep", "--data", data.toString(), "--seeds", "0");
        assertEquals(2, none.code());
        assertTrue(none.err().startsWith("--seeds must be at least 1, but got 0"), none.err());
    }

    @Test
    void trainWithSeedsKeepsEachRunAndPrintsTheSpread() throws IOException {
        Path out = tmp.resolve("seeds");
        CliTest.Result r = CliTest.run("train", "--data", data.toString(), "--out", out.toString(), "--epochs", "2", "--train-limit", "100",
                "--seeds", "3", "--seed", "4");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("seed 4 (1 of 3)") && r.out().contains("seed 6 (3 of 3)"), r.out());
        assertTrue(r.out().matches("(?s).*\nover 3 seeds \\(4 to 6; mean \\(min-max\\)\\): train loss [0-9.]+ \\([0-9.]+-[0-9.]+\\), .*test acc "
                + "[0-9.]+% \\([0-9.]+-[0-9.]+\\)\n"), r.out());
        for (int s = 4; s <= 6; s++) {
            assertTrue(Files.exists(out.resolve("seed-" + s + "/model.safetensors")), "seed " + s + " kept in its own folder");
        }
        CliTest.Result resume = CliTest.run("train", "--data", data.toString(), "--resume", out.resolve("seed-4").toString(), "--seeds", "2");
        assertEquals(2, resume.code());
        assertTrue(resume.err().startsWith("--resume continues one run and --seeds starts several"), resume.err());
        assertFalse(resume.err().contains("\tat "));
    }
}
