package dev.nabla.examples.cli;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.experiment.Report;
import dev.nabla.examples.experiment.RunConfig;
import dev.nabla.examples.experiment.Runner;
import dev.nabla.examples.experiment.Schedule;
import dev.nabla.nn.data.Downloader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * Reports training: on a terminal, a live bar redrawn in place; otherwise (a pipe, a log, CI)
 * one plain line per epoch. In a job of several runs each line starts with the run counter and
 * ends with the time left, as the live report says it.
 */
final class Progress implements Runner.Listener, Downloader.Progress {
    /** The words for train numbers, said once before the first epoch line. */
    static final String VOCABULARY = "train = running mean over the epoch's batches in training mode (as d2l prints it: dropout on, "
            + "batch norm on batch statistics); test = measured after the epoch in eval mode.";

    private final PrintWriter out;
    private final boolean live;
    private long lastDraw;
    private String downloadName;
    private long downloadTotal;
    private Schedule.Status status;
    private boolean explained;

    Progress(PrintWriter out, boolean live) {
        this.out = out;
        this.live = live;
    }

    /** Live on an interactive terminal, unless NABLA_PROGRESS=plain. */
    static boolean terminal() {
        return System.console() != null && !"plain".equals(System.getenv("NABLA_PROGRESS"));
    }

    @Override
    public void batch(RunConfig c, int epoch, int done, int total, double loss, double accuracy) {
        explain();
        long now = System.nanoTime();
        if (!live || (done < total && now - lastDraw < 100_000_000L)) return;
        lastDraw = now;
        int width = 30, filled = (int) ((long) width * done / total);
        out.printf(Locale.ROOT, "\r%s%-16s epoch %2d/%d [%s%s] %3d/%d  train loss %.4f  acc %.4f %s", counter(c), c.name(), epoch, c.epochs(),
                "=".repeat(filled), " ".repeat(width - filled), done, total, loss, accuracy, left(c));
        out.flush();
    }

    @Override
    public void status(Schedule.Status s) {
        status = s;
    }

    @Override
    public void epoch(RunConfig c, EpochMetrics m) {
        explain();
        if (live) out.print("\r\033[K");
        out.printf(Locale.ROOT, "%s%-16s epoch %2d/%d  train loss %.4f  acc %.4f  test loss %s  acc %s  %.2f s%s%n", counter(c), c.name(),
                m.epoch(), c.epochs(), m.trainLoss(), m.trainAcc(), num(m.testLoss()), num(m.testAcc()), m.seconds(), left(c));
        out.flush();
    }

    private void explain() {
        if (explained) return;
        explained = true;
        out.println(VOCABULARY);
    }

    private String counter(RunConfig c) {
        if (!matches(c)) return "";
        int digits = String.valueOf(status.runs()).length();
        return String.format(Locale.ROOT, "run %" + digits + "d/%d  ", status.run(), status.runs());
    }

    private String left(RunConfig c) {
        return matches(c) && status.epoch() < status.epochs() || matches(c) && status.run() < status.runs()
                ? "  " + Schedule.Status.left(status.secondsLeft()) : "";
    }

    private boolean matches(RunConfig c) {
        return status != null && status.config().name().equals(c.name()) && status.config().seed() == c.seed();
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "  -   ";
    }

    /** Prints {@code t} as aligned plain-text columns, then its note. */
    static void table(PrintWriter out, Report.Table t) {
        int[] w = new int[t.header().size()];
        for (int i = 0; i < w.length; i++) {
            w[i] = t.header().get(i).length();
            for (List<String> r : t.rows()) w[i] = Math.max(w[i], r.get(i).length());
        }
        row(out, t.header(), w);
        for (List<String> r : t.rows()) row(out, r, w);
        if (!t.note().isEmpty()) out.println(t.note());
        out.flush();
    }

    private static void row(PrintWriter out, List<String> cells, int[] w) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            sb.append(i == 0 ? String.format("%-" + w[i] + "s", c) : String.format("  %" + w[i] + "s", c));
        }
        out.println(sb.toString().stripTrailing());
    }

    @Override
    public void start(String name, long totalBytes) {
        downloadName = name;
        downloadTotal = totalBytes;
        out.printf("downloading %s%s%n", name, totalBytes > 0 ? String.format(Locale.ROOT, " (%.1f MB)", totalBytes / 1e6) : "");
    }

    @Override
    public void advance(long bytesSoFar) {
        long now = System.nanoTime();
        if (!live || now - lastDraw < 100_000_000L) return;
        lastDraw = now;
        String pct = downloadTotal > 0 ? String.format(Locale.ROOT, "%3d%%", 100 * bytesSoFar / downloadTotal) : "";
        out.printf(Locale.ROOT, "\r  %s %s %.1f MB ", downloadName, pct, bytesSoFar / 1e6);
        out.flush();
    }

    @Override
    public void done() {
        if (live) out.print("\r\033[K");
        out.flush();
    }
}
