package dev.nabla.nn.io;

import dev.nabla.core.Tensor;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format, so Python's {@code safetensors.torch.load_file} opens
 * Nabla weights and Nabla opens PyTorch's: an 8-byte little-endian header length, a JSON header
 * ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}),
 * then the tensors' bytes, little-endian, row-major, back to back.
 *
 * <p>Writes are atomic. Reading trusts nothing in the header: lengths are checked against the
 * real file size before anything is allocated, and any inconsistency is an {@link IOException}
 * that names the file and the problem. F32 is written; F32, F64, F16, BF16 and integer dtypes
 * are read (converted to float32).
 */
public final class SafeTensors {
    /** The reference implementation refuses larger headers; so do we. */
    static final long MAX_HEADER = 100_000_000;

    private SafeTensors() {}

    /** Tensors and the string metadata stored with them. */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {}

    /** Writes {@code tensors} as F32 without metadata, atomically. */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        save(path, tensors, Map.of());
    }

    /** Writes {@code tensors} (as F32) and {@code metadata}, atomically. */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        StringBuilder h = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            h.append("\"__metadata__\":{");
            List<String> entries = new ArrayList<>();
            metadata.forEach((k, v) -> entries.add(Json.quote(k) + ":" + Json.quote(v)));
            h.append(String.join(",", entries)).append("},");
        }
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            if (e.getKey().equals("__metadata__")) throw new IllegalArgumentException("safetensors: '__metadata__' is reserved");
            long bytes = 4L * e.getValue().numel();
            h.append(Json.quote(e.getKey())).append(":{\"dtype\":\"F32\",\"shape\":")
                    .append(java.util.Arrays.toString(e.getValue().shape()).replace(" ", ""))
                    .append(",\"data_offsets\":[").append(offset).append(',').append(offset + bytes).append("]},");
            offset += bytes;
        }
        if (h.charAt(h.length() - 1) == ',') h.setLength(h.length() - 1);
        h.append('}');
        while ((h.toString().getBytes(StandardCharsets.UTF_8).length) % 8 != 0) h.append(' ');  // keep data 8-aligned
        byte[] header = h.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(path, out -> {
            ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length);
            out.write(len.array());
            out.write(header);
            for (Tensor t : tensors.values()) {
                float[] v = t.toArray();
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                out.write(b.array());
            }
        });
    }

    /** The tensors of a safetensors file. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return read(path).tensors();
    }

    /** Tensors and metadata of a safetensors file, fully validated. */
    public static Content read(Path path) throws IOException {
        if (!Files.isRegularFile(path)) throw new NoSuchFileException(path.toString(), null, "no such safetensors file");
        long size = Files.size(path);
        String where = "safetensors file " + path;
        if (size < 8) throw new IOException(where + " is " + size + " bytes long: too short for the 8-byte header length");
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            byte[] lenBytes = new byte[8];
            data.readFully(lenBytes);
            long headerLen = ByteBuffer.wrap(lenBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw new IOException(where + ": header length " + headerLen + " is impossible for a file of " + size
                        + " bytes (it is not a safetensors file, or it is truncated)");
            }
            byte[] header = new byte[(int) headerLen];
            data.readFully(header);
            long bufferLen = size - 8 - headerLen;
            List<Entry> entries = new ArrayList<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            parseHeader(new String(header, StandardCharsets.UTF_8), bufferLen, where, entries, metadata);
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            long position = 0;
            for (Entry e : entries) {  // sorted by offset; validated to be contiguous from 0 to bufferLen
                data.skipNBytes(e.begin - position);
                byte[] raw = new byte[(int) (e.end - e.begin)];
                data.readFully(raw);
                position = e.end;
                tensors.put(e.name, Tensor.of(e.dtype.decode(raw), e.shape));
            }
            Map<String, Tensor> ordered = new LinkedHashMap<>();
            for (String name : headerOrder(entries)) ordered.put(name, tensors.get(name));
            return new Content(ordered, metadata);
        } catch (java.io.EOFException e) {
            throw new IOException(where + " ended early (truncated)", e);
        }
    }

    private record Entry(String name, DType dtype, int[] shape, long begin, long end, int order) {}

    private static List<String> headerOrder(List<Entry> entries) {
        return entries.stream().sorted(Comparator.comparingInt(Entry::order)).map(Entry::name).toList();
    }

    @SuppressWarnings("unchecked")
    private static void parseHeader(String text, long bufferLen, String where, List<Entry> entries, Map<String, String> metadata)
            throws IOException {
        Object root;
        try {
            root = Json.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": the header is not valid JSON (" + e.getMessage() + ")");
        }
        if (!(root instanceof Map)) throw new IOException(where + ": the header is not a JSON object");
        int order = 0;
        for (Map.Entry<String, Object> e : ((Map<String, Object>) root).entrySet()) {
            String name = e.getKey();
            if (name.equals("__metadata__")) {
                if (!(e.getValue() instanceof Map<?, ?> m)) throw new IOException(where + ": __metadata__ is not an object");
                for (Map.Entry<?, ?> kv : m.entrySet()) {
                    if (!(kv.getValue() instanceof String v)) throw new IOException(where + ": metadata value of '" + kv.getKey() + "' is not a string");
                    metadata.put((String) kv.getKey(), v);
                }
                continue;
            }
            String bad = where + ": tensor '" + name + "'";
            if (!(e.getValue() instanceof Map<?, ?> info)) throw new IOException(bad + " is not described by an object");
            DType dtype = DType.of(info.get("dtype"), bad);
            int[] shape = ints(info.get("shape"), bad + " shape", false);
            int[] offsets = ints(info.get("data_offsets"), bad + " data_offsets", true);
            if (offsets.length != 2 || offsets[0] > offsets[1]) throw new IOException(bad + ": data_offsets must be [begin, end] with begin <= end");
            long numel = 1;
            for (int d : shape) numel = Math.min(numel * d, 1L << 40);  // capped: a lying shape cannot overflow
            if (numel > Integer.MAX_VALUE) throw new IOException(bad + ": shape " + java.util.Arrays.toString(shape) + " is too large");
            if ((long) offsets[1] - offsets[0] != numel * dtype.size) {
                throw new IOException(bad + ": shape " + java.util.Arrays.toString(shape) + " of " + dtype + " needs "
                        + numel * dtype.size + " bytes, but data_offsets span " + ((long) offsets[1] - offsets[0]));
            }
            entries.add(new Entry(name, dtype, shape, offsets[0], offsets[1], order++));
        }
        entries.sort(Comparator.comparingLong(Entry::begin));
        long expected = 0;
        for (Entry e : entries) {
            if (e.begin != expected) {
                throw new IOException(where + ": tensor '" + e.name + "' starts at byte " + e.begin + " of the data, expected "
                        + expected + " (tensors must follow each other without gaps or overlaps)");
            }
            expected = e.end;
        }
        if (expected != bufferLen) {
            throw new IOException(where + ": the header describes " + expected + " bytes of tensor data, but the file holds "
                    + bufferLen + (expected > bufferLen ? " (truncated)" : ""));
        }
    }

    private static int[] ints(Object v, String what, boolean offsets) throws IOException {
        if (!(v instanceof List<?> list)) throw new IOException(what + " is not a list of integers");
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Long n) || n < 0 || n > Integer.MAX_VALUE) {
                throw new IOException(what + " has an invalid entry " + list.get(i) + (offsets ? "" : " (sizes must be 0 to 2^31-1)"));
            }
            out[i] = (int) (long) n;
        }
        return out;
    }

    /** The element types a safetensors file may hold, and their conversion to float32. */
    private enum DType {
        F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

        final int size;

        DType(int size) {
            this.size = size;
        }

        static DType of(Object name, String where) throws IOException {
            for (DType d : values()) if (d.name().equals(name)) return d;
            throw new IOException(where + " has unsupported dtype " + name + " (supported: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
        }

        float[] decode(byte[] raw) {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            float[] out = new float[raw.length / size];
            for (int i = 0; i < out.length; i++) {
                out[i] = switch (this) {
                    case F32 -> b.getFloat();
                    case F64 -> (float) b.getDouble();
                    case F16 -> Float16.toFloat(b.getShort());
                    case BF16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
                    case I64 -> b.getLong();
                    case I32 -> b.getInt();
                    case I16 -> b.getShort();
                    case I8 -> b.get();
                    case U8, BOOL -> b.get() & 0xFF;
                };
            }
            return out;
        }
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    private static final class Float16 {
        static float toFloat(short h) {
            int bits = h & 0xFFFF, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1F, mant = bits & 0x3FF;
            if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));  // inf, NaN
            if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
            float sub = mant * 0x1p-24f;  // subnormal or zero
            return sign != 0 ? -sub : sub;
        }
    }
}
