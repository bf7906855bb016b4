package dev.nabla.examples.experiment;

import java.util.List;

/** A {@link Report.Document} as Markdown that links the figures' PNG files. */
final class ReportMarkdown {
    private ReportMarkdown() {}

    static String of(Report.Document d) {
        StringBuilder sb = new StringBuilder("# ").append(d.title()).append("\n\n");
        if (!d.status().isEmpty()) sb.append("> **").append(d.status()).append("**\n\n");
        for (Report.Block b : d.blocks()) {
            if (b instanceof Report.Heading h) {
                sb.append("#".repeat(h.level())).append(' ').append(h.text()).append("\n\n");
            } else if (b instanceof Report.Text t) {
                sb.append(t.text()).append("\n\n");
            } else if (b instanceof Report.Table t) {
                row(sb, t.header());
                sb.append("|---".repeat(t.header().size())).append("|\n");
                for (List<String> r : t.rows()) row(sb, r);
                sb.append('\n');
                if (!t.note().isEmpty()) sb.append(t.note()).append("\n\n");
            } else if (b instanceof Report.Figure f && f.base() != null) {
                sb.append("![").append(f.caption()).append("](plots/").append(f.base()).append(".png)\n\n");
            } else if (b instanceof Report.Commands c) {
                for (int i = 0; i < c.commands().size(); i++) {
                    sb.append("- `").append(c.commands().get(i)).append("`: ").append(c.what().get(i)).append('\n');
                }
                sb.append('\n');
            }
        }
        sb.append("## Provenance\n\n| | |\n|---|---|\n");
        d.facts().forEach((k, v) -> sb.append("| ").append(k).append(" | ").append(cell(v)).append(" |\n"));
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) sb.append(' ').append(cell(c)).append(" |");
        sb.append('\n');
    }

    private static String cell(String s) {
        return s.replace("|", "\\|");
    }
}
