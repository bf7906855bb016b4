package dev.nabla.examples.d2l;

import dev.nabla.nn.io.AtomicFiles;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javax.swing.JFrame;
import javax.swing.SwingUtilities;
import javax.swing.WindowConstants;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.SwingWrapper;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * d2l's {@code Animator}: plots lines point by point as training goes. With a display, the plot
 * is a window (XChart's Swing panel) redrawn after every point; closing it hides the plot and
 * training goes on. Without one (a server, CI, {@code -Djava.awt.headless=true}) it is a PNG
 * file, replaced atomically after every point, so a viewer never sees half a file. Either way,
 * each point is also printed as one line: {@code epoch 3: train loss 0.4581, train acc 0.8312, test acc 0.8224}.
 */
public final class Animator {
    // d2l's fmts ('-', 'm--', 'g-.', 'r:'): solid blue, dashed magenta, dash-dot green, dotted red
    private static final Color[] COLORS = {new Color(0x1f77b4), new Color(0xbf00bf), new Color(0x008000), new Color(0xff0000)};
    private static final BasicStroke[] STROKES = {new BasicStroke(2f), dashes(6f, 4f), dashes(8f, 3f, 2f, 3f), dashes(2f, 3f)};

    private final String xlabel;
    private final List<String> legend;
    private final List<List<Double>> xs = new ArrayList<>(), ys = new ArrayList<>();
    private final XYChart chart;
    private final PrintStream console;
    private Path png;                       // null while a window shows the plot
    private SwingWrapper<XYChart> window;

    /**
     * d2l's {@code Animator(xlabel, legend, xlim, ylim)}, drawn into {@code animator.png} in the
     * working folder when there is no display, with a line per point on standard output.
     */
    public Animator(String xlabel, List<String> legend, double[] xlim, double[] ylim) {
        this(xlabel, legend, xlim, ylim, Path.of("animator.png"), System.out);
    }

    /**
     * @param xlabel  the x axis' title, also the first word of each printed line ({@code "epoch"})
     * @param legend  one name per line of the plot ({@code "train loss"}, ...)
     * @param xlim    the x range {@code {min, max}}, or null to fit the data
     * @param ylim    the y range {@code {min, max}}, or null to fit the data; points outside are cut, as in d2l
     * @param png     where the plot is drawn when there is no display
     * @param console where each point is printed, or null for nowhere
     */
    public Animator(String xlabel, List<String> legend, double[] xlim, double[] ylim, Path png, PrintStream console) {
        this.xlabel = Objects.requireNonNull(xlabel, "xlabel");
        this.legend = List.copyOf(legend);
        if (this.legend.isEmpty()) throw new IllegalArgumentException("Animator: the legend names no line");
        this.png = Objects.requireNonNull(png, "png").toAbsolutePath();
        this.console = console;
        chart = new XYChartBuilder().width(640).height(420).xAxisTitle(xlabel).build();
        style(chart, range("xlim", xlim), range("ylim", ylim));
        for (int i = 0; i < this.legend.size(); i++) {
            xs.add(new ArrayList<>());
            ys.add(new ArrayList<>());
        }
        if (!GraphicsEnvironment.isHeadless()) openWindow();
        if (this.png != null && console != null) {
            console.println("No display: the plot is drawn into " + this.png + " after every " + xlabel + ".");
        }
    }

    /**
     * Adds one point to each line, as d2l's {@code add(x, y)}: {@code y[i]} belongs to
     * {@code legend[i]}; NaN (d2l's None) adds nothing to its line. Then redraws and prints.
     *
     * @throws UncheckedIOException if the PNG cannot be written
     */
    public synchronized void add(double x, double... y) {
        if (y.length != legend.size()) {
            throw new IllegalArgumentException("Animator.add: " + y.length + " values for the " + legend.size() + " lines " + legend);
        }
        StringBuilder line = new StringBuilder(xlabel).append(' ').append(number(x)).append(':');
        for (int i = 0; i < y.length; i++) {
            if (Double.isNaN(y[i])) continue;
            xs.get(i).add(x);
            ys.get(i).add(y[i]);
            line.append(line.charAt(line.length() - 1) == ':' ? " " : ", ")
                    .append(String.format(Locale.ROOT, "%s %.4f", legend.get(i), y[i]));
        }
        if (console != null) console.println(line);
        if (window != null) {
            List<List<Double>> xCopy = copy(xs), yCopy = copy(ys);
            SwingUtilities.invokeLater(() -> {  // the chart belongs to Swing's thread while it is on screen
                update(xCopy, yCopy);
                window.repaintChart();
            });
        } else {
            update(xs, ys);
            try {
                AtomicFiles.write(png, out -> BitmapEncoder.saveBitmap(chart, out, BitmapEncoder.BitmapFormat.PNG));
            } catch (IOException e) {
                throw new UncheckedIOException("Animator: cannot write the plot to " + png + ": " + e.getMessage(), e);
            }
        }
    }

    /** The PNG the plot is drawn into, or null when it is shown in a window. */
    public Path png() {
        return png;
    }

    /** The chart, to restyle or save it (XChart's {@code BitmapEncoder}, {@code VectorGraphicsEncoder}). */
    public XYChart chart() {
        return chart;
    }

    private void openWindow() {
        try {
            SwingWrapper<XYChart> w = new SwingWrapper<>(chart).setTitle("Nabla: " + String.join(", ", legend));
            JFrame frame = w.displayChart();
            SwingUtilities.invokeAndWait(() -> frame.setDefaultCloseOperation(WindowConstants.DISPOSE_ON_CLOSE));
            window = w;
            png = null;
        } catch (RuntimeException | Error | InterruptedException | InvocationTargetException e) {  // e.g. DISPLAY set, no X server
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            if (console != null) console.println("Animator: no window (" + e + ")");
        }
    }

    private void update(List<List<Double>> x, List<List<Double>> y) {
        for (int i = 0; i < legend.size(); i++) {
            if (x.get(i).isEmpty()) continue;
            String name = legend.get(i);
            if (chart.getSeriesMap().containsKey(name)) {
                chart.updateXYSeries(name, x.get(i), y.get(i), null);
            } else {
                XYSeries s = chart.addSeries(name, x.get(i), y.get(i));
                s.setLineColor(COLORS[i % COLORS.length]);
                s.setLineStyle(STROKES[i % STROKES.length]);
                s.setMarker(SeriesMarkers.NONE);
            }
        }
    }

    private static void style(XYChart c, double[] xlim, double[] ylim) {
        var s = c.getStyler();
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotBackgroundColor(Color.WHITE);
        s.setPlotGridLinesColor(new Color(0xDDDDDD));
        s.setAntiAlias(true);
        if (xlim != null) {
            s.setXAxisMin(xlim[0]);
            s.setXAxisMax(xlim[1]);
        }
        if (ylim != null) {
            s.setYAxisMin(ylim[0]);
            s.setYAxisMax(ylim[1]);
        }
    }

    private static double[] range(String what, double[] lim) {
        if (lim == null) return null;
        if (lim.length != 2 || !(lim[0] < lim[1])) {
            throw new IllegalArgumentException("Animator: " + what + " must be {min, max} with min < max, but got " + Arrays.toString(lim));
        }
        return lim.clone();
    }

    private static List<List<Double>> copy(List<List<Double>> lines) {
        List<List<Double>> c = new ArrayList<>();
        for (List<Double> l : lines) c.add(List.copyOf(l));
        return c;
    }

    private static String number(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? Long.toString((long) x) : String.format(Locale.ROOT, "%.2f", x);
    }

    private static BasicStroke dashes(float... pattern) {
        return new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, pattern, 0f);
    }
}
