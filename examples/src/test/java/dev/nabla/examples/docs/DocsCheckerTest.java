package dev.nabla.examples.docs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** The docs checker catches what it is for: blocks that do not compile, wrong output, bad markers. */
class DocsCheckerTest {
    @TempDir
    Path dir;

    static final String DOC = """
            # A page

            ```java
            Module net = new Sequential(new Linear(2, 3), new ReLU());
            System.out.println(net.forward(Tensor.ones(4, 2)).shape().length);
            ```

            ```java runnable
            System.out.println("two  ");
            System.out.println(1 + 1);
            ```

            ```text
            two
            2

            ```

            ```java runnable
            System.out.println("hello");
            ```

            ```
            goodbye
            ```

            ```java
            Tensor t = Tensor.ones(2);
            Tensor u = t.add(undefinedThing);
            ```

            ```java partial
            this is not Java
            ```

            ```java runable
            ```

            ```java
            import dev.nabla.core.Tensor;

            /** A layer that does nothing, in a file of its own. */
            @SuppressWarnings("unused")
            public final class Same extends Module {
                @Override
                public Tensor forward(Tensor x) { return x; }
            }
            ```
            """;

    record Outcome(String name, String status, String message) {}

    @Test
    void eachBlockPassesOrFailsForItsReason() throws IOException {
        Path md = Files.writeString(dir.resolve("page.md"), DOC);
        int[] counts = new int[4];
        List<Outcome> o = outcomes(md, counts);
        assertEquals(List.of("page.md:3 compiles", "page.md:8 compiles, runs and prints what the docs show",
                "page.md:19 compiles, runs and prints what the docs show", "page.md:27 compiles", "page.md:32 is partial (skipped)",
                "page.md:36 has a valid fence", "page.md:39 compiles"), o.stream().map(Outcome::name).toList());
        assertEquals(List.of("passed", "passed", "failed", "failed", "skipped", "failed", "passed"),
                o.stream().map(Outcome::status).toList(), o.toString());
        assertArrayEquals(new int[] {5, 2, 1, 0}, counts);   // compiled, run, partial, copies

        assertTrue(o.get(2).message().startsWith("page.md:19: what the block prints differs from the output shown at page.md:23"
                + " ==> expected: <goodbye> but was: <hello>"), o.get(2).message());
        assertTrue(o.get(3).message().startsWith("""
                page.md:27: this statements block does not compile:
                  page.md:29: cannot find symbol
                      symbol:   variable undefinedThing
                """), o.get(3).message());
        assertTrue(o.get(3).message().contains("\n    Tensor u = t.add(undefinedThing);"), o.get(3).message());
        assertTrue(o.get(5).message().contains("unknown or contradictory markers [runable] after ```java"), o.get(5).message());
    }

    private List<Outcome> outcomes(Path md, int[] counts) throws IOException {
        List<DynamicTest> tests = DocsCompileTest.blockTests(FencedBlock.read(md, md.getFileName().toString()), dir,
                new DocCompiler(dir.resolve("classes")), DocsCompileTest.standardImports(Repository.root()), new AtomicInteger(), counts);
        List<Outcome> o = new ArrayList<>();
        for (DynamicTest t : tests) {
            try {
                t.getExecutable().execute();
                o.add(new Outcome(t.getDisplayName(), "passed", ""));
            } catch (TestAbortedException e) {
                o.add(new Outcome(t.getDisplayName(), "skipped", e.getMessage()));
            } catch (AssertionFailedError e) {
                o.add(new Outcome(t.getDisplayName(), "failed", e.getMessage()));
            } catch (Throwable e) {
                o.add(new Outcome(t.getDisplayName(), "error", e.toString()));
            }
        }
        return o;
    }

