package dev.nabla.examples.data;

import dev.nabla.nn.data.IdxArray;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 pixels in 10
 * classes, verified against the published checksums and scaled to [0, 1] as d2l does.
 *
 * @param train     the training images
 * @param test      the test images
 * @param source    the folder the files were read from
 * @param checksums SHA-256 of each file's content, in {@link #FILES} order
 */
public record FashionMnist(ImageDataset train, ImageDataset test, Path source, List<String> checksums) {

    /** d2l's text labels, by class index. */
    public static final List<String> CLASS_NAMES = List.of("t-shirt", "trouser", "pullover", "dress", "coat", "sandal",
            "shirt", "sneaker", "bag", "ankle boot");

    /** The four files and the SHA-256 of their decompressed content. */
    public static final List<DataFile> FILES = List.of(
            new DataFile("train-images-idx3-ubyte", "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"),
            new DataFile("train-labels-idx1-ubyte", "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"),
            new DataFile("t10k-images-idx3-ubyte", "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"),
            new DataFile("t10k-labels-idx1-ubyte", "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"));

    /** The dataset's official distribution. */
    public static final URI OFFICIAL = URI.create("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/");

    /** Where Debian's {@code dataset-fashion-mnist} package puts the files. */
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** The standard lookup: {@code --data}, {@code $NABLA_DATA}, the cache, Debian's folder, then the official download. */
    public static DataLocator locator(Path explicitDir, Downloader.Progress progress) {
        String env = System.getenv("NABLA_DATA");
        return new DataLocator("Fashion-MNIST", FILES, explicitDir, env == null || env.isBlank() ? null : Path.of(env),
                DataLocator.userCache("fashion-mnist"), DEBIAN_DIR, OFFICIAL,
                "install the Debian package: apt-get install dataset-fashion-mnist", new Downloader(), progress);
    }

    /** Reads and verifies the four files in {@code dir}, with the published checksums. */
    public static FashionMnist load(Path dir) throws IOException {
        return load(dir, FILES);
    }

    /** Reads {@code dir} with the given file specs (tests use small generated files). */
    public static FashionMnist load(Path dir, List<DataFile> files) throws IOException {
        IdxArray[] a = new IdxArray[4];
        for (int i = 0; i < 4; i++) {
            Path p = DataLocator.find(dir, files.get(i));
            if (p == null) throw new java.nio.file.NoSuchFileException(dir.resolve(files.get(i).name() + ".gz").toString());
            a[i] = Checksums.verify(p, files.get(i));
        }
        List<String> sums = files.stream().map(DataFile::sha256).toList();
        return new FashionMnist(images(a[0], a[1], dir), images(a[2], a[3], dir), dir, sums);
    }

    private static ImageDataset images(IdxArray images, IdxArray labels, Path dir) throws IOException {
        int[] d = images.dims();
        if (d.length != 3 || labels.dims().length != 1 || labels.count() != d[0]) {
            throw new IOException("Fashion-MNIST in " + dir + ": images of shape " + Arrays.toString(d) + " do not match labels of shape "
                    + Arrays.toString(labels.dims()));
        }
        int[] y = new int[labels.count()];
        for (int i = 0; i < y.length; i++) {
            y[i] = labels.unsigned(i);
            if (y[i] >= CLASS_NAMES.size()) throw new IOException("Fashion-MNIST in " + dir + ": label " + y[i] + " at " + i + " is not a class (0-9)");
        }
        return new ImageDataset(images.data(), y, d[1], d[2]);
    }
}
