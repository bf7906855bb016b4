package dev.nabla.nn.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafeTensorsTest {
    @TempDir
    Path dir;

    /** A safetensors file built by hand from the format's specification. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(h.length).put(h).put(data).array();
    }

    private static byte[] floats(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) b.putFloat(x);
        return b.array();
    }

    private String error(byte[] content) throws IOException {
        Path p = Files.write(dir.resolve("bad.safetensors"), content);
        return assertThrows(IOException.class, () -> SafeTensors.read(p)).getMessage().replace(p.toString(), "F");
    }

    @Test
    void writesTheBytesTheSpecificationDescribes() throws IOException {
        Path p = dir.resolve("w.safetensors");
        SafeTensors.save(p, Map.of("a", Tensor.of(new float[] {1, 2}, 2)));
        // the compact JSON that Python's safetensors writes, padded with spaces to a multiple of 8
        String header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        header += " ".repeat((8 - header.length() % 8) % 8);
        assertArrayEquals(file(header, floats(1, 2)), Files.readAllBytes(p));
    }

    @Test
    void roundTripKeepsNamesOrderShapesValuesAndMetadata() throws IOException {
        Map<String, Tensor> t = new LinkedHashMap<>();
        t.put("layer.weight", Tensor.randn(new Rng(1), 3, 4));
        t.put("layer.bias", Tensor.randn(new Rng(2), 4));
        t.put("step", Tensor.scalar(7f));
        t.put("empty", Tensor.zeros(0, 3));
        Path p = dir.resolve("r.safetensors");
        SafeTensors.save(p, t, Map.of("epoch", "3", "note", "quote \" and\nnewline"));
        SafeTensors.Content c = SafeTensors.read(p);
        assertEquals(List.copyOf(t.keySet()), List.copyOf(c.tensors().keySet()));
        t.forEach((k, v) -> {
            assertArrayEquals(v.shape(), c.tensors().get(k).shape(), k);
            assertArrayEquals(v.toArray(), c.tensors().get(k).toArray(), k);
        });
        assertEquals(Map.of("epoch", "3", "note", "quote \" and\nnewline"), c.metadata());
    }

    @Test
    void readsOtherDtypesAsFloat32() throws IOException {
        ByteBuffer data = ByteBuffer.allocate(2 + 2 + 8 + 1).order(ByteOrder.LITTLE_ENDIAN);
        data.putShort((short) 0x3E00);  // F16 1.5
        data.putShort((short) 0xC040);  // BF16 -3.0
        data.putLong(-42);              // I64
        data.put((byte) 200);           // U8
        String header = "{\"h\":{\"dtype\":\"F16\",\"shape\":[1],\"data_offsets\":[0,2]},"
                + "\"b\":{\"dtype\":\"BF16\",\"shape\":[],\"data_offsets\":[2,4]},"
                + "\"i\":{\"dtype\":\"I64\",\"shape\":[1,1],\"data_offsets\":[4,12]},"
                + "\"u\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[12,13]}}";
        Path p = Files.write(dir.resolve("d.safetensors"), file(header, data.array()));
        Map<String, Tensor> t = SafeTensors.load(p);
        assertEquals(1.5f, t.get("h").item());
        assertEquals(-3f, t.get("b").item());
        assertEquals(0, t.get("b").dim());
        assertEquals(-42f, t.get("i").item());
        assertEquals(200f, t.get("u").item());
    }

    @Test
    void corruptFilesAreRejectedClearly() throws IOException {
        String ok = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}}";
        assertEquals("safetensors file F is 3 bytes long: too short for the 8-byte header length", error(new byte[3]));
        byte[] lying = file(ok, floats(1, 2));
        lying[5] = 0x7F;  // header length now ~ 2^47
        assertEquals("safetensors file F: header length " + (54 + (0x7FL << 40)) + " is impossible for a file of 70 bytes "
                + "(it is not a safetensors file, or it is truncated)", error(lying));
        assertEquals("safetensors file F: the header describes 8 bytes of tensor data, but the file holds 4 (truncated)",
                error(Arrays.copyOf(file(ok, floats(1, 2)), 8 + ok.length() + 4)));
        assertEquals("safetensors file F: the header is not valid JSON (JSON Unexpected character ('1' (code 49)): "
                + "was expecting a colon to separate field name and value at character 5)", error(file("{\"a\" 1}", new byte[0])));
        assertEquals("safetensors file F: tensor 'a' has unsupported dtype C64 (supported: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)",
                error(file(ok.replace("F32", "C64"), floats(1, 2))));
        assertEquals("safetensors file F: tensor 'a': shape [3] of F32 needs 12 bytes, but data_offsets span 8",
                error(file(ok.replace("[2]", "[3]"), floats(1, 2))));
        assertEquals("safetensors file F: tensor 'a' starts at byte 4 of the data, expected 0 (tensors must follow each other "
                + "without gaps or overlaps)", error(file(ok.replace("[0,8]", "[4,12]"), floats(1, 2, 3))));
        assertEquals("safetensors file F: the header is not valid JSON (JSON Document nesting depth (65) exceeds the maximum "
                + "allowed (64))", error(file("[".repeat(100), new byte[0])));
    }

    @Test
    void aFailedWriteLeavesTheOldFile() throws IOException {
        Path p = dir.resolve("keep.safetensors");
        SafeTensors.save(p, Map.of("a", Tensor.ones(2)));
        byte[] before = Files.readAllBytes(p);
        assertThrows(IllegalArgumentException.class, () -> SafeTensors.save(p, Map.of("__metadata__", Tensor.ones(1))));
        assertArrayEquals(before, Files.readAllBytes(p));
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
        if (p.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            var perms = Files.getPosixFilePermissions(p);
            assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
            assertTrue(perms.contains(java.nio.file.attribute.PosixFilePermission.GROUP_READ)
                    || perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_READ), "readable like any new file: " + perms);
        }
    }
}