    @Test
    void aCopyOfAFileMustEqualItAndCompiles() throws IOException {
        Files.createDirectories(dir.resolve("src/app"));
        Files.writeString(dir.resolve("src/Main.java"), """
                import dev.nabla.core.Tensor;

                public class Main {
                    public static void main(String[] args) { System.out.println(Tensor.ones(2)); }
                }
                """);
        Files.writeString(dir.resolve("src/app/Packaged.java"), "package app;\n\nfinal class Packaged {}\n");
        Files.writeString(dir.resolve("pom.xml"), "<project>\n  <modelVersion>4.0.0</modelVersion>\n</project>\n");
        Path md = Files.writeString(dir.resolve("copies.md"), """
                ```java from=src/Main.java
                import dev.nabla.core.Tensor;

                public class Main {
                    public static void main(String[] args) { System.out.println(Tensor.ones(2)); }
                }
                ```

                ```java from=src/app/Packaged.java
                package app;

                final class Packaged {}
                ```

                ```xml from=pom.xml
                <project>
                  <modelVersion>4.0.0</modelVersion>
                  <version>1</version>
                </project>
                ```

                ```java from=src/Gone.java
                class Gone {}
                ```

                ```java from=../outside.txt partial
                ```
                """);
        int[] counts = new int[4];
        List<Outcome> o = outcomes(md, counts);
        assertEquals(List.of("copies.md:1 is a copy of src/Main.java", "copies.md:1 compiles", "copies.md:9 is a copy of src/app/Packaged.java",
                "copies.md:15 is a copy of pom.xml", "copies.md:22 is a copy of src/Gone.java", "copies.md:22 compiles",
                "copies.md:26 is a copy of ../outside.txt", "copies.md:26 has a valid fence"), o.stream().map(Outcome::name).toList());
        assertEquals(List.of("passed", "passed", "passed", "failed", "failed", "passed", "failed", "failed"),
                o.stream().map(Outcome::status).toList(), o.toString());
        assertArrayEquals(new int[] {2, 0, 0, 5}, counts);
        assertEquals("""
                copies.md:15: the block is a stale copy of pom.xml; paste the file again. First difference, at pom.xml:3:
                  file:  </project>
                  block:   <version>1</version>""", o.get(3).message().lines().limit(3).collect(java.util.stream.Collectors.joining("\n")));
        assertTrue(o.get(4).message().startsWith("copies.md:22: from=src/Gone.java names no file of the repository"), o.get(4).message());
        assertTrue(o.get(6).message().startsWith("copies.md:26: from=../outside.txt names no file of the repository"), o.get(6).message());
    }

    @Test
    void sourceFilesAndStatementsAreToldApart() throws IOException {
        Path md = Files.writeString(dir.resolve("kinds.md"), """
                ```java
                import java.util.List;
                // a comment
                /**
                 * Javadoc.
                 */
                @FunctionalInterface
                interface Op { float apply(float x); }
                ```
                ```java
                record Point(int x, int y) {}
                ```
                ```java
                import java.util.List;

                List<Integer> xs = List.of(1, 2);
                record Local(int a) {}
                ```
                ```java
                final class Helper {}
                public final class Main { public static void main(String[] a) {} }
                ```
                """);
        List<JavaSnippet> s = new ArrayList<>();
        for (FencedBlock b : FencedBlock.read(md, "kinds.md")) s.add(JavaSnippet.of(b, s.size(), List.of("java.util.*")));
        assertEquals(List.of(JavaSnippet.Kind.SOURCE_FILE, JavaSnippet.Kind.SOURCE_FILE, JavaSnippet.Kind.STATEMENTS,
                JavaSnippet.Kind.SOURCE_FILE), s.stream().map(x -> x.kind).toList());
        assertEquals(List.of("Op", "Point", "Snippet", "Main"), s.stream().map(x -> x.className).toList());
        // Line 1 of the generated source is the package and the imports; the block's lines keep their Markdown line.
        assertEquals("package doc.b2; import java.util.*;", s.get(2).source.lines().findFirst().orElseThrow());
        assertEquals(16, s.get(2).markdownLine(s.get(2).source.lines().toList().indexOf("List<Integer> xs = List.of(1, 2);") + 1));
    }

    @Test
    void anUnclosedFenceIsAnError() throws IOException {
        Path md = Files.writeString(dir.resolve("open.md"), "text\n\n````java\nint x = 1;\n```\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> FencedBlock.read(md, "open.md"));
        assertEquals("open.md:3: the code block opened here is never closed with ````", e.getMessage());
    }
}
