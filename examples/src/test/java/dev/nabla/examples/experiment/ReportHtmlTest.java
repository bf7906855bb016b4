package dev.nabla.examples.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Table cells and Try next's wording: what a reader sees at page width. */
class ReportHtmlTest {
    @Test
    void everyBracketedNoteGetsALineOfItsOwnAndCountsStayOnTheLine() {
        assertEquals("0.779 <small>(0.741-0.802)</small>", ReportHtml.number("0.779 (0.741-0.802)"));
        assertEquals("0.345 <small>(0.337-0.352)</small> <small>(running)</small>", ReportHtml.number("0.345 (0.337-0.352) (running)"));
        assertEquals("0.576 (38)", ReportHtml.number("0.576 (38)"));
        assertEquals("80.4%", ReportHtml.number("80.4%"));
    }

    @Test
    void tryNextSaysHowManyTimesTheTimeWithoutRoundingToAWholeNumber() {
        assertEquals("3", TryNext.times(3, 1));
        assertEquals("1.7", TryNext.times(5, 3));
        assertEquals("2", TryNext.times(6, 3));
    }
}
