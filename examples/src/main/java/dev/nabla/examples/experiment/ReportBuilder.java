package dev.nabla.examples.experiment;

import java.io.IOException;

/** Turns a {@link Job} into a report: the dropout study's ({@link StudyReport}) or a sweep's ({@link SweepReport}). */
interface ReportBuilder {
    /**
     * The report of {@code job} as it stands.
     *
     * @param draw true to redraw the figures whose data changed (when a run ends); false to use
     *             the figures drawn before (the live rewrite during a run), which costs no drawing
     * @param at   the time of writing, shown while the job runs
     */
    Report.Document document(Job job, FigureCache figures, boolean draw, String at) throws IOException;

    /** The table of final numbers, also printed on the console at the end. */
    Report.Table table(Job job);
}
