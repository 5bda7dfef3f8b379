package io.signet.json;

import io.signet.internal.json.LimitChecks;
import io.signet.internal.json.PayloadException;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The checks frame builders call before they allocate, and the documented defaults. */
class LimitsApiTest {
    @Test
    void frameBuildersCheckColumnsCellsAndCsvFieldsBeforeAllocating() {
        final Limits l = Limits.DEFAULT.withMaxColumns(100).withMaxCells(1000).withMaxCsvFieldBytes(10);
        LimitChecks.checkColumns(l, 100);
        assertEquals("Payload exceeds limit maxColumns=100: 101 columns",
            assertThrows(PayloadException.class, () -> LimitChecks.checkColumns(l, 101)).getMessage());
        LimitChecks.checkCells(l, 10, 100);
        LimitChecks.checkCells(l, 1000, 1);
        LimitChecks.checkCells(l, 0, 100);
        assertEquals("Payload exceeds limit maxCells=1000: 11 rows x 100 columns",
            assertThrows(PayloadException.class, () -> LimitChecks.checkCells(l, 11, 100)).getMessage());
        assertEquals("Payload exceeds limit maxColumns=100: 101 columns",
            assertThrows(PayloadException.class, () -> LimitChecks.checkCells(l, 1, 101)).getMessage());
        // the product is never formed past the limit: no overflow into a small number
        final Limits wide = Limits.DEFAULT.withMaxColumns(Integer.MAX_VALUE);
        assertThrows(PayloadException.class, () -> LimitChecks.checkCells(wide, Long.MAX_VALUE / 2, 4));
        LimitChecks.checkCsvField(l, 10);
        assertEquals("Payload exceeds limit maxCsvFieldBytes=10: a field of more than 10 bytes",
            assertThrows(PayloadException.class, () -> LimitChecks.checkCsvField(l, 11)).getMessage());
        assertEquals(400, assertThrows(PayloadException.class, () -> LimitChecks.checkCsvField(l, 11)).status());
        final Limits small = Limits.DEFAULT.withMaxExactPathBytes(100);
        LimitChecks.checkExactPathBytes(small, 100);
        assertEquals("Payload exceeds limit maxExactPathBytes=100: a body of 101 bytes on the exact path (CSV, or JSON "
            + "the streaming paths do not take)",
            assertThrows(PayloadException.class, () -> LimitChecks.checkExactPathBytes(small, 101)).getMessage());
    }

    @Test
    void defaultsAreTheDocumentedOnes() {
        assertEquals("Limits{maxDocumentBytes=67108864, maxNestingDepth=64, maxElementsPerTensor=16777216, "
            + "maxStringLength=1048576, maxNumberLength=1000, maxKeysPerObject=16384, maxParamsElements=65536, "
            + "maxJsonValues=524288, maxExactPathBytes=16777216, maxColumns=16384, maxCells=524288, "
            + "maxCsvFieldBytes=1048576}",
            Limits.DEFAULT.toString());
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withMaxCells(0));
        assertThrows(IllegalArgumentException.class, () -> Limits.DEFAULT.withMaxKeysPerObject(-1));
    }
}
