package dev.nabla.nn.io;

import dev.nabla.core.Tensor;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Reads and writes the safetensors format, so Python's {@code safetensors.torch.load_file} opens
 * Nabla weights and Nabla opens PyTorch's: an 8-byte little-endian header length, a JSON header
 * ({@code {"name": {"dtype": "F32", "shape": [...], "data_offsets": [begin, end]}, "__metadata__": {...}}}),
 * then the tensors' bytes, little-endian, row-major, back to back.
 *
 * <p>Writes are atomic. Reading trusts nothing in the header: it must be valid UTF-8 and strict
 * JSON (no duplicate names, at most 64 levels deep, at most 100 MB), every shape, dtype and offset
 * is checked with exact arithmetic against the real file size before anything is allocated, and
 * any inconsistency is an {@link IOException} that names the file, the field and the value. F32
 * is written; F32, F64, F16, BF16 and integer dtypes are read (converted to float32).
 */
public final class SafeTensors {
    /** The reference implementation refuses larger headers; so do we. */
    static final long MAX_HEADER = StrictJson.MAX_LENGTH;

    private SafeTensors() {}

    /** Tensors and the string metadata stored with them. */
    public record Content(Map<String, Tensor> tensors, Map<String, String> metadata) {
        /** Rejects null. */
        public Content {
            Objects.requireNonNull(tensors, "tensors");
            Objects.requireNonNull(metadata, "metadata");
        }
    }

    /** Writes {@code tensors} as F32 without metadata, atomically. */
    public static void save(Path path, Map<String, Tensor> tensors) throws IOException {
        save(path, tensors, Map.of());
    }

    /**
     * Writes {@code tensors} (as F32) and {@code metadata}, atomically.
     *
     * @throws IllegalArgumentException if a name is {@code "__metadata__"} or not valid Unicode
     */
    public static void save(Path path, Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(tensors, "tensors");
        Objects.requireNonNull(metadata, "metadata");
        tensors.forEach((name, t) -> {
            Objects.requireNonNull(name, "tensors: a name");
            Objects.requireNonNull(t, "tensors: the tensor named " + name);
            if (name.equals(SafeTensorsHeader.METADATA)) throw new IllegalArgumentException("safetensors: '__metadata__' is reserved");
            checkUnicode(name, "tensor name");
        });
        metadata.forEach((k, v) -> {
            Objects.requireNonNull(k, "metadata: a key");
            Objects.requireNonNull(v, "metadata: the value of " + k);
            checkUnicode(k, "metadata key");
            checkUnicode(v, "metadata value");
        });
        byte[] header = SafeTensorsHeader.write(tensors, metadata);
        AtomicFiles.write(path, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(header.length).array());
            out.write(header);
            for (Tensor t : tensors.values()) writeFloats(out, t.toArray());
        });
    }

    /** The tensors of a safetensors file. */
    public static Map<String, Tensor> load(Path path) throws IOException {
        return read(path).tensors();
    }

    /** Tensors and metadata of a safetensors file, fully validated. */
    public static Content read(Path path) throws IOException {
        Objects.requireNonNull(path, "path");
        if (!Files.isRegularFile(path)) throw new NoSuchFileException(path.toString(), null, "no such safetensors file");
        long size = Files.size(path);
        String where = "safetensors file " + path;
        if (size < 8) throw new IOException(where + " is " + size + " bytes long: too short for the 8-byte header length");
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            DataInputStream data = new DataInputStream(in);
            long headerLen = Long.reverseBytes(data.readLong());  // little-endian
            if (headerLen < 2 || headerLen > MAX_HEADER || headerLen > size - 8) {
                throw new IOException(where + ": header length " + headerLen + " is impossible for a file of " + size
                        + " bytes (it is not a safetensors file, or it is truncated)");
            }
            byte[] header = new byte[(int) headerLen];  // at most MAX_HEADER and at most the file's size
            data.readFully(header);
            SafeTensorsHeader.Header h = SafeTensorsHeader.read(utf8(header, where), size - 8 - headerLen, where);
            List<SafeTensorsHeader.Entry> byOffset = new ArrayList<>(h.entries());
            byOffset.sort(Comparator.comparingLong(SafeTensorsHeader.Entry::begin));
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : byOffset) {  // validated: contiguous from 0 to the end of the file
                float[] values = new float[e.numel()];  // numel·dtype bytes are in the file: checked above
                e.dtype().read(data, values);
                tensors.put(e.name(), Tensor.of(values, e.shape()));
            }
            Map<String, Tensor> ordered = new LinkedHashMap<>();
            for (SafeTensorsHeader.Entry e : h.entries()) ordered.put(e.name(), tensors.get(e.name()));
            return new Content(ordered, h.metadata());
        } catch (EOFException e) {
            throw new IOException(where + " ended early (truncated)", e);
        }
    }

    /** The header bytes as text; bytes that are not valid UTF-8 are an error, never replaced. */
    private static String utf8(byte[] header, String where) throws IOException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(header);
        CharBuffer out = CharBuffer.allocate(header.length);  // UTF-8 never decodes to more chars than bytes
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) result = decoder.flush(out);
        if (result.isError()) {
            throw new IOException(where + ": the header is not valid UTF-8 (byte 0x"
                    + String.format("%02X", header[in.position()] & 0xFF) + " at offset " + in.position() + " of the header)");
        }
        return out.flip().toString();
    }

    private static void checkUnicode(String s, String what) {
        if (!StrictJson.isValidUnicode(s)) {
            throw new IllegalArgumentException("safetensors: " + what + " " + SafeTensorsHeader.escaped(s)
                    + " is not valid Unicode (it holds a lone surrogate)");
        }
    }

    private static void writeFloats(OutputStream out, float[] v) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * Math.min(v.length, 1 << 14)).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < v.length; start += 1 << 14) {
            int n = Math.min(1 << 14, v.length - start);
            b.clear();
            b.asFloatBuffer().put(v, start, n);
            out.write(b.array(), 0, 4 * n);
        }
    }
}
