package dev.nabla.examples.experiment;

import java.util.List;

/** A {@link Report.Document} as one self-contained, well-formed HTML page. */
final class ReportHtml {
    private static final String STYLE = "body{font-family:system-ui,'DejaVu Sans',sans-serif;max-width:980px;margin:2em auto;padding:0 1em;"
            + "color:#222;line-height:1.5}h1{line-height:1.2}h2{margin-top:2em;border-bottom:1px solid #ddd}"
            + ".wide{overflow-x:auto}table{border-collapse:collapse;margin:1em 0;font-size:.9em}"
            + "td,th{border:1px solid #ccc;padding:.3em .6em;text-align:right;vertical-align:top}"
            + "td:first-child,th:first-child,table.text td,table.text th{text-align:left}th{background:#f4f4f4}"
            + "img{max-width:100%;height:auto}figure{margin:1.5em 0}figcaption{color:#555;font-size:.9em}"
            + "code{background:#f4f4f4;padding:0 .2em;font-size:.95em}.note{color:#555;font-size:.9em}"
            + ".status{background:#fff3cd;border:1px solid #e0c36c;padding:.6em 1em}"
            + ".running{background:#e8f1fb;border:1px solid #8fb3dd;padding:.6em 1em}"
            + "td small{display:block;color:#555;white-space:nowrap}"
            + "ul.try li{margin:.4em 0}@media print{.running,.status{border-width:2px}}";

    private ReportHtml() {}

    static String of(Report.Document d) {
        StringBuilder sb = new StringBuilder(1 << 16);
        sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        if (d.running()) sb.append("<meta http-equiv=\"refresh\" content=\"").append(Report.REFRESH_SECONDS).append("\"/>\n");
        sb.append("<title>").append(esc(d.title())).append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
        sb.append("<h1>").append(esc(d.title())).append("</h1>\n");
        if (!d.status().isEmpty()) {
            sb.append("<p class=\"").append(d.running() ? "running" : "status").append("\" id=\"status\"><strong>").append(esc(d.status()))
                    .append("</strong></p>\n");
        }
        for (Report.Block b : d.blocks()) block(sb, b);
        sb.append("<h2 id=\"provenance\">Provenance</h2>\n<div class=\"wide\"><table class=\"text\">\n");
        d.facts().forEach((k, v) -> sb.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v)).append("</td></tr>\n"));
        sb.append("</table></div>\n</body>\n</html>\n");
        return sb.toString();
    }

    private static void block(StringBuilder sb, Report.Block b) {
        if (b instanceof Report.Heading h) {
            sb.append("<h").append(h.level()).append(" id=\"").append(id(h.text())).append("\">").append(esc(h.text()))
                    .append("</h").append(h.level()).append(">\n");
        } else if (b instanceof Report.Text t) {
            sb.append("<p>").append(esc(t.text())).append("</p>\n");
        } else if (b instanceof Report.Table t) {
            table(sb, t);
        } else if (b instanceof Report.Figure f) {
            sb.append("<figure id=\"").append(f.base() == null ? "live" : "fig-" + f.base()).append("\"><img src=\"").append(f.dataUri())
                    .append("\" width=\"").append(f.width()).append("\" alt=\"").append(esc(f.caption())).append("\"/><figcaption>")
                    .append(esc(f.caption())).append("</figcaption></figure>\n");
        } else if (b instanceof Report.Commands c) {
            sb.append("<ul class=\"try\">\n");
            for (int i = 0; i < c.commands().size(); i++) {
                sb.append("<li><code>").append(esc(c.commands().get(i))).append("</code><br/>").append(esc(c.what().get(i))).append("</li>\n");
            }
            sb.append("</ul>\n");
        }
    }

    private static void table(StringBuilder sb, Report.Table t) {
        sb.append(t.numbers() ? "<div class=\"wide\"><table>\n<tr>" : "<div class=\"wide\"><table class=\"text\">\n<tr>");
        for (String h : t.header()) sb.append("<th>").append(esc(h)).append("</th>");
        sb.append("</tr>\n");
        for (List<String> row : t.rows()) {
            sb.append("<tr>");
            for (String cell : row) sb.append("<td>").append(t.numbers() ? number(cell) : esc(cell)).append("</td>");
            sb.append("</tr>\n");
        }
        sb.append("</table></div>\n");
        if (!t.note().isEmpty()) sb.append("<p class=\"note\">").append(esc(t.note())).append("</p>\n");
    }

    /**
     * A number with notes in brackets ("0.779 (0.741-0.802)", "0.345 (0.337-0.352) (running)"):
     * each note goes on a line of its own, smaller, so a column is as wide as its widest note; a
     * bracketed count ("0.576 (38)") stays on the line.
     */
    static String number(String cell) {
        int i = cell.indexOf(" (");
        if (i < 0 || !cell.endsWith(")") || cell.substring(i + 2, cell.length() - 1).matches("\\d+")) return esc(cell);
        StringBuilder sb = new StringBuilder(esc(cell.substring(0, i)));
        for (String note : cell.substring(i + 2, cell.length() - 1).split("\\) \\(")) sb.append(" <small>(").append(esc(note)).append(")</small>");
        return sb.toString();
    }

    /** A heading's anchor: lower case, words joined by '-'. */
    static String id(String text) {
        String s = text.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return s.isEmpty() ? "section" : s;
    }

    /** Escapes text for HTML and XML alike (no named entities beyond XML's). */
    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
