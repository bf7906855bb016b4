package dev.nabla.examples.experiment;

import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.nn.io.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** {@code metrics.csv}: one row per configuration, seed and epoch; a number not measured is an empty cell. */
public final class MetricsCsv {
    /** The first line of the file: the column names. */
    public static final String HEADER = "config,seed,epoch,train_loss,train_acc,train_eval_loss,train_eval_acc,test_loss,test_acc,"
            + "generalisation_gap,train_seconds,epoch_seconds";

    private MetricsCsv() {}

    /** Writes every epoch of every run, atomically. */
    public static void write(Path file, List<RunResult> runs) throws IOException {
        List<String> rows = new ArrayList<>();
        for (RunResult r : runs) for (EpochMetrics m : r.epochs()) rows.add(row(r.config(), m));
        writeRows(file, rows);
    }

    /**
     * One epoch's line, with its line break. A job formats each line once, as its epoch ends, and
     * rewrites the file from the lines: formatting every number of every epoch again after each
     * epoch took a quarter of the report thread's time in the main job.
     */
    static String row(RunConfig c, EpochMetrics m) {
        return String.format(Locale.ROOT, "%s,%d,%d,%s,%s,%s,%s,%s,%s,%s,%.3f,%.3f%n", c.name(), c.seed(), m.epoch(), num(m.trainLoss()),
                num(m.trainAcc()), num(m.trainEvalLoss()), num(m.trainEvalAcc()), num(m.testLoss()), num(m.testAcc()),
                num(m.generalisationGap()), m.trainSeconds(), m.seconds());
    }

    /** Writes the header and {@code rows} (each from {@link #row}), atomically. */
    static void writeRows(Path file, List<String> rows) throws IOException {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (String r : rows) sb.append(r);
        byte[] bytes = sb.toString().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(file, out -> out.write(bytes));
    }

    /** The rows with every number exact (shortest round-trip decimal, NaN for "not measured"), one line each. */
    static String exact(List<EpochMetrics> rows) {
        StringBuilder sb = new StringBuilder();
        for (EpochMetrics m : rows) {
            sb.append(m.epoch());
            for (double v : new double[] {m.trainLoss(), m.trainAcc(), m.trainEvalLoss(), m.trainEvalAcc(), m.testLoss(), m.testAcc(),
                m.trainSeconds(), m.seconds()}) {
                sb.append(',').append(v);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Reads what {@link #exact} wrote; epochs must count 1, 2, 3, ... */
    static List<EpochMetrics> parseExact(String text) {
        List<EpochMetrics> rows = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) continue;
            String[] f = line.split(",");
            if (f.length != 9) throw new IllegalArgumentException("expected 9 numbers per epoch, but got '" + line + "'");
            double[] v = new double[8];
            for (int i = 0; i < 8; i++) v[i] = Double.parseDouble(f[i + 1]);
            int epoch = Integer.parseInt(f[0]);
            if (epoch != rows.size() + 1) throw new IllegalArgumentException("epoch " + epoch + " where " + (rows.size() + 1) + " belongs");
            rows.add(new EpochMetrics(epoch, v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]));
        }
        return rows;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.6f", v) : "";
    }
}
