package dev.nabla.examples.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The report's "Try next": commands that change one thing (p, training images, seeds), and what to look for. */
final class TryNext {
    private TryNext() {}

    /** After the dropout study. */
    static Report.Commands study(Experiment.Plan plan) {
        RunConfig c = plan.study().get(0);
        List<String> cmd = new ArrayList<>(), what = new ArrayList<>();
        if (plan.seeds() < Spread.INTERVAL_SEEDS) {
            int seeds = plan.seeds() == 1 ? 3 : Spread.INTERVAL_SEEDS;
            cmd.add("./nabla experiment --seeds " + seeds);
            what.add(String.format(Locale.ROOT, "The same study with %d seeds per configuration (about %s times the time; this run used %s): "
                    + "bands show how far each curve moves from seed to seed, and the reading says which differences every seed agrees "
                    + "on%s.", seeds, times(seeds, plan.seeds()), plan.seeds() == 1 ? "one seed, the default, to stay fast" : plan.seeds() + " seeds",
                    seeds >= Spread.INTERVAL_SEEDS ? ", with 95% intervals" : ""));
        }
        cmd.add("./nabla sweep");
        what.add("Dropout p from 0 to 0.9 for both layers, 3 seeds each, in a few minutes: final test loss, test accuracy and gap against "
                + "p. Look for the p with the lowest test loss, and for how flat the curve is around it: the measured answer to 'why 0.5?'.");
        cmd.add("./nabla sweep --dropout 0.2/0.5,0.5/0.2,0.5/0.5,0.8/0.8");
        what.add("Pairs of p (first layer/second layer): is d2l's choice of less dropout near the input better than the reverse? Does "
                + "0.8 underfit (train accuracy far below 100%)?");
        int more = Math.max(c.trainLimit() * 5, 10_000);
        cmd.add(String.format(Locale.ROOT, "./nabla experiment --train-limit %d", more));
        what.add(String.format(Locale.ROOT, "%,d training images instead of %,d (several times longer): look for the epoch where the test "
                + "loss without dropout starts rising, and whether dropout still narrows the gap when there is less to memorise.", more,
                c.trainLimit()));
        cmd.add(String.format(Locale.ROOT, "./nabla experiment --epochs %d", 3 * c.epochs()));
        what.add("Three times as many epochs: does the test loss without dropout keep rising, and does dropout's test loss start rising too?");
        cmd.add("./nabla train --dropout 0.5,0.5 --train-limit 2000 --momentum 0.9 --lr 0.05 --epochs 100 --seeds 3");
        what.add("One configuration of the study on its own, with 3 seeds: the console prints each epoch, and the mean and range at the end.");
        return new Report.Commands(cmd, what);
    }

    /** After a sweep. */
    static Report.Commands sweep(Experiment.Plan plan) {
        RunConfig c = plan.study().get(0);
        List<String> cmd = new ArrayList<>(), what = new ArrayList<>();
        cmd.add("./nabla sweep --seeds " + Math.max(5, 2 * plan.seeds()));
        what.add("More seeds: narrower intervals, so smaller differences between values of p become visible (about "
                + times(Math.max(5, 2 * plan.seeds()), plan.seeds()) + " times the time).");
        cmd.add(String.format(Locale.ROOT, "./nabla sweep --epochs %d", 2 * c.epochs()));
        what.add("Longer training: look for whether the best p moves up as the runs without dropout overfit more.");
        cmd.add(String.format(Locale.ROOT, "./nabla sweep --train-limit %d", Math.max(10_000, 5 * c.trainLimit())));
        what.add("More training images, less to memorise: look for whether the best p moves down and the curve flattens.");
        cmd.add("./nabla sweep --dropout 0.2/0.5,0.5/0.2,0.5/0.5");
        what.add("Different p for the two layers (first/second): d2l uses less dropout near the input; is that better than the reverse?");
        cmd.add("./nabla experiment");
        what.add("The three-configuration study epoch by epoch: where overfitting starts, and how dropout changes the curves.");
        return new Report.Commands(cmd, what);
    }

    /** How many times the time {@code seeds} take against {@code now}: "3", "1.7". */
    static String times(int seeds, int now) {
        return seeds % now == 0 ? Integer.toString(seeds / now) : String.format(Locale.ROOT, "%.1f", (double) seeds / now);
    }
}
