package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.data.FashionMnist;
import dev.nabla.examples.data.TinyFashion;
import dev.nabla.nn.io.Json;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    static final int EPOCHS = 3;

    @BeforeAll
    static void runExperiment() throws IOException {
        Path data = Files.createDirectories(tmp.resolve("data"));
        FashionMnist fm = FashionMnist.load(data, TinyFashion.write(data, 200, 60, true));
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
        @SuppressWarnings("unchecked")
        Map<String, Object> config = (Map<String, Object>) Json.parse(Files.readString(run.resolve("config.json")));
        @SuppressWarnings("unchecked")
        Map<String, String> env = (Map<String, String>) config.get("environment");
        assertTrue(env.get("java").startsWith(System.getProperty("java.version")));
        assertTrue(env.containsKey("cpus") && env.containsKey("kernels"));
        @SuppressWarnings("unchecked")
        Map<String, String> data = (Map<String, String>) config.get("data");
        assertTrue(data.get("sha256 train-images-idx3-ubyte").matches("[0-9a-f]{64}"));
        List<?> runs = (List<?>) config.get("runs");
        assertEquals(4, runs.size());
        Map<?, ?> study = (Map<?, ?>) runs.get(0), book = (Map<?, ?>) runs.get(3);
        assertEquals("no-dropout", study.get("name"));
        assertEquals(0.05, study.get("lr"));
        assertEquals(0.9, study.get("momentum"));
        assertEquals(200L, study.get("trainLimit"));
        assertEquals("book", book.get("name"));
        assertEquals(0.5, book.get("lr"));
        assertEquals(0.0, book.get("momentum"));
    }

    private static List<Path> files(String ending) throws IOException {
        try (Stream<Path> s = Files.list(run.resolve("plots"))) {
            return s.filter(p -> p.toString().endsWith(ending)).sorted().toList();
        }
    }
}
