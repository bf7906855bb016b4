package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The IDX reader on generated files: valid ones, and each way a file can be broken. */
class IdxFileTest {
    @TempDir
    Path dir;

    private static byte[] sample() {
        byte[] b = new byte[2 * 3 * 4];
        for (int i = 0; i < b.length; i++) b[i] = (byte) (i * 11);
        return b;
    }

    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put(new byte[] {0, 0, (byte) type, (byte) dims.length});
        for (int d : dims) b.putInt(d);
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    private String error(Path p) {
        return assertThrows(IOException.class, () -> IdxFile.read(p)).getMessage();
    }

    @Test
    void readsRawAndGzipAndRoundTrips() throws IOException {
        IdxArray expected = new IdxArray(new int[] {2, 3, 4}, sample());
        for (boolean gz : new boolean[] {false, true}) {
            Path p = dir.resolve("a" + gz);  // no extension: gzip is detected by content
            IdxFile.write(p, expected, gz);
            IdxArray got = IdxFile.read(p);
            assertArrayEquals(new int[] {2, 3, 4}, got.dims());
            assertArrayEquals(sample(), got.data());
            assertEquals(2, got.count());
            assertEquals(253, got.unsigned(23));
        }
        assertTrue(IdxFile.isGzip(dir.resolve("atrue")));
    }

