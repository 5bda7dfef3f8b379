package io.signet.serving;

import io.signet.enforce.Deviation;
import io.signet.enforce.ErrorCode;
import io.signet.internal.json.PayloadException;
import io.signet.py.PyJson;

/**
 * What {@code POST /invocations} answers, ready for an HTTP layer: status, MLflow's error code
 * (null for 200 and for 415), MLflow's core sentence (never the whole payload), and where the
 * problem is: a JSON pointer ({@code /inputs/3/1}) plus line/column/byte offset when known.
 * {@link #deviation()} names a README deviation when Signet rejects what MLflow would accept.
 *
 * <p>The HTTP answer: status {@link #status()}, {@code Content-Type: }{@link #contentType()}, body
 * {@link #body()}:
 * <table>
 *   <caption>body per status</caption>
 *   <tr><th>status</th><th>content type</th><th>body</th></tr>
 *   <tr><td>200</td><td>{@code application/json}</td><td>{@code {}} (the model's predictions are the
 *       caller's to add: Signet validates, it does not predict)</td></tr>
 *   <tr><td>400, 500</td><td>{@code application/json}</td><td>{@code {"error_code": ..., "message": ...}} as
 *       MLflow sends it, plus Signet's {@code path}, {@code line} / {@code column} / {@code byte_offset}
 *       and {@code deviation} when known</td></tr>
 *   <tr><td>415</td><td>{@code text/plain}</td><td>the sentence alone, as MLflow sends it (no error code)</td></tr>
 * </table>
 */
public final class ScoringResponse {
    /** The accepted request (no message). */
    public static final ScoringResponse OK = new ScoringResponse(200, null, null, null, -1, -1, -1, null);
    /** Answered when even wording an internal failure failed (an OutOfMemoryError while building it). */
    private static final ScoringResponse INTERNAL_ERROR = new ScoringResponse(500, ErrorCode.INTERNAL_ERROR,
        "Signet failed on this request", null, -1, -1, -1, null);

    private final int status;
    private final ErrorCode code;
    private final String message;
    private final String pointer;
    private final long line;
    private final long column;
    private final long byteOffset;
    private final Deviation deviation;

    /**
     * @param code       MLflow's error code, null for 200 and 415
     * @param pointer    JSON pointer of the offending value, or null
     * @param line       1-based line, -1 when unknown (column and byteOffset likewise)
     * @param deviation  the README deviation when MLflow would have accepted, else null
     */
    public ScoringResponse(final int status, final ErrorCode code, final String message, final String pointer,
                           final long line, final long column, final long byteOffset, final Deviation deviation) {
        this.status = status;
        this.code = code;
        this.message = message;
        this.pointer = pointer;
        this.line = line;
        this.column = column;
        this.byteOffset = byteOffset;
        this.deviation = deviation;
    }

    static ScoringResponse of(final PayloadException e) {
        return new ScoringResponse(e.status(), ErrorCode.of(e.errorCode()), e.getMessage(), e.pointer(), e.line(),
            e.column(), e.byteOffset(), Deviation.of(e.deviation()));
    }

    /**
     * A failure Signet did not expect (an exception or an Error): 500 {@code INTERNAL_ERROR} naming it
     * (its message bounded); the fixed answer when wording it fails too.
     */
    static ScoringResponse internalError(final Throwable e) {
        try {
            final String what = e.getClass().getName() + (e.getMessage() == null ? ""
                : ": " + io.signet.internal.json.Json.excerpt(e.getMessage(), 200));
            return new ScoringResponse(500, ErrorCode.INTERNAL_ERROR, "Signet failed on this request: " + what, null,
                -1, -1, -1, null);
        } catch (Throwable again) {
            return INTERNAL_ERROR;
        }
    }

    static ScoringResponse unsupported(final String text) {
        return new ScoringResponse(415, null, text, null, -1, -1, -1, null);
    }

    /** True for a 200: the request was accepted. */
    public boolean ok() {
        return status == 200;
    }

    /** The HTTP status MLflow answers: 200, 400, 415 or 500. */
    public int status() {
        return status;
    }

    /** MLflow's error code, or null for 200 and 415. */
    public ErrorCode code() {
        return code;
    }

    /** MLflow's error code as MLflow sends it ({@code BAD_REQUEST}), or null for 200 and 415. */
    public String errorCode() {
        return code == null ? null : code.name();
    }

    /** MLflow's core sentence (the 415 body), or null for 200. */
    public String message() {
        return message;
    }

    /** JSON pointer of the offending value ({@code /inputs/3/1}), or null. */
    public String pointer() {
        return pointer;
    }

    /** 1-based line of the offending token, or -1. */
    public long line() {
        return line;
    }

    /** 1-based column of the offending token, or -1. */
    public long column() {
        return column;
    }

    /** 0-based byte offset of the offending token in the body, or -1. */
    public long byteOffset() {
        return byteOffset;
    }

    /** The README deviation when Signet rejects what MLflow would accept, else null. */
    public Deviation deviation() {
        return deviation;
    }

    /** Pointer and position in one string, e.g. {@code /inputs/3/1 (line 1, column 20, byte 19)}. */
    public String location() {
        return new PayloadException(status, errorCode(), message, pointer, line, column, byteOffset,
            Deviation.codeOf(deviation)).location();
    }

    /** The body's content type: {@code text/plain} for 415 (as MLflow sends it), else {@code application/json}. */
    public String contentType() {
        return status == 415 ? "text/plain" : "application/json";
    }

    /** The body (see the class comment): MLflow's JSON error, the 415 sentence as plain text, or {@code {}}. */
    public String body() {
        if (status == 415) {
            return message;
        }
        if (status == 200) {
            return "{}";
        }
        final StringBuilder sb = new StringBuilder("{\"error_code\": ").append(PyJson.dumps(errorCode()))
            .append(", \"message\": ").append(PyJson.dumps(message));
        if (pointer != null) {
            sb.append(", \"path\": ").append(PyJson.dumps(pointer));
        }
        if (line >= 0) {
            sb.append(", \"line\": ").append(line).append(", \"column\": ").append(column).append(", \"byte_offset\": ")
                .append(byteOffset);
        }
        if (deviation != null) {
            sb.append(", \"deviation\": ").append(PyJson.dumps(deviation.code()));
        }
        return sb.append('}').toString();
    }

    @Override
    public String toString() {
        return status + (code == null ? "" : " " + code) + (message == null ? "" : ": " + message)
            + (location() == null ? "" : " @ " + location());
    }
}
