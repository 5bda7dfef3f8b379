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
    /** An unexpected failure inside the server (HTTP 500). */
    INTERNAL_ERROR(500),
    /** The resource is in a state that forbids the request (HTTP 500). */
    INVALID_STATE(500),
    /** Data was lost or corrupted (HTTP 500). */
    DATA_LOSS(500),
    /** The server does not implement the request (HTTP 501). */
    NOT_IMPLEMENTED(501),
    /** The service is unavailable for now; retry later (HTTP 503). */
    TEMPORARILY_UNAVAILABLE(503),
    /** The request ran past its deadline (HTTP 504). */
    DEADLINE_EXCEEDED(504),
    /** Too many requests (HTTP 429). */
    REQUEST_LIMIT_EXCEEDED(429),
    /** The client cancelled the request (HTTP 499). */
    CANCELLED(499),
    /** A quota or resource is exhausted (HTTP 429). */
    RESOURCE_EXHAUSTED(429),
    /** The operation was aborted, typically by a conflict (HTTP 409). */
    ABORTED(409),
    /** The request conflicts with the resource's current state (HTTP 409). */
    RESOURCE_CONFLICT(409),
    /** What the request creates already exists (HTTP 409). */
    ALREADY_EXISTS(409),
    /** The requested entity does not exist (HTTP 404). */
    NOT_FOUND(404),
    /** No endpoint answers this path (HTTP 404). */
    ENDPOINT_NOT_FOUND(404),
    /** The named resource does not exist (HTTP 404). */
    RESOURCE_DOES_NOT_EXIST(404),
    /** The caller may not do this (HTTP 403). */
    PERMISSION_DENIED(403),
    /** The caller's account is not authorised (HTTP 401). */
    CUSTOMER_UNAUTHORIZED(401),
    /** The request carries no valid credentials (HTTP 401). */
    UNAUTHENTICATED(401),
    /** The body could not be read, parsed or cast (HTTP 400). */
    BAD_REQUEST(400),
    /** The resource to create already exists (HTTP 400). */
    RESOURCE_ALREADY_EXISTS(400),
    /** The input or params break the model's signature (HTTP 400). */
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
