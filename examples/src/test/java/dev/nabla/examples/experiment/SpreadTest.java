package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.examples.d2l.EpochMetrics;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Spreads over seeds: ranges below five seeds, t-intervals from five, and bands that average the runs. */
class SpreadTest {
    @Test
    void studentQuantilesMatchTheTablesAndJoinSmoothly() {
        assertEquals(12.706, StudentT.quantile975(1), 1e-9);
        assertEquals(2.776, StudentT.quantile975(4), 1e-9);
        assertEquals(2.042, StudentT.quantile975(30), 1e-9);
        assertEquals(2.021, StudentT.quantile975(40), 5e-4, "published t(0.975, 40)");
        assertEquals(2.000, StudentT.quantile975(60), 5e-4);
        assertEquals(1.980, StudentT.quantile975(120), 5e-4);
        assertEquals(1.960, StudentT.quantile975(1e9), 1e-3);
        assertEquals(StudentT.quantile975(4), StudentT.quantile975(4.7), "Welch's fractional df rounds down: the wider interval");
        assertTrue(StudentT.quantile975(31) < StudentT.quantile975(30) && StudentT.quantile975(30) - StudentT.quantile975(31) < 0.003);
        assertEquals("Student's t needs at least 1 degree of freedom, but got 0.5",
                assertThrows(IllegalArgumentException.class, () -> StudentT.quantile975(0.5)).getMessage());
    }

    @Test
    void fewSeedsGiveTheRangeAndFiveGiveAT95Interval() {
        Spread one = Spread.of(0.8);
        assertEquals("80.0%", one.percent());
        assertEquals("one seed", one.kind());
        Spread three = Spread.of(0.80, 0.81, 0.83);
        assertEquals(0.8133333, three.mean(), 1e-6);
        assertEquals(0.80, three.lo(), 0);
        assertEquals(0.83, three.hi(), 0);
        assertFalse(three.isInterval());
        assertEquals("81.3% (80.0-83.0)", three.percent());
        assertEquals("min-max over 3 seeds", three.kind());
        Spread five = Spread.of(1, 2, 3, 4, 5);  // mean 3, s = √2.5, half-width 2.776·√2.5/√5 = 1.963
        assertTrue(five.isInterval());
        assertEquals(Math.sqrt(2.5), five.sd(), 1e-12);
        assertEquals(3 - 2.776 * Math.sqrt(0.5), five.lo(), 1e-12);
        assertEquals(3 + 2.776 * Math.sqrt(0.5), five.hi(), 1e-12);
        assertEquals("3.000 ± 1.963", five.loss());
        assertEquals("95% t-interval of the mean over 5 seeds", five.kind());
        assertEquals("a spread needs finite values, but got NaN",
                assertThrows(IllegalArgumentException.class, () -> Spread.of(1, Double.NaN)).getMessage());
    }

    @Test
    void bandsAverageTheSeedsEpochByEpochAndPairTheDifferences() {
        List<RunResult> a = new ArrayList<>(), b = new ArrayList<>();
        for (int s = 0; s < 3; s++) {
            a.add(ReadingTest.run("a", 0, s, new double[] {1, 0.5}, new double[] {1.0 + s, 2.0 + s}, 0.5 + 0.1 * s));
            b.add(ReadingTest.run("b", 0.5, s, new double[] {1, 0.5}, new double[] {1.5 + 2 * s, 2.0 + s}, 0.5));
        }
        Seeds sa = new Seeds(a.get(0).config(), a), sb = new Seeds(b.get(0).config(), b);
        List<Seeds.Point> band = sa.band(EpochMetrics::testLoss);
        assertEquals(2, band.size());
        assertEquals(2.0, band.get(0).spread().mean(), 1e-12);
        assertEquals(1.0, band.get(0).spread().lo(), 0);
        assertEquals(3.0, band.get(0).spread().hi(), 0);
        assertEquals(3.0, band.get(1).spread().mean(), 1e-12);
        List<Seeds.Point> diff = sb.pairedDifference(sa, EpochMetrics::testLoss);  // epoch 1: (1.5 + 2s) - (1 + s) = 0.5 + s
        assertEquals(1.5, diff.get(0).spread().mean(), 1e-12);
        assertEquals(0.5, diff.get(0).spread().lo(), 1e-12);
        assertEquals(2.5, diff.get(0).spread().hi(), 1e-12);
        assertEquals(0.0, diff.get(1).spread().hi(), 1e-12);
        RunResult mean = sa.mean();
        assertEquals(2.0, mean.epochs().get(0).testLoss(), 1e-12);
        assertEquals(0.6, mean.last().testAcc(), 1e-12);
        assertEquals(List.of(0L, 1L, 2L), sa.seeds());
        assertEquals(List.of("a", "b"), Seeds.group(List.of(a.get(0), b.get(0), a.get(1))).stream().map(Seeds::label).toList());
        assertEquals(2, Seeds.group(List.of(a.get(0), b.get(0), a.get(1))).get(0).n());
    }

    @Test
    void theScheduleSaysWhichRunAndHowLongIsLeft() {
        RunConfig small = new RunConfig("s", "small", "concise", new int[] {8}, new double[] {0}, 0.1, 0, 10, 4, 100, 0);
        RunConfig big = new RunConfig("b", "big", "concise", new int[] {8}, new double[] {0}, 0.1, 0, 10, 3, 0, 0);
        Schedule s = new Schedule(List.of(new Schedule.Run(small, 100, 50), new Schedule.Run(big, 1000, 100)));  // 350 and 3100 passes per epoch
        assertEquals("run 1 of 2, epoch 0 of 4, estimating the time left", s.status(0, 0).text());
        Schedule.Status after = s.epochDone(0, 1, 0.7);  // 350 passes in 0.7 s: 2 ms per pass
        assertEquals((3 * 350 + 3 * 3100) * 0.002, after.secondsLeft(), 1e-9);
        assertEquals("run 1 of 2, epoch 1 of 4, about 21 s left", after.text());
        assertEquals("about 2 min left", Schedule.Status.left(125));
        assertEquals("about 1 h 30 min left", Schedule.Status.left(5400));
        assertEquals("less than a second left", Schedule.Status.left(0.2));
    }
}
