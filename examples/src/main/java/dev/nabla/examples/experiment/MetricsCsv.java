package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code metrics.csv}: one row per run and epoch. */
public final class MetricsCsv {
    /** The first line of the file: the column names. */
    public static final String HEADER = "config,epoch,train_loss,train_acc,train_eval_loss,train_eval_acc,test_loss,test_acc,"
            + "generalisation_gap,train_seconds,epoch_seconds";

    private MetricsCsv() {}

    /** Writes every epoch of every run, atomically. */
    public static void write(Path file, List<RunResult> runs) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (RunResult r : runs) {
            for (EpochMetrics m : r.epochs()) {
                sb.append(String.format(Locale.ROOT, "%s,%d,%.6f,%.6f,%s,%s,%.6f,%.6f,%s,%.3f,%.3f%n", r.config().name(), m.epoch(),
                        m.trainLoss(), m.trainAcc(), num(m.trainEvalLoss()), num(m.trainEvalAcc()), m.testLoss(), m.testAcc(),
                        num(m.generalisationGap()), m.trainSeconds(), m.seconds()));
            }
        }
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }
}
