package dev.nabla.examples.experiment;

import dev.nabla.examples.viz.Drawing;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The report's figures, each drawn only when what it shows has changed: written to
 * {@code plots/<name>.png} and {@code .svg} (atomically) and kept as an embeddable
 * {@link Report.Figure}, so rewriting the report between runs costs no drawing.
 */
final class FigureCache {
    private record Entry(String key, Report.Figure figure) {}

    private final Path plots;
    private final Map<String, Entry> entries = new HashMap<>();

    FigureCache(Path plots) {
        this.plots = plots;
    }

    /**
     * The figure {@code name}, drawn by {@code drawing} unless it was drawn before with the same
     * {@code key} (any string that changes when the figure's data does).
     */
    Report.Figure get(String name, String key, String caption, Supplier<Drawing> drawing) throws IOException {
        Entry e = entries.get(name);
        if (e != null && e.key().equals(key) && e.figure().caption().equals(caption)) return e.figure();
        Drawing d = drawing.get();
        byte[] png = Pictures.png(d), svg = Pictures.svg(d).getBytes(StandardCharsets.UTF_8);
        Files.createDirectories(plots);
        AtomicFiles.write(plots.resolve(name + ".png"), out -> out.write(png));
        AtomicFiles.write(plots.resolve(name + ".svg"), out -> out.write(svg));
        Report.Figure f = Report.Figure.png(name, caption, png, Math.min(d.width(), Report.PAGE_WIDTH));
        entries.put(name, new Entry(key, f));
        return f;
    }

    /** The figure drawn last under {@code name}, or null. */
    Report.Figure last(String name) {
        Entry e = entries.get(name);
        return e == null ? null : e.figure();
    }
}
