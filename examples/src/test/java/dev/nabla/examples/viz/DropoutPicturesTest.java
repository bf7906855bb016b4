package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.Rng;
import dev.nabla.core.Tensor;
import dev.nabla.examples.d2l.DropoutLayer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** A dropout call, its grid and the MLP figure: every mark drawn comes from the call's own mask. */
class DropoutPicturesTest {
    static final Tensor X = Tensor.arange(16).reshape(2, 8);

    @Test
    void theCallIsD2lsDropoutLayerWithItsMaskKept() {
        for (double p : new double[] {0, 0.2, 0.5, 0.9, 1}) {
            DropoutCall call = DropoutCall.dropoutLayer(X, p, new Rng(7));
            Tensor d2l = DropoutLayer.dropoutLayer(X, p, new Rng(7));
            assertTrue(call.output().allClose(d2l, 0, 0), "same draws, same output as d2l's function, p = " + p);
            assertTrue(call.output().allClose(call.mask().mul(X).div((float) (p == 1 ? 1 : 1 - p)).mul(p == 1 ? 0f : 1f), 1e-6, 1e-6));
            int dropped = 0;
            for (float m : call.mask().toArray()) if (m == 0f) dropped++;
            assertEquals(dropped, call.droppedInAll());
            assertEquals(dropped, call.droppedInRow(0) + call.droppedInRow(1));
        }
        assertEquals(0, DropoutCall.dropoutLayer(X, 0, new Rng(1)).droppedInAll(), "p = 0 drops nothing");
        assertEquals(16, DropoutCall.dropoutLayer(X, 1, new Rng(1)).droppedInAll(), "p = 1 drops everything");
    }

    @Test
    void theGridShowsTheMaskOfTheCallAndItsCounts() throws Exception {
        DropoutCall call = DropoutCall.dropoutLayer(X, 0.5, new Rng(3));
        String text = MaskGrid.text(call);
        String[] lines = text.split("\n");
        assertTrue(lines[0].contains("input X") && lines[0].contains("mask") && lines[0].contains("dropped (expected 4 ± 1.4)"), text);
        assertTrue(lines[1].startsWith("neuron"), text);
        for (int r = 0; r < 2; r++) {
            String row = lines[2 + r];
            assertTrue(row.startsWith("example " + r), row);
            StringBuilder squares = new StringBuilder();
            for (int c = 0; c < 8; c++) squares.append(call.dropped(r, c) ? " □" : " ■");
            assertTrue(row.contains(squares), "row " + r + " draws its mask: " + row);
            assertTrue(row.endsWith(call.droppedInRow(r) + " of 8"), row);
        }
        assertTrue(text.contains("In all, " + call.droppedInAll() + " of 16 units dropped"), text);

        Document svg = SvgFiles.parse(Pictures.svg(MaskGrid.picture(call, "one call")));
        List<String> expectedDropped = new ArrayList<>(), expectedKept = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            for (int c = 0; c < 8; c++) (call.dropped(r, c) ? expectedDropped : expectedKept).add("mask-" + r + "-" + c);
        }
        assertEquals(expectedDropped, SvgFiles.groups(svg, "dropped"));
        assertEquals(expectedKept, SvgFiles.groups(svg, "kept"));
        String words = SvgFiles.text(svg);
        assertTrue(words.contains(call.droppedInRow(0) + " of 8") && words.contains("expected 4 ± 1.4"), words);
        SvgFiles.png(Pictures.png(MaskGrid.picture(call, "one call")));
    }

    @Test
    void anUnusualRowIsExplainedFromTheNumbers() {
        Tensor mask = Tensor.of(new float[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1, 1, 0}, 2, 8);  // seed 0 before: 12 of 16
        DropoutCall call = new DropoutCall(X, 0.5, mask, mask.mul(X).mul(2f));
        assertEquals(List.of("Example 0 lost all of its 8 units, expected 4 ± 1.4: rare: only 0.8% of rows, about 1 in 128, are this far "
                + "from 4; it is chance, and the next call draws anew.",
                "In all, 12 of 16 units dropped (75%), expected 8 ± 2.0: ordinary: 7.7% of calls are at least this far from 8."),
                MaskGrid.remarks(call));
    }

    @Test
    void theMlpCrossesOutExactlyTheMasksZeros() throws Exception {
        float[] hidden = {0.4f, 0.6f, 0.5f, 0.3f, 0.7f}, mask = {2, 0, 2, 2, 0};
        Document svg = SvgFiles.parse(Pictures.svg(DropoutNetFigure.of(4, hidden, mask, 3, 0.5, "MLP")));
        assertEquals(List.of("hidden-after-2", "hidden-after-5"), SvgFiles.groups(svg, "dropped"));
        assertEquals(List.of("hidden-before-1", "hidden-before-2", "hidden-before-3", "hidden-before-4", "hidden-before-5",
                "hidden-after-1", "hidden-after-3", "hidden-after-4"), SvgFiles.groups(svg, "kept"));
        String words = SvgFiles.text(svg);
        assertTrue(words.contains("h2, h5 dropped: 2 of 5, expected 2.5 ± 1.1"), words);
        assertTrue(words.endsWith("after dropout (× 1/(1−p) = × 2)\n0.8\n0\n1\n0.6\n0\n"), "survivors doubled: " + words);
        SvgFiles.png(Pictures.png(DropoutNetFigure.of(4, hidden, mask, 3, 0.5, "MLP")));
    }

    @Test
    void badInputsAreRefusedWithTheirValues() {
        assertEquals("a dropout call is drawn for a 2-D input (examples x units), but got shape [16]",
                assertThrows(IllegalArgumentException.class, () -> DropoutCall.dropoutLayer(Tensor.arange(16), 0.5, new Rng(0))).getMessage());
        assertEquals("dropout probability has to be between 0 and 1, but got 1.5",
                assertThrows(IllegalArgumentException.class, () -> DropoutCall.dropoutLayer(X, 1.5, new Rng(0))).getMessage());
        DropoutCall wide = DropoutCall.dropoutLayer(Tensor.zeros(2, 40), 0.5, new Rng(0));
        assertEquals("the grid draws at most 16 examples x 32 units, but got 2 x 40; draw larger masks with MaskHeatmap",
                assertThrows(IllegalArgumentException.class, () -> MaskGrid.text(wide)).getMessage());
        assertEquals("hidden activations and mask need one length, but got 5 and 4", assertThrows(IllegalArgumentException.class,
                () -> DropoutNetFigure.of(4, new float[5], new float[4], 3, 0.5, "t")).getMessage());
        assertEquals("each layer needs 1 to 10 units, but got 11", assertThrows(IllegalArgumentException.class,
                () -> DropoutNetFigure.of(11, new float[5], new float[5], 3, 0.5, "t")).getMessage());
    }
}
