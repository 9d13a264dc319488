package kmlab.analysis;

import java.io.IOException;

/**
 * One section of the report: whether the folder has what it needs, and how it writes itself (text
 * into the document, plots through the charts). {@link Report} runs them in order.
 */
interface Section {
    /** Whether the section is written for this folder at all; a section may still write nothing. */
    default boolean applies(ReportInput in) {
        return true;
    }

    void write(ReportInput in, Doc doc, Charts charts) throws IOException;
}
