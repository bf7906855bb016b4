package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.examples.experiment.WriteBehind.Kind;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class WriteBehindTest {
    private final List<String> ran = new CopyOnWriteArrayList<>();
    private final CountDownLatch started = new CountDownLatch(1), release = new CountDownLatch(1);

    /** A write that holds the thread until {@link #release} opens, so the writes after it wait in the queue. */
    private WriteBehind.Write blocking() {
        return () -> {
            started.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
            ran.add("blocking");
        };
    }

    private WriteBehind.Write named(String name) {
        return () -> ran.add(name);
    }

    @Test
    void writesRunInOrderAndDrainWaitsForThem() throws Exception {
        try (WriteBehind w = new WriteBehind("test-writes")) {
            for (int i = 0; i < 50; i++) w.submit(Kind.FULL, named("full " + i));
            w.drain();
            assertEquals(50, ran.size());
            for (int i = 0; i < 50; i++) assertEquals("full " + i, ran.get(i));
        }
    }

    @Test
    void aWaitingWriteIsReplacedByANewerOneOfItsKind() throws Exception {
        try (WriteBehind w = new WriteBehind("test-writes")) {
            w.submit(Kind.FULL, blocking());
            started.await();
            w.submit(Kind.LIVE, named("live 1"));
            w.submit(Kind.METRICS, named("metrics 1"));
            w.submit(Kind.LIVE, named("live 2"));  // replaces live 1, not metrics 1
            release.countDown();
            w.drain();
            assertEquals(List.of("blocking", "metrics 1", "live 2"), ran);
        }
    }

    @Test
    void aFullWriteCoversTheWaitingLighterOnesButNeverAnotherFullWrite() throws Exception {
        try (WriteBehind w = new WriteBehind("test-writes")) {
            w.submit(Kind.FULL, blocking());
            started.await();
            w.submit(Kind.LIVE, named("live"));
            w.submit(Kind.METRICS, named("metrics"));
            w.submit(Kind.FULL, named("full 1"));  // covers both: it writes the report and metrics.csv too
            w.submit(Kind.FULL, named("full 2"));  // full writes are never dropped
            release.countDown();
            w.drain();
            assertEquals(List.of("blocking", "full 1", "full 2"), ran);
        }
    }

    @Test
    void aFailedWriteIsThrownToTheAskingThreadAndTheWritesAfterItAreSkipped() throws Exception {
        IOException full = new IOException("No space left on device");
        try (WriteBehind w = new WriteBehind("test-writes")) {
            w.submit(Kind.FULL, blocking());
            started.await();
            w.submit(Kind.METRICS, () -> {
                throw full;
            });
            w.submit(Kind.LIVE, named("after the failure"));
            release.countDown();
            assertSame(full, assertThrows(IOException.class, w::drain));
            assertSame(full, assertThrows(IOException.class, () -> w.submit(Kind.LIVE, named("refused"))));
            assertEquals(List.of("blocking"), ran);
        }
    }

    @Test
    void closeWaitsForTheQueuedWrites() throws Exception {
        WriteBehind w = new WriteBehind("test-writes");
        w.submit(Kind.FULL, blocking());
        w.submit(Kind.FULL, named("last"));
        started.await();
        release.countDown();
        w.close();
        assertEquals(List.of("blocking", "last"), ran);
        assertThrows(IllegalStateException.class, () -> w.submit(Kind.LIVE, named("too late")));
    }
}
