package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.nabla.nn.io.Allocations;
import dev.nabla.nn.io.FastFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes and random mutations of valid IDX files, raw and gzipped (seeded, so a failure
 * names a reproducible case): the reader either reads the file or throws an IOException, never
 * anything else, and never allocates more than the file (or, gzipped, what it inflates to) justifies.
 */
class IdxFileFuzzTest {
    static final int CASES = 3000, WARM_UP = 300;
    static final long SEED = 20240902L;
    /**
     * Allowed heap per case: 1 MiB fixed (three 64 KiB stream buffers, the first 64 KiB of a gzip
     * buffer, classes first loaded by a rare path) plus 4 bytes per byte of content: the array
     * itself, and a growing gzip buffer's old and new copies.
     */
    static final long FIXED = 1 << 20, PER_BYTE = 4;

    private static final int[] NASTY = {-1, 0, 1, 65536, Integer.MAX_VALUE, Integer.MIN_VALUE, 46341, Integer.MAX_VALUE - 8, 1 << 20};

    @TempDir
    Path dir;

    private static byte[] raw(Random r) {
        int rank = r.nextInt(3) + 1;
        int[] dims = new int[rank];
        int n = 1;
        for (int d = 0; d < rank; d++) n *= dims[d] = r.nextInt(6);
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * rank + n).put(new byte[] {0, 0, 8, (byte) rank});
        for (int d : dims) b.putInt(d);
        byte[] data = new byte[n];
        r.nextBytes(data);
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] raw) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (GZIPOutputStream z = new GZIPOutputStream(out)) {
                z.write(raw);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A mutated content (before any gzip): header fields, bits, length. */
    private static byte[] mutate(byte[] f, Random r, StringBuilder what) {
        switch (r.nextInt(6)) {
            case 0 -> {
                what.append("flip bits");
                for (int i = r.nextInt(3) + 1; i > 0; i--) f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
            }
            case 1, 2 -> {
                int rank = f[3] & 0xFF, d = r.nextInt(rank), v = NASTY[r.nextInt(NASTY.length)];
                what.append("dim ").append(d).append(" = ").append(v);
                ByteBuffer.wrap(f).putInt(4 + 4 * d, v);
            }
            case 3 -> {
                what.append("type/rank byte");
                f[2 + r.nextInt(2)] = (byte) r.nextInt(256);
            }
            case 4 -> {
                what.append("length");
                f = Arrays.copyOf(f, Math.max(0, f.length + r.nextInt(9) - 6));
            }
            default -> {
                what.append("random bytes");
                f = new byte[r.nextInt(64)];
                r.nextBytes(f);
                if (f.length > 3 && r.nextBoolean()) f[0] = f[1] = 0;
            }
        }
        return f;
    }

    @Test
    void randomAndMutatedFilesGiveOnlyIOExceptionsAndBoundedAllocation() throws IOException {
        long start = System.nanoTime();
        try (FastFiles scratch = new FastFiles(dir)) {
            Path p = scratch.dir().resolve("fuzz-idx");
            Random warm = new Random(SEED + 1);
            for (int i = 0; i < WARM_UP; i++) {
                Files.write(p, i % 2 == 0 ? gzip(mutate(raw(warm), warm, new StringBuilder())) : mutate(raw(warm), warm, new StringBuilder()));
                Allocations.measure(() -> IdxFile.read(p));
            }
            Random r = new Random(SEED);
            int read = 0, refused = 0;
            for (int i = 0; i < CASES; i++) {
                StringBuilder what = new StringBuilder();
                byte[] content = r.nextInt(10) == 0 ? raw(r) : mutate(raw(r), r, what);
                byte[] f = content;
                int kind = r.nextInt(3);  // raw, gzip of the mutated content, or mutated gzip bytes
                if (kind > 0) f = gzip(content);
                if (kind == 2 && f.length > 0) {
                    what.append(", then the compressed bytes");
                    f = r.nextBoolean() ? Arrays.copyOf(f, r.nextInt(f.length)) : f;
                    if (f.length > 2) f[2 + r.nextInt(f.length - 2)] ^= (byte) (1 << r.nextInt(8));
                }
                Files.write(p, f);
                Allocations.Result result = Allocations.measure(() -> IdxFile.read(p));
                String name = "case " + i + " (seed " + SEED + ", " + (kind == 0 ? "raw, " : "gzip, ") + what + ", " + f.length + " bytes)";
                if (result.thrown() == null) read++;
                else if (result.thrown() instanceof IOException) refused++;
                else fail(name + " threw " + result.thrown(), result.thrown());
                long budget = FIXED + PER_BYTE * Math.max(f.length, content.length);
                assertTrue(result.bytes() <= budget, name + " allocated " + result.bytes() + " bytes, more than " + budget);
            }
            assertTrue(read > CASES / 20 && refused > CASES / 2, "the mix exercises both paths: " + read + " read, " + refused + " refused");
            System.out.printf("IDX fuzz: %d cases (+%d warm-up) in %d ms, %d read, %d refused%n",
                    CASES, WARM_UP, (System.nanoTime() - start) / 1_000_000, read, refused);
        }
    }
}
