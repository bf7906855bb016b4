package dev.nabla.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles {@link JavaSnippet}s with the JDK's compiler, in process, against this JVM's class path
 * ({@code --release 17 --add-modules jdk.incubator.vector}), and runs them with standard output
 * captured. A failure is an assertion error that names the Markdown file and line of each
 * compiler error, with the compiler's message and the offending line.
 */
final class DocCompiler {
    /** How long a runnable block may take. */
    static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    private final JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    private final StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    private final Path classes;

    /** Writes class files under {@code classes}, one folder per block. */
    DocCompiler(Path classes) {
        this.classes = classes;
    }

    /** Compiles the block into a folder of its own and returns it; fails with the compiler's errors. */
    Path compile(JavaSnippet snippet) throws IOException {
        Path out = Files.createDirectories(classes.resolve(snippet.packageName));
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("--release", "17", "--add-modules", "jdk.incubator.vector", "-proc:none", "-nowarn",
                "-classpath", System.getProperty("java.class.path"), "-d", out.toString());
        boolean ok;
        synchronized (files) {
            ok = compiler.getTask(null, files, diagnostics, options, null, List.of(new Source(snippet))).call();
        }
        String errors = diagnostics.getDiagnostics().stream()
                .filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> message(snippet, d))
                .collect(Collectors.joining("\n"));
        if (!ok || !errors.isEmpty()) {
            fail(snippet.block.where() + ": this " + snippet.kind.name().toLowerCase(Locale.ROOT).replace('_', ' ')
                    + " block does not compile:\n" + errors);
        }
        return out;
    }

    /** Compiles the block, runs its {@code main} and returns what it printed on standard output. */
    String run(JavaSnippet snippet) throws Exception {
        Path out = compile(snippet);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()}, DocCompiler.class.getClassLoader());
             PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            System.setOut(capture);
            assertTimeoutPreemptively(RUN_TIMEOUT, () -> loader.loadClass(snippet.binaryName())
                    .getMethod("main", String[].class).invoke(null, (Object) new String[0]));
        } finally {
            System.setOut(original);
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The comparison's normal form: trailing spaces cut from every line, blank lines at the start and the end dropped. */
    static String normalise(List<String> lines) {
        List<String> l = lines.stream().map(String::stripTrailing).collect(Collectors.toCollection(ArrayList::new));
        while (!l.isEmpty() && l.get(0).isEmpty()) l.remove(0);
        while (!l.isEmpty() && l.get(l.size() - 1).isEmpty()) l.remove(l.size() - 1);
        return String.join("\n", l);
    }

    private static String message(JavaSnippet snippet, Diagnostic<? extends JavaFileObject> d) {
        int line = snippet.markdownLine(d.getLineNumber());
        List<String> text = snippet.block.lines();
        int i = line - snippet.block.line() - 1;
        String code = i >= 0 && i < text.size() ? "\n    " + text.get(i).strip() : "";
        return "  " + snippet.block.file() + ":" + line + ": " + d.getMessage(Locale.ROOT).replace("\n", "\n    ") + code;
    }

    /** The generated source, in memory. */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(JavaSnippet s) {
            super(URI.create("string:///" + s.binaryName().replace('.', '/') + Kind.SOURCE.extension), Kind.SOURCE);
            this.code = s.source;
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }
    }
}
