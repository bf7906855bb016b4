package dev.nabla.examples.experiment;

import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A report as a list of blocks, written as {@code report.html} and {@code report.md}. The HTML
 * is self-contained (figures embedded as data URIs, no link to another file), so it can be sent
 * alone; it is well-formed XML, so an XML parser reads it. The Markdown links the figures' files
 * under {@code plots/}.
 */
public final class Report {
    /** A part of the report. */
    public sealed interface Block permits Heading, Text, Table, Figure, Commands {}

    /** A section heading; {@code level} 2 or 3. */
    public record Heading(int level, String text) implements Block {}

    /** A paragraph of plain text. */
    public record Text(String text) implements Block {}

    /**
     * A table: a header row and rows of cells, then an optional note (empty for none).
     *
     * @param numbers true when the columns after the first hold numbers (aligned right)
     */
    public record Table(List<String> header, List<List<String>> rows, String note, boolean numbers) implements Block {
        /** Keeps copies; every row must be as wide as the header. */
        public Table {
            header = List.copyOf(header);
            rows = rows.stream().map(List::copyOf).toList();
            for (List<String> r : rows) {
                if (r.size() != header.size()) {
                    throw new IllegalArgumentException("a row of " + r.size() + " cells under " + header.size() + " columns");
                }
            }
        }

        /** A table of numbers. */
        public Table(List<String> header, List<List<String>> rows, String note) {
            this(header, rows, note, true);
        }
    }

    /**
     * A figure: embedded in the HTML as a data URI; in the Markdown, {@code plots/<base>.png}.
     *
     * @param base    the file name under plots/ without extension, or null for a figure only the HTML shows (the live progress plot)
     * @param dataUri the image as a {@code data:} URI
     * @param width   the width to show it at, in CSS pixels
     */
    public record Figure(String base, String caption, String dataUri, int width) implements Block {
        /** Checks that the image is embedded. */
        public Figure {
            if (!dataUri.startsWith("data:image/")) throw new IllegalArgumentException("a figure is embedded as a data: URI, not " + dataUri);
        }

        /** A figure of PNG bytes. */
        public static Figure png(String base, String caption, byte[] png, int width) {
            return new Figure(base, caption, "data:image/png;base64," + Base64.getEncoder().encodeToString(png), width);
        }

        /** A figure of an SVG document. */
        public static Figure svg(String base, String caption, String svg, int width) {
            return new Figure(base, caption, "data:image/svg+xml;base64," + Base64.getEncoder().encodeToString(svg.getBytes(StandardCharsets.UTF_8)),
                    width);
        }
    }

    /** Commands to try, each with what to look for. */
    public record Commands(List<String> commands, List<String> what) implements Block {
        /** Keeps copies; one explanation per command. */
        public Commands {
            commands = List.copyOf(commands);
            what = List.copyOf(what);
            if (commands.size() != what.size()) throw new IllegalArgumentException("one explanation per command");
        }
    }

    /**
     * A whole report.
     *
     * @param status  empty when finished; otherwise shown at the top (running, incomplete, diverged)
     * @param running true while the job is going on: the HTML then reloads itself every few seconds
     */
    public record Document(String title, String status, boolean running, List<Block> blocks, Map<String, String> facts) {
        /** Keeps copies. */
        public Document {
            Objects.requireNonNull(title, "title");
            Objects.requireNonNull(status, "status");
            blocks = List.copyOf(blocks);
            facts = Collections.unmodifiableMap(new LinkedHashMap<>(facts));
        }
    }

    /** The widest a figure is shown, in CSS pixels: the page's text width. */
    public static final int PAGE_WIDTH = 940;

    /** Seconds between reloads of a running report. */
    static final int REFRESH_SECONDS = 3;

    private static final java.util.Random RANDOM = new java.util.Random();

    private Report() {}

    /** Writes report.html and report.md into {@code dir}, each atomically and forced to disk. */
    public static void write(Path dir, Document d) throws IOException {
        write(dir.resolve("report.html"), ReportHtml.of(d));
        write(dir.resolve("report.md"), ReportMarkdown.of(d));
    }

    /**
     * Rewrites report.html while the job runs: atomically (a reader sees the old page or the new
     * one), but not forced to disk, which would cost more than the rest of the rewrite (10-15 ms
     * for a 2 MB page here). The page is replaced within a second or two, and the report written
     * when a run ends is forced to disk. The temporary file is named as {@link AtomicFiles}
     * names its own, so a run folder's sweep removes one that a kill left behind.
     */
    public static void writeLive(Path dir, Document d) throws IOException {
        Path target = dir.resolve("report.html");
        byte[] bytes = ReportHtml.of(d).getBytes(StandardCharsets.UTF_8);
        Path tmp = dir.resolve(".report.html." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            Files.write(tmp, bytes, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new IOException("cannot write " + target + ": " + RunFolder.reason(e), e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void write(Path file, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }
}
