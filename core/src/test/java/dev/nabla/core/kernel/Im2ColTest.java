package dev.nabla.core.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** im2col lays out the windows as torch's {@code F.unfold} does, and col2im is its adjoint. */
class Im2ColTest {

    @Test
    void theWorkedExampleOfTheDocs() {
        // x = 0..15 as [1, 1, 4, 4], 3x3 window: torch.nn.functional.unfold(x, 3) is this [9, 4] matrix,
        // one row per position (i, j) in the window, one column per output position (oy, ox)
        float[] x = new float[16], cols = new float[36];
        for (int i = 0; i < 16; i++) x[i] = i;
        Im2Col.im2col(new SlidingWindow(1, 4, 4, 3, 3, 1, 0), x, 0, cols, 0);
        assertArrayEquals(new float[] {
            0, 1, 4, 5,
            1, 2, 5, 6,
            2, 3, 6, 7,
            4, 5, 8, 9,
            5, 6, 9, 10,
            6, 7, 10, 11,
            8, 9, 12, 13,
            9, 10, 13, 14,
            10, 11, 14, 15}, cols);
    }

    @Test
    void paddingAndStrideReadZerosOutsideTheImage() {
        // torch: F.unfold(torch.arange(1., 7).reshape(1, 1, 2, 3), 2, padding=1, stride=2): 4 rows, 2x2 positions
        float[] x = {1, 2, 3, 4, 5, 6}, cols = new float[16];
        java.util.Arrays.fill(cols, 99f);  // every entry is written
        Im2Col.im2col(new SlidingWindow(1, 2, 3, 2, 2, 2, 1), x, 0, cols, 0);
        assertArrayEquals(new float[] {0, 0, 0, 5, 0, 0, 4, 6, 0, 2, 0, 0, 1, 3, 0, 0}, cols);
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        // <im2col(x), c> = <x, col2im(c)> for every x and c: col2im puts back exactly what im2col took
        Random r = new Random(12);
        for (int[] s : new int[][] {{2, 5, 4, 3, 2, 1, 1}, {3, 7, 6, 3, 3, 2, 2}, {1, 4, 4, 3, 3, 1, 0}, {2, 3, 3, 1, 1, 1, 0}, {1, 6, 5, 2, 3, 3, 1}}) {
            SlidingWindow g = new SlidingWindow(s[0], s[1], s[2], s[3], s[4], s[5], s[6]);
            float[] x = new float[3 + s[0] * g.planeSize()], c = new float[2 + g.patchSize() * g.positions()];
            for (int i = 0; i < x.length; i++) x[i] = (float) r.nextGaussian();
            for (int i = 0; i < c.length; i++) c[i] = (float) r.nextGaussian();
            float[] cols = new float[c.length], back = new float[x.length];
            Im2Col.im2col(g, x, 3, cols, 2);
            Im2Col.col2im(g, c, 2, back, 3);
            double left = 0, right = 0, size = 0;
            for (int i = 2; i < c.length; i++) {
                left += (double) cols[i] * c[i];
                size += Math.abs((double) cols[i] * c[i]);
            }
            for (int i = 3; i < x.length; i++) right += (double) x[i] * back[i];
            assertEquals(left, right, 1e-5 * size, java.util.Arrays.toString(s));
            assertEquals(0f, back[0] + back[1] + back[2], "nothing written before the offset");
        }
    }
}
