package dev.nabla.examples.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One fenced code block of a Markdown file, as CommonMark reads it: an opening fence of three or
 * more backticks or tildes (indented by at most three spaces) with an info string, the lines up
 * to a closing fence of the same character and at least the same length.
 *
 * @param file  the file, relative to the repository root ({@code docs/nn.md})
 * @param line  the 1-based line of the opening fence
 * @param info  the words of the info string: the language first ({@code java}), then markers
 * @param lines the content, with the fence's indentation removed
 */
record FencedBlock(String file, int line, List<String> info, List<String> lines) {
    private static final Pattern OPEN = Pattern.compile("^( {0,3})(`{3,}|~{3,})\\s*([^`]*?)\\s*$");

    /** The language of the block ({@code ""} when the info string is empty). */
    String language() {
        return info.isEmpty() ? "" : info.get(0);
    }

    /** The markers after the language ({@code partial}, {@code runnable}). */
    List<String> markers() {
        return info.isEmpty() ? List.of() : info.subList(1, info.size());
    }

    /** Where the block is, as compilers say it: {@code docs/nn.md:42}. */
    String where() {
        return file + ":" + line;
    }

    /** Every fenced block of {@code path}, in order; {@code name} is how messages call the file. */
    static List<FencedBlock> read(Path path, String name) throws IOException {
        List<String> text = Files.readAllLines(path);
        List<FencedBlock> blocks = new ArrayList<>();
        for (int i = 0; i < text.size(); i++) {
            Matcher open = OPEN.matcher(text.get(i));
            if (!open.matches()) continue;
            int indent = open.group(1).length();
            String fence = open.group(2);
            List<String> info = open.group(3).isEmpty() ? List.of() : Arrays.asList(open.group(3).split("\\s+"));
            List<String> lines = new ArrayList<>();
            int j = i + 1;
            while (j < text.size() && !closes(text.get(j), fence)) lines.add(unindent(text.get(j++), indent));
            if (j == text.size()) {
                throw new IllegalStateException(name + ":" + (i + 1) + ": the code block opened here is never closed with " + fence);
            }
            blocks.add(new FencedBlock(name, i + 1, List.copyOf(info), List.copyOf(lines)));
            i = j;
        }
        return blocks;
    }

    private static boolean closes(String line, String fence) {
        int lead = 0;
        while (lead < line.length() && line.charAt(lead) == ' ') lead++;
        String t = line.substring(lead).stripTrailing();
        return lead <= 3 && t.length() >= fence.length() && t.chars().allMatch(c -> c == fence.charAt(0));
    }

    private static String unindent(String line, int indent) {
        int k = 0;
        while (k < indent && k < line.length() && line.charAt(k) == ' ') k++;
        return line.substring(k);
    }
}
