package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/**
 * The Jackson configuration for JSON that comes from files: strict (no duplicate keys, no trailing
 * text, no comments or other extensions, no coercion of strings to numbers), bounded (nesting
 * depth, string and document length), and writing compact JSON the way Python's
 * {@code json.dumps(separators=(",", ":"), ensure_ascii=False)} and Rust's serde_json do.
 */
final class StrictJson {
    /** Deeper nesting is refused; a safetensors header needs three levels. */
    static final int MAX_DEPTH = 64;
    /** No JSON text read here may be longer (the safetensors reference refuses larger headers). */
    static final int MAX_LENGTH = 100_000_000;

    static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(MAX_DEPTH)
                            .maxDocumentLength(MAX_LENGTH)
                            .maxStringLength(MAX_LENGTH)
                            .maxNameLength(MAX_LENGTH)
                            .build())
                    .disable(JsonFactory.Feature.INTERN_FIELD_NAMES)  // names from a file are not interned
                    .build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)  // "\u001f", as Python and serde_json write it
            .build();

    private StrictJson() {}

    /**
     * Parses one JSON value.
     *
     * @throws IllegalArgumentException "JSON {problem} at character {n}"
     */
    static JsonNode parse(String text) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) throw new IllegalArgumentException("JSON text is empty");
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(describe(e), e);
        }
    }

    /** Jackson's problem in one line, with the character position where it was found (and without Jackson's option names). */
    static String describe(JsonProcessingException e) {
        String what = e.getOriginalMessage()
                .replaceAll(" \\(start marker at \\[[^\\]]*\\]\\)| \\(bound as `[^`]*`\\)|, from `[^`]*`|: not allowed as per `[^`]*`|: enable `[^`]*` to allow", "");
        JsonLocation at = e.getLocation();
        long offset = at == null ? -1 : at.getCharOffset();
        return "JSON " + what + (offset >= 0 ? " at character " + offset : "");
    }

    /** A generator writing compact UTF-8 JSON to {@code out} (which it does not close). */
    static JsonGenerator generator(OutputStream out) throws IOException {
        return MAPPER.getFactory().createGenerator(out).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    /** {@code value} (a String, Map, List, record, number, ...) as compact JSON text. */
    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code s} is valid Unicode: every surrogate is half of a pair. */
    static boolean isValidUnicode(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) i++;
            else if (Character.isSurrogate(c)) return false;
        }
        return true;
    }
}
