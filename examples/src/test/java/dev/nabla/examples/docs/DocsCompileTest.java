package dev.nabla.examples.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code java} block of README.md and docs/*.md compiles against the current code, and
 * blocks marked {@code runnable} print what the docs show. One test per block, named by file and
 * line; a failure gives the compiler's message at the Markdown line.
 *
 * <p>The convention (also in docs/contributing.md):
 * <ul>
 *   <li>A block whose first code line, after imports, comments and annotations, declares a class,
 *       interface, enum or record is a source file, compiled as it stands (no package line).</li>
 *   <li>Any other block is statements: its leading {@code import} lines stay imports, the rest
 *       becomes the body of a {@code main} method that may throw any exception.</li>
 *   <li>Both get the imports of {@code ./nabla shell}: JShell's defaults ({@code java.util.*},
 *       {@code java.nio.file.*}, ...) and those of examples/shell/nabla.jsh ({@code dev.nabla.core.*},
 *       {@code dev.nabla.nn.*} with {@code dev.nabla.nn.Module} by name, ...). So a statement block
 *       also runs as typed into the shell.</li>
 *   <li>{@code ```java partial}: deliberately incomplete (a fragment of a larger file); not
 *       compiled, and reported as a skipped test, so the number of such blocks shows in every
 *       build.</li>
 *   <li>{@code ```java runnable}: compiled and run; what it prints on standard output must equal
 *       the next fenced block of the file ({@code ```text} or a bare fence), once trailing spaces
 *       are cut from every line and blank lines at the start and end are dropped.</li>
 *   <li>{@code ```java from=PATH} (or any language, {@code ```xml from=template/pom.xml}): a copy
 *       of the repository's file PATH, which must equal it line for line; a Java copy also compiles
 *       like any block, unless it declares a package (then the build compiles the file itself).</li>
 * </ul>
 * Blocks compile with {@code --release 17 --add-modules jdk.incubator.vector} against this
 * module's test class path (core, nn and examples), so they say what a Java 17 user can write.
 */
class DocsCompileTest {
    /** JShell's DEFAULT startup imports ({@code /list -start} in JDK 17 and 25). */
    static final List<String> JSHELL_DEFAULT_IMPORTS = List.of("java.io.*", "java.math.*", "java.net.*", "java.nio.file.*",
            "java.util.*", "java.util.concurrent.*", "java.util.function.*", "java.util.prefs.*", "java.util.regex.*",
            "java.util.stream.*");
    static final String PARTIAL = "partial", RUNNABLE = "runnable", FROM = "from=";

    @TempDir
    static Path classes;

    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheDocs() throws IOException {
        Path root = Repository.root();
        List<String> imports = standardImports(root);
        DocCompiler compiler = new DocCompiler(classes);
        AtomicInteger index = new AtomicInteger();
        List<DynamicTest> tests = new ArrayList<>();
        Map<String, int[]> counts = new LinkedHashMap<>();
        for (Path md : Repository.docs(root)) {
            String name = root.relativize(md).toString().replace('\\', '/');
            int[] c = new int[4];
            tests.addAll(blockTests(FencedBlock.read(md, name), root, compiler, imports, index, c));
            counts.put(name, c);
        }
        assertTrue(counts.values().stream().mapToInt(c -> c[0]).sum() > 0, "no java block found under " + root);
        System.out.println("Java blocks of the docs:");
        counts.forEach((f, c) -> System.out.printf(Locale.ROOT, "  %-24s %2d compiled (%d also run), %d partial (skipped); "
                + "%d copies of files (any language)%n", f, c[0], c[1], c[2], c[3]));
        return tests.stream();
    }

