package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.nabla.examples.d2l.DivergedException;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment end to end on a tiny generated dataset: every file it promises exists, parses and is referenced. */
class ExperimentTest {
    @TempDir
    static Path tmp;

    static Path run;
    static FashionMnist fm;
    static Experiment.Done done;
    static final int EPOCHS = 3;
    static final List<String> FIGURES = List.of("generalisation-gap", "loss", "accuracy", "dropout-masks", "first-layer-weights",
            "predictions", "curves");

    @BeforeAll
    static void runExperiment() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        fm = FashionMnist.load(data, TinyFashion.write(data, 200, 60, true));
        Experiment.Plan plan = Experiment.defaultPlan(1, 200, EPOCHS, 2);
        List<String> epochs = new ArrayList<>();
        done = Experiment.run(plan, fm, tmp.resolve("runs"), listener((c, m) -> epochs.add(c.name() + " " + m.epoch())), "nabla experiment");
        run = done.dir();
        assertEquals(3 * EPOCHS + 2, epochs.size(), epochs.toString());
    }

    interface EpochHook {
        void epoch(RunConfig c, EpochMetrics m) throws Exception;
    }

    static Runner.Listener listener(EpochHook hook) {
        return new Runner.Listener() {
            @Override
            public void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {}

            @Override
            public void epoch(RunConfig c, EpochMetrics m) {
                try {
                    hook.epoch(c, m);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    @Test
    void theRunFolderIsNamedAfterTheExperimentAndTime() {
        assertTrue(run.getFileName().toString().matches("dropout-\\d{8}-\\d{6}"), run.toString());
    }

    @Test
    void everyFigureIsWrittenAsPngAndSvgAndEmbeddedInTheHtml() throws Exception {
        List<String> pngs = files(".png"), svgs = files(".svg");
        assertEquals(FIGURES.stream().sorted().map(f -> f + ".png").toList(), pngs);
        assertEquals(FIGURES.stream().sorted().map(f -> f + ".svg").toList(), svgs);
        Map<String, byte[]> embedded = ReportPage.read(run.resolve("report.html")).figures();
        assertEquals(FIGURES, List.copyOf(embedded.keySet()), "every figure, in the report's order, the gap first");
        for (String f : FIGURES) {
            ReportPage.assertPng(embedded.get(f), f);
            assertArrayEquals(Files.readAllBytes(run.resolve("plots/" + f + ".png")), embedded.get(f), f + ": the embedded image is the file's");
        }
        for (String f : svgs) {
            try (InputStream in = Files.newInputStream(run.resolve("plots/" + f))) {
                DocumentBuilderFactory x = DocumentBuilderFactory.newInstance();
                x.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                assertEquals("svg", x.newDocumentBuilder().parse(in).getDocumentElement().getNodeName(), f);
            }
        }
        String md = Files.readString(run.resolve("report.md"));
        for (String f : FIGURES) assertTrue(md.contains("](plots/" + f + ".png)"), "report.md links " + f);
    }

    @Test
    void theHtmlIsSelfContained() throws Exception {
        ReportPage page = ReportPage.read(run.resolve("report.html"));
        List<String> refs = page.references();
        assertTrue(refs.size() >= FIGURES.size(), refs.size() + " references");
        for (String r : refs) assertTrue(r.startsWith("data:image/") || r.startsWith("#"), "a reference to another file: " + r);
        assertFalse(page.html().contains("src=\"plots/") || page.html().contains("href=\"metrics.csv\""));
        assertTrue(page.html().startsWith("<!DOCTYPE html>"));
        assertTrue(page.html().contains("What the curves show"));
    }

    @Test
    void theReportHasTheTablesAndTheVocabularyOnce() throws Exception {
        ReportPage page = ReportPage.read(run.resolve("report.html"));
        List<List<String>> numbers = page.table("Final numbers");
        assertEquals(List.of("configuration", "dropout", "epochs", "train loss", "train acc", "test loss", "test acc", "gap",
                "lowest test loss (epoch)", "seconds per run"), numbers.get(0));
        assertEquals(5, numbers.size(), "three study configurations and the book's setting");
        assertTrue(numbers.get(4).get(3).endsWith("(running)"), "the book's train loss says it is the running one: " + numbers.get(4));
        assertEquals(done.table().rows(), numbers.subList(1, numbers.size()), "the console's table is the report's");
        List<List<String>> settings = page.table("Settings");
        assertEquals(List.of("setting", "no dropout", "d2l dropout", "strong dropout", "d2l book setting"), settings.get(0));
        assertTrue(settings.contains(List.of("learning rate", "0.05", "0.05", "0.05", "0.5")), settings.toString());
        assertTrue(settings.contains(List.of("dropout after each hidden layer", "0.0, 0.0", "0.2, 0.5", "0.5, 0.5", "0.2, 0.5")));
        String text = page.dom().getDocumentElement().getTextContent();
        assertEquals(1, count(text, "Train numbers come in two kinds. Running, dropout on:"), "said once");
        assertTrue(text.contains("./nabla experiment --seeds 3") && text.contains("./nabla sweep"), "Try next");
    }

    @Test
    void csvHasOneRowPerConfigurationSeedAndEpoch() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        assertTrue(MetricsCsv.HEADER.startsWith("config,seed,epoch,"));
        assertEquals(1 + 3 * EPOCHS + 2, lines.size());
        int columns = MetricsCsv.HEADER.split(",").length;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(columns, cells.length, line);
            double testAcc = Double.parseDouble(cells[8]);
            assertTrue(testAcc >= 0 && testAcc <= 1, line);
        }
        assertTrue(lines.get(1).startsWith("no-dropout,1,1,"), lines.get(1));
        assertTrue(lines.get(lines.size() - 1).startsWith("book,1,2,"));
    }

    @Test
    void configJsonRecordsProvenance() throws IOException {
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        JsonNode env = config.get("environment");
        assertTrue(env.get("java").asText().startsWith(System.getProperty("java.version")));
        assertTrue(env.has("cpus") && env.has("kernels"));
        assertTrue(config.get("data").get("sha256 train-images-idx3-ubyte").asText().matches("[0-9a-f]{64}"));
        assertFalse(config.has("status"), "a finished experiment has no status note");
        assertEquals("nabla experiment", config.get("command").asText());
        JsonNode runs = config.get("runs");
        assertEquals(4, runs.size());
        JsonNode study = runs.get(0), book = runs.get(3);
        assertEquals("no-dropout", study.get("name").asText());
        assertEquals(0.05, study.get("lr").asDouble());
        assertEquals(0.9, study.get("momentum").asDouble());
        assertEquals(200, study.get("trainLimit").asInt());
        assertEquals(EPOCHS, study.get("epochsFinished").asInt());
        assertEquals("book", book.get("name").asText());
        assertEquals(0.5, book.get("lr").asDouble());
        assertEquals(0.0, book.get("momentum").asDouble());
    }

    @Test
    void aFinishedReportSaysNeitherRunningNorIncompleteAndStopsReloading() throws Exception {
        ReportPage page = ReportPage.read(run.resolve("report.html"));
        assertFalse(page.refreshes());
        assertEquals(null, page.text("status"), "no status line");
        assertFalse(page.html().contains("Incomplete") || page.html().contains("Running ("));
        assertNotNull(page.text("provenance"));
        assertFalse(Files.readString(run.resolve("report.md")).contains("Incomplete"));
    }

    @Test
    void aRunningReportSaysWhereTheJobIsAndReloads() throws Exception {
        RunConfig a = new RunConfig("a", "first", "concise", new int[] {16}, new double[] {0.5}, 0.1, 0, 50, 3, 100, 0);
        RunConfig b = new RunConfig("b", "second", "concise", new int[] {16}, new double[] {0}, 0.1, 0, 50, 2, 100, 0);
        Experiment.Plan plan = new Experiment.Plan("live", "why", List.of(a, b), null);
        List<ReportPage> seen = new ArrayList<>();
        Path runs = tmp.resolve("live-runs");
        Experiment.run(plan, fm, runs, listener((c, m) -> {
            Path dir;
            try (Stream<Path> s = Files.list(runs)) {
                dir = s.findFirst().orElseThrow();
            }
            if (c.name().equals("a") && m.epoch() == 1) Thread.sleep(1100);  // the live rewrite waits a second after the last
            if (c.name().equals("a") && m.epoch() == 2) seen.add(ReportPage.await(dir.resolve("report.html"), h -> h.contains("epoch 1 of 3")));
            if (c.name().equals("b") && m.epoch() == 1) seen.add(ReportPage.await(dir.resolve("report.html"), h -> h.contains("epoch 3 of 3")));
        }), "test", 1);  // one run at a time: the status walks through them in order
        ReportPage live = seen.get(0), between = seen.get(1);
        assertTrue(live.refreshes() && between.refreshes());
        assertTrue(live.text("status").matches("Running \\(incomplete\\): run 1 of 2, epoch 1 of 3, (about \\d+ s|less than a second) left .*"),
                live.text("status"));
        assertTrue(live.text("status").contains("(first, seed 0)"), live.text("status"));
        assertNotNull(live.text("live"), "the light progress plot of the run going on");
        assertTrue(live.html().contains("<figure id=\"live\"><img src=\"data:image/svg+xml;base64,"));
        assertTrue(between.text("status").startsWith("Running (incomplete): run 1 of 2, epoch 3 of 3, "), between.text("status"));
        assertNotNull(between.text("fig-generalisation-gap"), "figures are drawn when a run ends");
        try (Stream<Path> s = Files.list(runs); Stream<Path> files = Files.list(s.findFirst().orElseThrow())) {
            assertEquals(List.of(), files.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(), "no temporary file left");
        }
    }

    @Test
    void aReportSaysWhereARunDiverged() throws Exception {
        RunConfig calm = new RunConfig("calm", "calm", "concise", new int[] {32}, new double[] {0}, 0.1, 0, 20, 2, 40, 0);
        RunConfig hot = new RunConfig("hot", "too hot", "concise", new int[] {256, 256}, new double[] {0, 0}, 1000, 0, 20, 10, 20, 0);
        Experiment.Plan plan = new Experiment.Plan("unstable", "why", List.of(calm, hot), null);
        List<String> seenDuringHot = new ArrayList<>();
        try (RunFolder folder = RunFolder.createUnique(tmp.resolve("unstable-runs"), "unstable", "test")) {
            Path dir = folder.path();
            DivergedException e = assertThrows(DivergedException.class, () -> Experiment.run(plan, fm, folder, listener((c, m) -> {
                if (c.name().equals("hot") && seenDuringHot.isEmpty()) {
                    seenDuringHot.add(ReportPage.awaitText(dir.resolve("report.md"), md -> md.contains("epoch 2 of 2")));
                }
            }), "test", 1));
            assertEquals(1, seenDuringHot.size(), "the hot run finished an epoch before it diverged");
            assertTrue(seenDuringHot.get(0).contains("> **Running (incomplete): run 1 of 2, epoch 2 of 2, "), seenDuringHot.get(0));
            String md = Files.readString(dir.resolve("report.md"));
            ReportPage html = ReportPage.read(dir.resolve("report.html"));
            assertTrue(md.contains("> **Incomplete: " + e.getMessage() + " 1 of 2 runs finished.**"), md);
            assertTrue(html.text("status").startsWith("Incomplete: run 'hot' diverged"), html.text("status"));
            assertFalse(html.refreshes(), "a stopped job does not reload");
            assertTrue(html.html().indexOf("Incomplete") < html.html().indexOf("<h2"), "at the top");
            List<String> csv = Files.readAllLines(dir.resolve("metrics.csv"));
            assertEquals(1 + 2 + (e.epoch() - 1), csv.size(), "both calm epochs and the hot epochs before it diverged: " + csv);
            assertTrue(md.contains("| too hot | 0.0, 0.0 | " + (e.epoch() - 1) + " of 10 |"), md);
        }
    }

    @Test
    void runsSideBySideGiveTheNumbersOfRunsOneAtATime() throws Exception {
        Experiment.Plan plan = Experiment.defaultPlan(3, 2, 100, 2, 1);  // 3 configurations and the book's, each with 2 seeds: 8 runs
        List<String> order = new ArrayList<>();
        Path one = Experiment.run(plan, fm, tmp.resolve("one-at-a-time"), listener((c, m) -> {}), "test", 1).dir();
        Path two = Experiment.run(plan, fm, tmp.resolve("side-by-side"), listener((c, m) -> order.add(c.name() + " " + c.seed())), "test", 2)
                .dir();
        assertEquals(withoutSeconds(one.resolve("metrics.csv")), withoutSeconds(two.resolve("metrics.csv")),
                "the same numbers, rows in plan order, whichever run finished first");
        assertEquals(6 * 2 + 2, order.size(), order.toString());  // and the book with each seed, one epoch
        assertFalse(Files.readString(two.resolve("report.md")).contains("Incomplete"));
        assertEquals(Files.readString(one.resolve("report.md")).lines().filter(l -> l.startsWith("| ")).map(ExperimentTest::withoutTimes).toList(),
                Files.readString(two.resolve("report.md")).lines().filter(l -> l.startsWith("| ")).map(ExperimentTest::withoutTimes).toList(),
                "the same tables");
    }

    @Test
    void aRunThatDivergesSideBySideLetsTheOtherFinish() throws Exception {
        RunConfig calm = new RunConfig("calm", "calm", "concise", new int[] {32}, new double[] {0}, 0.1, 0, 20, 4, 40, 0);
        RunConfig hot = new RunConfig("hot", "too hot", "concise", new int[] {256, 256}, new double[] {0, 0}, 1000, 0, 20, 10, 20, 0);
        RunConfig later = new RunConfig("later", "later", "concise", new int[] {32}, new double[] {0}, 0.1, 0, 20, 2, 40, 0);
        Experiment.Plan plan = new Experiment.Plan("unstable", "why", List.of(calm, hot, later), null);
        try (RunFolder folder = RunFolder.createUnique(tmp.resolve("unstable-side"), "unstable", "test")) {
            DivergedException e = assertThrows(DivergedException.class,
                    () -> Experiment.run(plan, fm, folder, listener((c, m) -> {}), "test", 2));
            String md = Files.readString(folder.path().resolve("report.md"));
            List<String> csv = Files.readAllLines(folder.path().resolve("metrics.csv"));
            long calmRows = csv.stream().filter(l -> l.startsWith("calm,")).count();
            long laterRows = csv.stream().filter(l -> l.startsWith("later,")).count();
            assertEquals(4, calmRows, "the run beside the diverged one finished: " + csv);
            // 'later' starts only if a lane came free before 'hot' diverged; either way the report says how many finished
            String tail = laterRows == 2 ? " 2 of 3 runs finished.**" : " 1 of 3 runs finished; 1 run was not started.**";
            assertTrue(md.contains("> **Incomplete: " + e.getMessage() + tail), md);
        }
    }

    /** metrics.csv without its last two columns (seconds, which differ from run to run). */
    private static List<String> withoutSeconds(Path csv) throws IOException {
        return Files.readAllLines(csv).stream().map(l -> l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1))).toList();
    }

    /** A table row without the seconds per run (its last cell). */
    private static String withoutTimes(String row) {
        return row.contains("seconds") ? row : row.substring(0, row.lastIndexOf('|', row.length() - 2));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    private static List<String> files(String ending) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("plots"))) {
            return s.map(p -> p.getFileName().toString()).filter(p -> p.endsWith(ending)).sorted().toList();
        }
    }
}
