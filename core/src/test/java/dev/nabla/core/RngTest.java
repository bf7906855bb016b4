package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Reproducibility and the distributions, with tolerances derived from the distributions. */
class RngTest {

    @Test
    void sameSeedSameNumbersBitForBit() {
        assertArrayEquals(Tensor.randn(new Rng(5), 100).toArray(), Tensor.randn(new Rng(5), 100).toArray());
        assertNotEquals(Arrays.toString(Tensor.rand(new Rng(5), 10).toArray()),
                Arrays.toString(Tensor.rand(new Rng(6), 10).toArray()));
        Rng.manualSeed(11);
        float[] first = Tensor.rand(3).toArray();
        Rng.manualSeed(11);
        assertArrayEquals(first, Tensor.rand(3).toArray());
    }

    @Test
    void stateRoundTripContinuesTheSequence() {
        Rng a = new Rng(9);
        a.nextGaussian();  // leaves a spare normal in the state
        long[] state = a.getState();
        double[] expected = {a.nextGaussian(), a.nextDouble(), a.nextGaussian()};
        Rng b = new Rng(0);
        b.setState(state);
        assertArrayEquals(expected, new double[] {b.nextGaussian(), b.nextDouble(), b.nextGaussian()});
        assertEquals("setState: not an Rng state (expected the 6 values of getState())",
                assertThrows(IllegalArgumentException.class, () -> b.setState(new long[3])).getMessage());
    }

    @Test
    void uniformAndNormalMoments() {
        int n = 200_000;
        float[] u = Tensor.rand(new Rng(1), n).toArray(), z = Tensor.randn(new Rng(2), n).toArray();
        double mu = 0, mz = 0, vz = 0;
        for (int i = 0; i < n; i++) {
            assertTrue(u[i] >= 0 && u[i] < 1);
            mu += u[i];
            mz += z[i];
            vz += z[i] * (double) z[i];
        }
        mu /= n;
        mz /= n;
        vz = vz / n - mz * mz;
        // 5 standard errors: sd(U)/√n = 0.2887/√n, sd(Z)/√n = 1/√n, sd(Z²)/√n = √2/√n
        assertEquals(0.5, mu, 5 * 0.2887 / Math.sqrt(n));
        assertEquals(0.0, mz, 5 / Math.sqrt(n));
        assertEquals(1.0, vz, 5 * Math.sqrt(2) / Math.sqrt(n));
    }

    @Test
    void maskKeepsTheRequestedFraction() {
        int n = 200_000;
        float[] mask = new float[n];
        new Rng(3).fillMask(mask, n, 0.8, 1.25f);
        int kept = 0;
        for (float m : mask) {
            assertTrue(m == 0f || m == 1.25f);
            if (m != 0f) kept++;
        }
        assertEquals(0.8 * n, kept, 5 * Math.sqrt(n * 0.8 * 0.2));  // binomial, 5 standard deviations
        float[] all = new float[9], none = new float[9];
        new Rng(3).fillMask(all, 9, 1.0, 2f);
        new Rng(3).fillMask(none, 9, 0.0, 2f);
        for (int i = 0; i < 9; i++) {
            assertEquals(2f, all[i]);
            assertEquals(0f, none[i]);
        }
    }

    @Test
    void permutationIsAPermutation() {
        int[] p = new Rng(4).permutation(1000);
        int[] sorted = p.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) assertEquals(i, sorted[i]);
        assertNotEquals(Arrays.toString(sorted), Arrays.toString(p));
    }

    @Test
    void nextIntIsUnbiasedAcrossBuckets() {
        Rng rng = new Rng(8);
        int n = 300_000, k = 3;
        int[] counts = new int[k];
        for (int i = 0; i < n; i++) counts[rng.nextInt(k)]++;
        for (int c : counts) assertEquals(n / 3.0, c, 5 * Math.sqrt(n * (1.0 / 3) * (2.0 / 3)));
        assertEquals("nextInt: bound must be positive, but got 0",
                assertThrows(IllegalArgumentException.class, () -> rng.nextInt(0)).getMessage());
    }
}
