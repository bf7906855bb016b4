package dev.nabla.examples.cli;

import dev.nabla.core.kernel.Kernels;
import dev.nabla.examples.experiment.Version;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code nabla} command line. Exit codes: 0 success, 1 failure, 2 bad usage. */
@Command(name = "nabla", mixinStandardHelpOptions = true, versionProvider = Main.VersionInfo.class,
        description = "Nabla: deep learning on the JVM, for learning and teaching. Runs d2l.ai's dropout, LeNet and batch normalization chapters on Fashion-MNIST.",
        subcommands = {DropoutDemoCommand.class, BatchNormDemoCommand.class, TrainCommand.class, ExperimentCommand.class, BenchCommand.class, AutogradCommand.class,
            CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /**
     * Runs the command line with the given output streams and returns the exit code. Every failure,
     * errors included, becomes one line naming what failed and what to do; the stack trace follows
     * only under {@code NABLA_DEBUG=1}.
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> fail(e, cmd.getCommandName(), err));
        try {
            return cli.execute(args);
        } catch (Throwable e) {  // errors (out of memory, a failed class initializer) pass picocli's handler
            CommandLine.ParseResult p = cli.getParseResult();
            while (p != null && p.hasSubcommand()) p = p.subcommand();
            return fail(e, p != null ? p.commandSpec().name() : "", err);
        }
    }

    private static int fail(Throwable e, String command, PrintWriter err) {
        err.println("nabla" + (command.isEmpty() || command.equals("nabla") ? "" : " " + command) + ": " + ErrorLine.of(e));
        if (System.getenv("NABLA_DEBUG") != null) e.printStackTrace(err);
        else err.println("(set NABLA_DEBUG=1 to see the stack trace)");
        err.flush();
        return 1;
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code nabla --version}: the version, the JVM and the kernel path in use. */
    static final class VersionInfo implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Nabla " + Version.VERSION,
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")",
                "Kernels: " + Kernels.active().name(),
                "CPUs: " + Runtime.getRuntime().availableProcessors()};
        }
    }
}
