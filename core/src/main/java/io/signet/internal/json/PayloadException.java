package io.signet.internal.json;

/**
 * A rejected request payload, with what an HTTP layer needs: status, MLflow error code, MLflow's
 * core sentence (never the whole payload), a JSON-pointer path ({@code /inputs/3/1}) and, when the
 * parser knew it, the line, column and byte offset of the offending token.
 *
 * <p>Stackless: it is thrown once per failed request at the edge of the reader.
 */
public final class PayloadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /*
     * The codes travel as MLflow's strings here: the readers in this package sit below
     * io.signet.enforce, whose ErrorCode and Deviation enums type them at the API edge
     * (ScoringResponse.code(), deviation()); ErrorCodesTest checks these names against the enums.
     */
    /** {@code ErrorCode.BAD_REQUEST}'s name. */
    public static final String BAD_REQUEST = "BAD_REQUEST";
    /** {@code ErrorCode.INVALID_PARAMETER_VALUE}'s name. */
    public static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";

    /** The HTTP status. */
    private final int status;
    /** MLflow's error code. */
    private final String errorCode;
    /** The JSON pointer of the offending value, or null. */
    private final String pointer;
    /** 1-based line of the offending token, or -1. */
    private final long line;
    /** 1-based column of the offending token, or -1. */
    private final long column;
    /** 0-based byte offset of the offending token, or -1. */
    private final long byteOffset;
    /** The README deviation code, or null. */
    private final String deviation;

    /** A rejection with its HTTP status, MLflow error code, message, JSON pointer, position (or -1) and README deviation code (or null). */
    public PayloadException(final int status, final String errorCode, final String message, final String pointer,
                            final long line, final long column, final long byteOffset, final String deviation) {
        super(message, null, false, false);
        this.status = status;
        this.errorCode = errorCode;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.deviation = deviation;
    }

    /** A 400 BAD_REQUEST with no location. */
    public static PayloadException badRequest(final String message, final String pointer) {
        return new PayloadException(400, BAD_REQUEST, message, pointer, -1, -1, -1, null);
    }

    /** A 400 INVALID_PARAMETER_VALUE with no location. */
    public static PayloadException invalid(final String message, final String pointer) {
        return new PayloadException(400, INVALID_PARAMETER_VALUE, message, pointer, -1, -1, -1, null);
    }

    /** The HTTP status: 400 for a rejected payload. */
    public int status() {
        return status;
    }

    /** MLflow's error code, e.g. {@code INVALID_PARAMETER_VALUE}. */
    public String errorCode() {
        return errorCode;
    }

    /** JSON pointer of the offending value, or null. */
    public String pointer() {
        return pointer;
    }

    /** 1-based line, or -1 when unknown. */
    public long line() {
        return line;
    }

    /** 1-based column, or -1 when unknown. */
    public long column() {
        return column;
    }

    /** 0-based byte offset into the body, or -1 when unknown. */
    public long byteOffset() {
        return byteOffset;
    }

    /** README deviation code ({@code io.signet.enforce.Deviation#code()}) when MLflow would have accepted, else null. */
    public String deviation() {
        return deviation;
    }

    /** The same failure at another path, when the caller knows better. */
    public PayloadException withPointer(final String newPointer) {
        return new PayloadException(status, errorCode, getMessage(), newPointer, line, column, byteOffset, deviation);
    }

    /** Path and location in one string: {@code /inputs/3/1 (line 1, column 20, byte 19)}. */
    public String location() {
        final StringBuilder sb = new StringBuilder();
        if (pointer != null) {
            sb.append(pointer.isEmpty() ? "/" : pointer);
        }
        if (line >= 0) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append("(line ").append(line).append(", column ").append(column).append(", byte ").append(byteOffset)
                .append(')');
        }
        return sb.length() == 0 ? null : sb.toString();
    }
}
