package io.signet.internal.json;

import io.signet.json.Limits;

/**
 * The checks of {@link Limits} that Signet's frame builders and readers call before they allocate,
 * each one compare, each breach the named 400 ({@code Payload exceeds limit maxColumns=16384: 100000
 * columns}). Machinery: a caller of the library sets the limits; it never calls these.
 */
public final class LimitChecks {
    private LimitChecks() {
    }

    /**
     * The named 400 for a breach: {@code Payload exceeds limit maxColumns=16384: 100000 columns}. The
     * detail says what was counted, never the payload's text; the pointer is the body's root (a caller
     * that knows better re-points it).
     */
    public static PayloadException exceeded(final String limit, final long value, final String detail) {
        return PayloadException.badRequest("Payload exceeds limit " + limit + "=" + value
            + (detail == null ? "" : ": " + detail), "");
    }

    /**
     * Refuses a frame of {@code columns} columns before it is built.
     *
     * @throws PayloadException the 400 naming maxColumns
     */
    public static void checkColumns(final Limits limits, final long columns) {
        if (columns > limits.maxColumns()) {
            throw exceeded("maxColumns", limits.maxColumns(), columns + " columns");
        }
    }

    /**
     * Refuses a frame of {@code rows x columns} cells (and of more than maxColumns columns) before it
     * is built; the product is never computed past the limit, so it cannot overflow.
     *
     * @throws PayloadException the 400 naming maxColumns or maxCells
     */
    public static void checkCells(final Limits limits, final long rows, final long columns) {
        checkColumns(limits, columns);
        if (rows > 0 && columns > 0 && rows > limits.maxCells() / columns) {
            throw exceeded("maxCells", limits.maxCells(), rows + " rows x " + columns + " columns");
        }
    }

    /**
     * Refuses a CSV field once it has grown past the limit (call it as the field grows, not after).
     *
     * @throws PayloadException the 400 naming maxCsvFieldBytes
     */
    public static void checkCsvField(final Limits limits, final long bytes) {
        if (bytes > limits.maxCsvFieldBytes()) {
            throw exceeded("maxCsvFieldBytes", limits.maxCsvFieldBytes(),
                "a field of more than " + limits.maxCsvFieldBytes() + " bytes");
        }
    }

    /**
     * Refuses a body of {@code bytes} on the exact path before it is read (the streaming paths, which
     * hold tensors and columns off-heap, take bodies up to maxDocumentBytes; the exact path makes Java
     * objects of a body, several times its size).
     *
     * @throws PayloadException the 400 naming maxExactPathBytes
     */
    public static void checkExactPathBytes(final Limits limits, final long bytes) {
        if (bytes > limits.maxExactPathBytes()) {
            throw exceeded("maxExactPathBytes", limits.maxExactPathBytes(), "a body of " + bytes
                + " bytes on the exact path (CSV, or JSON the streaming paths do not take)");
        }
    }
}
