package io.signet.enforce;

/**
 * MLflow's error codes ({@code mlflow.protos.databricks_pb2.ErrorCode}) with the HTTP status MLflow
 * maps each to ({@code mlflow.exceptions.ERROR_CODE_TO_HTTP_STATUS}). The scoring server answers
 * {@link #BAD_REQUEST} (the request could not be parsed or cast), {@link #INVALID_PARAMETER_VALUE}
 * (schema or params enforcement) and {@link #INTERNAL_ERROR} (anything unexpected); the others are
 * here for servers built on Signet that answer more than {@code /invocations}.
 *
 * <p>{@link #name()} is the string MLflow sends as {@code error_code}.
 */
public enum ErrorCode {
    INTERNAL_ERROR(500),
    INVALID_STATE(500),
    DATA_LOSS(500),
    NOT_IMPLEMENTED(501),
    TEMPORARILY_UNAVAILABLE(503),
    DEADLINE_EXCEEDED(504),
    REQUEST_LIMIT_EXCEEDED(429),
    CANCELLED(499),
    RESOURCE_EXHAUSTED(429),
    ABORTED(409),
    RESOURCE_CONFLICT(409),
    ALREADY_EXISTS(409),
    NOT_FOUND(404),
    ENDPOINT_NOT_FOUND(404),
    RESOURCE_DOES_NOT_EXIST(404),
    PERMISSION_DENIED(403),
    CUSTOMER_UNAUTHORIZED(401),
    UNAUTHENTICATED(401),
    BAD_REQUEST(400),
    RESOURCE_ALREADY_EXISTS(400),
    INVALID_PARAMETER_VALUE(400);

    private final int httpStatus;

    ErrorCode(final int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /** The HTTP status MLflow answers with this code. */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * The code MLflow names {@code name}, or null for null.
     *
     * @throws IllegalArgumentException for a name MLflow does not have
     */
    public static ErrorCode of(final String name) {
        if (name == null) {
            return null;
        }
        for (final ErrorCode c : values()) {
            if (c.name().equals(name)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not an MLflow error code: " + name);
    }
}
