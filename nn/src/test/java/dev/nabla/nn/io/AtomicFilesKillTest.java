package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A process killed with SIGKILL in the middle of writes leaves the old file or the new one, whole, never a torn one. */
class AtomicFilesKillTest {
    static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    /** The child: rewrites the target with 4 MiB of 'a', then of 'b', ..., printing a line after each write. */
    public static void main(String[] args) throws IOException {
        Path target = Path.of(args[0]);
        byte[] block = new byte[1 << 16];
        for (int n = 0; ; n++) {
            byte fill = (byte) ('a' + n % 26);
            Arrays.fill(block, fill);
            AtomicFiles.write(target, out -> {
                for (int i = 0; i < SIZE / block.length; i++) out.write(block);
            });
            System.out.println("wrote " + n);
            System.out.flush();
        }
    }

    @Test
    void killedMidWriteLeavesAWholeFile() throws Exception {
        Path target = dir.resolve("state.bin");
        for (int round = 0; round < 2; round++) {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), AtomicFilesKillTest.class.getName(),
                    target.toString()).redirectErrorStream(true).start();
            try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                int writes = 0;
                while (writes < 3 + round && (line = out.readLine()) != null) if (line.startsWith("wrote ")) writes++;
                assertTrue(writes >= 3, "the child wrote " + writes + " files before exiting");
                Thread.sleep(7 * round + 3);  // somewhere inside the next write
                child.destroyForcibly();  // SIGKILL on Unix: no shutdown hooks, no finally blocks
                assertTrue(child.waitFor(10, TimeUnit.SECONDS));
            }
            byte[] content = Files.readAllBytes(target);
            assertEquals(SIZE, content.length, "round " + round + ": the target has the length of a whole write");
            for (byte b : content) {
                if (b != content[0]) throw new AssertionError("round " + round + ": torn file, '" + (char) content[0] + "' and '" + (char) b + "'");
            }
        }
    }
}
