package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The dropout sweep: its list of p, and a tiny sweep's files. */
class SweepTest {
    @TempDir
    Path tmp;

    @Test
    void aListOfPCountsPairsAndRanges() {
        List<double[]> ps = Sweep.parse(Sweep.DEFAULT_DROPOUT, 2);
        assertEquals(10, ps.size());
        assertArrayEquals(new double[] {0.7, 0.7}, ps.get(7));
        assertArrayEquals(new double[] {0.9, 0.9}, ps.get(9), "0.1 steps counted exactly, not in floating point");
        List<double[]> pairs = Sweep.parse("0.2/0.5, 0.5/0.5", 2);
        assertArrayEquals(new double[] {0.2, 0.5}, pairs.get(0));
        assertEquals("0.2/0.5", Sweep.text(pairs.get(0)));
        assertEquals("0.5", Sweep.text(pairs.get(1)));
        assertEquals(List.of("0", "0.25", "0.5"), Sweep.parse("0,0.25,...,0.5", 2).stream().map(Sweep::text).toList());
    }

    @Test
    void aBadListSaysWhatIsWrong() {
        assertEquals("--dropout '0,0.3,...,0.9,x': 'x' is not a number", message("0,0.3,...,0.9,x"));
        assertEquals("--dropout '0,0.4,...,0.9': counting from 0 in steps of 0.4 does not reach 0.9", message("0,0.4,...,0.9"));
        assertEquals("--dropout '...,0.9': '...' needs two numbers before it and one after, as in 0,0.1,...,0.9", message("...,0.9"));
        assertEquals("--dropout '0.1/0.2/0.3': '0.1/0.2/0.3' gives 3 values of p, but the network has 2 hidden layers (give one p for all, "
                + "or one per layer: a/b)", message("0.1/0.2/0.3"));
        assertEquals("--dropout '0.5,1': p has to be at least 0 and below 1 (at 1 nothing gets through), but got 1.0", message("0.5,1"));
        assertEquals("--dropout '0.5,0.5/0.5' lists 0.5 twice", message("0.5,0.5/0.5"));
    }

    private static String message(String spec) {
        return assertThrows(IllegalArgumentException.class, () -> Sweep.parse(spec, 2)).getMessage();
    }

    @Test
    void aTinySweepWritesItsFolderMeasuringOnlyTheLastEpoch() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        FashionMnist fm = FashionMnist.load(data, TinyFashion.write(data, 200, 60, true));
        Experiment.Plan plan = Sweep.plan(Sweep.parse("0,0.5", 2), 3, 2, 200, 3);
        Experiment.Done done = Experiment.run(plan, fm, tmp.resolve("runs"), ExperimentTest.listener((c, m) -> {}), "nabla sweep");
        Path dir = done.dir();
        assertTrue(dir.getFileName().toString().matches("sweep-\\d{8}-\\d{6}"), dir.toString());
        for (String f : new String[] {"report.html", "report.md", "metrics.csv", "config.json", "plots/sweep.png", "plots/sweep.svg",
            "plots/train-loss.png", "plots/train-loss.svg"}) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f);
        }
        Map<String, List<RunResult>> runs = SeedsExperimentTest.csv(dir.resolve("metrics.csv"));
        assertEquals(List.of("p-0", "p-0.5"), List.copyOf(runs.keySet()));
        for (List<RunResult> seeds : runs.values()) {
            assertEquals(List.of(3L, 4L), seeds.stream().map(r -> r.config().seed()).toList());
            for (RunResult r : seeds) {
                assertTrue(Double.isNaN(r.epochs().get(0).testLoss()) && Double.isNaN(r.epochs().get(1).trainEvalLoss()), "not measured");
                assertTrue(Double.isFinite(r.last().testLoss()) && Double.isFinite(r.last().trainEvalLoss()), "measured at the end");
            }
        }
        ReportPage page = ReportPage.read(dir.resolve("report.html"));
        for (String r : page.references()) assertTrue(r.startsWith("data:image/") || r.startsWith("#"), r);
        assertEquals(List.of("sweep", "train-loss"), List.copyOf(page.figures().keySet()));
        List<List<String>> table = page.table("Final numbers");
        assertEquals(List.of("p", "train loss", "train acc", "test loss", "test acc", "gap", "seeds", "seconds per run"), table.get(0));
        assertEquals("0.5", table.get(2).get(0));
        assertEquals("2", table.get(2).get(6));
        assertTrue(page.html().contains("Lowest final test loss: p = "), page.html());
        assertTrue(page.html().contains("Why 0.5? p = 0.5"), "the reading answers the question when 0.5 is swept");
        assertFalse(page.refreshes());
        JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
        assertEquals(4, config.get("runs").size());
        assertEquals("nabla sweep", config.get("command").asText());
    }
}
