package dev.nabla.examples.viz;

import dev.nabla.examples.viz.Pictures.Align;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One dropout call as a grid, input | mask | output, rows labelled as examples and columns as
 * neurons, kept units filled (■) and dropped ones empty (□), with each row's dropped count
 * against the expected n·p ± sqrt(n·p·(1-p)). On the console and as a picture.
 */
public final class MaskGrid {
    /** Largest call the grid draws; larger masks read better as a {@link MaskHeatmap}. */
    public static final int MAX_ROWS = 16, MAX_COLUMNS = 32;
    private static final int CELL = 28, LEFT = 96, GAP = 34, TOP = 122, MARGIN = 20;
    private static final Color INPUT_FILL = new Color(0xeeeeee), OUTPUT_FILL = new Color(0xd6e4f3);

    private MaskGrid() {}

    /** The grid as console text (Unicode squares), followed by one line per unusual row and one on the whole call. */
    public static String text(DropoutCall call) {
        check(call);
        int w = 1;
        for (int r = 0; r < call.rows(); r++) {
            for (int c = 0; c < call.columns(); c++) {
                w = Math.max(w, Math.max(value(call.input().get(r, c)).length(), value(call.output().get(r, c)).length()));
            }
        }
        int rowLabel = ("example " + (call.rows() - 1)).length() + 3, cellsW = call.columns() * (w + 1), maskW = call.columns() * 2;
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-" + rowLabel + "s%-" + (cellsW + 4) + "s%-" + (maskW + 4) + "s%-" + (cellsW + 4) + "s%s%n",
                "", "input X", "mask", "output", "dropped (expected " + call.perRow().expected() + ")"));
        StringBuilder header = new StringBuilder(pad("neuron", rowLabel));
        StringBuilder numbers = new StringBuilder(), maskNumbers = new StringBuilder();
        for (int c = 0; c < call.columns(); c++) {
            numbers.append(String.format(Locale.ROOT, "%" + (w + 1) + "d", c));
            maskNumbers.append(String.format(Locale.ROOT, "%2d", c % 10));
        }
        header.append(numbers).append("    ").append(maskNumbers).append("    ").append(numbers);
        sb.append(header.toString().stripTrailing()).append('\n');
        for (int r = 0; r < call.rows(); r++) {
            StringBuilder in = new StringBuilder(), mask = new StringBuilder(), out = new StringBuilder();
            for (int c = 0; c < call.columns(); c++) {
                in.append(String.format(Locale.ROOT, "%" + (w + 1) + "s", value(call.input().get(r, c))));
                mask.append(call.dropped(r, c) ? " □" : " ■");
                out.append(String.format(Locale.ROOT, "%" + (w + 1) + "s", value(call.output().get(r, c))));
            }
            sb.append(pad("example " + r, rowLabel)).append(in).append("    ").append(mask).append("    ").append(out)
                    .append("    ").append(call.droppedInRow(r)).append(" of ").append(call.columns()).append('\n');
        }
        sb.append("■ kept (mask 1), □ dropped (mask 0); survivors are scaled by 1/(1-p)").append('\n');
        for (String line : remarks(call)) sb.append(line).append('\n');
        return sb.toString();
    }

    /**
     * Sentences on the call's counts, derived from the binomial distribution: one per row whose
     * count is unusual (at most 5% of rows are as far from n·p), then one on the whole call.
     */
    public static List<String> remarks(DropoutCall call) {
        List<String> lines = new ArrayList<>();
        for (int r = 0; r < call.rows(); r++) {
            int k = call.droppedInRow(r);
            if (call.perRow().unusual(k)) {
                lines.add(String.format(Locale.ROOT, "Example %d lost %s of its %d units, expected %s: %s.", r, k == call.columns() ? "all"
                        : Integer.toString(k), call.columns(), call.perRow().expected(), call.perRow().comment(k, "rows")));
            }
        }
        int k = call.droppedInAll(), n = call.rows() * call.columns();
        lines.add(String.format(Locale.ROOT, "In all, %d of %d units dropped (%.0f%%), expected %s: %s.", k, n, 100.0 * k / n,
                call.perCall().expected(), call.perCall().comment(k, "calls")));
        return lines;
    }

    /** The grid as a picture titled {@code title}: three panels, row counts on the right, the call's count below. */
    public static Drawing picture(DropoutCall call, String title) {
        check(call);
        int panel = call.columns() * CELL, countX = LEFT + 3 * panel + 2 * GAP + 22;
        int width = Math.max(countX + 190, 640), height = TOP + call.rows() * CELL + 96;
        return new Drawing(width, height, g -> paint(g, call, title, panel, countX, width));
    }

    private static void paint(Graphics2D g, DropoutCall call, String title, int panel, int countX, int width) {
        g.setFont(Pictures.font(18, true));
        Pictures.text(g, title, MARGIN, 26, Align.LEFT);
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, "Rows are examples, columns are neurons. Filled square: kept (mask 1); empty: dropped (mask 0).", MARGIN, 52,
                Align.LEFT);
        String[] heads = {"input X", "mask", "output = mask · X / (1 − " + Pictures.number(call.p(), 3) + ")"};
        for (int k = 0; k < 3; k++) {
            int x0 = LEFT + k * (panel + GAP);
            g.setColor(Pictures.INK);
            g.setFont(Pictures.font(14, true));
            Pictures.text(g, heads[k], x0, TOP - 42, Align.LEFT);
            g.setFont(Pictures.font(11, false));
            g.setColor(Pictures.GREY);
            for (int c = 0; c < call.columns(); c++) Pictures.text(g, Integer.toString(c), x0 + c * CELL + CELL / 2.0, TOP - 12, Align.CENTER);
        }
        g.setFont(Pictures.font(11, false));
        Pictures.text(g, "neuron", LEFT - 8, TOP - 12, Align.RIGHT);
        g.setFont(Pictures.font(20, false));
        Pictures.text(g, "×", LEFT + panel + GAP / 2.0, TOP + call.rows() * CELL / 2.0, Align.CENTER);
        Pictures.text(g, "→", LEFT + 2 * panel + 1.5 * GAP, TOP + call.rows() * CELL / 2.0, Align.CENTER);
        g.setColor(Pictures.INK);
        g.setFont(Pictures.font(14, true));
        Pictures.text(g, "dropped", countX, TOP - 42, Align.LEFT);
        g.setFont(Pictures.font(11, false));
        g.setColor(Pictures.GREY);
        Pictures.text(g, "expected " + call.perRow().expected(), countX, TOP - 12, Align.LEFT);
        for (int r = 0; r < call.rows(); r++) {
            double y = TOP + r * CELL;
            g.setFont(Pictures.font(13, false));
            g.setColor(Pictures.INK);
            Pictures.text(g, "example " + r, LEFT - 8, y + CELL / 2.0, Align.RIGHT);
            for (int c = 0; c < call.columns(); c++) cells(g, call, r, c, LEFT + c * CELL, y, panel);
            int k = call.droppedInRow(r);
            g.setColor(call.perRow().unusual(k) ? Pictures.RED : Pictures.INK);
            g.setFont(Pictures.font(13, call.perRow().unusual(k)));
            Pictures.text(g, k + " of " + call.columns() + (k == call.columns() ? " (all)" : ""), countX, y + CELL / 2.0, Align.LEFT);
        }
        int k = call.droppedInAll(), n = call.rows() * call.columns();
        double y = TOP + call.rows() * CELL + 30;
        g.setFont(Pictures.font(13, false));
        g.setColor(Pictures.INK);
        Pictures.text(g, String.format(Locale.ROOT, "In all, %d of %d units dropped (%.0f%%); expected %s = n·p ± √(n·p·(1−p)).", k, n,
                100.0 * k / n, call.perCall().expected()), MARGIN, y, Align.LEFT);
        g.setColor(call.perCall().unusual(k) ? Pictures.RED : Pictures.GREY);
        Pictures.text(g, capitalised(call.perCall().comment(k, "calls")) + ".", MARGIN, y + 22, Align.LEFT);
    }

    private static void cells(Graphics2D g, DropoutCall call, int r, int c, double x, double y, int panel) {
        boolean dropped = call.dropped(r, c);
        Rectangle2D in = new Rectangle2D.Double(x + 1, y + 1, CELL - 2, CELL - 2);
        g.setColor(INPUT_FILL);
        g.fill(in);
        g.setFont(Pictures.font(12, false));
        g.setColor(Pictures.INK);
        Pictures.text(g, value(call.input().get(r, c)), x + CELL / 2.0, y + CELL / 2.0, Align.CENTER);

        double mx = x + panel + GAP;
        Pictures.beginGroup(g, "mask-" + r + "-" + c, dropped ? "dropped" : "kept");
        Rectangle2D square = new Rectangle2D.Double(mx + 5, y + 5, CELL - 10, CELL - 10);
        g.setColor(dropped ? Pictures.GREY : Pictures.KEPT);
        if (dropped) {
            g.setStroke(new BasicStroke(1.5f));
            g.draw(square);
        } else {
            g.fill(square);
        }
        Pictures.endGroup(g);

        double ox = x + 2 * (panel + GAP);
        Rectangle2D out = new Rectangle2D.Double(ox + 1, y + 1, CELL - 2, CELL - 2);
        g.setColor(dropped ? Color.WHITE : OUTPUT_FILL);
        g.fill(out);
        g.setColor(dropped ? new Color(0xcccccc) : Pictures.INK);
        g.setStroke(new BasicStroke(1f));
        if (dropped) g.draw(out);
        Pictures.text(g, value(call.output().get(r, c)), ox + CELL / 2.0, y + CELL / 2.0, Align.CENTER);
    }

    private static void check(DropoutCall call) {
        if (call.rows() > MAX_ROWS || call.columns() > MAX_COLUMNS) {
            throw new IllegalArgumentException("the grid draws at most " + MAX_ROWS + " examples x " + MAX_COLUMNS + " units, but got "
                    + call.rows() + " x " + call.columns() + "; draw larger masks with MaskHeatmap");
        }
    }

    private static String value(float v) {
        return Pictures.number(v, 2);
    }

    private static String pad(String s, int width) {
        return String.format(Locale.ROOT, "%-" + width + "s", s);
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