    /**
     * One test per {@code java} block of one file, and one per block that copies a file of the
     * repository under {@code root}; {@code counts} receives the numbers of blocks compiled, run,
     * skipped as partial, and copied.
     */
    static List<DynamicTest> blockTests(List<FencedBlock> blocks, Path root, DocCompiler compiler, List<String> imports,
                                        AtomicInteger index, int[] counts) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int b = 0; b < blocks.size(); b++) {
            FencedBlock block = blocks.get(b);
            List<String> copied = block.markers().stream().filter(m -> m.startsWith(FROM)).map(m -> m.substring(FROM.length())).toList();
            for (String file : copied) {
                counts[3]++;
                tests.add(DynamicTest.dynamicTest(block.where() + " is a copy of " + file, () -> checkCopy(root, block, file)));
            }
            if (!block.language().equals("java")) continue;
            List<String> markers = block.markers().stream().filter(m -> !m.startsWith(FROM)).toList();
            boolean known = markers.stream().allMatch(m -> m.equals(PARTIAL) || m.equals(RUNNABLE));
            boolean contradictory = markers.containsAll(List.of(PARTIAL, RUNNABLE)) || copied.size() > 1
                    || (!copied.isEmpty() && markers.contains(PARTIAL));
            if (!known || contradictory) {
                tests.add(DynamicTest.dynamicTest(block.where() + " has a valid fence", () -> fail(block.where()
                        + ": unknown or contradictory markers " + block.markers() + " after ```java; the known ones are '" + PARTIAL
                        + "', '" + RUNNABLE + "' and one '" + FROM + "PATH' (see docs/contributing.md)")));
            } else if (markers.contains(PARTIAL)) {
                counts[2]++;
                tests.add(DynamicTest.dynamicTest(block.where() + " is partial (skipped)",
                        () -> Assumptions.abort("marked ```java partial: not compiled")));
            } else if (!copied.isEmpty() && declaresPackage(block)) {
                continue;  // the build compiles the file the block copies
            } else if (markers.contains(RUNNABLE)) {
                counts[0]++;
                counts[1]++;
                JavaSnippet snippet = JavaSnippet.of(block, index.incrementAndGet(), imports);
                FencedBlock output = b + 1 < blocks.size() ? blocks.get(b + 1) : null;
                tests.add(DynamicTest.dynamicTest(block.where() + " compiles, runs and prints what the docs show",
                        () -> runAndCompare(compiler, snippet, output)));
            } else {
                counts[0]++;
                JavaSnippet snippet = JavaSnippet.of(block, index.incrementAndGet(), imports);
                tests.add(DynamicTest.dynamicTest(block.where() + " compiles", () -> compiler.compile(snippet)));
            }
        }
        return tests;
    }

    /** The block equals the file {@code name} under {@code root}, line for line. */
    static void checkCopy(Path root, FencedBlock block, String name) throws IOException {
        Path base = root.toAbsolutePath().normalize(), file = base.resolve(name).normalize();
        if (!file.startsWith(base) || !Files.isRegularFile(file)) {
            fail(block.where() + ": " + FROM + name + " names no file of the repository");
        }
        List<String> want = Files.readAllLines(file), got = block.lines();
        for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
            String w = i < want.size() ? want.get(i) : "(end of file)", g = i < got.size() ? got.get(i) : "(end of block)";
            if (!w.equals(g)) {
                fail(block.where() + ": the block is a stale copy of " + name + "; paste the file again. First difference, at "
                        + name + ":" + (i + 1) + ":\n  file:  " + w + "\n  block: " + g);
            }
        }
    }

    private static boolean declaresPackage(FencedBlock block) {
        return block.lines().stream().map(String::strip).anyMatch(l -> l.startsWith("package ") && l.endsWith(";"));
    }

    /** JShell's default imports, then the import lines of the shell's startup file. */
    static List<String> standardImports(Path root) throws IOException {
        List<String> imports = new ArrayList<>(JSHELL_DEFAULT_IMPORTS);
        for (String line : Files.readAllLines(root.resolve(Repository.SHELL_STARTUP))) {
            String s = line.strip();
            if (s.startsWith("import ") && s.endsWith(";")) imports.add(s.substring(7, s.length() - 1).strip());
        }
        assertTrue(imports.contains("dev.nabla.nn.Module"), "the shell's startup file imports no dev.nabla.nn.Module: " + imports);
        return imports;
    }

    private static void runAndCompare(DocCompiler compiler, JavaSnippet snippet, FencedBlock output) throws Exception {
        if (output == null || !(output.language().isEmpty() || output.language().equals("text"))) {
            fail(snippet.block.where() + ": a runnable block must be followed by a ```text block with what it prints");
        }
        String printed = compiler.run(snippet);
        assertEquals(DocCompiler.normalise(output.lines()), DocCompiler.normalise(printed.lines().toList()),
                snippet.block.where() + ": what the block prints differs from the output shown at " + output.where());
    }
}
