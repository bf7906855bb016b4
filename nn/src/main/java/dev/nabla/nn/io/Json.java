package dev.nabla.nn.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Objects;

/**
 * Strict JSON parsing and string quoting, now done by Jackson (a dependency of {@code nabla-nn}).
 *
 * @deprecated kept only so existing callers compile; use Jackson's {@code ObjectMapper} directly
 *     ({@code new ObjectMapper().readValue(text, Object.class)}, {@code writeValueAsString(s)}).
 */
@Deprecated(since = "0.1.0")
public final class Json {
    private Json() {}

    /**
     * Parses one JSON value into {@code Map<String, Object>} (insertion order), {@code List<Object>},
     * {@code String}, {@code Long}, {@code Double}, {@code Boolean} or null.
     *
     * @throws IllegalArgumentException naming what is wrong and where (duplicate keys, nesting
     *     deeper than 64 levels and trailing text are errors)
     */
    public static Object parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return StrictJson.MAPPER.readValue(text, Object.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(StrictJson.describe(e), e);
        }
    }

    /** {@code v} as a JSON string literal, quotes included. */
    public static String quote(String v) {
        return StrictJson.write(Objects.requireNonNull(v, "v"));
    }
}
