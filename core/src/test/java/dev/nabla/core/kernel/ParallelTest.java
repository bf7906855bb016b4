package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

/**
 * {@link Parallel}: every chunk runs exactly once, whoever takes it; the caller returns only after
 * every chunk that was taken has finished; failures reach the caller; nested and concurrent calls
 * run (serially) instead of deadlocking; ranges tile the loop up to the largest array length, where
 * chunks·grain passes 2³¹.
 */
class ParallelTest {

    @Test
    void everyChunkRunsExactlyOnce() {
        for (int rep = 0; rep < 200; rep++) {
            int count = 1 + rep % 37;
            AtomicIntegerArray runs = new AtomicIntegerArray(count);
            Parallel.forChunks(count, true, next -> {
                for (int c; (c = next.getAsInt()) >= 0; ) runs.incrementAndGet(c);
            });
            for (int c = 0; c < count; c++) assertEquals(1, runs.get(c), "chunk " + c + " of " + count + ", repetition " + rep);
        }
    }

    @Test
    void rangesCoverEveryIndexOnceInWholeGrains() {
        for (int n : new int[] {0, 1, 7, 4096, 4097, 65536 + 5}) {
            AtomicIntegerArray hits = new AtomicIntegerArray(Math.max(n, 1));
            Parallel.forRange(n, 64, true, (from, to) -> {
                assertTrue(from % 64 == 0 && (to == n || to - from == 64), "range [" + from + ", " + to + ") of " + n);
                for (int i = from; i < to; i++) hits.incrementAndGet(i);
            });
            for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "index " + i + " of " + n);
        }
    }

    @Test
    void rangesTileTheLoopExactlyEvenNearTheLargestArray() {
        for (int n : new int[] {1, 4095, 4096, 100_000, Integer.MAX_VALUE - 8, Integer.MAX_VALUE}) {
            List<int[]> ranges = new ArrayList<>();
            Parallel.forRange(n, 4096, true, (from, to) -> {
                synchronized (ranges) {
                    ranges.add(new int[] {from, to});
                }
            });
            ranges.sort(Comparator.comparingInt(r -> r[0]));
            int at = 0;
            for (int[] r : ranges) {
                assertEquals(at, r[0], "n=" + n + ": ranges must follow each other");
                assertTrue(r[1] > r[0], "n=" + n + ": range [" + r[0] + ", " + r[1] + ")");
                at = r[1];
            }
            assertEquals(n, at, "n=" + n + ": ranges must end at n");
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

    @Test
    void insideAloneEveryChunkRunsOnTheCaller() throws Exception {
        assumeTrue(Parallel.THREADS > 1, "needs a kernel thread to keep out");
        for (boolean alone : new boolean[] {false, true}) {
            List<Thread> seen = java.util.Collections.synchronizedList(new ArrayList<>());
            Runnable loop = () -> Parallel.forChunks(64, true, next -> {
                while (next.getAsInt() >= 0) {
                    long until = System.nanoTime() + 100_000;  // long enough for a kernel thread to take chunks too
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    seen.add(Thread.currentThread());
                }
            });
            for (int rep = 0; rep < 10; rep++) {
                if (alone) KernelThreads.alone(() -> { loop.run(); return null; });
                else loop.run();
            }
            assertEquals(640, seen.size());
            boolean onlyCaller = seen.stream().allMatch(t -> t == Thread.currentThread());
            if (alone) assertTrue(onlyCaller, "a kernel thread took a chunk inside alone()");
        }
        assertFalse(KernelThreads.isAlone(), "alone() ends with its task");
        assertEquals(7, KernelThreads.alone(() -> KernelThreads.alone(() -> 7)), "nested");
    }

    @Test
    void theCallerReturnsOnlyAfterEveryChunkHasFinished() {
        int count = 16;
        AtomicIntegerArray finished = new AtomicIntegerArray(count);
        for (int rep = 0; rep < 20; rep++) {
            Parallel.forChunks(count, true, next -> {
                for (int c; (c = next.getAsInt()) >= 0; ) {
                    long until = System.nanoTime() + 200_000;  // long enough that other threads take chunks meanwhile
                    while (System.nanoTime() < until) Thread.onSpinWait();
                    finished.set(c, 1);
                }
            });
            for (int c = 0; c < count; c++) assertEquals(1, finished.getAndSet(c, 0), "chunk " + c + " had not finished, repetition " + rep);
        }
    }

    @Test
    void aFailureInAnyChunkReachesTheCallerAsItIs() {
        for (int bad = 0; bad < 8; bad++) {
            int failing = bad;
            IllegalArgumentException e = new IllegalArgumentException("chunk " + bad);
            assertSame(e, assertThrows(IllegalArgumentException.class, () -> Parallel.forChunks(8, true, next -> {
                for (int c; (c = next.getAsInt()) >= 0; ) if (c == failing) throw e;
            })));
        }
        AssertionError error = new AssertionError("an error");
        assertSame(error, assertThrows(AssertionError.class, () -> Parallel.forRange(1 << 16, 1024, true, (from, to) -> {
            if (from == 1024) throw error;
        })));
        everyChunkRunsExactlyOnce();  // and the threads still work
    }

    @Test
    void nestedLoopsRunOnTheThreadThatCallsThem() {
        AtomicIntegerArray runs = new AtomicIntegerArray(8 * 8);
        Parallel.forChunks(8, true, next -> {
            for (int c; (c = next.getAsInt()) >= 0; ) {
                int outer = c;
                Thread self = Thread.currentThread();
                Parallel.forChunks(8, true, inner -> {
                    assertSame(self, Thread.currentThread(), "a nested loop stays on its thread");
                    for (int d; (d = inner.getAsInt()) >= 0; ) runs.incrementAndGet(outer * 8 + d);
                });
            }
        });
        for (int i = 0; i < 64; i++) assertEquals(1, runs.get(i), "inner chunk " + i);
    }

    @Test
    void concurrentCallersEachGetAllTheirChunks() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<int[]>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int count = 50 + t;
                results.add(pool.submit(() -> {
                    int[] sums = new int[count];
                    for (int rep = 0; rep < 100; rep++) {
                        Parallel.forChunks(count, true, next -> {
                            for (int c; (c = next.getAsInt()) >= 0; ) sums[c]++;  // each chunk once: no race on sums[c]
                        });
                    }
                    return sums;
                }));
            }
            for (Future<int[]> f : results) for (int s : f.get()) assertEquals(100, s);
        } finally {
            pool.shutdownNow();
        }
    }
}
