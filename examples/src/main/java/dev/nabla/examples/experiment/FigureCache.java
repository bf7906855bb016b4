package dev.nabla.examples.experiment;

import dev.nabla.examples.viz.Drawing;
import dev.nabla.examples.viz.Pictures;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The report's figures, each drawn only when what it shows has changed: written to
 * {@code plots/<name>.png} (atomically) and kept as an embeddable {@link Report.Figure}, so
 * rewriting the report between runs costs no drawing. The SVG files, which only the folder
 * needs, are written by {@link #writeSvgs()} when the job stops, once per figure.
 */
final class FigureCache {
    private static final class Entry {
        final String key;
        final Report.Figure figure;
        final Drawing drawing;
        boolean svgWritten;

        Entry(String key, Report.Figure figure, Drawing drawing) {
            this.key = key;
            this.figure = figure;
            this.drawing = drawing;
        }
    }

    private final Path plots;
    private final Map<String, Entry> entries = new LinkedHashMap<>();

    FigureCache(Path plots) {
        this.plots = plots;
    }

    /**
     * The figure {@code name}, drawn by {@code drawing} unless it was drawn before with the same
     * {@code key} (any string that changes when the figure's data does) and caption.
     */
    Report.Figure get(String name, String key, String caption, Supplier<Drawing> drawing) throws IOException {
        Entry e = entries.get(name);
        if (e != null && e.key.equals(key) && e.figure.caption().equals(caption)) return e.figure;
        Drawing d = drawing.get();
        byte[] png = Pictures.png(d);
        Files.createDirectories(plots);
        AtomicFiles.write(plots.resolve(name + ".png"), out -> out.write(png));
        Report.Figure f = Report.Figure.png(name, caption, png, Math.min(d.width(), Report.PAGE_WIDTH));
        entries.put(name, new Entry(key, f, d));
        return f;
    }

    /** The figure drawn last under {@code name}, or null. */
    Report.Figure last(String name) {
        Entry e = entries.get(name);
        return e == null ? null : e.figure;
    }

    /**
     * Writes {@code plots/<name>.svg} of every figure whose SVG is not yet written, the figures
     * side by side on the common pool (this runs when the job stops, when the cores are free).
     */
    void writeSvgs() throws IOException {
        List<Map.Entry<String, Entry>> todo = entries.entrySet().stream().filter(e -> !e.getValue().svgWritten).toList();
        try {
            todo.parallelStream().forEach(e -> {
                byte[] svg = Pictures.svg(e.getValue().drawing).getBytes(StandardCharsets.UTF_8);
                try {
                    AtomicFiles.write(plots.resolve(e.getKey() + ".svg"), out -> out.write(svg));
                } catch (IOException x) {
                    throw new UncheckedIOException(x);
                }
            });
        } catch (UncheckedIOException x) {
            throw x.getCause();
        }
        for (Map.Entry<String, Entry> e : todo) e.getValue().svgWritten = true;
    }
}
