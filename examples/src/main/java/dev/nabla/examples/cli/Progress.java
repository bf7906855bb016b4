package dev.nabla.examples.cli;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.experiment.RunConfig;
import dev.nabla.examples.experiment.Runner;
import dev.nabla.nn.data.Downloader;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Reports training: on a terminal, a live bar redrawn in place; otherwise (a pipe, a log, CI)
 * one plain line per epoch.
 */
final class Progress implements Runner.Listener, Downloader.Progress {
    private final PrintWriter out;
    private final boolean live;
    private long lastDraw;
    private String downloadName;
    private long downloadTotal;

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
        long now = System.nanoTime();
        if (!live || (done < total && now - lastDraw < 100_000_000L)) return;
        lastDraw = now;
        int width = 30, filled = (int) ((long) width * done / total);
        out.printf(Locale.ROOT, "\r%-16s epoch %2d/%d [%s%s] %3d/%d  loss %.4f  acc %.4f ", c.name(), epoch, c.epochs(),
                "=".repeat(filled), " ".repeat(width - filled), done, total, loss, accuracy);
        out.flush();
    }

    @Override
    public void epoch(RunConfig c, EpochMetrics m) {
        if (live) out.print("\r\033[K");
        out.printf(Locale.ROOT, "%-16s epoch %2d/%d  train loss %.4f  train acc %.4f  test loss %.4f  test acc %.4f  %.2f s%n", c.name(),
                m.epoch(), c.epochs(), m.trainLoss(), m.trainAcc(), m.testLoss(), m.testAcc(), m.seconds());
        out.flush();
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
