package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nabla.core.Tensor;
import org.junit.jupiter.api.Test;

class UnsignedBytesTest {

    @Test
    void gathersRowsAndScalesBytesAsUnsigned() {
        byte[] px = {0, (byte) 255, 10, 20, (byte) 128, 1};
        Tensor t = UnsignedBytes.rows(px, new int[] {2, 0}, 2, 1 / 255f, 2, 1, 2);
        assertArrayEquals(new int[] {2, 1, 2}, t.shape());
        assertArrayEquals(new float[] {128 / 255f, 1 / 255f, 0f, 1f}, t.toArray());
    }

    @Test
    void everyByteValueOnRowsLongerThanAVector() {
        byte[] px = new byte[3 * 300];  // rows longer than any vector, with tails
        for (int i = 0; i < px.length; i++) px[i] = (byte) (i * 7);
        float[] out = UnsignedBytes.rows(px, new int[] {1, 2, 1}, 300, 1 / 255f, 3, 300).toArray();
        for (int r = 0; r < 3; r++)
            for (int j = 0; j < 300; j++) {
                int src = (r == 1 ? 2 : 1) * 300 + j;
                assertEquals((src * 7 & 0xFF) * (1 / 255f), out[r * 300 + j], "row " + r + ", byte " + j);
            }
    }

    @Test
    void badRowsAndShapesAreNamed() {
        byte[] px = new byte[6];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UnsignedBytes.rows(px, new int[] {3}, 2, 1f, 2));
        assertEquals("UnsignedBytes.rows: row 3 is out of range for 3 rows of 2 bytes", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UnsignedBytes.rows(px, new int[] {0}, 2, 1f, 3));
        assertEquals("UnsignedBytes.rows: 1 rows of 2 bytes cannot fill shape [3]", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> UnsignedBytes.rows(px, new int[] {-1}, 2, 1f, 2));
        assertEquals("UnsignedBytes.rows: row -1 is out of range for 3 rows of 2 bytes", e.getMessage());
    }
}
