package dev.nabla.examples.experiment;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A sweep over the dropout probability: the study's network and regime, one configuration per
 * value of p (the same p for both hidden layers, or a pair per layer), each with several seeds,
 * compared by their final numbers.
 */
public final class Sweep {
    /** The values of p the sweep runs by default. */
    public static final String DEFAULT_DROPOUT = "0,0.1,...,0.9";

    private Sweep() {}

    /**
     * Reads a list of p: numbers ({@code 0,0.1,0.5}) and pairs ({@code 0.2/0.5}, one p per hidden
     * layer), where {@code a,b,...,z} counts from a to z in steps of b - a. A single number means
     * that p for every one of {@code layers} layers.
     *
     * @throws IllegalArgumentException naming the item that is wrong and why
     */
    public static List<double[]> parse(String spec, int layers) {
        String[] items = spec.split(",", -1);
        List<double[]> out = new ArrayList<>();
        for (int i = 0; i < items.length; i++) {
            String item = items[i].trim();
            if (item.equals("...")) {
                if (i < 2 || i + 1 >= items.length || items[i - 1].contains("/") || items[i - 2].contains("/")) {
                    throw new IllegalArgumentException("--dropout '" + spec + "': '...' needs two numbers before it and one after, as in "
                            + DEFAULT_DROPOUT);
                }
                BigDecimal a = number(items[i - 2], spec), b = number(items[i - 1], spec), end = number(items[i + 1], spec), step = b.subtract(a);
                if (step.signum() <= 0 || end.compareTo(b) <= 0 || end.subtract(b).remainder(step).signum() != 0) {
                    throw new IllegalArgumentException("--dropout '" + spec + "': counting from " + a + " in steps of " + step
                            + " does not reach " + end);
                }
                for (BigDecimal v = b.add(step); v.compareTo(end) < 0; v = v.add(step)) out.add(fill(v.doubleValue(), layers));
                continue;
            }
            String[] parts = item.split("/", -1);
            if (parts.length != 1 && parts.length != layers) {
                throw new IllegalArgumentException("--dropout '" + spec + "': '" + item + "' gives " + parts.length + " values of p, but the "
                        + "network has " + layers + " hidden layers (give one p for all, or one per layer: a/b)");
            }
            double[] p = new double[layers];
            for (int k = 0; k < layers; k++) p[k] = number(parts[parts.length == 1 ? 0 : k], spec).doubleValue();
            out.add(p);
        }
        for (double[] p : out) {
            for (double v : p) {
                if (!(v >= 0 && v < 1)) {
                    throw new IllegalArgumentException("--dropout '" + spec + "': p has to be at least 0 and below 1 (at 1 nothing gets "
                            + "through), but got " + v);
                }
            }
        }
        for (int i = 0; i < out.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (Arrays.equals(out.get(i), out.get(j))) {
                    throw new IllegalArgumentException("--dropout '" + spec + "' lists " + text(out.get(i)) + " twice");
                }
            }
        }
        return out;
    }

    private static BigDecimal number(String s, String spec) {
        try {
            return new BigDecimal(s.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--dropout '" + spec + "': '" + s.trim() + "' is not a number");
        }
    }

    private static double[] fill(double p, int layers) {
        double[] a = new double[layers];
        Arrays.fill(a, p);
        return a;
    }

    /** p as the sweep shows it: {@code "0.5"}, or {@code "0.2/0.5"} when the layers differ. */
    public static String text(double[] p) {
        boolean same = true;
        for (double v : p) same &= v == p[0];
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < (same ? 1 : p.length); i++) {
            sb.append(i == 0 ? "" : "/").append(new BigDecimal(Double.toString(p[i])).stripTrailingZeros().toPlainString());
        }
        return sb.toString();
    }

    /**
     * The sweep's plan: d2l's MLP (784-256-256-10) on the first {@code trainLimit} images for
     * {@code epochs} epochs, SGD with momentum 0.9 at lr 0.05, batch 256, as the dropout study;
     * one configuration per p, each with {@code seeds} seeds from {@code seed}.
     */
    public static Experiment.Plan plan(List<double[]> ps, long seed, int seeds, int trainLimit, int epochs) {
        if (ps.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one value of p");
        List<RunConfig> configs = new ArrayList<>();
        for (double[] p : ps) {
            String t = text(p);
            configs.add(new RunConfig("p-" + t.replace('/', '-'), "p = " + t, "concise", new int[] {256, 256}, p, 0.05, 0.9, 256, epochs,
                    trainLimit, seed));
        }
        String why = String.format(Locale.ROOT, "Why 0.5? Dropout's p is a hyperparameter: too little and the network memorises its "
                + "training images, too much and it cannot fit them. This sweep measures where the balance lies in the dropout "
                + "study's regime: d2l's MLP (784-256-256-10) on the first %,d training images for %d epochs (%,d optimiser steps), SGD "
                + "with momentum 0.9 at lr 0.05, batch 256, with %d value%s of p, %s. Only p differs. Every network is measured once, "
                + "after its last epoch, on all test images and again on its training images in eval mode (measuring every epoch "
                + "would triple the time).", trainLimit, epochs, epochs * ((trainLimit + 255) / 256), ps.size(), ps.size() == 1 ? "" : "s",
                seeds == 1 ? "one seed each (" + seed + ")" : seeds + " seeds each (" + seed + " to " + (seed + seeds - 1) + ")");
        return new Experiment.Plan("sweep", "Dropout sweep: which p works best?", why, configs, null, seeds, Experiment.Kind.SWEEP);
    }
}
