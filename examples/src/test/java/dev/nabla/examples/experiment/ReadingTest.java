package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's text follows the numbers, including when they disappoint. */
class ReadingTest {

    private static RunResult run(String name, double p, double[] trainLoss, double[] testLoss, double testAcc) {
        RunConfig c = new RunConfig(name, name, "concise", new int[] {8}, new double[] {p}, 0.1, 0, 32, trainLoss.length, 100, 0);
        List<EpochMetrics> rows = new ArrayList<>();
        for (int e = 0; e < trainLoss.length; e++) {
            rows.add(new EpochMetrics(e + 1, trainLoss[e], 0.9, trainLoss[e], 0.95, testLoss[e], testAcc, 0.1, 0.1));
        }
        return new RunResult(c, rows, 1);
    }

    @Test
    void overfittingIsNamedWhenTestLossRisesWhileTrainLossFalls() {
        RunResult base = run("no dropout", 0, new double[] {1.0, 0.5, 0.2, 0.05}, new double[] {1.0, 0.6, 0.7, 0.9}, 0.80);
        String text = String.join("\n", Reading.paragraphs(List.of(base), null));
        assertTrue(text.contains("Its test loss was lowest at epoch 2 (0.600) and then rose by 0.300 while the training loss kept "
                + "falling (from 0.500 to 0.050): the classic picture of overfitting"), text);
    }

    @Test
    void divergenceIsNotCalledOverfitting() {
        RunResult base = run("no dropout", 0, new double[] {1.0, 0.5, 9.0, 9.2}, new double[] {1.0, 0.6, 9.0, 9.1}, 0.10);
        String text = String.join("\n", Reading.paragraphs(List.of(base), null));
        assertTrue(text.contains("Training became unstable at epoch 3: the training loss jumped from at most 0.500 to 9.000"), text);
        assertTrue(!text.contains("classic picture of overfitting"), text);
    }

    @Test
    void dropoutThatDoesNotHelpIsReportedAsSuch() {
        RunResult base = run("no dropout", 0, new double[] {1.0, 0.5, 0.3}, new double[] {1.0, 0.7, 0.75}, 0.80);
        RunResult worse = run("d2l dropout", 0.5, new double[] {1.0, 0.6, 0.4}, new double[] {1.0, 0.9, 1.0}, 0.75);
        String text = String.join("\n", Reading.paragraphs(List.of(base, worse), null));
        assertTrue(text.contains("d2l dropout (dropout 0.5): final gap 0.600 against 0.450 without dropout"), text);
        assertTrue(text.contains("Dropout did not narrow the gap in this run."), text);
        assertTrue(text.contains("Best final test accuracy among these runs: no dropout with 80.0%."), text);
    }

    @Test
    void narrowerGapAtACostInAccuracyIsSaid() {
        RunResult base = run("no dropout", 0, new double[] {1.0, 0.5, 0.1}, new double[] {1.0, 0.7, 0.9}, 0.82);
        RunResult strong = run("strong dropout", 0.5, new double[] {1.0, 0.7, 0.5}, new double[] {1.0, 0.75, 0.7}, 0.78);
        String text = String.join("\n", Reading.paragraphs(List.of(base, strong), null));
        assertTrue(text.contains("The gap is narrower, but test accuracy dropped beyond the noise"), text);
    }
}
