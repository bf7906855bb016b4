package dev.nabla.nn.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Fashion-MNIST loader on small generated files: valid ones and each way they can be wrong. */
class FashionMnistTest {
    @TempDir
    Path dir;

    @Test
    void loadsGzipAndRawAndScalesToUnitRange() throws IOException {
        for (boolean gz : new boolean[] {true, false}) {
            Path d = Files.createDirectories(dir.resolve("gz" + gz));
            List<DataFile> specs = TinyFashion.write(d, 50, 20, gz);
            FashionMnist fm = FashionMnist.load(d, specs);
            assertEquals(50, fm.train().size());
            assertEquals(20, fm.test().size());
            assertEquals(3, fm.test().label(13));
            Batch b = fm.train().get(new int[] {0, 7});
            assertArrayEquals(new int[] {2, 1, 28, 28}, b.features().shape());
            assertArrayEquals(new int[] {0, 7}, b.labels());
            float[] px = b.features().toArray();
            assertTrue(Arrays.stream(box(px)).allMatch(v -> v >= 0 && v <= 1));
            assertEquals(specs.stream().map(DataFile::sha256).toList(), fm.checksums());
        }
    }

    @Test
    void publishedChecksumsAreWellFormed() {
        assertEquals(4, FashionMnist.FILES.size());
        for (DataFile f : FashionMnist.FILES) assertTrue(f.sha256().matches("[0-9a-f]{64}"), f.toString());
        assertEquals(10, FashionMnist.CLASS_NAMES.size());
    }

    @Test
    void textLabelsAreD2lsNames() {
        assertEquals("t-shirt", FashionMnist.textLabel(0));
        assertEquals("sneaker", FashionMnist.textLabel(7));
        assertEquals("ankle boot", FashionMnist.textLabel(9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> FashionMnist.textLabel(10));
        assertEquals("textLabel: 10 is not a Fashion-MNIST label (0-9)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FashionMnist.textLabel(-1));
    }

    /** With Debian's package installed (or a copy in the cache or $NABLA_DATA), load() finds, reads and verifies it. */
    @Test
    void loadFindsTheRealDataWhereTheLauncherWould() throws IOException {
        Assumptions.assumeTrue(Files.isRegularFile(FashionMnist.DEBIAN_DIR.resolve("train-images-idx3-ubyte.gz")),
                "dataset-fashion-mnist is not installed");
        FashionMnist fm = FashionMnist.load();
        assertEquals(60_000, fm.train().size());
        assertEquals(10_000, fm.test().size());
        assertEquals(FashionMnist.FILES.stream().map(DataFile::sha256).toList(), fm.checksums());
        assertEquals("ankle boot", FashionMnist.textLabel(fm.train().label(0)));  // the first training image is a boot
    }

    @Test
    void aChecksumMismatchNamesTheFile() throws IOException {
        List<DataFile> specs = TinyFashion.write(dir, 20, 10, true);
        List<DataFile> wrong = List.of(specs.get(0), new DataFile(specs.get(1).name(), "0".repeat(64)), specs.get(2), specs.get(3));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir, wrong));
        assertTrue(e.getMessage().startsWith(dir.resolve("train-labels-idx1-ubyte.gz") + " is not the expected train-labels-idx1-ubyte: "
                + "the SHA-256 of its content is " + specs.get(1).sha256() + ", expected " + "0".repeat(64)), e.getMessage());
    }

    @Test
    void aTruncatedFileIsNamed() throws IOException {
        List<DataFile> specs = TinyFashion.write(dir, 20, 10, false);
        Path images = dir.resolve("t10k-images-idx3-ubyte");
        byte[] bytes = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(bytes, bytes.length - 100));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir, specs));
        assertTrue(e.getMessage().contains(images.toString()) && e.getMessage().endsWith("(truncated)"), e.getMessage());
    }

    @Test
    void missingFilesAndInconsistentContentAreReported() throws IOException {
        List<DataFile> specs = TinyFashion.write(dir, 20, 10, true);
        Files.delete(dir.resolve("t10k-labels-idx1-ubyte.gz"));
        IOException e = assertThrows(IOException.class, () -> FashionMnist.load(dir, specs));
        assertTrue(e.getMessage().contains("t10k-labels-idx1-ubyte.gz"), e.getMessage());
        // 12 labels for 10 images, with a matching checksum: the content itself is inconsistent
        IdxArray labels = new IdxArray(new int[] {12}, new byte[12]);
        IdxFile.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), labels, true);
        List<DataFile> fixed = List.of(specs.get(0), specs.get(1), specs.get(2), new DataFile(specs.get(3).name(), TinyFashion.sha256(labels)));
        e = assertThrows(IOException.class, () -> FashionMnist.load(dir, fixed));
        assertEquals("Fashion-MNIST in " + dir + ": images of shape [10, 28, 28] do not match labels of shape [12]", e.getMessage());
    }

    private static double[] box(float[] a) {
        double[] d = new double[a.length];
        for (int i = 0; i < a.length; i++) d[i] = a[i];
        return d;
    }
}
