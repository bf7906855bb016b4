package dev.nabla.examples.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;

/**
 * Turns any failure into the line the user sees: what failed and what to do, never a Java class
 * name for a known problem, never "null". Wrappers (an initializer error, an unchecked I/O error,
 * any error with a cause) are unwrapped to the exception that says what happened.
 */
final class ErrorLine {
    private ErrorLine() {}

    /** The message for {@code e}, as {@code nabla train} would give it. */
    static String of(Throwable e) {
        return of(e, "train");
    }

    /** The message for {@code e} in {@code command}, whose options the advice names (out of memory: which ones shrink the run). */
    static String of(Throwable e, String command) {
        if (e instanceof OutOfMemoryError) return outOfMemory(command);
        if (e instanceof StackOverflowError) {
            return "the Java stack overflowed (a model or graph too deep for it): give Java a larger stack, e.g. NABLA_JAVA_OPTS=-Xss64m";
        }
        Throwable t = cause(e);
        if (t != e) return of(t, command);
        if (t instanceof FileSystemException f) return file(f);
        if (isBug(t)) {
            return "internal error (" + t.getClass().getSimpleName() + (blank(t.getMessage()) ? "" : ": " + t.getMessage())
                    + "): please report it, with the output of the same command under NABLA_DEBUG=1";
        }
        return blank(t.getMessage()) ? t.getClass().getSimpleName() : t.getMessage();
    }

    /** The exception that says what happened: wrappers without a message of their own are skipped. */
    static Throwable cause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t && isWrapper(t)) t = t.getCause();
        return t;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof Error  // ExceptionInInitializerError, NoClassDefFoundError, ...: the cause is the story
                || t instanceof java.io.UncheckedIOException
                || t instanceof java.lang.reflect.InvocationTargetException
                || t instanceof java.util.concurrent.ExecutionException
                || blank(t.getMessage())
                || t.getMessage().equals(t.getCause().toString());
    }

    private static boolean isBug(Throwable t) {
        return t instanceof NullPointerException || t instanceof ClassCastException || t instanceof ArithmeticException
                || t instanceof ArrayIndexOutOfBoundsException || t instanceof NegativeArraySizeException
                || t instanceof java.util.ConcurrentModificationException || t instanceof AssertionError || t instanceof LinkageError;
    }

    /** A file problem with the path and the problem in words. */
    static String file(FileSystemException f) {
        String path = f.getFile() != null ? f.getFile() : "a file";
        String other = f.getOtherFile() != null ? " (and " + f.getOtherFile() + ")" : "";
        String what;
        if (f instanceof NoSuchFileException) what = "no such file or folder";
        else if (f instanceof AccessDeniedException) what = "permission denied";
        else if (f instanceof FileAlreadyExistsException) what = "it already exists";
        else if (f instanceof NotDirectoryException) what = "not a folder";
        else if (f instanceof DirectoryNotEmptyException) what = "the folder is not empty";
        else what = blank(f.getReason()) ? "the file system refused (" + f.getClass().getSimpleName() + ")" : f.getReason();
        String reason = !blank(f.getReason()) && !what.equals(f.getReason()) ? " (" + f.getReason() + ")" : "";
        return path + other + ": " + what + reason;
    }

    private static String outOfMemory(String command) {
        long max = Runtime.getRuntime().maxMemory();
        String heap = max >= 1L << 30 ? String.format(Locale.ROOT, "%.1f GB", max / (double) (1L << 30)) : (max >> 20) + " MB";
        String smaller = switch (command) {
            case "train", "experiment", "bench" -> "Use a smaller batch (--batch-size) or, for the MLP, narrower layers (--hidden), or ";
            case "batchnorm-demo" -> "Use smaller test batches (--batch-sizes), or ";
            default -> "";
        };
        return "out of memory: this run needs more than the " + heap + " the Java heap may use. " + smaller
                + (smaller.isEmpty() ? "Give" : "give") + " Java more memory, e.g. NABLA_JAVA_OPTS=-Xmx" + Math.max(2, 2 * ((max + (1L << 30) - 1) >> 30)) + "g";
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
