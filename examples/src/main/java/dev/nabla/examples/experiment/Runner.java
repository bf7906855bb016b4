package dev.nabla.examples.experiment;

import dev.nabla.core.Rng;
import dev.nabla.examples.d2l.EpochMetrics;
import dev.nabla.examples.d2l.Evaluation;
import dev.nabla.examples.d2l.Models;
import dev.nabla.examples.d2l.Trainer;
import dev.nabla.examples.data.ImageDataset;
import dev.nabla.nn.Module;
import dev.nabla.nn.data.DataLoader;
import dev.nabla.nn.optim.SGD;
import java.util.ArrayList;
import java.util.List;

/** Trains one {@link RunConfig} from scratch, measuring every epoch. */
public final class Runner {
    /** Hears about batches and finished epochs, e.g. to draw a progress bar. */
    public interface Listener {
        /** After each batch: running mean loss and accuracy of the epoch so far. */
        void batch(RunConfig config, int epoch, int done, int total, double loss, double accuracy);

        /** After each epoch, with its measurements. */
        void epoch(RunConfig config, EpochMetrics metrics);
    }

    private Runner() {}

    /** Builds the configured model (seeded), trains it and returns the per-epoch metrics. */
    public static RunResult run(RunConfig c, ImageDataset train, ImageDataset test, boolean measureTrainInEval, Listener listener) {
        return run(c, build(c), train, test, measureTrainInEval, listener);
    }

    /** The model {@code c} describes, initialised from its seed. */
    public static Module build(RunConfig c) {
        Rng rng = new Rng(c.seed());
        return c.model().equals("scratch") ? Models.scratch(c.hidden(), c.dropout(), rng) : Models.concise(c.hidden(), c.dropout(), rng);
    }

    /** Trains {@code net} as {@code c} says; the caller keeps the model (e.g. to save it). */
    public static RunResult run(RunConfig c, Module net, ImageDataset train, ImageDataset test, boolean measureTrainInEval, Listener listener) {
        ImageDataset data = c.trainLimit() == 0 ? train : train.take(Math.min(c.trainLimit(), train.size()));
        Trainer trainer = new Trainer(net, new SGD(net.parameters(), c.lr(), c.momentum(), 0));
        DataLoader loader = new DataLoader(data, c.batchSize(), true, c.seed() + 1);
        List<EpochMetrics> rows = new ArrayList<>();
        long start = System.nanoTime();
        for (int e = 1; e <= c.epochs(); e++) {
            int epoch = e;
            long t0 = System.nanoTime();
            Evaluation tr = trainer.trainEpoch(loader, (done, total, loss, acc) -> listener.batch(c, epoch, done, total, loss, acc));
            double trainSeconds = (System.nanoTime() - t0) / 1e9;
            Evaluation te = Trainer.evaluate(net, test, 1024);
            Evaluation trEval = measureTrainInEval ? Trainer.evaluate(net, data, 1024) : new Evaluation(Double.NaN, Double.NaN);
            EpochMetrics m = new EpochMetrics(e, tr.loss(), tr.accuracy(), trEval.loss(), trEval.accuracy(), te.loss(), te.accuracy(),
                    trainSeconds, (System.nanoTime() - t0) / 1e9);
            rows.add(m);
            listener.epoch(c, m);
        }
        return new RunResult(c, rows, (System.nanoTime() - start) / 1e9);
    }
}
