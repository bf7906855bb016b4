package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The counts a dropout call is compared with: exact binomial probabilities. */
class BinomialTest {
    @Test
    void meanSpreadAndProbabilitiesAreExact() {
        Binomial b = new Binomial(16, 0.5);
        assertEquals(8, b.mean());
        assertEquals(2, b.sd(), 1e-12);
        assertEquals("8 ± 2.0", b.expected());
        assertEquals("4 ± 1.4", new Binomial(8, 0.5).expected());
        assertEquals("2.5 ± 1.1", new Binomial(5, 0.5).expected());
        double sum = 0;
        for (int k = 0; k <= 16; k++) sum += b.pmf(k);
        assertEquals(1, sum, 1e-12);
        assertEquals(1820.0 / 65536, b.pmf(12), 1e-15);  // C(16, 12) / 2^16
        // 12 of 16 (the 75% draw): P(K >= 12) + P(K <= 4) = 2 * (1820 + 560 + 120 + 16 + 1) / 2^16
        assertEquals(2 * 2517.0 / 65536, b.atLeastAsFar(12), 1e-15);
        assertEquals(2.0 / 256, new Binomial(8, 0.5).atLeastAsFar(8), 1e-15, "a whole row of 8");
        assertEquals(1, b.atLeastAsFar(8), 1e-12);
        assertEquals(1, new Binomial(10, 0).pmf(0));
        assertEquals(1, new Binomial(10, 1).pmf(10));
    }

    @Test
    void theCommentFollowsTheProbability() {
        Binomial row = new Binomial(8, 0.5), call = new Binomial(16, 0.5);
        assertTrue(row.unusual(8) && row.unusual(0));
        assertFalse(call.unusual(12), "7.7% of calls are this far: not unusual");
        assertEquals("ordinary: 7.7% of calls are at least this far from 8", call.comment(12, "calls"));
        assertEquals("ordinary: about the expected count", call.comment(8, "calls"));
        assertEquals("rare: only 0.8% of rows, about 1 in 128, are this far from 4; it is chance, and the next call draws anew",
                row.comment(8, "rows"));
        Binomial big = new Binomial(100, 0.5);  // P(|K - 50| >= 11) = 0.03520 (exact sum in Python)
        assertEquals(0.0352002002177, big.atLeastAsFar(61), 1e-12);
        assertEquals("unusual: only 3.5% of calls, about 1 in 28, are this far from 50; it is chance, and the next call draws anew",
                big.comment(61, "calls"));
        assertFalse(new Binomial(4, 0).unusual(0), "no spread, nothing unusual");
    }

    @Test
    void badArgumentsAreNamed() {
        assertEquals("probability has to be between 0 and 1, but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> new Binomial(3, 1.5)).getMessage());
        assertEquals("a binomial count needs n >= 0, but got -1",
                assertThrows(IllegalArgumentException.class, () -> new Binomial(-1, 0.5)).getMessage());
    }
}
