/**
 * The dropout experiment: {@link dev.nabla.examples.experiment.RunConfig}s trained by
 * {@link dev.nabla.examples.experiment.Runner}, compared by {@link dev.nabla.examples.experiment.Experiment},
 * and written out as XChart plots ({@link dev.nabla.examples.experiment.Charts}), {@code metrics.csv},
 * {@code config.json} and a report whose text ({@link dev.nabla.examples.experiment.Reading}) is
 * derived from the numbers.
 */
package dev.nabla.examples.experiment;
