package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@link Parallel} splits a loop, up to the largest array length, where chunks·grain passes 2³¹. */
class ParallelTest {

    /** The [from, to) ranges forRange hands out, sorted. */
    private static List<int[]> ranges(int n, int grain) {
        List<int[]> ranges = new ArrayList<>();
        Parallel.forRange(n, grain, true, (from, to) -> {
            synchronized (ranges) {
                ranges.add(new int[] {from, to});
            }
        });
        ranges.sort(Comparator.comparingInt(r -> r[0]));
        return ranges;
    }

    @Test
    void rangesTileTheLoopExactlyEvenNearTheLargestArray() {
        for (int n : new int[] {0, 1, 4095, 4096, 100_000, Integer.MAX_VALUE - 8, Integer.MAX_VALUE}) {
            List<int[]> ranges = ranges(n, 4096);
            int at = 0;
            for (int[] r : ranges) {
                assertEquals(at, r[0], "n=" + n + ": ranges must follow each other");
                assertTrue(r[1] >= r[0], "n=" + n + ": range [" + r[0] + ", " + r[1] + ")");
                at = r[1];
            }
            assertEquals(n, at, "n=" + n + ": ranges must end at n");
            assertTrue(ranges.size() <= Parallel.THREADS, "n=" + n + ": at most one range per thread");
            long chunks = ((long) n + 4095) / 4096;
            assertEquals(Math.max(1, Math.min(Parallel.THREADS, chunks)), ranges.size(), "n=" + n + ": one range per thread");
        }
    }

    @Test
    void vectorProductsNeedPacksThatFitInAnArray() {
        assumeTrue(KernelSelector.vectorApiAvailable(), "needs --add-modules jdk.incubator.vector");
        assertTrue(VectorGemm.packsFit(256, 256, 784));
        assertTrue(VectorGemm.packsFit(0, 0, 0));
        assertFalse(VectorGemm.packsFit(1, 1, 100_000_000), "one panel of B, NR·k floats, passes 2^31");
        assertFalse(VectorGemm.packsFit(Integer.MAX_VALUE / 2, 1, 2), "A rounded up to whole row panels passes 2^31");
        assertFalse(VectorGemm.packsFit(1, Integer.MAX_VALUE - 8, 1), "n rounded up to whole column panels passes 2^31");
    }
}
