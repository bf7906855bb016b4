package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The experiment end to end on a tiny generated dataset: every file it promises exists and parses. */
class ExperimentTest {
    @TempDir
    static Path tmp;

    static Path run;
    static FashionMnist fm;
    static final int EPOCHS = 3;

    @BeforeAll
    static void runExperiment() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        fm = FashionMnist.load(data, TinyFashion.write(data, 200, 60, true));
        Experiment.Plan plan = Experiment.defaultPlan(1, 200, EPOCHS, 2);
        List<String> epochs = new ArrayList<>();
        run = Experiment.run(plan, fm, tmp.resolve("runs"), new Runner.Listener() {
            @Override
            public void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {}

            @Override
            public void epoch(RunConfig c, EpochMetrics m) {
                epochs.add(c.name() + " " + m.epoch());
            }
        }, "test");
        assertEquals(3 * EPOCHS + 2, epochs.size(), epochs.toString());
    }

    @Test
    void theRunFolderIsNamedAfterTheExperimentAndTime() {
        assertTrue(run.getFileName().toString().matches("dropout-\\d{8}-\\d{6}"), run.toString());
    }

    @Test
    void pngsAreRealImagesOfTheExpectedSize() throws IOException {
        List<Path> pngs = files(".png");
        assertEquals(7, pngs.size(), pngs.toString());  // 3 comparisons + 4 per-run curves
        for (Path p : pngs) {
            try (DataInputStream in = new DataInputStream(Files.newInputStream(p))) {
                byte[] sig = in.readNBytes(8);
                assertEquals("\u0089PNG\r\n\u001a\n", new String(sig, StandardCharsets.ISO_8859_1), p.toString());
                in.readInt();  // IHDR length
                assertEquals("IHDR", new String(in.readNBytes(4), StandardCharsets.US_ASCII));
                int width = in.readInt(), height = in.readInt();
                assertTrue(width >= 900 && height == 540, p + ": " + width + "x" + height);
            }
        }
    }

    @Test
    void svgsAreWellFormedXml() throws Exception {
        List<Path> svgs = files(".svg");
        assertEquals(7, svgs.size());
        for (Path p : svgs) {
            try (InputStream in = Files.newInputStream(p)) {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
                assertEquals("svg", f.newDocumentBuilder().parse(in).getDocumentElement().getNodeName(), p.toString());
            }
        }
    }

    @Test
    void csvHasOneRowPerRunAndEpoch() throws IOException {
        List<String> lines = Files.readAllLines(run.resolve("metrics.csv"));
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        assertEquals(1 + 3 * EPOCHS + 2, lines.size());
        int columns = MetricsCsv.HEADER.split(",").length;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            assertEquals(columns, cells.length, line);
            double testAcc = Double.parseDouble(cells[7]);
            assertTrue(testAcc >= 0 && testAcc <= 1, line);
        }
        assertTrue(lines.get(1).startsWith("no-dropout,1,"));
        assertTrue(lines.get(lines.size() - 1).startsWith("book,2,"));
    }

    @Test
    void htmlReferencesOnlyFilesThatExist() throws IOException {
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"]+)\"").matcher(html);
        int refs = 0;
        while (m.find()) {
            assertTrue(Files.isRegularFile(run.resolve(m.group(1))), "missing " + m.group(1));
            refs++;
        }
        assertTrue(refs >= 16, "plots (png + svg links), metrics.csv and config.json: " + refs);
        assertTrue(html.contains("What the curves show"));
        String md = Files.readString(run.resolve("report.md"));
        assertTrue(md.contains("| no dropout | 0.0, 0.0 | 200 | 3 |"), md);
    }

    @Test
    void configJsonRecordsProvenance() throws IOException {
        JsonNode config = new ObjectMapper().readTree(run.resolve("config.json").toFile());
        JsonNode env = config.get("environment");
        assertTrue(env.get("java").asText().startsWith(System.getProperty("java.version")));
        assertTrue(env.has("cpus") && env.has("kernels"));
        assertTrue(config.get("data").get("sha256 train-images-idx3-ubyte").asText().matches("[0-9a-f]{64}"));
        assertFalse(config.has("status"), "a finished experiment has no status note");
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
    void aFinishedReportDoesNotSayIncomplete() throws IOException {
        assertFalse(Files.readString(run.resolve("report.html")).contains("Incomplete"));
        assertFalse(Files.readString(run.resolve("report.md")).contains("Incomplete"));
    }

    @Test
    void aReportSaysItIsIncompleteWhileRunningAndWhereARunDiverged() throws IOException {
        RunConfig calm = new RunConfig("calm", "calm", "concise", new int[] {32}, new double[] {0}, 0.1, 0, 20, 2, 40, 0);
        RunConfig hot = new RunConfig("hot", "too hot", "concise", new int[] {256, 256}, new double[] {0, 0}, 1000, 0, 20, 10, 20, 0);
        Experiment.Plan plan = new Experiment.Plan("unstable", "why", List.of(calm, hot), null);
        List<String> seenDuringHot = new ArrayList<>();
        Path[] dir = new Path[1];
        try (RunFolder folder = RunFolder.createUnique(tmp.resolve("unstable-runs"), "unstable", "test")) {
            dir[0] = folder.path();
            DivergedException e = assertThrows(DivergedException.class, () -> Experiment.run(plan, fm, folder, new Runner.Listener() {
                @Override
                public void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {}

                @Override
                public void epoch(RunConfig c, EpochMetrics m) {
                    if (c == hot && seenDuringHot.isEmpty()) {
                        try {
                            seenDuringHot.add(Files.readString(folder.path().resolve("report.md")));
                        } catch (IOException x) {
                            throw new java.io.UncheckedIOException(x);
                        }
                    }
                }
            }, "test"));
            assertTrue(seenDuringHot.get(0).contains("> **Incomplete: 1 of 2 runs finished (next: too hot)."), seenDuringHot.get(0));
            String md = Files.readString(dir[0].resolve("report.md")), html = Files.readString(dir[0].resolve("report.html"));
            assertTrue(md.contains("> **Incomplete: " + e.getMessage() + " 1 of 2 runs finished; the runs after it were not started.**"), md);
            assertTrue(html.indexOf("Incomplete: run &#39;hot&#39; diverged") > 0 || html.indexOf("Incomplete: run 'hot' diverged") > 0, html);
            assertTrue(html.indexOf("Incomplete") < html.indexOf("<h2>"), "at the top");
            List<String> csv = Files.readAllLines(dir[0].resolve("metrics.csv"));
            assertEquals(1 + 2 + (e.epoch() - 1), csv.size(), "both calm epochs and the hot epochs before it diverged: " + csv);
            assertTrue(md.contains("| too hot | 0.0, 0.0 | 20 | " + (e.epoch() - 1) + " of 10 |"), md);
        }
    }

    private static List<Path> files(String ending) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("plots"))) {
            return s.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        }
    }
}
