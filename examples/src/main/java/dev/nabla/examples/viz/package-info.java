/**
 * Pictures that explain what happened: which units a dropout call dropped, a network before and
 * after dropout, masks, first-layer weights and predictions of a run, and the autograd graph
 * behind a value.
 *
 * <p>Each figure class turns plain tensors or arrays into a {@link dev.nabla.examples.viz.Drawing}:
 * Java2D code painted once onto a bitmap for PNG and once onto JFreeSVG's Graphics2D for SVG, so
 * both files show the same picture. {@link dev.nabla.examples.viz.Pictures} writes them (atomically)
 * or returns their bytes for embedding in a report. Graphs are laid out by Eclipse ELK.
 */
package dev.nabla.examples.viz;