    @Test
    void wrongMagic() throws IOException {
        Path p = file("png", new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 0});
        assertEquals("IDX file " + p + " is not an IDX file: it starts with 89 50 4E 47, but IDX files start with 00 00 <type> <rank>",
                error(p));
    }

    @Test
    void unsupportedType() throws IOException {
        Path p = file("floats", idx(0x0D, new int[] {1}, new byte[4]));
        assertEquals("IDX file " + p + " holds values of type 0x0D (32-bit floats); only unsigned bytes (0x08, as in MNIST) are supported", error(p));
    }

    @Test
    void truncatedRawAndGzip() throws IOException {
        byte[] full = idx(0x08, new int[] {2, 3, 4}, sample());
        Path raw = file("raw", Arrays.copyOf(full, full.length - 5));
        assertEquals("IDX file " + raw + " declares dimensions [2, 3, 4] (24 bytes of data), but holds 19 (truncated)", error(raw));
        Path gz = file("gz", gzip(Arrays.copyOf(full, full.length - 5)));
        assertEquals("IDX file " + gz + " ended after 19 of the 24 values its header declares [2, 3, 4] (truncated)", error(gz));
        byte[] zipped = gzip(full);
        Path cut = file("cut.gz", Arrays.copyOf(zipped, zipped.length - 12));
        assertTrue(error(cut).startsWith("IDX file " + cut + ": the gzip data is corrupt or truncated"), error(cut));
        Path header = file("header", Arrays.copyOf(full, 9));
        assertEquals("IDX file " + header + " ends inside its header (truncated)", error(header));
    }

    @Test
    void extraBytesAndWrongCounts() throws IOException {
        byte[] full = idx(0x08, new int[] {2, 3, 4}, sample());
        Path raw = file("raw", Arrays.copyOf(full, full.length + 3));
        assertEquals("IDX file " + raw + " declares dimensions [2, 3, 4] (24 bytes of data), but holds 27 (extra bytes after the data)",
                error(raw));
        Path gz = file("gz", gzip(Arrays.copyOf(full, full.length + 3)));
        assertEquals("IDX file " + gz + " has extra bytes after the 24 values its header declares [2, 3, 4]", error(gz));
    }

    @Test
    void lyingHeaderCannotExhaustMemory() throws IOException {
        // claims 60000 x 10000 x 3 values (1.8 GB) but carries 10 bytes
        Path gz = file("liar.gz", gzip(idx(0x08, new int[] {60000, 10000, 3}, new byte[10])));
        assertEquals("IDX file " + gz + " ended after 10 of the 1800000000 values its header declares [60000, 10000, 3] (truncated)",
                error(gz));
        Path huge = file("huge", idx(0x08, new int[] {65536, 65536, 65536}, new byte[1]));
        assertEquals("IDX file " + huge + ": dimensions [65536, 65536, 65536]: 281474976710656 elements, more than the "
                + "2147483639 one array can hold", error(huge));
        Path rank = file("rank", new byte[] {0, 0, 8, (byte) 200});
        assertEquals("IDX file " + rank + " declares 200 dimensions (expected 1 to 16)", error(rank));
    }

    @Test
    void sizesThatOverflowAreRejectedNotWrappedAround() throws IOException {
        // 65536^4 = 2^64 wrapped around to 0 values, so an empty file body used to be accepted
        Path four = file("four", idx(0x08, new int[] {65536, 65536, 65536, 65536}, new byte[0]));
        assertEquals("IDX file " + four + ": dimensions [65536, 65536, 65536, 65536]: 18446744073709551616 elements, more than "
                + "the 2147483639 one array can hold", error(four));
        // (2^31-1)^3 used to end in NegativeArraySizeException
        int max = Integer.MAX_VALUE;
        Path gz = file("max.gz", gzip(idx(0x08, new int[] {max, max, max}, new byte[5])));
        assertEquals("IDX file " + gz + ": dimensions [2147483647, 2147483647, 2147483647]: 9903520300447984150353281023 "
                + "elements, more than the 2147483639 one array can hold", error(gz));
        Path negative = file("negative", idx(0x08, new int[] {2, -3}, new byte[0]));
        assertEquals("IDX file " + negative + ": dimensions [2, -3]: negative dimension -3", error(negative));
        Path signed = file("signed", idx(0x09, new int[] {max, max, max}, new byte[0]));
        assertEquals("IDX file " + signed + " holds values of type 0x09 (signed bytes); only unsigned bytes (0x08, as in MNIST) "
                + "are supported", error(signed));
        Path unknown = file("unknown", idx(0x42, new int[] {1}, new byte[1]));
        assertEquals("IDX file " + unknown + " holds values of type 0x42 (not an IDX type); only unsigned bytes (0x08, as in MNIST) "
                + "are supported", error(unknown));
        assertEquals("IdxArray: dims [65536, 65536, 65536, 65536] are not a valid shape (long overflow)",
                assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[] {65536, 65536, 65536, 65536}, new byte[0]))
                        .getMessage());
        assertEquals("IdxArray: dims [2, -1] are not a valid shape (negative dimension -1 in [2, -1])",
                assertThrows(IllegalArgumentException.class, () -> new IdxArray(new int[] {2, -1}, new byte[0])).getMessage());
    }

    @Test
    void aGzipThatClaimsMoreThanItHoldsAllocatesOnlyWhatItHolds() throws IOException {
        // claims 2^31-9 values (2 GiB), carries 10
        Path gz = file("liar.gz", gzip(idx(0x08, new int[] {Integer.MAX_VALUE - 8}, new byte[10])));
        IdxFile.read(file("warm.gz", gzip(idx(0x08, new int[] {3}, new byte[3]))));  // class loading is not the reader's cost
        dev.nabla.nn.io.Allocations.Result r = dev.nabla.nn.io.Allocations.measure(() -> IdxFile.read(gz));
        assertEquals("IDX file " + gz + " ended after 10 of the 2147483639 values its header declares [2147483639] (truncated)",
                r.thrown().getMessage());
        assertTrue(r.bytes() < 1 << 20, "allocated " + r.bytes() + " bytes");
    }

    @Test
    void nullArgumentsAreNamed() {
        assertEquals("path", assertThrows(NullPointerException.class, () -> IdxFile.read(null)).getMessage());
        assertEquals("array", assertThrows(NullPointerException.class, () -> IdxFile.write(dir.resolve("x"), null, false)).getMessage());
        assertEquals("dims", assertThrows(NullPointerException.class, () -> new IdxArray(null, new byte[0])).getMessage());
    }

    @Test
    void garbageAndMissingFiles() throws IOException {
        Path empty = file("empty", new byte[0]);
        assertEquals("IDX file " + empty + " is too short for an IDX header (0 bytes)", error(empty));
        Path missing = dir.resolve("nope");
        IOException e = assertThrows(IOException.class, () -> IdxFile.read(missing));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
    }
}
