package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random bytes and random mutations of valid files (seeded, so a failure names a reproducible case):
 * the reader either reads the file or throws an IOException, never anything else, and never
 * allocates more than the file's size justifies.
 */
class SafeTensorsFuzzTest {
    static final int CASES = 3000;
    static final long SEED = 20240901L;
    /** Cases read before measuring, so that loading the classes of each path is not counted as the reader's. */
    static final int WARM_UP = 300;
    /**
     * Allowed heap per case: 1 MiB fixed (the 64 KiB stream and chunk buffers and Jackson's, about
     * 80 KiB once warm, and classes first loaded by a rare path) plus 32 bytes per byte of file: a U8
     * element becomes a 4-byte float, copied once into its tensor (8), and a header byte becomes a
     * char (2) and a share of Jackson's tree. A header that lies by more than that is caught.
     */
    static final long FIXED = 1 << 20, PER_BYTE = 32;

    private static final String[] DTYPES = {"F32", "F64", "F16", "BF16", "I64", "I32", "I16", "I8", "U8", "BOOL"};
    private static final int[] SIZES = {4, 8, 2, 2, 8, 4, 2, 1, 1, 1};
    private static final String[] NAMES = {"w", "layer.0.bias", "é", "中文", "😀", "a\\nb", "__x__", ""};
    private static final String[] NUMBERS = {"-1", "0", "1", "2147483647", "2147483648", "4294967296", "9223372036854775807",
            "9223372036854775808", "1e308", "1.5", "1048576", "16777216", "65536", "99999999999999999999999", "-0"};
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]+");

    @TempDir
    Path dir;

    /** A valid file with 0-3 tensors of random dtypes and shapes, and maybe metadata. */
    private static byte[] validFile(Random r) {
        StringBuilder h = new StringBuilder("{");
        if (r.nextBoolean()) h.append("\"__metadata__\":{\"epoch\":\"3\",\"").append(NAMES[r.nextInt(NAMES.length)]).append("\":\"v\"},");
        int tensors = r.nextInt(4);
        long offset = 0;
        for (int i = 0; i < tensors; i++) {
            int t = r.nextInt(DTYPES.length), rank = r.nextInt(4);
            long numel = 1;
            StringBuilder shape = new StringBuilder("[");
            for (int d = 0; d < rank; d++) {
                int n = r.nextInt(5);
                numel *= n;
                shape.append(d == 0 ? "" : ",").append(n);
            }
            long end = offset + numel * SIZES[t];
            h.append('"').append(NAMES[r.nextInt(NAMES.length)]).append(i).append("\":{\"dtype\":\"").append(DTYPES[t])
                    .append("\",\"shape\":").append(shape).append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]},");
            offset = end;
        }
        if (h.charAt(h.length() - 1) == ',') h.setLength(h.length() - 1);
        byte[] data = new byte[(int) offset];
        r.nextBytes(data);
        return assemble(h.append('}').toString().getBytes(StandardCharsets.UTF_8), data);
    }

    private static byte[] assemble(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }

    private static int headerLength(byte[] f) {
        return (int) Math.max(0, Math.min(f.length - 8, ByteBuffer.wrap(f, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong()));
    }

    /** Replaces the header (keeping the data) and fixes the length prefix, so the mutation reaches the JSON checks. */
    private static byte[] withHeader(byte[] f, byte[] header) {
        int h = headerLength(f);
        byte[] data = java.util.Arrays.copyOfRange(f, 8 + h, f.length);
        return assemble(header, data);
    }

    static byte[] mutate(byte[] f, Random r, StringBuilder what) {
        int h = headerLength(f);
        byte[] header = java.util.Arrays.copyOfRange(f, 8, 8 + h);
        switch (r.nextInt(10)) {
            case 0 -> {
                what.append("flip bits");
                for (int i = r.nextInt(4) + 1; i > 0 && f.length > 0; i--) f[r.nextInt(f.length)] ^= (byte) (1 << r.nextInt(8));
                return f;
            }
            case 1 -> {
                what.append("truncate");
                return java.util.Arrays.copyOf(f, r.nextInt(f.length + 1));
            }
            case 2 -> {
                what.append("append");
                byte[] more = new byte[r.nextInt(16) + 1];
                r.nextBytes(more);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(f);
                out.writeBytes(more);
                return out.toByteArray();
            }
            case 3 -> {
                what.append("header length");
                long[] nasty = {0, 1, 2, h - 1, h + 1, f.length, Long.MAX_VALUE, -1, Integer.MAX_VALUE, 1L << 32, r.nextLong()};
                ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putLong(0, nasty[r.nextInt(nasty.length)]);
                return f;
            }
            case 4, 5 -> {
                what.append("number");
                String text = new String(header, StandardCharsets.UTF_8);
                Matcher m = NUMBER.matcher(text);
                java.util.List<int[]> spans = new java.util.ArrayList<>();
                while (m.find()) spans.add(new int[] {m.start(), m.end()});
                if (spans.isEmpty()) return f;
                int[] s = spans.get(r.nextInt(spans.size()));
                String n = NUMBERS[r.nextInt(NUMBERS.length)];
                what.append(' ').append(n);
                return withHeader(f, (text.substring(0, s[0]) + n + text.substring(s[1])).getBytes(StandardCharsets.UTF_8));
            }
            case 6 -> {
                what.append("header byte");
                if (h == 0) return f;
                byte[] special = "{}[]\":,0123456789-.eE \\u".getBytes(StandardCharsets.US_ASCII);
                int[] invalid = {0xC0, 0xFF, 0xED, 0xA0, 0x80, 0xF4, 0x90, 0xFE};
                int i = r.nextInt(h);
                header[i] = r.nextBoolean() ? special[r.nextInt(special.length)] : (byte) invalid[r.nextInt(invalid.length)];
                return withHeader(f, header);
            }
            case 7 -> {
                what.append("shape");
                String text = new String(header, StandardCharsets.UTF_8);
                String[] liars = {"[1048576,1048576,16777216]", "[65536,65536,65536,65536]", "[-1]", "[46341,46341]", "[0,4294967296]",
                        "[2147483647,2147483647,2147483647]", "\"3\"", "null", "[[1]]"};
                return withHeader(f, text.replaceFirst("\"shape\":\\[[^\\]]*\\]", "\"shape\":" + liars[r.nextInt(liars.length)]
                        .replace("[", "\\\\[").replace("]", "\\\\]")).getBytes(StandardCharsets.UTF_8));
            }
            case 8 -> {
                what.append("delete header range");
                if (h < 2) return f;
                int a = r.nextInt(h), b = a + r.nextInt(Math.min(8, h - a)) + 1;
                byte[] cut = new byte[h - (b - a)];
                System.arraycopy(header, 0, cut, 0, a);
                System.arraycopy(header, b, cut, a, h - b);
                return withHeader(f, cut);
            }
            default -> {
                what.append("random bytes");
                byte[] b = new byte[r.nextInt(300)];
                r.nextBytes(b);
                if (b.length >= 8 && r.nextBoolean()) ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, b.length - 8 - r.nextInt(4));
                return b;
            }
        }
    }

    @Test
    void randomAndMutatedFilesGiveOnlyIOExceptionsAndBoundedAllocation() throws IOException {
        long start = System.nanoTime();
        try (FastFiles scratch = new FastFiles(dir)) {
            Path p = scratch.dir().resolve("fuzz.safetensors");
            Random warm = new Random(SEED + 1);
            for (int i = 0; i < WARM_UP; i++) {
                Files.write(p, mutate(validFile(warm), warm, new StringBuilder()));
                Allocations.measure(() -> SafeTensors.read(p));
            }
            Random r = new Random(SEED);
            int read = 0, refused = 0;
            long worst = 0;
            for (int i = 0; i < CASES; i++) {
                StringBuilder what = new StringBuilder();
                byte[] f = r.nextInt(10) == 0 ? validFile(r) : mutate(validFile(r), r, what);
                Files.write(p, f);
                Allocations.Result result = Allocations.measure(() -> SafeTensors.read(p));
                String name = "case " + i + " (seed " + SEED + ", " + what + ", " + f.length + " bytes)";
                if (result.thrown() == null) read++;
                else if (result.thrown() instanceof IOException) refused++;
                else fail(name + " threw " + result.thrown(), result.thrown());
                long budget = FIXED + PER_BYTE * f.length;
                assertTrue(result.bytes() <= budget, name + " allocated " + result.bytes() + " bytes, more than " + budget);
                worst = Math.max(worst, result.bytes() - PER_BYTE * f.length);
            }
            assertTrue(read > CASES / 20 && refused > CASES / 2, "the mix exercises both paths: " + read + " read, " + refused + " refused");
            System.out.printf("safetensors fuzz: %d cases (+%d warm-up) in %d ms, %d read, %d refused, worst fixed overhead %d bytes%n",
                    CASES, WARM_UP, (System.nanoTime() - start) / 1_000_000, read, refused, worst);
        }
    }
}
