package dev.nabla.examples.viz;

import dev.nabla.core.AutogradGraph;
import dev.nabla.core.AutogradGraph.Edge;
import dev.nabla.core.AutogradGraph.Kind;
import dev.nabla.core.AutogradGraph.Node;
import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * The autograd graph behind a value, drawn like micrograd's {@code draw_dot}: a box per value
 * ({@code name | data | grad}), an ellipse per op, arrows in the forward direction. Eclipse ELK's
 * layered algorithm (the Sugiyama method Graphviz's dot uses) places the nodes, top to bottom so
 * that a deep graph stays readable at page width. In the SVG every node is a group
 * {@code id="node-<id>"} with class {@code value} or {@code op}, every arrow a group of class {@code edge}.
 */
public final class GraphFigure {
    private static final int HEADER = 104, FIELD_PAD = 9, HEIGHT = 30, MARGIN = 20;
    private static final Color LEAF = new Color(0xfde7c8), CONSTANT = new Color(0xf0f0f0), VALUE = new Color(0xe3ecf7),
            OP = new Color(0xfff6c9), ARROW = new Color(0x8a96a8);

    private GraphFigure() {}

    /** A laid-out node: its box and its text fields. */
    private record Box(Node node, List<String> fields, double[] widths, Color fill, double x, double y, double w, double h) {}

    /** Lays out {@code graph} and returns its picture, titled {@code title} with a legend below the title. */
    public static Drawing of(AutogradGraph graph, String title) {
        Graphics2D measure = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        measure.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.DOWN);
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.SPLINES);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(MARGIN));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 34.0);
        root.setProperty(CoreOptions.SPACING_NODE_NODE, 22.0);
        Map<String, ElkNode> elk = new HashMap<>();
        Map<String, List<String>> fields = new HashMap<>();
        Map<String, double[]> widths = new HashMap<>();
        boolean allScalars = true;
        for (Node n : graph.nodes()) {
            List<String> f = fields(n);
            double[] w = new double[f.size()];
            for (int i = 0; i < f.size(); i++) {
                measure.setFont(Pictures.font(13, i == 0 && n.kind() == Kind.VALUE && !n.name().isEmpty()));
                w[i] = Pictures.width(measure, f.get(i)) + 2 * FIELD_PAD;
            }
            double total = 0;
            for (double x : w) total += x;
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.id());
            e.setDimensions(n.kind() == Kind.OP ? total + 18 : total, HEIGHT);
            elk.put(n.id(), e);
            fields.put(n.id(), f);
            widths.put(n.id(), w);
            allScalars &= n.kind() == Kind.OP || n.shape().equals("scalar");
        }
        List<ElkEdge> edges = new ArrayList<>();
        for (Edge e : graph.edges()) edges.add(ElkGraphUtil.createSimpleEdge(elk.get(e.from()), elk.get(e.to())));
        measure.dispose();
        new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());

        Set<String> computed = new HashSet<>();  // values an op produced; the others are leaves
        for (Edge e : graph.edges()) computed.add(e.to());
        List<Box> boxes = new ArrayList<>();
        for (Node n : graph.nodes()) {
            ElkNode e = elk.get(n.id());
            Color fill = n.kind() == Kind.OP ? OP : computed.contains(n.id()) ? VALUE : n.grad().isEmpty() ? CONSTANT : LEAF;
            boxes.add(new Box(n, fields.get(n.id()), widths.get(n.id()), fill, e.getX(), e.getY() + HEADER, e.getWidth(), e.getHeight()));
        }
        List<Path2D> arrows = new ArrayList<>();
        for (ElkEdge e : edges) arrows.add(path(e.getSections().get(0)));
        String subtitle = graph.nodes().stream().filter(n -> n.kind() == Kind.OP).count() + " ops, "
                + graph.nodes().stream().filter(n -> n.kind() == Kind.VALUE).count() + " values, " + graph.edges().size() + " arrows"
                + (allScalars ? "; every value is a scalar" : "");
        int width = (int) Math.ceil(Math.max(root.getWidth(), 760)), height = (int) Math.ceil(root.getHeight()) + HEADER;
        return new Drawing(width, height, g -> paint(g, title, subtitle, boxes, arrows));
    }

    /** A value's fields: name (if any), shape (unless scalar), data, grad; an op's one field: its name. */
    private static List<String> fields(Node n) {
        if (n.kind() == Kind.OP) return List.of(n.name());
        List<String> f = new ArrayList<>();
        if (!n.name().isEmpty()) f.add(n.name());
        if (!n.shape().equals("scalar")) f.add(n.shape());
        if (!n.data().isEmpty()) f.add("data " + n.data());
        if (!n.grad().isEmpty()) f.add("grad " + n.grad());
        return f;
    }

    /** ELK's spline sections are piecewise cubic Béziers: start, then (control, control, end) triples. */
    private static Path2D path(ElkEdgeSection s) {
        Path2D p = new Path2D.Double();
        p.moveTo(s.getStartX(), s.getStartY() + HEADER);
        List<double[]> pts = new ArrayList<>();
        for (ElkBendPoint b : s.getBendPoints()) pts.add(new double[] {b.getX(), b.getY() + HEADER});
        pts.add(new double[] {s.getEndX(), s.getEndY() + HEADER});
        if (pts.size() % 3 == 0) {
            for (int i = 0; i < pts.size(); i += 3) {
                p.curveTo(pts.get(i)[0], pts.get(i)[1], pts.get(i + 1)[0], pts.get(i + 1)[1], pts.get(i + 2)[0], pts.get(i + 2)[1]);
            }
        } else {
            for (double[] q : pts) p.lineTo(q[0], q[1]);
        }
        return p;
    }

    private static void paint(Graphics2D g, String title, String subtitle, List<Box> boxes, List<Path2D> arrows) {
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 24, Align.LEFT);
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, subtitle + ". Arrows run forward, input → op → output; backward() walks them in reverse.", MARGIN, 46, Align.LEFT);
        Pictures.text(g, "grad = d(root)/d(value) after backward(); as in PyTorch, only leaves keep theirs.", MARGIN, 66, Align.LEFT);
        legend(g, MARGIN, 92);
        for (int i = 0; i < arrows.size(); i++) {
            Pictures.beginGroup(g, "edge-" + i, "edge");
            arrow(g, arrows.get(i));
            Pictures.endGroup(g);
        }
        for (Box b : boxes) {
            Pictures.beginGroup(g, "node-" + b.node().id(), b.node().kind() == Kind.OP ? "op" : "value");
            if (b.node().kind() == Kind.OP) op(g, b);
            else value(g, b);
            Pictures.endGroup(g);
        }
    }

    private static void legend(Graphics2D g, double x, double y) {
        String[] labels = {"leaf with a gradient", "constant", "computed value", "op (PyTorch's grad_fn name)"};
        Color[] fills = {LEAF, CONSTANT, VALUE, OP};
        g.setFont(Pictures.font(12, false));
        for (int i = 0; i < labels.length; i++) {
            Rectangle2D.Double swatch = new Rectangle2D.Double(x, y - 7, 22, 14);
            g.setColor(fills[i]);
            if (i == 3) g.fill(new Ellipse2D.Double(x, y - 7, 22, 14));
            else g.fill(swatch);
            g.setColor(Pictures.GREY);
            if (i == 3) g.draw(new Ellipse2D.Double(x, y - 7, 22, 14));
            else g.draw(swatch);
            g.setColor(Pictures.INK);
            Pictures.text(g, labels[i], x + 28, y, Align.LEFT);
            x += 28 + Pictures.width(g, labels[i]) + 26;
        }
    }

    private static void arrow(Graphics2D g, Path2D p) {
        g.setColor(ARROW);
        g.setStroke(new BasicStroke(1.3f));
        g.draw(p);
        double[] last = new double[2], before = new double[2], c = new double[6];
        for (java.awt.geom.PathIterator it = p.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            int n = type == java.awt.geom.PathIterator.SEG_CUBICTO ? 3 : 1;
            before = n == 3 ? new double[] {c[2], c[3]} : last.clone();
            last = new double[] {c[2 * n - 2], c[2 * n - 1]};
        }
        double dx = last[0] - before[0], dy = last[1] - before[1], len = Math.hypot(dx, dy);
        if (len == 0) return;
        dx /= len;
        dy /= len;
        Path2D head = new Path2D.Double();
        head.moveTo(last[0], last[1]);
        head.lineTo(last[0] - 9 * dx + 4 * dy, last[1] - 9 * dy - 4 * dx);
        head.lineTo(last[0] - 9 * dx - 4 * dy, last[1] - 9 * dy + 4 * dx);
        head.closePath();
        g.fill(head);
    }

    private static void op(Graphics2D g, Box b) {
        Ellipse2D e = new Ellipse2D.Double(b.x(), b.y(), b.w(), b.h());
        g.setColor(OP);
        g.fill(e);
        g.setColor(new Color(0xb59a2d));
        g.setStroke(new BasicStroke(1.2f));
        g.draw(e);
        g.setColor(Pictures.INK);
        g.setFont(Pictures.font(13, false));
        Pictures.text(g, b.fields().get(0), b.x() + b.w() / 2, b.y() + b.h() / 2, Align.CENTER);
    }

    private static void value(Graphics2D g, Box b) {
        boolean named = !b.node().name().isEmpty();
        RoundRectangle2D r = new RoundRectangle2D.Double(b.x(), b.y(), b.w(), b.h(), 6, 6);
        g.setColor(b.fill());
        g.fill(r);
        g.setColor(Pictures.GREY);
        g.setStroke(new BasicStroke(1.2f));
        g.draw(r);
        double x = b.x();
        for (int i = 0; i < b.fields().size(); i++) {
            if (i > 0) {
                g.setColor(Pictures.GREY);
                g.draw(new Line2D.Double(x, b.y() + 4, x, b.y() + b.h() - 4));
            }
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(13, i == 0 && named));
            Pictures.text(g, b.fields().get(i), x + b.widths()[i] / 2, b.y() + b.h() / 2, Align.CENTER);
            x += b.widths()[i];
        }
    }
}
