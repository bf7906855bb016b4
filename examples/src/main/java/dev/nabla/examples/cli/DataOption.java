package dev.nabla.examples.cli;

import dev.nabla.nn.data.DataFile;
import dev.nabla.nn.data.FashionMnist;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** {@code --data DIR}, and loading Fashion-MNIST through the standard lookup. */
final class DataOption {
    @Option(names = "--data", paramLabel = "DIR",
            description = "Folder with the four Fashion-MNIST files (gzipped or not). Default lookup: $NABLA_DATA, "
                    + "~/.cache/nabla/fashion-mnist, /usr/share/datasets/fashion-mnist, else download into the cache.")
    Path dir;

    /** The files and checksums to verify: Fashion-MNIST's; tests put those of small generated data here. */
    static List<DataFile> files = FashionMnist.FILES;

    FashionMnist load(PrintWriter log) throws IOException {
        long t0 = System.nanoTime();
        Path found = FashionMnist.locator(dir, new Progress(log, Progress.terminal())).locate();
        FashionMnist data = FashionMnist.load(found, files);
        log.printf(Locale.ROOT, "Fashion-MNIST from %s: %,d training and %,d test images, checksums verified (%.1f s)%n", found,
                data.train().size(), data.test().size(), (System.nanoTime() - t0) / 1e9);
        return data;
    }
}
