package dev.nabla.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.examples.cli.CliTest.Result;
import dev.nabla.examples.d2l.DropoutLayer;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.examples.viz.SvgFiles;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** The demo shows and draws one call: the grid, the counts and the pictures all come from the mask that call used. */
class DropoutDemoCommandTest {
    private static final Tensor X = Tensor.arange(16).reshape(2, 8);

    @Test
    void theGridAndCountsAreThoseOfThePrintedCall() {
        for (long seed : new long[] {0, 3, 11}) {
            String out = CliTest.run("dropout-demo", "--seed", Long.toString(seed)).out();
            float[] printed = numbers(block(out, "dropout_layer(X, 0.5)\n"));
            float[] mask = numbers(block(out, "mask (1 = kept, 0 = dropped) =\n"));
            Rng rng = new Rng(seed);
            DropoutLayer.dropoutLayer(X, 0, rng);
            assertEquals(Tensor.of(printed, 2, 8).toString(), DropoutLayer.dropoutLayer(X, 0.5, rng).toString(),
                    "the printed call is d2l's dropout_layer(X, 0.5) after dropout_layer(X, 0.0), seed " + seed);
            for (int i = 0; i < 16; i++) {
                assertEquals(mask[i] * i * 2, printed[i], "output = mask * X / (1 - p) at " + i + ": one call, seed " + seed);
            }
            for (int r = 0; r < 2; r++) {
                Matcher m = Pattern.compile("(?m)^example " + r + " .*?((?: [■□]){8})\\s+.*\\s(\\d) of 8$").matcher(out);
                assertTrue(m.find(), out);
                int dropped = 0;
                StringBuilder squares = new StringBuilder();
                for (int c = 0; c < 8; c++) {
                    squares.append(mask[8 * r + c] == 0f ? " □" : " ■");
                    if (mask[8 * r + c] == 0f) dropped++;
                }
                assertEquals(squares.toString(), m.group(1), "row " + r + " of the grid is the printed mask");
                assertEquals(dropped, Integer.parseInt(m.group(2)), "row " + r + " count");
            }
            int all = 0;
            for (float v : mask) if (v == 0f) all++;
            assertTrue(out.contains("In all, " + all + " of 16 units dropped"), out);
        }
    }

    @Test
    void anUnusualDrawIsExplained() {
        String out = CliTest.run("dropout-demo", "--seed", "0").out();
        // nn.Dropout's first call with seed 0 drops all of row 0 (12 of 16): said, and said to be chance
        assertTrue(out.contains("  dropped row 0: columns 0, 1, 2, 3, 4, 5, 6, 7; row 1: columns 0, 2, 4, 7 -> 12 of 16 units (75%)\n"
                + "    Example 0 lost all of its 8 units, expected 4 ± 1.4: rare: only 0.8% of rows, about 1 in 128, are this far from 4; "
                + "it is chance, and the next call draws anew.\n"
                + "    In all, 12 of 16 units dropped (75%), expected 8 ± 2.0: ordinary: 7.7% of calls are at least this far from 8.\n"), out);
    }

    @Test
    void outWritesPicturesOfTheSameCallAndOfARealForwardPass(@TempDir Path dir) throws Exception {
        Path folder = dir.resolve("pictures/new");
        Result r = CliTest.run("dropout-demo", "--seed", "4", "--out", folder.toString());
        assertEquals(0, r.code(), r.err());
        for (String name : new String[] {"dropout-call", "dropout-mlp"}) {
            assertTrue(r.out().contains(folder.resolve(name + ".png") + "\n") && r.out().contains(folder.resolve(name + ".svg") + "\n"), r.out());
            BufferedImage png = SvgFiles.png(Files.readAllBytes(folder.resolve(name + ".png")));
            Document svg = SvgFiles.parse(Files.readAllBytes(folder.resolve(name + ".svg")));
            String viewBox = svg.getDocumentElement().getAttribute("viewBox");
            assertEquals(Pictures.PNG_SCALE * Double.parseDouble(viewBox.split(" ")[2]), png.getWidth(), 1e-9, name);
            assertEquals(Pictures.PNG_SCALE * Double.parseDouble(viewBox.split(" ")[3]), png.getHeight(), 1e-9, name);
        }
        float[] mask = numbers(block(r.out(), "mask (1 = kept, 0 = dropped) =\n"));
        List<String> dropped = new ArrayList<>();
        for (int i = 0; i < 16; i++) if (mask[i] == 0f) dropped.add("mask-" + i / 8 + "-" + i % 8);
        assertEquals(dropped, SvgFiles.groups(SvgFiles.parse(Files.readAllBytes(folder.resolve("dropout-call.svg"))), "dropped"));

        DropoutDemoCommand.SmallNet net = DropoutDemoCommand.smallNet(0.5, 4);
        List<String> crossed = new ArrayList<>();
        float[] netMask = net.mask().toArray();
        for (int i = 0; i < netMask.length; i++) if (netMask[i] == 0f) crossed.add("hidden-after-" + (i + 1));
        assertEquals(crossed, SvgFiles.groups(SvgFiles.parse(Files.readAllBytes(folder.resolve("dropout-mlp.svg"))), "dropped"),
                "the crossed-out units are the zeros of the mask of the net's forward pass");
        assertTrue(r.out().contains("  its mask = " + DropoutDemoCommand.list(net.mask(), 0) + "\n"), r.out());
        Tensor again = DropoutDemoCommand.smallNet(0.5, 4).output();
        assertTrue(again.allClose(net.output(), 0, 0), "the forward pass is reproducible from the seed");
    }

    @Test
    void aBadOutIsOneClearLine(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("notes.txt"), "x");
        Result r = CliTest.run("dropout-demo", "--out", file.toString());
        assertEquals(2, r.code());
        assertEquals("--out " + file + " is a file, not a folder: name a folder for the pictures", r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out(), "nothing is done before the options are checked");
        r = CliTest.run("dropout-demo", "--out", file.resolve("sub").toString());
        assertEquals(2, r.code());
        assertEquals("--out " + file.resolve("sub") + " cannot be created: " + file + " is a file", r.err().lines().findFirst().orElseThrow());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void anUnwritableOutIsRefusedBeforeTheDemoRuns() {
        assumeTrue(Files.isDirectory(Path.of("/proc/self")), "Linux: /proc takes no new files, even from root");
        Result r = CliTest.run("dropout-demo", "--out", "/proc");
        assertEquals(2, r.code());
        assertEquals("--out /proc: cannot write into /proc: no file can be created there", r.err().lines().findFirst().orElseThrow());
        assertEquals("", r.out(), "refused before the demo, not after it");
    }

    /** The lines after {@code header} up to the next blank line. */
    static String block(String out, String header) {
        int start = out.indexOf(header);
        assertTrue(start >= 0, header + " in " + out);
        start += header.length();
        return out.substring(start, out.indexOf("\n\n", start));
    }

    /** Every number in a printed tensor, in order. */
    static float[] numbers(String tensor) {
        Matcher m = Pattern.compile("-?\\d+\\.\\d*").matcher(tensor);
        List<Float> v = new ArrayList<>();
        while (m.find()) v.add(Float.parseFloat(m.group()));
        float[] a = new float[v.size()];
        for (int i = 0; i < a.length; i++) a[i] = v.get(i);
        return a;
    }
}
