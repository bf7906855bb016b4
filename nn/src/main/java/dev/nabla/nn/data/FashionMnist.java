package dev.nabla.nn.data;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Zalando's Fashion-MNIST: 60,000 training and 10,000 test images of 28x28 pixels in 10
 * classes, verified against the published checksums and scaled to [0, 1] as d2l does. A batch
 * of {@link #train()} or {@link #test()} is features [B, 1, 28, 28] with labels 0-9:
 * <pre>{@code
 * FashionMnist data = FashionMnist.load();   // found or downloaded, always verified
 * DataLoader train = new DataLoader(data.train(), 256, true, 0);
 * }</pre>
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

    /**
     * Finds, reads and verifies the dataset as {@code ./nabla} does: {@code $NABLA_DATA} when set
     * (then the only place looked at), the user cache ({@code ~/.cache/nabla/fashion-mnist}),
     * Debian's {@code /usr/share/datasets/fashion-mnist}, else a download from the official site
     * into the cache, kept only if its SHA-256 is the published one. A download says so on
     * standard error, one line per file.
     *
     * @throws IOException when no copy is found and none can be downloaded: the message lists every
     *         place looked at and how to fix it
     */
    public static FashionMnist load() throws IOException {
        return load(locator(null, Downloader.lines(System.err)).locate());
    }

    /** Reads and verifies the four files in {@code dir} (gzipped or not), with the published checksums. */
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

    /**
     * The class name of {@code label}, as d2l's {@code get_fashion_mnist_labels}: 0 is
     * {@code "t-shirt"}, 9 is {@code "ankle boot"}.
     *
     * @throws IllegalArgumentException if {@code label} is not 0-9
     */
    public static String textLabel(int label) {
        if (label < 0 || label >= CLASS_NAMES.size()) {
            throw new IllegalArgumentException("textLabel: " + label + " is not a Fashion-MNIST label (0-9)");
        }
        return CLASS_NAMES.get(label);
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
