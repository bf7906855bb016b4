package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageDatasetTest {
    private final byte[] pixels = {0, 51, 102, (byte) 153, (byte) 204, (byte) 255, 1, 2, 3, 4, 5, 6};  // three 2x2 images
    private final int[] labels = {7, 8, 9};

    @Test
    void aBatchIsScaledToUnitRangeInShapeBx1xHxW() {
        Batch b = new ImageDataset(pixels, labels, 2, 2).get(new int[] {1, 0});
        assertArrayEquals(new int[] {2, 1, 2, 2}, b.features().shape());
        assertArrayEquals(new float[] {204 / 255f, 1f, 1 / 255f, 2 / 255f, 0f, 51 / 255f, 102 / 255f, 153 / 255f}, b.features().toArray(), 1e-7f);
        assertArrayEquals(new int[] {8, 7}, b.labels());
    }

    @Test
    void takeIsAViewOfTheFirstImages() {
        ImageDataset all = new ImageDataset(pixels, labels, 2, 2), two = all.take(2);
        assertEquals(2, two.size());
        assertSame(all, all.take(3));
        assertArrayEquals(all.get(new int[] {1}).features().toArray(), two.get(new int[] {1}).features().toArray());
        pixels[4] = 0;  // the same bytes, not a copy
        assertEquals(0f, two.get(new int[] {1}).features().get(0, 0, 0, 0));
        assertEquals("ImageDataset: index 2 is out of range for 2 images",
                assertThrows(IndexOutOfBoundsException.class, () -> two.get(new int[] {2})).getMessage());
        assertEquals("ImageDataset: index 2 is out of range for 2 images",
                assertThrows(IndexOutOfBoundsException.class, () -> two.label(2)).getMessage());
        assertEquals("take: 4 examples requested, but the dataset has 3",
                assertThrows(IllegalArgumentException.class, () -> all.take(4)).getMessage());
        assertEquals("take: 3 examples requested, but the dataset has 2",
                assertThrows(IllegalArgumentException.class, () -> two.take(3)).getMessage());
    }

    @Test
    void pixelsMustMatchTheLabels() {
        assertEquals("ImageDataset: 3 labels of 2x3 images need 18 pixels, but got 12",
                assertThrows(IllegalArgumentException.class, () -> new ImageDataset(pixels, labels, 2, 3)).getMessage());
    }
}
