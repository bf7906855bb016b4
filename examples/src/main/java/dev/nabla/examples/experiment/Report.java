package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code report.html} and {@code report.md}: plots, a table of final numbers, the reading, provenance. */
public final class Report {
    /** A plot the report shows: file base name (under plots/) and caption. */
    public record Figure(String base, String caption) {}

    private Report() {}

    /**
     * Writes report.html and report.md into {@code dir}.
     *
     * @param status empty for a complete experiment; otherwise what is missing, shown at the top
     *               ({@code "Incomplete: 2 of 4 runs finished; the experiment is still running or was interrupted."})
     */
    public static void write(Path dir, String title, String why, List<RunResult> runs, List<Figure> figures, List<String> reading,
                             Map<String, String> facts, String status) throws IOException {
        write(dir.resolve("report.html"), html(title, why, runs, figures, reading, facts, status));
        write(dir.resolve("report.md"), markdown(title, why, runs, figures, reading, facts, status));
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static List<String[]> table(List<RunResult> runs) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"run", "dropout", "train images", "epochs", "train loss", "train acc", "test loss", "test acc", "gap",
            "best test loss (epoch)", "seconds"});
        for (RunResult r : runs) {
            if (r.epochs().isEmpty()) continue;
            EpochMetrics m = r.last(), b = r.bestTestLoss();
            rows.add(new String[] {r.config().label(), r.config().dropoutText(),
                r.config().trainLimit() == 0 ? "all" : Integer.toString(r.config().trainLimit()),
                m.epoch() + (m.epoch() < r.config().epochs() ? " of " + r.config().epochs() : ""),
                f3(Double.isFinite(m.trainEvalLoss()) ? m.trainEvalLoss() : m.trainLoss()),
                Reading.pct(Double.isFinite(m.trainEvalAcc()) ? m.trainEvalAcc() : m.trainAcc()), f3(m.testLoss()), Reading.pct(m.testAcc()),
                Double.isFinite(m.generalisationGap()) ? f3(m.generalisationGap()) : "-", f3(b.testLoss()) + " (" + b.epoch() + ")",
                String.format(Locale.ROOT, "%.1f", r.seconds())});
        }
        return rows;
    }

    private static String f3(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String html(String title, String why, List<RunResult> runs, List<Figure> figures, List<String> reading, Map<String, String> facts,
                       String status) {
        StringBuilder sb = new StringBuilder();
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(esc(title)).append("</title>\n")
                .append("<style>body{font-family:system-ui,sans-serif;max-width:960px;margin:2em auto;padding:0 1em;color:#222;line-height:1.5}"
                        + "table{border-collapse:collapse;margin:1em 0;font-size:.9em}td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right}"
                        + "td:first-child,th:first-child{text-align:left}th{background:#f4f4f4}img{max-width:100%;border:1px solid #eee}"
                        + "figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}code{background:#f4f4f4;padding:0 .2em}"
                        + ".status{background:#fff3cd;border:1px solid #e0c36c;padding:.6em 1em}</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(title)).append("</h1>\n");
        if (!status.isEmpty()) sb.append("<p class=\"status\"><strong>").append(esc(status)).append("</strong></p>\n");
        sb.append("<p>").append(esc(why)).append("</p>\n");
        sb.append("<h2>Final numbers</h2>\n<table>\n");
        List<String[]> rows = table(runs);
        for (int i = 0; i < rows.size(); i++) {
            sb.append("<tr>");
            for (String cell : rows.get(i)) sb.append(i == 0 ? "<th>" : "<td>").append(esc(cell)).append(i == 0 ? "</th>" : "</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table>\n<p>Train loss and accuracy are measured in eval mode after each epoch where available (the fair comparison "
                + "with test); gap = test loss - train loss. Full per-epoch numbers: <a href=\"metrics.csv\">metrics.csv</a>; settings "
                + "and provenance: <a href=\"config.json\">config.json</a>.</p>\n");
        sb.append("<h2>What the curves show</h2>\n");
        for (String p : reading) sb.append("<p>").append(esc(p)).append("</p>\n");
        sb.append("<h2>Plots</h2>\n");
        for (Figure f : figures) {
            sb.append("<figure><a href=\"plots/").append(f.base()).append(".svg\"><img src=\"plots/").append(f.base())
                    .append(".png\" alt=\"").append(esc(f.caption())).append("\"></a><figcaption>").append(esc(f.caption()))
                    .append(" (<a href=\"plots/").append(f.base()).append(".svg\">SVG</a>)</figcaption></figure>\n");
        }
        sb.append("<h2>Provenance</h2>\n<table>\n");
        facts.forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n"));
        sb.append("</table>\n</body>\n</html>\n");
        return sb.toString();
    }

    static String markdown(String title, String why, List<RunResult> runs, List<Figure> figures, List<String> reading,
                           Map<String, String> facts, String status) {
        StringBuilder sb = new StringBuilder("# ").append(title).append("\n\n");
        if (!status.isEmpty()) sb.append("> **").append(status).append("**\n\n");
        sb.append(why).append("\n\n## Final numbers\n\n");
        List<String[]> rows = table(runs);
        for (int i = 0; i < rows.size(); i++) {
            sb.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) sb.append("|---".repeat(rows.get(0).length)).append("|\n");
        }
        sb.append("\nPer-epoch numbers: [metrics.csv](metrics.csv); settings and provenance: [config.json](config.json).\n\n");
        sb.append("## What the curves show\n\n");
        for (String p : reading) sb.append(p).append("\n\n");
        sb.append("## Plots\n\n");
        for (Figure f : figures) sb.append("![").append(f.caption()).append("](plots/").append(f.base()).append(".png)\n\n");
        sb.append("## Provenance\n\n| | |\n|---|---|\n");
        facts.forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(v.replace("|", "\\|")).append(" |\n"));
        return sb.toString();
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
