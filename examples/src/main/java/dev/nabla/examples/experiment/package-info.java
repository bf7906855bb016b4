/**
 * The dropout experiment: {@link dev.nabla.examples.experiment.RunConfig}s trained by
 * {@link dev.nabla.examples.experiment.Runner} (which can save and resume a run between epochs),
 * compared by {@link dev.nabla.examples.experiment.Experiment}, and written out as XChart plots
 * ({@link dev.nabla.examples.experiment.Charts}), {@code metrics.csv}, {@code config.json} and a
 * report whose text ({@link dev.nabla.examples.experiment.Reading}) is derived from the numbers.
 * Output goes into a {@link dev.nabla.examples.experiment.RunFolder} (checked, locked, swept before
 * any data is read); {@link dev.nabla.examples.experiment.TrainFolder} is what {@code train --out}
 * keeps for {@code --resume}.
 */
package dev.nabla.examples.experiment;
