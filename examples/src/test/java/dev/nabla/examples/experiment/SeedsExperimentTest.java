package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.data.FashionMnist;
import dev.nabla.nn.data.TinyFashion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** --seeds 3 on a tiny dataset: metrics.csv keeps every seed, and the report's means and bands are their averages. */
class SeedsExperimentTest {
    @TempDir
    static Path tmp;

    static Experiment.Done done;
    static final int SEEDS = 3, EPOCHS = 2;

    @BeforeAll
    static void run() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        FashionMnist fm = FashionMnist.load(data, TinyFashion.write(data, 200, 60, true));
        done = Experiment.run(Experiment.defaultPlan(5, SEEDS, 200, EPOCHS, 0), fm, tmp.resolve("runs"),
                ExperimentTest.listener((c, m) -> {}), "test");
    }

    /** metrics.csv read back into runs, by configuration, in file order. */
    static Map<String, List<RunResult>> csv(Path file) throws Exception {
        List<String> lines = Files.readAllLines(file);
        assertEquals(MetricsCsv.HEADER, lines.get(0));
        Map<String, List<EpochMetrics>> rows = new LinkedHashMap<>();
        Map<String, RunConfig> configs = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            double[] v = new double[12];
            for (int i = 3; i < f.length; i++) v[i] = f[i].isEmpty() ? Double.NaN : Double.parseDouble(f[i]);
            String key = f[0] + "/" + f[1];
            rows.computeIfAbsent(key, k -> new ArrayList<>()).add(new EpochMetrics(Integer.parseInt(f[2]), v[3], v[4], v[5], v[6], v[7], v[8],
                    v[10], Double.parseDouble(f[11])));
            configs.put(key, new RunConfig(f[0], f[0], "concise", new int[] {8}, new double[] {0}, 0.1, 0, 10, EPOCHS, 0, Long.parseLong(f[1])));
        }
        Map<String, List<RunResult>> out = new LinkedHashMap<>();
        rows.forEach((k, r) -> out.computeIfAbsent(k.substring(0, k.indexOf('/')), x -> new ArrayList<>()).add(new RunResult(configs.get(k), r, 0)));
        return out;
    }

    @Test
    void metricsKeepOneRowPerSeedConfigurationAndEpoch() throws Exception {
        Map<String, List<RunResult>> runs = csv(done.dir().resolve("metrics.csv"));
        assertEquals(List.of("no-dropout", "d2l-dropout", "strong-dropout"), List.copyOf(runs.keySet()));
        for (List<RunResult> seeds : runs.values()) {
            assertEquals(List.of(5L, 6L, 7L), seeds.stream().map(r -> r.config().seed()).toList());
            for (RunResult r : seeds) assertEquals(EPOCHS, r.epochs().size());
        }
        assertTrue(runs.get("no-dropout").get(0).last().testLoss() != runs.get("no-dropout").get(1).last().testLoss(), "seeds differ");
    }

    @Test
    void theTableGivesTheSeedsMeanAndRange() throws Exception {
        Map<String, List<RunResult>> runs = csv(done.dir().resolve("metrics.csv"));
        List<List<String>> rows = done.table().rows();
        int i = 0;
        for (List<RunResult> seeds : runs.values()) {
            double sum = 0, lo = 1, hi = 0;
            for (RunResult r : seeds) {
                sum += r.last().testAcc();
                lo = Math.min(lo, r.last().testAcc());
                hi = Math.max(hi, r.last().testAcc());
            }
            String want = String.format(Locale.ROOT, "%.1f%% (%.1f-%.1f)", 100 * sum / SEEDS, 100 * lo, 100 * hi);
            assertEquals(want, rows.get(i++).get(6), "test accuracy: mean of the seeds in metrics.csv, then their range");
        }
        assertTrue(done.table().note().contains("Mean over 3 seeds, with the range (min-max) in brackets."), done.table().note());
        ReportPage page = ReportPage.read(done.dir().resolve("report.html"));
        assertTrue(page.html().contains("Each configuration ran with 3 seeds (5, 6, 7)."));
        assertTrue(page.html().contains("shaded bands the min-max over 3 seeds"), "captions say what the bands are");
    }

    @Test
    void theGapBandsMeanIsTheSeedsAverageEpochByEpoch() throws Exception {
        Map<String, List<RunResult>> runs = csv(done.dir().resolve("metrics.csv"));
        List<Seeds> groups = new ArrayList<>();
        for (List<RunResult> seeds : runs.values()) groups.add(new Seeds(seeds.get(0).config(), seeds));
        XYChart chart = StudyCharts.gapChart(groups);
        for (Seeds s : groups) {
            XYSeries mean = chart.getSeriesMap().get(StudyCharts.legend(s));
            double[] y = mean.getYData();
            assertEquals(EPOCHS, y.length);
            for (int e = 0; e < EPOCHS; e++) {
                double sum = 0;
                for (RunResult r : s.runs()) sum += r.epochs().get(e).generalisationGap();
                assertEquals(sum / SEEDS, y[e], 1e-12, s.label() + " epoch " + (e + 1));
            }
        }
        int bands = 0;
        for (XYSeries series : chart.getSeriesMap().values()) {
            if (series.getXYSeriesRenderStyle() != XYSeries.XYSeriesRenderStyle.PolygonArea) continue;
            Seeds s = groups.get(bands++);
            double[] y = series.getYData();  // upper ends epoch by epoch, then lower ends backwards
            for (int e = 0; e < EPOCHS; e++) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (RunResult r : s.runs()) {
                    lo = Math.min(lo, r.epochs().get(e).generalisationGap());
                    hi = Math.max(hi, r.epochs().get(e).generalisationGap());
                }
                assertEquals(hi, y[e], 1e-12);
                assertEquals(lo, y[2 * EPOCHS - 1 - e], 1e-12);
            }
        }
        assertEquals(3, bands, "one band per configuration");
    }
}
