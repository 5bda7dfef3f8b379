package io.signet.serving;

import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.testing.Allocations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A CSV body's columns, cells and fields are held to the limits before the reader makes objects of it. */
class CsvShapeTest {
    private final ScoringContext ctx = new ScoringContext();

    private static void fits(final String csv, final Limits l) {
        final byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        CsvShape.check(b, 0, b.length, l);
    }

    private static String refused(final String csv, final Limits l) {
        final byte[] b = csv.getBytes(StandardCharsets.UTF_8);
        return assertThrows(PayloadException.class, () -> CsvShape.check(b, 0, b.length, l)).getMessage();
    }

    @Test
    void columnsCellsAndFieldsAsTheReaderSplitsThem() {
        final Limits l = Limits.DEFAULT.withMaxColumns(3).withMaxCells(9).withMaxCsvFieldBytes(4);
        fits("a,b,c\n1,2,3\n4,5,6\n", l);
        assertEquals("Payload exceeds limit maxColumns=3: 4 columns", refused("a,b,c,d\n1,2,3,4\n", l));
        // a quoted comma or line break is a field's, not a separator
        fits("\"a,b\",c\n\"1\n2\",3\n", l);
        // the header's fields count too: the reader holds them all before it builds the frame
        assertEquals("Payload exceeds limit maxCells=9: more than 9 CSV fields", refused("a,b,c\n1,2,3\n4,5,6\n7,8,9", l));
        // short rows are filled with missing values: the frame is rows x header fields
        assertEquals("Payload exceeds limit maxCells=9: 4 rows x 3 columns", refused("a,b,c\n1\n2\n3\n4", l));
        // CRLF and CR end rows; empty lines are no rows
        fits("a,b,c\r\n1,2,3\r\n\r\n\n4,5,6\r", l);
        // "" inside quotes is one byte of the field
        fits("a\n\"x\"\"y\"\n", l);
        assertEquals("Payload exceeds limit maxCsvFieldBytes=4: a field of more than 4 bytes",
            refused("a\n\"x\"\"yzw\"\n", l));
        assertEquals("Payload exceeds limit maxCsvFieldBytes=4: a field of more than 4 bytes", refused("a\n12345\n", l));
        // rows wider than the header hold their fields too
        assertEquals("Payload exceeds limit maxCells=9: more than 9 CSV fields", refused("a\n1,2,3,4,5,6,7,8,9\n", l));
    }

    @Test
    void aBodyOfMillionsOfRowsIsRefusedBeforeAnyObjectIsMade() {
        // the 16 MB CSV of 8M rows (1.5 GB before): refused after counting, allocating almost nothing
        final byte[] b = ("x\n" + "1\n".repeat(7_000_000)).getBytes(StandardCharsets.UTF_8);
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig("[{\"type\": \"long\", \"name\": \"x\"}]"));
        final ScoringResponse[] r = new ScoringResponse[1];
        final long bytes = Allocations.steadyState(() -> r[0] = server.invoke(ctx, b, "text/csv"), 2);
        assertEquals("Payload exceeds limit maxCells=524288: more than 524288 CSV fields", r[0].message());
        assertEquals("/", r[0].location());
        assertTrue(bytes < 100_000, bytes + " bytes allocated");
    }
}
