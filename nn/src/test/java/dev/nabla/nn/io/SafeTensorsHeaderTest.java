package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Headers that lie, overflow, or are not what the format allows: each is an IOException naming the field and value. */
class SafeTensorsHeaderTest {
    @TempDir
    Path dir;

    private static byte[] file(byte[] header, byte[] data) {
        return ByteBuffer.allocate(8 + header.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(header.length).put(header).put(data).array();
    }

    private static byte[] file(String header, int dataBytes) {
        return file(header.getBytes(StandardCharsets.UTF_8), new byte[dataBytes]);
    }

    private static String tensor(String name, String dtype, String shape, String offsets) {
        return "\"" + name + "\":{\"dtype\":" + dtype + ",\"shape\":" + shape + ",\"data_offsets\":" + offsets + "}";
    }

    private String error(byte[] content) throws IOException {
        Path p = Files.write(dir.resolve("bad.safetensors"), content);
        return assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage().replace(p.toString(), "F");
    }

    @Test
    void shapesThatOverflowAreRejectedWithTheExactCount() throws IOException {
        // 2^20 · 2^20 · 2^24 = 2^64 wrapped around to 0 elements, so empty data_offsets used to be accepted
        byte[] liar = file("{" + tensor("a", "\"F32\"", "[1048576,1048576,16777216]", "[0,0]") + "}", 0);
        Path p = Files.write(dir.resolve("liar.safetensors"), liar);
        SafeTensors.read(Files.write(dir.resolve("warm.safetensors"), file("{" + tensor("a", "\"F32\"", "[1]", "[0,4]") + "}", 4)));
        Allocations.Result r = Allocations.measure(() -> SafeTensors.read(p));
        assertInstanceOf(IOException.class, r.thrown());
        assertEquals("safetensors file " + p + ": tensor 'a' shape [1048576, 1048576, 16777216]: 18446744073709551616 "
                + "elements, more than the 2147483639 one array can hold", r.thrown().getMessage());
        assertTrue(r.bytes() < 1 << 20, "allocated " + r.bytes() + " bytes for a " + liar.length + "-byte file");
        assertEquals("safetensors file F: tensor 'a' shape [46341, 46341]: 2147488281 elements, more than the 2147483639 "
                + "one array can hold", error(file("{" + tensor("a", "\"U8\"", "[46341,46341]", "[0,2147488281]") + "}", 0)));
        assertEquals("safetensors file F: tensor 'a' shape [0, 2147483648]: dimension 2147483648 is larger than 2147483647",
                error(file("{" + tensor("a", "\"F32\"", "[0,2147483648]", "[0,0]") + "}", 0)));
        assertEquals("safetensors file F: tensor 'a' shape has an invalid entry -1 (expected an integer 0 to 2^63-1)",
                error(file("{" + tensor("a", "\"F32\"", "[-1]", "[0,0]") + "}", 0)));
        assertEquals("safetensors file F: tensor 'a' shape has an invalid entry 1.5 (expected an integer 0 to 2^63-1)",
                error(file("{" + tensor("a", "\"F32\"", "[1.5]", "[0,4]") + "}", 4)));
        assertEquals("safetensors file F: the header is not valid JSON (JSON Numeric value (99999999999999999999) out of range of "
                + "long (-9223372036854775808 - 9223372036854775807) at character 70)",
                error(file("{" + tensor("a", "\"F32\"", "[1]", "[0,99999999999999999999]") + "}", 4)));
        assertEquals("safetensors file F: tensor 'a': data_offsets [8, 0] must be [begin, end] with begin <= end",
                error(file("{" + tensor("a", "\"F32\"", "[2]", "[8,0]") + "}", 8)));
        assertEquals("safetensors file F: tensor 'b' starts at byte 0 of the data, expected 8 (tensors must follow each other "
                + "without gaps or overlaps)", error(file("{" + tensor("a", "\"F32\"", "[2]", "[0,8]") + ","
                        + tensor("b", "\"F32\"", "[2]", "[0,8]") + "}", 16)));
    }

    @Test
    void emptyTensorsNeedNoBytes() throws IOException {
        Path p = Files.write(dir.resolve("empty.safetensors"), file("{" + tensor("e", "\"F32\"", "[0,3]", "[0,0]") + ","
                + tensor("s", "\"F64\"", "[]", "[0,8]") + "}", 8));
        Map<String, Tensor> t = SafeTensors.load(p);
        assertArrayEquals(new int[] {0, 3}, t.get("e").shape());
        assertEquals(0f, t.get("s").item());
    }

    @Test
    void duplicateNamesAndTrailingTextAreRejected() throws IOException {
        String a = tensor("a", "\"F32\"", "[1]", "[0,4]");
        assertEquals("safetensors file F: the header is not valid JSON (JSON Duplicate field 'a' at character 57)",
                error(file("{" + a + "," + a + "}", 4)));
        assertEquals("safetensors file F: the header is not valid JSON (JSON Trailing token (of type START_OBJECT) found after value "
                + "at character 55)", error(file("{" + a + "} {}", 4)));
    }

    @Test
    void fieldsOfTheWrongTypeAreNamed() throws IOException {
        assertEquals("safetensors file F: the header is not a JSON object", error(file("[1,2]", 0)));
        assertEquals("safetensors file F: tensor 'a' has dtype 5, not a string", error(file("{" + tensor("a", "5", "[1]", "[0,4]") + "}", 4)));
        assertEquals("safetensors file F: tensor 'a' has no dtype", error(file("{\"a\":{\"shape\":[],\"data_offsets\":[0,4]}}", 4)));
        assertEquals("safetensors file F: tensor 'a' shape is \"2\", not a list of integers",
                error(file("{" + tensor("a", "\"F32\"", "\"2\"", "[0,8]") + "}", 8)));
        assertEquals("safetensors file F: tensor 'a' data_offsets is missing", error(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[]}}", 4)));
        assertEquals("safetensors file F: tensor 'a' is not described by an object", error(file("{\"a\":[]}", 0)));
        assertEquals("safetensors file F: __metadata__ is not an object", error(file("{\"__metadata__\":[]}", 0)));
        assertEquals("safetensors file F: metadata value of 'k' is 3, not a string", error(file("{\"__metadata__\":{\"k\":3}}", 0)));
    }

    @Test
    void namesAndMetadataMustBeValidUnicode() throws IOException {
        byte[] header = ("{" + tensor("a?", "\"F32\"", "[1]", "[0,4]") + "}").getBytes(StandardCharsets.UTF_8);
        header[3] = (byte) 0xFF;  // the '?': a byte that never occurs in UTF-8
        assertEquals("safetensors file F: the header is not valid UTF-8 (byte 0xFF at offset 3 of the header)",
                error(file(header, new byte[4])));
        header[3] = (byte) 0xC0;  // an overlong encoding of '\0' when followed by 0x80 ...
        assertEquals("safetensors file F: the header is not valid UTF-8 (byte 0xC0 at offset 3 of the header)",
                error(file(header, new byte[4])));
        assertEquals("safetensors file F: the header is not valid JSON (JSON Broken surrogate pair in field name: expected '\\' "
                + "to start low surrogate, got 0x22 at character 9)", error(file("{" + tensor("a\\ud800", "\"F32\"", "[1]", "[0,4]") + "}", 4)));
        assertEquals("safetensors file F: the metadata value of 'k' is not valid Unicode (it holds a lone surrogate): \"\\udc00\"",
                error(file("{\"__metadata__\":{\"k\":\"\\udc00\"}}", 0)));
        Path p = dir.resolve("w.safetensors");
        assertEquals("safetensors: tensor name \"x\\ud800\" is not valid Unicode (it holds a lone surrogate)",
                assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("x\ud800", Tensor.ones(1)))).getMessage());
    }

    @Test
    void writerEscapesNamesAsPythonDoes() throws IOException {
        // Python's json.dumps(separators=(",", ":"), ensure_ascii=False), as safetensors' serde_json, writes a newline as
        // backslash-n, other control characters as backslash-u and four lower-case hex digits, everything else as UTF-8.
        Path p = dir.resolve("n.safetensors");
        SafeTensors.save(p, Map.of("a\n\u0001\u007f\u00e9/", Tensor.ones(1)));
        String header = "{\"a\\n\\u0001\u007f\u00e9/\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        byte[] padded = (header + " ".repeat((8 - h.length % 8) % 8)).getBytes(StandardCharsets.UTF_8);
        assertArrayEquals(file(padded, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(1f).array()), Files.readAllBytes(p));
        assertEquals(Map.of("a\n\u0001\u007f\u00e9/", 1f), Map.of("a\n\u0001\u007f\u00e9/", SafeTensors.load(p).get("a\n\u0001\u007f\u00e9/").item()));
    }

    @Test
    void nullArgumentsAreNamed() {
        Path p = dir.resolve("x.safetensors");
        assertEquals("path", assertThrows(NullPointerException.class, () -> SafeTensors.read(null)).getMessage());
        assertEquals("tensors", assertThrows(NullPointerException.class, () -> SafeTensors.save(p, null)).getMessage());
        assertEquals("metadata", assertThrows(NullPointerException.class, () -> SafeTensors.save(p, Map.of(), null)).getMessage());
        java.util.Map<String, Tensor> withNull = new java.util.HashMap<>();
        withNull.put("w", null);
        assertEquals("tensors: the tensor named w", assertThrows(NullPointerException.class, () -> SafeTensors.save(p, withNull)).getMessage());
    }
}
