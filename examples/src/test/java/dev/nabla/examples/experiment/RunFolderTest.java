package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Output folders are checked before anything runs, held by one run, swept of leftovers, and claimed atomically. */
class RunFolderTest {
    @TempDir
    Path tmp;

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("results"), "x");
        assertEquals("cannot use " + file + " as the output folder: it is a file",
                assertThrows(IOException.class, () -> RunFolder.open(file, "test")).getMessage());
        assertEquals("cannot create the output folder " + file.resolve("a/b") + ": " + file + " is a file, not a folder",
                assertThrows(IOException.class, () -> RunFolder.open(file.resolve("a/b"), "test")).getMessage());
        assertEquals("x", Files.readString(file), "the file is left alone");
    }

    @Test
    void aFolderThatCannotBeWrittenIsRefused() throws IOException {
        Path locked = Files.createDirectory(tmp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(canCreateIn(locked), "running as root: permissions do not bite");
            assertEquals("cannot write into the output folder " + locked + ": permission denied",
                    assertThrows(IOException.class, () -> RunFolder.open(locked, "test")).getMessage());
            assertEquals("cannot create the output folder " + locked.resolve("run") + ": permission denied",
                    assertThrows(IOException.class, () -> RunFolder.open(locked.resolve("run"), "test")).getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aPlaceNoOneCanWriteIsRefused() {
        Path sys = Path.of("/sys/kernel");  // sysfs: not even root may create a folder there
        assumeTrue(Files.isDirectory(sys), "no sysfs");
        Path out = sys.resolve("nabla-test-output");
        IOException e = assertThrows(IOException.class, () -> RunFolder.open(out, "test"));
        assertTrue(e.getMessage().startsWith("cannot create the output folder " + out + ": "), e.getMessage());
        assertFalse(e.getMessage().endsWith(": "), e.getMessage());
    }

    static boolean canCreateIn(Path dir) {
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            return true;
        } catch (AccessDeniedException e) {
            return false;
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aSecondRunIsToldWhoHoldsTheFolder() throws IOException {
        Path dir = tmp.resolve("out");
        try (RunFolder first = RunFolder.open(dir, "nabla train --out out")) {
            IOException e = assertThrows(IOException.class, () -> RunFolder.open(dir, "nabla train --out out --lr 0.1"));
            assertTrue(e.getMessage().matches(java.util.regex.Pattern.quote(dir.toString()) + " is in use by another run \\(pid "
                    + ProcessHandle.current().pid() + ", started \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ: nabla train --out out\\): wait for it "
                    + "to finish, or choose another folder"), e.getMessage());
        }
        try (RunFolder again = RunFolder.open(dir, "test")) {  // released when the first run ended
            assertEquals(dir, again.path());
        }
    }

    @Test
    void leftoversOfInterruptedWritesAreSweptWhenTheFolderIsTaken() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("out/plots"));
        Path a = Files.writeString(tmp.resolve("out/.metrics.csv.1x2y3z.tmp"), "torn");
        Path b = Files.writeString(dir.resolve(".curves.png.abc.tmp"), "torn");
        Path keep = Files.writeString(tmp.resolve("out/metrics.csv"), "whole");
        try (RunFolder f = RunFolder.open(tmp.resolve("out"), "test")) {
            assertEquals(Set.of(a, b), Set.copyOf(f.swept()));
        }
        assertFalse(Files.exists(a) || Files.exists(b));
        assertTrue(Files.exists(keep));
    }

    @Test
    void runFoldersStartedTogetherAreAllDistinct() throws Exception {
        int threads = 8, each = 12;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<Path>>> futures = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            futures.add(pool.submit(() -> {
                go.await();
                List<Path> mine = new ArrayList<>();
                for (int i = 0; i < each; i++) {
                    try (RunFolder f = RunFolder.createUnique(tmp.resolve("runs"), "dropout", "test")) {
                        mine.add(f.path());
                        Files.writeString(f.path().resolve("owner"), Thread.currentThread().getName() + " " + i);
                    }
                }
                return mine;
            }));
        }
        go.countDown();
        Set<Path> all = new HashSet<>();
        for (Future<List<Path>> f : futures) all.addAll(f.get());
        pool.shutdown();
        assertEquals(threads * each, all.size(), "every run got its own folder");
        for (Path p : all) {
            assertTrue(p.getFileName().toString().matches("dropout-\\d{8}-\\d{6}(-\\d+)?"), p.toString());
            assertEquals(1, Files.readAllLines(p.resolve("owner")).size(), "no folder was written by two runs");
        }
    }

    @Test
    void aFolderThatGotNothingCanBeDiscarded() throws IOException {
        try (RunFolder f = RunFolder.createUnique(tmp.resolve("runs"), "dropout", "test")) {
            assertTrue(f.discardIfUnused());
            assertFalse(Files.exists(f.path()));
        }
        try (RunFolder f = RunFolder.createUnique(tmp.resolve("runs"), "dropout", "test")) {
            Files.writeString(f.path().resolve("report.html"), "x");
            assertFalse(f.discardIfUnused());
            assertTrue(Files.exists(f.path()));
        }
    }
}
