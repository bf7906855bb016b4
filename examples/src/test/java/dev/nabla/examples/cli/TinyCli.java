package dev.nabla.examples.cli;

import dev.nabla.nn.data.TinyFashion;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The real {@code nabla} command line, in a process of its own, verifying generated data instead
 * of Fashion-MNIST's checksums: {@code TinyCli DATA_DIR nabla-arguments...}. Tests start it with
 * {@code java} to kill it, lock against it, or give it JVM options the test JVM lacks.
 */
public final class TinyCli {
    private TinyCli() {}

    /** Runs the arguments after the data folder, and exits with their exit code. */
    public static void main(String[] args) throws IOException {
        DataOption.files = TinyFashion.readSums(Path.of(args[0]));
        System.exit(Main.run(Arrays.copyOfRange(args, 1, args.length), new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }
}
