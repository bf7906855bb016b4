package dev.nabla.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Where the repository's docs, launcher and shell startup file are, seen from a test. */
final class Repository {
    /** The startup file of {@code ./nabla shell}, relative to the root. */
    static final String SHELL_STARTUP = "examples/shell/nabla.jsh";

    private Repository() {}

    /** The nearest folder above the working directory that holds README.md, docs/ and the launcher. */
    static Path root() {
        Path start = Path.of("").toAbsolutePath();
        for (Path p = start; p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("README.md")) && Files.isDirectory(p.resolve("docs")) && Files.isRegularFile(p.resolve("nabla"))) {
                return p;
            }
        }
        throw new IllegalStateException("no folder at or above " + start + " holds README.md, docs/ and nabla");
    }

    /** README.md, then docs/*.md in name order. */
    static List<Path> docs(Path root) throws IOException {
        List<Path> md = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> s = Files.list(root.resolve("docs"))) {
            s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().forEach(md::add);
        }
        return md;
    }
}
