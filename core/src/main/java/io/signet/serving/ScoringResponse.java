package io.signet.serving;

import io.signet.json.PayloadException;

/**
 * What {@code POST /invocations} answers, ready for an HTTP layer: status, MLflow's
 * {@code error_code} (null for 200 and for 415, whose body is plain text), MLflow's core sentence
 * (never the whole payload), and where the problem is: a JSON pointer ({@code /inputs/3/1}) plus
 * line/column/byte offset when known. {@code deviation} names a README deviation when Signet rejects
 * what MLflow would accept.
 */
public final class ScoringResponse {
    /** The accepted request (no message). */
    public static final ScoringResponse OK = new ScoringResponse(200, null, null, null, -1, -1, -1, null);
    /** Answered when even wording an internal failure failed (an OutOfMemoryError while building it). */
    private static final ScoringResponse INTERNAL_ERROR = new ScoringResponse(500, "INTERNAL_ERROR",
        "Signet failed on this request", null, -1, -1, -1, null);

    private final int status;
    private final String errorCode;
    private final String message;
    private final String pointer;
    private final long line;
    private final long column;
    private final long byteOffset;
    private final String deviation;

    public ScoringResponse(final int status, final String errorCode, final String message, final String pointer,
                           final long line, final long column, final long byteOffset, final String deviation) {
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.deviation = deviation;
    }

    static ScoringResponse of(final PayloadException e) {
        return new ScoringResponse(e.status(), e.errorCode(), e.getMessage(), e.pointer(), e.line(), e.column(),
            e.byteOffset(), e.deviation());
    }

    /**
     * A failure Signet did not expect (an exception or an Error): 500 {@code INTERNAL_ERROR} naming it
     * (its message bounded); the fixed answer when wording it fails too.
     */
    static ScoringResponse internalError(final Throwable e) {
        try {
            final String what = e.getClass().getName() + (e.getMessage() == null ? ""
                : ": " + io.signet.json.Json.excerpt(e.getMessage(), 200));
            return new ScoringResponse(500, "INTERNAL_ERROR", "Signet failed on this request: " + what, null, -1, -1,
                -1, null);
        } catch (Throwable again) {
            return INTERNAL_ERROR;
        }
    }

    static ScoringResponse unsupported(final String text) {
        return new ScoringResponse(415, null, text, null, -1, -1, -1, null);
    }

    public boolean ok() {
        return status == 200;
    }

    public int status() {
        return status;
    }

    public String errorCode() {
        return errorCode;
    }

    public String message() {
        return message;
    }

    public String pointer() {
        return pointer;
    }

    public long line() {
        return line;
    }

    public long column() {
        return column;
    }

    public long byteOffset() {
        return byteOffset;
    }

    public String deviation() {
        return deviation;
    }

    /** Pointer and position in one string, e.g. {@code /inputs/3/1 (line 1, column 20, byte 19)}. */
    public String location() {
        return new PayloadException(status, errorCode, message, pointer, line, column, byteOffset, deviation)
            .location();
    }

    /** The body MLflow's server would send: plain text for 415, JSON otherwise. */
    public String body() {
        if (status == 415) {
            return message;
        }
        if (status == 200) {
            return "{}";
        }
        final StringBuilder sb = new StringBuilder("{\"error_code\": ");
        io.signet.schema.PyJson.dumps(errorCode);
        sb.append(io.signet.schema.PyJson.dumps(errorCode)).append(", \"message\": ")
            .append(io.signet.schema.PyJson.dumps(message));
        if (pointer != null) {
            sb.append(", \"path\": ").append(io.signet.schema.PyJson.dumps(pointer));
        }
        if (line >= 0) {
            sb.append(", \"line\": ").append(line).append(", \"column\": ").append(column).append(", \"byte_offset\": ")
                .append(byteOffset);
        }
        if (deviation != null) {
            sb.append(", \"deviation\": ").append(io.signet.schema.PyJson.dumps(deviation));
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return status + (errorCode == null ? "" : " " + errorCode) + (message == null ? "" : ": " + message)
            + (location() == null ? "" : " @ " + location());
    }
}
