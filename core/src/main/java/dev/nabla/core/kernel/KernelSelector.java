package dev.nabla.core.kernel;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * Chooses the {@link Kernels} once per JVM, in the way of Lucene's vectorization provider.
 *
 * <p>System property {@code nabla.kernels}: {@code auto} (default) uses the Vector API when the
 * JVM was started with {@code --add-modules jdk.incubator.vector}, and otherwise falls back to
 * the portable kernels with a one-line warning on stderr, since they are much slower;
 * {@code portable} chooses the fallback without a word; {@code vector} demands the Vector API.
 * A bad value, or {@code vector} without the module, makes every kernel call throw an exception
 * whose message says what to do.
 */
public final class KernelSelector {
    /** The system property that chooses a kernel path. */
    public static final String PROPERTY = "nabla.kernels";

    /** The system property that times every call of the active kernels (see {@link KernelProfile}). */
    public static final String PROFILE_PROPERTY = "nabla.kernels.profile";

    /**
     * Printed (once) when {@code auto} finds no Vector API. The slowdown is the d2l MLP's training
     * pass measured with {@code ./nabla bench}, portable against vector: 13.6 s against 0.8-0.96 s
     * per epoch on a 2-core Xeon (AVX-512), 8.3 s against 0.54 s on a 2-core EPYC.
     */
    static final String SLOW_WARNING = "nabla: the Vector API is missing, so Nabla runs its portable kernels, about 15 "
            + "times slower; start java with --add-modules jdk.incubator.vector (or set JDK_JAVA_OPTIONS="
            + "--add-modules=jdk.incubator.vector, which every java launcher reads), or set -D" + PROPERTY
            + "=portable to choose them without this warning";

    private static final KernelProfile PROFILE = Boolean.getBoolean(PROFILE_PROPERTY) ? new KernelProfile() : null;
    private static final Kernels ACTIVE;
    private static final RuntimeException FAILURE;  // why there are no ACTIVE kernels

    static {
        Kernels k = null;
        RuntimeException failure = null;
        try {
            k = select(System.getProperty(PROPERTY, "auto"), System.err);
            if (PROFILE != null) {
                k = PROFILE.wrap(k);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> PROFILE.print(System.err)));
            }
        } catch (RuntimeException e) {  // reported by each call, not as an ExceptionInInitializerError
            failure = e;
        }
        ACTIVE = k;
        FAILURE = failure;
    }

    private KernelSelector() {}

    /** The active kernels; throws, with the reason, when the choice could not be honoured. */
    static Kernels active() {
        if (ACTIVE == null) {
            throw FAILURE instanceof IllegalArgumentException ? new IllegalArgumentException(FAILURE.getMessage())
                    : new IllegalStateException(FAILURE.getMessage());
        }
        return ACTIVE;
    }

    /** The profile of the active kernels when {@code -Dnabla.kernels.profile=true}, else empty. */
    public static Optional<KernelProfile> profile() {
        return Optional.ofNullable(PROFILE);
    }

    /** True when the incubating Vector API module is present in this JVM. */
    public static boolean vectorApiAvailable() {
        return ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent();
    }

    /** A fresh portable implementation (EJML and plain Java), whatever is active. */
    public static Kernels portable() {
        return new PortableKernels();
    }

    /**
     * A fresh Vector API implementation.
     *
     * @throws IllegalStateException if the JVM lacks {@code --add-modules jdk.incubator.vector}
     */
    public static Kernels vector() {
        if (!vectorApiAvailable()) {
            throw new IllegalStateException("the Vector API is not available in this JVM: start it with "
                    + "--add-modules jdk.incubator.vector (the ./nabla launcher does), or set -D"
                    + PROPERTY + "=portable");
        }
        try {
            // Loaded by name so that a JVM without the incubator module never links its classes.
            return (Kernels) Class.forName("dev.nabla.core.kernel.VectorKernels")
                    .getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("the Vector API kernels failed to load: " + e, e);
        }
    }

    /** The kernels {@code choice} (a value of {@link #PROPERTY}) asks for; warnings go to {@code warnings}. */
    static Kernels select(String choice, PrintStream warnings) {
        return switch (choice.trim().toLowerCase(Locale.ROOT)) {
            case "portable" -> portable();
            case "vector" -> vector();
            case "auto", "" -> vectorOrPortable(warnings);
            default -> throw new IllegalArgumentException("-D" + PROPERTY + " must be auto, portable or vector, but got '"
                    + choice + "'");
        };
    }

    private static Kernels vectorOrPortable(PrintStream warnings) {
        if (!vectorApiAvailable()) {
            warnings.println(SLOW_WARNING);
            return portable();
        }
        try {
            return vector();
        } catch (IllegalStateException e) {
            warnings.println("nabla: " + e.getMessage() + "; using the portable kernels");
            return portable();
        }
    }
}
