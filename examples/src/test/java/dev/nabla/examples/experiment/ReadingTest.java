package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's text follows the numbers, including when they disappoint, and uses the seeds' spread when there are several. */
class ReadingTest {

    static RunResult run(String name, double p, long seed, double[] trainLoss, double[] testLoss, double testAcc) {
        RunConfig c = new RunConfig(name, name, "concise", new int[] {8}, new double[] {p}, 0.1, 0, 32, trainLoss.length, 100, seed);
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < trainLoss.length; e++) {
            rows.add(new EpochMetrics(e + 1, trainLoss[e], 0.9, trainLoss[e], 0.95, testLoss[e], testAcc, 0.1, 0.1));
        }
        return new RunResult(c, rows, 1);
    }

    private static Seeds one(String name, double p, double[] trainLoss, double[] testLoss, double testAcc) {
        RunResult r = run(name, p, 0, trainLoss, testLoss, testAcc);
        return new Seeds(r.config(), List.of(r));
    }

    private static String text(List<Seeds> study) {
        return String.join("\n", Reading.paragraphs(study, null));
    }

    @Test
    void overfittingIsNamedWhenTestLossRisesWhileTrainLossFalls() {
        Seeds base = one("no dropout", 0, new double[] {1.0, 0.5, 0.2, 0.05}, new double[] {1.0, 0.6, 0.7, 0.9}, 0.80);
        String text = text(List.of(base));
        assertTrue(text.contains("Its test loss was lowest at epoch 2 (0.600) and then rose by 0.300 while the training loss kept "
                + "falling (from 0.500 to 0.050): the classic picture of overfitting"), text);
        assertTrue(text.contains("Each configuration ran once, with one seed. A test accuracy measured on 10,000 images has a sampling "
                + "error of about 0.4 percentage points"), "one seed keeps the sampling-error rule: " + text);
    }

    @Test
    void divergenceIsNotCalledOverfitting() {
        Seeds base = one("no dropout", 0, new double[] {1.0, 0.5, 9.0, 9.2}, new double[] {1.0, 0.6, 9.0, 9.1}, 0.10);
        String text = text(List.of(base));
        assertTrue(text.contains("Training became unstable at epoch 3: the training loss jumped from at most 0.500 to 9.000"), text);
        assertFalse(text.contains("classic picture of overfitting"), text);
    }

    @Test
    void dropoutThatDoesNotHelpIsReportedAsSuch() {
        Seeds base = one("no dropout", 0, new double[] {1.0, 0.5, 0.3}, new double[] {1.0, 0.7, 0.75}, 0.80);
        Seeds worse = one("d2l dropout", 0.5, new double[] {1.0, 0.6, 0.4}, new double[] {1.0, 0.9, 1.0}, 0.75);
        String text = text(List.of(base, worse));
        assertTrue(text.contains("d2l dropout (dropout 0.5): final gap 0.600 against 0.450 without dropout"), text);
        assertTrue(text.contains("Dropout did not narrow the gap in this run."), text);
        assertTrue(text.contains("Best final test accuracy among these configurations: no dropout with 80.0%."), text);
    }

    @Test
    void narrowerGapAtACostInAccuracyIsSaid() {
        Seeds base = one("no dropout", 0, new double[] {1.0, 0.5, 0.1}, new double[] {1.0, 0.7, 0.9}, 0.82);
        Seeds strong = one("strong dropout", 0.5, new double[] {1.0, 0.7, 0.5}, new double[] {1.0, 0.75, 0.7}, 0.78);
        assertTrue(text(List.of(base, strong)).contains("The gap is narrower, but test accuracy dropped beyond the noise"));
    }

    @Test
    void differencesAreComputedFromTheRoundedNumbers() {
        assertEquals("the same to a tenth of a point", Reading.points(0.8035, 0.8044), "80.4% against 80.4%, not -0.1 points");
        assertEquals("+1.3 points", Reading.points(0.8174, 0.8044));
        assertEquals("-0.3 points", Reading.points(0.8014, 0.8036), "80.1% against 80.4%: -0.3, though the raw difference is -0.22");
    }

    /** Three seeds each: the reading states the ranges and whether every seed agrees. */
    @Test
    void withSeedsTheReadingUsesTheirSpread() {
        List<RunResult> base = new ArrayList<>(), drop = new ArrayList<>();
        double[] baseAcc = {0.800, 0.804, 0.806}, dropAcc = {0.810, 0.812, 0.809};
        for (int s = 0; s < 3; s++) {
            base.add(run("no dropout", 0, s, new double[] {1.0, 0.5, 0.1}, new double[] {1.0, 0.7, 0.9 + 0.01 * s}, baseAcc[s]));
            drop.add(run("d2l dropout", 0.5, s, new double[] {1.0, 0.6, 0.3}, new double[] {1.0, 0.7, 0.6 + 0.01 * s}, dropAcc[s]));
        }
        String text = text(List.of(new Seeds(base.get(0).config(), base), new Seeds(drop.get(0).config(), drop)));
        assertTrue(text.contains("a gap of 0.810 (0.800-0.820); all means over 3 seeds. "), "no brackets inside brackets: " + text);
        assertTrue(text.contains("test accuracy 81.0% (80.9-81.2) against 80.3% (80.0-80.6) (+0.7 points)"), text);
        assertTrue(text.contains("Seed by seed, the gap narrowed in every seed (by -0.500 to -0.500), and test accuracy rose in every seed "
                + "(by +0.3 to +1.0 points)."), text);
        assertTrue(text.contains("consistently across seeds: here it regularised"), text);
        assertTrue(text.contains("Each configuration ran with 3 seeds (0, 1, 2)."), text);
        assertTrue(text.contains("with 3 seeds that happens by chance one time in 4 when there is no real difference"), text);
        assertFalse(text.contains("sampling error"), "the single-run rule is replaced: " + text);
    }
}
