package io.signet.serving;

import io.signet.json.Limits;
import io.signet.internal.json.LimitChecks;
import io.signet.internal.json.PayloadException;

/**
 * The shape of a CSV body, read before any of it becomes a Java object: the header's fields, the
 * rows, the longest field, in one pass over the bytes with the grammar {@code Csv} reads (fields
 * separated by commas, rows by LF, CR or CRLF, double quotes around a field, {@code ""} inside one),
 * allocating nothing. The body is refused with the limit's 400 when its frame would pass
 * {@link Limits#maxColumns()}, {@link Limits#maxCells()} (header fields x rows) or a field
 * {@link Limits#maxCsvFieldBytes()}: the reader builds a String and a Java value per cell, about 190
 * heap bytes each, so a 15 MB body of 8M one-digit rows needed 1.5 GB.
 */
final class CsvShape {
    private CsvShape() {
    }

    /**
     * @throws PayloadException the 400 naming the limit the body's frame would break
     */
    static void check(final byte[] b, final int off, final int len, final Limits limits) {
        final long maxField = limits.maxCsvFieldBytes();
        long columns = 0;     // fields in the header
        long fields = 0;      // fields in the current row
        long rows = 0;        // data rows (the header excluded)
        long field = 0;       // bytes of the current field
        long cells = 0;       // fields read so far, the header's included
        boolean quoted = false;
        boolean any = false;  // the current row has something (an empty line is not a row)
        final int end = off + len;
        for (int i = off; i < end; i++) {
            final byte c = b[i];
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < end && b[i + 1] == '"') {
                        i++;
                        field++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field++;
                }
            } else if (c == '"') {
                quoted = true;
                any = true;
            } else if (c == ',') {
                fields++;
                field = 0;
                any = true;
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < end && b[i + 1] == '\n') {
                    i++;
                }
                if (any || field > 0) {
                    cells = row(fields + 1, columns, rows, cells, limits);
                    if (columns == 0) {
                        columns = fields + 1;
                    } else {
                        rows++;
                    }
                }
                fields = 0;
                field = 0;
                any = false;
            } else {
                field++;
                any = true;
            }
            if (field > maxField) {
                LimitChecks.checkCsvField(limits, field);
            }
        }
        if (any || field > 0) {
            row(fields + 1, columns, rows, cells, limits);
        }
    }

    /**
     * A row of {@code fields} fields ends (the header when {@code columns} is 0): the fields read so far and the
     * frame's rows x header fields against the limits; the fields read so far, this row's included.
     */
    private static long row(final long fields, final long columns, final long rows, final long cells,
                            final Limits limits) {
        final long total = cells + fields;
        if (total > limits.maxCells()) {
            throw LimitChecks.exceeded("maxCells", limits.maxCells(), "more than " + limits.maxCells() + " CSV fields");
        }
        if (columns == 0) {
            LimitChecks.checkColumns(limits, fields);
        } else {
            LimitChecks.checkCells(limits, rows + 1, columns);
        }
        return total;
    }
}
