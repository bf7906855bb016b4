package dev.nabla.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What core promises to threads: backward passes on several threads add every gradient into a
 * shared leaf, the default generator neither loses nor repeats a draw, a graph is consumed once,
 * shared tensors compute the same values on every thread, and grad mode stays per thread. Values
 * are integers or exact draws, so the expected results are exact, not statistical.
 */
class ConcurrencyTest {
    private static final int THREADS = 8;

    private static ExecutorService pool;

    @BeforeAll
    static void startThreads() {
        pool = Executors.newFixedThreadPool(THREADS);
    }

    @AfterAll
    static void stopThreads() {
        pool.shutdownNow();
    }

    /** Runs {@code task(t)} for t = 0..THREADS-1 on as many threads, all released at once; returns their results. */
    private static <T> List<T> together(ThrowingTask<T> task) throws Exception {
        CyclicBarrier start = new CyclicBarrier(THREADS);
        List<Future<T>> futures = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            futures.add(pool.submit(() -> {
                start.await();
                return task.run(id);
            }));
        }
        List<T> results = new ArrayList<>();
        for (Future<T> f : futures) results.add(f.get(60, TimeUnit.SECONDS));
        return results;
    }

    @FunctionalInterface
    private interface ThrowingTask<T> {
        T run(int thread) throws Exception;
    }

    @Test
    void backwardOnManyThreadsAddsEveryGradientIntoASharedLeaf() throws Exception {
        int n = 1000, steps = 300;
        Tensor w = Tensor.zeros(n).requiresGrad(true);
        together(t -> {
            Tensor c = Tensor.full(t + 1, n);  // thread t adds t + 1 to every element, steps times
            for (int s = 0; s < steps; s++) w.mul(c).sum().backward();
            return null;
        });
        float expected = steps * THREADS * (THREADS + 1) / 2f;  // 10800: exact in float32
        float[] grad = w.grad().toArray();
        for (int i = 0; i < n; i++) assertEquals(expected, grad[i], "element " + i + " lost updates");
    }

    @Test
    void theFirstGradientIsNotLostEither() throws Exception {
        for (int n : new int[] {3, 40_000}) {  // small, and large enough for the kernels' own threads
            for (int round = 0; round < 30; round++) {
                Tensor w = Tensor.zeros(n).requiresGrad(true);  // grad is null: every thread races to create it
                together(t -> {
                    w.mul(2f).sum().backward();
                    return null;
                });
                float[] grad = w.grad().toArray();
                assertEquals(2f * THREADS, grad[0], "n=" + n + ", round " + round);
                assertEquals(2f * THREADS, grad[n - 1], "n=" + n + ", round " + round);
            }
        }
    }

    @Test
    void aGraphIsConsumedByOneBackwardOnly() throws Exception {
        for (int round = 0; round < 100; round++) {
            Tensor x = Tensor.ones(4).requiresGrad(true);
            Tensor y = x.mul(3f).sum();
            AtomicInteger refused = new AtomicInteger();
            together(t -> {
                try {
                    y.backward();
                } catch (IllegalStateException e) {
                    assertTrue(e.getMessage().startsWith("backward: trying to backward through the graph a second time"));
                    refused.incrementAndGet();
                }
                return null;
            });
            assertEquals(THREADS - 1, refused.get(), "round " + round + ": exactly one pass may consume the graph");
            assertArrayEquals(new float[] {3, 3, 3, 3}, x.grad().toArray(), "round " + round);
        }
        Tensor x = Tensor.ones(4).requiresGrad(true);  // retainGraph: every pass runs and adds
        Tensor y = x.mul(3f).sum();
        together(t -> {
            y.backward(Tensor.scalar(1f), true);
            return null;
        });
        assertArrayEquals(new float[] {3 * THREADS, 3 * THREADS, 3 * THREADS, 3 * THREADS}, x.grad().toArray());
    }

    @Test
    void sharedTensorsGiveEveryThreadTheSameValuesAndGradients() throws Exception {
        Tensor x = Tensor.randn(new Rng(1), 16, 100), w = Tensor.randn(new Rng(2), 50, 100), b = Tensor.randn(new Rng(3), 50);
        Tensor serial = x.linear(w, b).relu().softmax(1);
        List<float[]> results = together(t -> {
            Tensor leaf = x.detach().requiresGrad(true);
            Tensor y = leaf.linear(w, b).relu().softmax(1);
            y.mul(y).sum().backward();
            assertNotNull(leaf.grad());
            return y.toArray();
        });
        for (float[] r : results) assertArrayEquals(serial.toArray(), r);
    }

    @Test
    void theDefaultGeneratorNeitherLosesNorRepeatsADraw() throws Exception {
        long[] saved = Rng.defaultGenerator().getState();
        try {
            int draws = 5000;
            Rng.manualSeed(99);
            List<long[]> longs = together(t -> {
                long[] mine = new long[draws];
                for (int i = 0; i < draws; i++) mine[i] = Rng.defaultGenerator().nextLong();
                return mine;
            });
            Rng serial = new Rng(99);
            long[] expected = new long[THREADS * draws];
            for (int i = 0; i < expected.length; i++) expected[i] = serial.nextLong();
            assertArrayEquals(sorted(expected), sorted(longs.stream().flatMapToLong(Arrays::stream).toArray()),
                    "the threads' draws together are exactly the serial draws, in some order");

            Rng.manualSeed(7);  // Gaussians come in pairs (a spare is kept): the pairs must not be torn apart either
            List<double[]> gaussians = together(t -> {
                double[] mine = new double[draws];
                for (int i = 0; i < draws; i++) mine[i] = Rng.defaultGenerator().nextGaussian();
                return mine;
            });
            Rng serialG = new Rng(7);
            double[] expectedG = new double[THREADS * draws];
            for (int i = 0; i < expectedG.length; i++) expectedG[i] = serialG.nextGaussian();
            double[] actualG = gaussians.stream().flatMapToDouble(Arrays::stream).toArray();
            Arrays.sort(expectedG);
            Arrays.sort(actualG);
            assertArrayEquals(expectedG, actualG);
        } finally {
            Rng.defaultGenerator().setState(saved);
        }
    }

    @Test
    void aTensorFillIsOneAtomicDrawFromTheDefaultGenerator() throws Exception {
        long[] saved = Rng.defaultGenerator().getState();
        try {
            int size = 5000, rounds = 10;
            Rng.manualSeed(5);
            List<List<float[]>> fills = together(t -> {
                List<float[]> mine = new ArrayList<>();
                for (int r = 0; r < rounds; r++) mine.add(Tensor.rand(size).toArray());
                return mine;
            });
            float[] serial = Tensor.rand(new Rng(5), THREADS * rounds * size).toArray();
            boolean[] used = new boolean[THREADS * rounds];
            for (List<float[]> mine : fills) {
                for (float[] fill : mine) {  // each fill is one whole block of the serial sequence
                    int block = -1;
                    for (int j = 0; j < used.length && block < 0; j++) {
                        if (!used[j] && Arrays.equals(fill, Arrays.copyOfRange(serial, j * size, (j + 1) * size))) block = j;
                    }
                    assertTrue(block >= 0, "a fill interleaved with another thread's draws");
                    used[block] = true;
                }
            }
        } finally {
            Rng.defaultGenerator().setState(saved);
        }
    }

    @Test
    void noGradClosedOnAnotherThreadIsRefusedAndLeavesBothThreadsAsTheyWere() throws Exception {
        NoGrad scope = Tensor.noGrad();
        assertFalse(Tensor.isGradEnabled());
        Thread main = Thread.currentThread();
        Throwable[] failure = new Throwable[1];
        boolean[] otherThreadRecords = new boolean[1];
        Thread other = new Thread(() -> {
            otherThreadRecords[0] = Tensor.isGradEnabled();  // grad mode is per thread
            failure[0] = assertThrows(IllegalStateException.class, scope::close);
        }, "closer");
        other.start();
        other.join();
        assertTrue(otherThreadRecords[0], "a scope on one thread does not switch grad off on another");
        assertEquals("NoGrad: this scope was opened on thread '" + main.getName() + "' (id " + main.getId() + ") and cannot "
                + "be closed on thread 'closer' (id " + other.getId() + "); grad mode belongs to a thread, so close the scope "
                + "on the thread that opened it (try-with-resources does)", failure[0].getMessage());
        assertFalse(Tensor.isGradEnabled(), "the refused close changed nothing");
        scope.close();
        assertTrue(Tensor.isGradEnabled(), "the opener can still close it");
    }

    private static long[] sorted(long[] x) {
        long[] y = x.clone();
        Arrays.sort(y);
        return y;
    }
}
