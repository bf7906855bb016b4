package dev.nabla.nn.data;

import java.io.IOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;

/**
 * Generates small Fashion-MNIST look-alikes for tests: 28x28 images whose class is a bright
 * bar at a class-dependent row, plus noise, so a model can learn them; and the file specs with
 * the SHA-256 of their real content.
 */
public final class TinyFashion {
    private TinyFashion() {}

    /** Writes the four files into {@code dir} and returns their specs (in FashionMnist.FILES order). */
    public static List<DataFile> write(Path dir, int train, int test, boolean gzip) throws IOException {
        Random r = new Random(7);
        IdxArray[] arrays = new IdxArray[4];
        for (int part = 0; part < 2; part++) {
            int n = part == 0 ? train : test;
            byte[] px = new byte[n * 784], labels = new byte[n];
            for (int i = 0; i < n; i++) {
                int c = i % 10;
                labels[i] = (byte) c;
                for (int p = 0; p < 784; p++) {
                    int row = p / 28, v = r.nextInt(60) + (row / 3 == c ? 180 : 0);
                    px[i * 784 + p] = (byte) Math.min(255, v);
                }
            }
            arrays[2 * part] = new IdxArray(new int[] {n, 28, 28}, px);
            arrays[2 * part + 1] = new IdxArray(new int[] {n}, labels);
        }
        List<DataFile> specs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = FashionMnist.FILES.get(i).name();
            Path p = dir.resolve(gzip ? name + ".gz" : name);
            IdxFile.write(p, arrays[i], gzip);
            specs.add(new DataFile(name, sha256(arrays[i])));
        }
        return specs;
    }

    /** Writes the specs into {@code dir}/SHA256SUMS, as sha256sum prints them, for {@link #readSums}. */
    public static void writeSums(Path dir, List<DataFile> specs) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (DataFile f : specs) sb.append(f.sha256()).append("  ").append(f.name()).append('\n');
        java.nio.file.Files.writeString(dir.resolve("SHA256SUMS"), sb);
    }

    /** The specs {@link #writeSums} wrote, without reading the data. */
    public static List<DataFile> readSums(Path dir) throws IOException {
        List<DataFile> specs = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(dir.resolve("SHA256SUMS"))) {
            specs.add(new DataFile(line.substring(66), line.substring(0, 64)));
        }
        return specs;
    }

    /** SHA-256 of an array's IDX encoding, uncompressed. */
    public static String sha256(IdxArray a) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            int[] dims = a.dims();
            md.update(new byte[] {0, 0, IdxFile.UBYTE, (byte) dims.length});
            for (int d : dims) md.update(java.nio.ByteBuffer.allocate(4).putInt(d).array());
            md.update(a.data());
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
