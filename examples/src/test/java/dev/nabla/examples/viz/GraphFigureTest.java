package dev.nabla.examples.viz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nabla.core.AutogradGraph;
import dev.nabla.core.Tensor;
import java.awt.image.BufferedImage;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The autograd graph, laid out by ELK: one group per node and per arrow, the values and gradients as text, always the same. */
class GraphFigureTest {
    @Test
    void aSmallGraphIsDrawnWithItsValuesAndGradients() throws Exception {
        Tensor a = Tensor.scalar(3f).requiresGrad(true), b = Tensor.scalar(-2f).requiresGrad(true);
        Tensor y = a.mul(b).add(a);  // y = a·b + a: dy/da = b + 1 = -1, dy/db = a = 3
        y.backward();
        AutogradGraph graph = AutogradGraph.of(y, Map.of(a, "a", b, "b", y, "y"));
        Drawing d = GraphFigure.of(graph, "y = a·b + a");
        String svg = Pictures.svg(d);
        Document doc = SvgFiles.parse(svg);
        assertEquals(3 + 1, SvgFiles.groups(doc, "value").size(), "a, b, a·b and y");
        assertEquals(2, SvgFiles.groups(doc, "op").size());
        assertEquals(graph.edges().size(), SvgFiles.groups(doc, "edge").size());
        assertEquals(6, graph.edges().size(), "a and b into Mul, Mul and a into Add, one out of each op");
        String words = SvgFiles.text(doc);
        assertTrue(words.contains("a\ndata 3.0000\ngrad -1.0000\n") && words.contains("b\ndata -2.0000\ngrad 3.0000\n"), words);
        assertTrue(words.contains("MulBackward\n") && words.contains("AddBackward\n") && words.contains("y\ndata -3.0000\n"), words);
        assertEquals(svg, Pictures.svg(GraphFigure.of(graph, "y = a·b + a")), "the layout is deterministic");
        BufferedImage png = SvgFiles.png(Pictures.png(d));
        assertEquals(Pictures.PNG_SCALE * d.width(), png.getWidth());
    }
}
