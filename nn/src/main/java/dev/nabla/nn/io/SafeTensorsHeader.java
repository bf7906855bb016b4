package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import dev.nabla.core.Tensor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: writing it as Python does, and reading it without trusting
 * any of it. Every size is checked with {@link Sizes} before the reader allocates anything.
 */
final class SafeTensorsHeader {
    static final String METADATA = "__metadata__";

    private SafeTensorsHeader() {}

    /** One tensor's description: its bytes are {@code [begin, end)} of the data after the header. */
    record Entry(String name, DType dtype, int[] shape, int numel, long begin, long end) {}

    /** The tensors in header order, and the string metadata. */
    record Header(List<Entry> entries, Map<String, String> metadata) {}

    /**
     * The compact JSON header Python's safetensors writes (F32 tensors in map order, metadata first),
     * as UTF-8 padded with spaces to a multiple of 8 bytes so the data stays aligned.
     */
    static byte[] write(Map<String, Tensor> tensors, Map<String, String> metadata) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = StrictJson.generator(out)) {
            g.writeStartObject();
            if (!metadata.isEmpty()) {
                g.writeObjectFieldStart(METADATA);
                for (Map.Entry<String, String> e : metadata.entrySet()) g.writeStringField(e.getKey(), e.getValue());
                g.writeEndObject();
            }
            long offset = 0;
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                g.writeObjectFieldStart(e.getKey());
                g.writeStringField("dtype", "F32");
                g.writeArrayFieldStart("shape");
                for (int d : e.getValue().shape()) g.writeNumber(d);
                g.writeEndArray();
                g.writeArrayFieldStart("data_offsets");
                g.writeNumber(offset);
                offset = Math.addExact(offset, 4L * e.getValue().numel());
                g.writeNumber(offset);
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndObject();
        }
        while (out.size() % 8 != 0) out.write(' ');
        return out.toByteArray();
    }

    /**
     * Parses and validates a header: JSON syntax, duplicate names, types of every field, each
     * tensor's byte count against its shape and dtype, and offsets that tile exactly
     * {@code dataLength} bytes (no gaps, overlaps, or bytes the file does not have).
     */
    static Header read(String text, long dataLength, String where) throws IOException {
        JsonNode root;
        try {
            root = StrictJson.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IOException(where + ": the header is not valid JSON (" + e.getMessage() + ")");
        }
        if (!root.isObject()) throw new IOException(where + ": the header is not a JSON object");
        List<Entry> entries = new ArrayList<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            String name = field.getKey();
            checkUnicode(name, where, "a tensor name");
            if (name.equals(METADATA)) metadata(field.getValue(), where, metadata);
            else entries.add(entry(name, field.getValue(), where));
        }
        List<Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(Entry::begin));  // stable: empty tensors keep header order
        long expected = 0;
        for (Entry e : byOffset) {
            if (e.begin != expected) {
                throw new IOException(where + ": tensor '" + e.name + "' starts at byte " + e.begin + " of the data, expected "
                        + expected + " (tensors must follow each other without gaps or overlaps)");
            }
            expected = e.end;
        }
        if (expected != dataLength) {
            throw new IOException(where + ": the header describes " + expected + " bytes of tensor data, but the file holds "
                    + dataLength + (expected > dataLength ? " (truncated)" : ""));
        }
        return new Header(entries, metadata);
    }

    private static void metadata(JsonNode node, String where, Map<String, String> out) throws IOException {
        if (!node.isObject()) throw new IOException(where + ": " + METADATA + " is not an object");
        for (Map.Entry<String, JsonNode> kv : node.properties()) {
            checkUnicode(kv.getKey(), where, "a metadata key");
            if (!kv.getValue().isTextual()) {
                throw new IOException(where + ": metadata value of '" + kv.getKey() + "' is " + kv.getValue() + ", not a string");
            }
            checkUnicode(kv.getValue().textValue(), where, "the metadata value of '" + kv.getKey() + "'");
            out.put(kv.getKey(), kv.getValue().textValue());
        }
    }

    private static Entry entry(String name, JsonNode info, String file) throws IOException {
        String where = file + ": tensor '" + name + "'";
        if (!info.isObject()) throw new IOException(where + " is not described by an object");
        JsonNode dtypeNode = info.get("dtype");
        if (dtypeNode == null) throw new IOException(where + " has no dtype");
        if (!dtypeNode.isTextual()) throw new IOException(where + " has dtype " + dtypeNode + ", not a string");
        DType dtype = DType.of(dtypeNode.textValue(), where);
        long[] shape = longs(info.get("shape"), where + " shape");
        long[] offsets = longs(info.get("data_offsets"), where + " data_offsets");
        if (offsets.length != 2 || offsets[0] > offsets[1]) {
            throw new IOException(where + ": data_offsets " + Arrays.toString(offsets) + " must be [begin, end] with begin <= end");
        }
        int numel = Sizes.elementCount(file, "tensor '" + name + "' shape", shape, Sizes.MAX_ARRAY_LENGTH);
        long bytes = Sizes.byteSize(where, "shape", numel, dtype.size);
        long span = offsets[1] - offsets[0];
        if (span != bytes) {
            throw new IOException(where + ": shape " + Arrays.toString(shape) + " of " + dtype + " needs " + bytes
                    + " bytes, but data_offsets span " + span);
        }
        int[] dims = new int[shape.length];
        for (int i = 0; i < dims.length; i++) dims[i] = (int) shape[i];  // each checked to be 0..2^31-1 above
        return new Entry(name, dtype, dims, numel, offsets[0], offsets[1]);
    }

    /** A JSON list of integers 0 to 2^63-1. */
    private static long[] longs(JsonNode node, String what) throws IOException {
        if (node == null) throw new IOException(what + " is missing");
        if (!node.isArray()) throw new IOException(what + " is " + node + ", not a list of integers");
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode n = node.get(i);
            if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
                throw new IOException(what + " has an invalid entry " + n + " (expected an integer 0 to 2^63-1)");
            }
            out[i] = n.longValue();
        }
        return out;
    }

    private static void checkUnicode(String s, String where, String what) throws IOException {
        if (!StrictJson.isValidUnicode(s)) {
            throw new IOException(where + ": " + what + " is not valid Unicode (it holds a lone surrogate): " + escaped(s));
        }
    }

    /** {@code s} with surrogates written as \\uXXXX, so a message can show it. */
    static String escaped(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) sb.append(Character.isSurrogate(c) ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        return sb.append('"').toString();
    }
}
