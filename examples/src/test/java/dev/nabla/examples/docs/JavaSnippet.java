package dev.nabla.examples.docs;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code java} block of the docs as a compilation unit, in a package of its own
 * ({@code doc.b7}) so that blocks never clash, with the standard imports on its first line.
 *
 * <p>A block whose first code line (after its imports, comments and annotations) declares a
 * class, interface, enum or record is compiled as it stands: a source file. Any other block is a
 * list of statements: its leading imports stay on top, the rest becomes the body of
 * {@code public static void main(String[] args) throws Exception} in a class {@code Snippet}.
 * The block's lines keep their relative order, and every line of the generated source knows the
 * Markdown line it came from, so a compiler message names the line of the file.
 */
final class JavaSnippet {
    /** How a block is compiled. */
    enum Kind { SOURCE_FILE, STATEMENTS }

    private static final Pattern HEADER = Pattern.compile("^\\s*(import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;.*|//.*|)$");
    private static final String MODIFIERS = "((public|protected|private|abstract|static|final|sealed|non-sealed|strictfp)\\s+)*";
    private static final Pattern DECLARATION = Pattern.compile("^" + MODIFIERS + "(class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final String WRAPPER = "Snippet";

    final FencedBlock block;
    final Kind kind;
    final String packageName;
    final String className;
    final String source;
    private final int[] origin;

    private JavaSnippet(FencedBlock block, Kind kind, String packageName, String className, List<String> lines, List<Integer> origin) {
        this.block = block;
        this.kind = kind;
        this.packageName = packageName;
        this.className = className;
        this.source = String.join("\n", lines) + "\n";
        this.origin = origin.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Block number {@code index} of the docs, with {@code imports} ({@code "java.util.*"}, ...) made for it. */
    static JavaSnippet of(FencedBlock block, int index, List<String> imports) {
        List<String> text = block.lines();
        int bodyStart = 0;
        while (bodyStart < text.size() && HEADER.matcher(text.get(bodyStart)).matches()) bodyStart++;
        String pkg = "doc.b" + index;
        StringBuilder first = new StringBuilder("package ").append(pkg).append(';');
        for (String i : imports) first.append(" import ").append(i).append(';');

        List<String> lines = new ArrayList<>();
        List<Integer> origin = new ArrayList<>();
        lines.add(first.toString());
        origin.add(block.line());
        String declared = declaredType(text.subList(bodyStart, text.size()));
        if (declared != null) {
            for (int i = 0; i < text.size(); i++) add(lines, origin, text.get(i), block.line() + 1 + i);
            return new JavaSnippet(block, Kind.SOURCE_FILE, pkg, publicType(text, declared), lines, origin);
        }
        for (int i = 0; i < bodyStart; i++) add(lines, origin, text.get(i), block.line() + 1 + i);
        int firstBodyLine = block.line() + 1 + Math.min(bodyStart, Math.max(text.size() - 1, 0));
        add(lines, origin, "public final class " + WRAPPER + " { public static void main(String[] args) throws Exception {", firstBodyLine);
        for (int i = bodyStart; i < text.size(); i++) add(lines, origin, text.get(i), block.line() + 1 + i);
        add(lines, origin, "}}", block.line() + text.size() + 1);
        return new JavaSnippet(block, Kind.STATEMENTS, pkg, WRAPPER, lines, origin);
    }

    /** The Markdown line of the generated source's 1-based line {@code line}. */
    int markdownLine(long line) {
        if (line < 1) return block.line();
        return origin[(int) Math.min(line, origin.length) - 1];
    }

    /** The binary name of the class to compile to and run. */
    String binaryName() {
        return packageName + "." + className;
    }

    private static void add(List<String> lines, List<Integer> origin, String line, int from) {
        lines.add(line);
        origin.add(from);
    }

    /** The type the first code line declares, or null when it is a statement. */
    private static String declaredType(List<String> body) {
        boolean inComment = false;
        for (String raw : body) {
            String s = raw.strip();
            if (inComment) {
                inComment = !s.contains("*/");
                continue;
            }
            if (s.isEmpty() || s.startsWith("//") || (s.startsWith("@") && !s.startsWith("@interface"))) continue;
            if (s.startsWith("/*")) {
                inComment = !s.contains("*/");
                continue;
            }
            Matcher m = DECLARATION.matcher(s);
            return m.find() ? m.group(4) : null;
        }
        return null;
    }

    /** The public top-level type (a source file must be named after it), else the first one. */
    private static String publicType(List<String> text, String first) {
        for (String line : text) {
            Matcher m = DECLARATION.matcher(line);
            if (m.find() && m.group(0).matches("(.*\\s)?public\\s.*")) return m.group(4);
        }
        return first;
    }
}
