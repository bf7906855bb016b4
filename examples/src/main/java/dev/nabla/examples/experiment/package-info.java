/**
 * The dropout experiment and the dropout sweep: {@link dev.nabla.examples.experiment.RunConfig}s
 * trained by {@link dev.nabla.examples.experiment.Runner} (which can save and resume a run between
 * epochs), each with one or more seeds, run by {@link dev.nabla.examples.experiment.Experiment} and
 * written out as plots ({@link dev.nabla.examples.experiment.Charts}, XChart), {@code metrics.csv},
 * {@code config.json} and a {@link dev.nabla.examples.experiment.Report}: a self-contained HTML page
 * (rewritten while the job runs) and Markdown. Its text ({@link dev.nabla.examples.experiment.Reading})
 * is derived from the numbers; several seeds are summarised as a
 * {@link dev.nabla.examples.experiment.Spread} (a range below five seeds, a 95% t-interval from five).
 * Output goes into a {@link dev.nabla.examples.experiment.RunFolder} (checked, locked, swept before
 * any data is read); {@link dev.nabla.examples.experiment.TrainFolder} is what {@code train --out}
 * keeps for {@code --resume}.
 */
package dev.nabla.examples.experiment;
