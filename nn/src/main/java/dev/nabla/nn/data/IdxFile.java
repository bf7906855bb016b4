package dev.nabla.nn.data;

import dev.nabla.nn.io.AtomicFiles;
import dev.nabla.nn.io.Sizes;
import java.io.BufferedInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipException;

/**
 * Reads and writes IDX files, the format of MNIST and Fashion-MNIST: a magic number
 * {@code 00 00 <type> <rank>}, one big-endian int32 per dimension, then the values. Gzip is
 * detected by content, not by name. Only unsigned bytes (type 0x08) are supported.
 *
 * <p>Nothing in a header is trusted: the element count is computed exactly (see {@link Sizes}),
 * checked against the file's length (or, for gzip, the buffer grows only as real data arrives), so
 * a lying header cannot exhaust memory or wrap around, and every problem is an
 * {@link IOException} naming the file, the field and the value.
 */
public final class IdxFile {
    /** Type code of unsigned bytes. */
    public static final int UBYTE = 0x08;
    private static final int MAX_RANK = 16;

    private IdxFile() {}

    /** Reads a raw or gzipped IDX file of unsigned bytes. */
    public static IdxArray read(Path path) throws IOException {
        return read(path, null);
    }

    /**
     * As {@link #read(Path)}; {@code digest}, if not null, receives every decompressed byte, so a
     * checksum of the content (the same however the file was gzipped) costs no second pass.
     */
    public static IdxArray read(Path path, java.security.MessageDigest digest) throws IOException {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) throw new java.nio.file.NoSuchFileException(path.toString(), null, "no such IDX file");
        boolean gzip = isGzip(path);
        String where = "IDX file " + path;
        try (InputStream in = digest == null ? open(path, gzip) : new java.security.DigestInputStream(open(path, gzip), digest)) {
            byte[] magic = in.readNBytes(4);
            if (magic.length < 4) throw new IOException(where + " is too short for an IDX header (" + magic.length + " bytes)");
            if (magic[0] != 0 || magic[1] != 0) {
                throw new IOException(where + " is not an IDX file: it starts with " + hex(magic)
                        + ", but IDX files start with 00 00 <type> <rank>");
            }
            int type = magic[2] & 0xFF, rank = magic[3] & 0xFF;
            if (type != UBYTE) {
                throw new IOException(where + " holds values of type 0x" + String.format("%02X", type) + typeName(type)
                        + "; only unsigned bytes (0x08, as in MNIST) are supported");
            }
            if (rank < 1 || rank > MAX_RANK) throw new IOException(where + " declares " + rank + " dimensions (expected 1 to " + MAX_RANK + ")");
            byte[] dimBytes = in.readNBytes(4 * rank);
            if (dimBytes.length < 4 * rank) throw new IOException(where + " ends inside its header (truncated)");
            int[] dims = new int[rank];
            for (int d = 0; d < rank; d++) dims[d] = java.nio.ByteBuffer.wrap(dimBytes, 4 * d, 4).getInt();  // signed, as the format says
            int count = Sizes.elementCount(where, "dimensions", dims, Sizes.MAX_ARRAY_LENGTH);
            if (!gzip) {
                long available = Files.size(path) - 4 - 4L * rank;
                if (available != count) {
                    throw new IOException(where + " declares dimensions " + Arrays.toString(dims) + " (" + count + " bytes of data), but holds "
                            + available + (available < count ? " (truncated)" : " (extra bytes after the data)"));
                }
            }
            byte[] data = gzip ? readExactly(in, count, where, dims) : new byte[count];  // raw: the file holds count bytes
            if (!gzip && in.readNBytes(data, 0, count) < count) throw new IOException(where + " became shorter while being read");
            if (in.read() != -1) throw new IOException(where + " has extra bytes after the " + count + " values its header declares "
                    + Arrays.toString(dims));
            return new IdxArray(dims, data);
        } catch (ZipException | EOFException e) {
            throw new IOException(where + ": the gzip data is corrupt or truncated (" + e.getMessage() + ")", e);
        }
    }

    /**
     * Reads {@code n} bytes, growing the buffer only as data arrives (from 64 KiB, doubling), so a
     * gzip header that claims more than the stream holds costs at most twice what it does hold.
     */
    private static byte[] readExactly(InputStream in, int n, String where, int[] dims) throws IOException {
        byte[] buf = new byte[Math.min(n, 1 << 16)];
        int filled = 0;
        while (filled < n) {
            if (filled == buf.length) buf = Arrays.copyOf(buf, (int) Math.min(n, 2L * buf.length));
            int r = in.read(buf, filled, buf.length - filled);
            if (r < 0) {
                throw new IOException(where + " ended after " + filled + " of the " + n + " values its header declares "
                        + Arrays.toString(dims) + " (truncated)");
            }
            filled += r;
        }
        return buf;
    }

    /** " (signed bytes)" for the IDX type codes that exist, " (not an IDX type)" for others. */
    private static String typeName(int type) {
        return switch (type) {
            case 0x09 -> " (signed bytes)";
            case 0x0B -> " (16-bit integers)";
            case 0x0C -> " (32-bit integers)";
            case 0x0D -> " (32-bit floats)";
            case 0x0E -> " (64-bit floats)";
            default -> " (not an IDX type)";
        };
    }

    /** Writes {@code array} as an IDX file of unsigned bytes, gzipped or raw, atomically. */
    public static void write(Path path, IdxArray array, boolean gzip) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(array, "array");
        AtomicFiles.write(path, raw -> {
            GZIPOutputStream z = gzip ? new GZIPOutputStream(raw) : null;
            DataOutputStream out = new DataOutputStream(z != null ? z : raw);
            int[] dims = array.dims();
            out.write(new byte[] {0, 0, UBYTE, (byte) dims.length});
            for (int d : dims) out.writeInt(d);
            out.write(array.data());
            out.flush();
            if (z != null) z.finish();
        });
    }

    static boolean isGzip(Path path) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] b = in.readNBytes(2);
            return b.length == 2 && (b[0] & 0xFF) == 0x1F && (b[1] & 0xFF) == 0x8B;
        }
    }

    private static InputStream open(Path path, boolean gzip) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(path), 1 << 16);
        return gzip ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02X", x & 0xFF));
        return sb.toString();
    }
}
