package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.examples.cli.CliTest.Result;
import dev.nabla.examples.viz.SvgFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code autograd --graph}: micrograd's expression drawn (SVG, PNG) or exported (DOT) with its values and gradients. */
class AutogradCommandTest {
    @Test
    void svgHasEveryValueOpAndArrowWithMicrogradsNumbers(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("graphs/g.svg");
        Result r = CliTest.run("autograd", "--graph", file.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("graph of g (58 nodes, 70 edges) written to " + file + "\n"), r.out());
        Document svg = SvgFiles.parse(Files.readAllBytes(file));
        assertEquals(33, SvgFiles.groups(svg, "value").size(), "a, b, six constants and 25 results");
        assertEquals(25, SvgFiles.groups(svg, "op").size());
        assertEquals(70, SvgFiles.groups(svg, "edge").size());
        String words = SvgFiles.text(svg);
        assertTrue(words.contains("g\ndata 24.7041\n"), words);
        assertTrue(words.contains("a\ndata -4.0000\ngrad 138.8338\n") && words.contains("b\ndata 2.0000\ngrad 645.5773\n"), words);
        assertEquals(13, words.lines().filter("AddBackward"::equals).count());
    }

    @Test
    void dotAndPngAreWrittenByExtension(@TempDir Path dir) throws Exception {
        Result r = CliTest.run("autograd", "--graph", dir.resolve("g.dot").toString());
        assertEquals(0, r.code(), r.err());
        String dot = Files.readString(dir.resolve("g.dot"));
        assertTrue(dot.startsWith("digraph autograd {\n  rankdir=LR;\n"), dot);
        assertEquals(70, dot.lines().filter(l -> l.contains(" -> ")).count());
        assertEquals(58, dot.lines().filter(l -> l.contains(" [shape=")).count());
        assertTrue(dot.contains("label=\"{ a | scalar | data -4.0000 | grad 138.8338 }\"") && dot.contains("{ g | scalar | data 24.7041 }"), dot);

        r = CliTest.run("autograd", "--graph", dir.resolve("G.PNG").toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(SvgFiles.png(Files.readAllBytes(dir.resolve("G.PNG"))).getHeight() > 1000, "a tall graph");
    }

    @Test
    void aBadGraphFileIsOneClearLine(@TempDir Path dir) throws Exception {
        Result r = CliTest.run("autograd", "--graph", "graph.txt");
        assertEquals(2, r.code());
        assertEquals("--graph graph.txt: the file name must end in .svg, .png or .dot", r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out());
        Path folder = Files.createDirectory(dir.resolve("x.svg"));
        r = CliTest.run("autograd", "--graph", folder.toString());
        assertEquals("--graph " + folder + " is a folder, not a file", r.err().lines().findFirst().orElseThrow());
        Path file = Files.writeString(dir.resolve("notes"), "x");
        r = CliTest.run("autograd", "--graph", file.resolve("g.svg").toString());
        assertEquals(2, r.code());
        assertEquals("--graph " + file.resolve("g.svg") + " cannot be written: " + file + " is a file, not a folder",
                r.err().lines().findFirst().orElseThrow());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anUnwritableGraphFolderIsRefusedBeforeTheExampleRuns() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux: /proc takes no new files, even from root");
        Result r = CliTest.run("autograd", "--graph", "/proc/g.svg");
        assertEquals(2, r.code());
        assertEquals("--graph /proc/g.svg: cannot write into /proc: no file can be created there", r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out(), "refused before the example, not after it");
    }
}
