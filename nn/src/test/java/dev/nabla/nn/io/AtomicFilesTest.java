package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Failed writes name the file being written; leftovers of interrupted writes can be swept. */
class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aFailingWriteNamesTheTargetAndLeavesItAndNoTemporaryBehind() throws IOException {
        Path target = dir.resolve("metrics.csv");
        Files.writeString(target, "old");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write(new byte[100]);
            throw new IOException("No space left on device");  // what FileChannel.write says on a full disk
        }));
        assertEquals("cannot write " + target + ": No space left on device", e.getMessage());
        assertEquals("old", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    void aFileWhereAFolderShouldBeIsNamed() throws IOException {
        Path file = Files.writeString(dir.resolve("plain"), "x");
        Path target = file.resolve("out/report.html");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> out.write(1)));
        assertTrue(e.getMessage().startsWith("cannot write " + target + ": "), e.getMessage());
        assertFalse(e.getMessage().contains(".tmp"), "the temporary file is not the user's business: " + e.getMessage());
    }

    @Test
    void checkWritableCreatesTheFolderAndLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("runs/a");
        AtomicFiles.checkWritable(out);
        assertTrue(Files.isDirectory(out));
        try (var files = Files.list(out)) {
            assertEquals(0, files.count(), "the probe is gone");
        }
        Path file = Files.writeString(dir.resolve("plain"), "x");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(file.resolve("out")));
        assertTrue(e.getMessage().startsWith("cannot write into " + file.resolve("out") + ": "), e.getMessage());
    }

    @Test
    void checkWritableRefusesAPlaceThatTakesNoFiles() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux: /proc takes no new files, even from root");
        IOException e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(Path.of("/proc")));
        assertEquals("cannot write into /proc: no file can be created there", e.getMessage());
        e = assertThrows(IOException.class, () -> AtomicFiles.checkWritable(Path.of("/proc/nabla-out")));
        assertEquals("cannot write into /proc/nabla-out: no file can be created there", e.getMessage());
    }

    @Test
    void staleTemporariesAreDeletedAndNothingElse() throws IOException {
        Path keep1 = Files.writeString(dir.resolve("metrics.csv"), "a");
        Path keep2 = Files.writeString(dir.resolve(".hidden"), "b");
        Path keep3 = Files.writeString(dir.resolve("notes.tmp"), "c");
        Path keep4 = Files.writeString(dir.resolve(".a.b.NOT-BASE36.tmp"), "d");
        Path stale1 = Files.writeString(dir.resolve(".metrics.csv.3kq9zx01ab.tmp"), "e");
        Path stale2 = Files.writeString(dir.resolve(".model.safetensors.0.tmp"), "f");
        Files.createDirectory(dir.resolve(".plots.abc.tmp"));  // folders are never ours
        List<Path> deleted = AtomicFiles.deleteStaleTemporaries(dir);
        assertEquals(2, deleted.size(), deleted.toString());
        assertTrue(deleted.contains(stale1) && deleted.contains(stale2));
        for (Path p : List.of(keep1, keep2, keep3, keep4, dir.resolve(".plots.abc.tmp"))) assertTrue(Files.exists(p), p.toString());
    }

    @Test
    void aWriteKilledBeforeItsRenameLeavesATemporaryThatTheSweepRecognises() throws IOException {
        // The name a real write uses: fail inside the writer and look at what exists meanwhile.
        Path target = dir.resolve("checkpoint.safetensors");
        List<Path> during = new java.util.ArrayList<>();
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            during.addAll(list());
            throw new IOException("killed");
        }));
        assertEquals(1, during.size());
        Path temporary = during.get(0);
        Files.writeString(temporary, "torn");  // as if the process had died there
        assertEquals(List.of(temporary), AtomicFiles.deleteStaleTemporaries(dir));
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }
}
