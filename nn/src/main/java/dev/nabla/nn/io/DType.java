package dev.nabla.nn.io;

import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The element types a safetensors file may hold, and their conversion to float32. */
enum DType {
    F32(4), F64(8), F16(2), BF16(2), I64(8), I32(4), I16(2), I8(1), U8(1), BOOL(1);

    /** Bytes read per chunk: the raw data never needs a buffer as large as the tensor. */
    private static final int CHUNK = 1 << 16;

    /** Bytes per element. */
    final int size;

    DType(int size) {
        this.size = size;
    }

    static DType of(String name, String where) throws IOException {
        for (DType d : values()) if (d.name().equals(name)) return d;
        throw new IOException(where + " has unsupported dtype " + name + " (supported: F32, F64, F16, BF16, I64, I32, I16, I8, U8, BOOL)");
    }

    /** Reads {@code out.length} little-endian elements of this type from {@code in} into {@code out}. */
    void read(DataInputStream in, float[] out) throws IOException {
        int perChunk = CHUNK / size;
        byte[] raw = new byte[Math.min(out.length, perChunk) * size];
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        for (int start = 0; start < out.length; start += perChunk) {
            int n = Math.min(perChunk, out.length - start);
            in.readFully(raw, 0, n * size);
            b.clear();
            for (int i = start; i < start + n; i++) out[i] = next(b);
        }
    }

    private float next(ByteBuffer b) {
        return switch (this) {
            case F32 -> b.getFloat();
            case F64 -> (float) b.getDouble();
            case F16 -> halfToFloat(b.getShort());
            case BF16 -> Float.intBitsToFloat((b.getShort() & 0xFFFF) << 16);
            case I64 -> b.getLong();
            case I32 -> b.getInt();
            case I16 -> b.getShort();
            case I8 -> b.get();
            case U8, BOOL -> b.get() & 0xFF;
        };
    }

    /** IEEE 754 half precision to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short h) {
        int bits = h & 0xFFFF, sign = (bits & 0x8000) << 16, exp = (bits >>> 10) & 0x1F, mant = bits & 0x3FF;
        if (exp == 0x1F) return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));  // inf, NaN
        if (exp != 0) return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
        float sub = mant * 0x1p-24f;  // subnormal or zero
        return sign != 0 ? -sub : sub;
    }
}
