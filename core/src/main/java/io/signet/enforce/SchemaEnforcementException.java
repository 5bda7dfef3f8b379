package io.signet.enforce;

/**
 * An input that does not match its signature, reported as MLflow reports it: MLflow's core
 * sentence ({@link #getMessage()}), its error code, plus what MLflow does not give: a structured
 * path to the offending element and, when Signet's verdict differs from MLflow's on purpose, the
 * deviation code listed in README.
 *
 * <p>Thrown only at the API edge; hot paths record facts into a {@code Violations} collector.
 */
public final class SchemaEnforcementException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** MLflow's {@code INVALID_PARAMETER_VALUE}. */
    public static final String INVALID_PARAMETER_VALUE = "INVALID_PARAMETER_VALUE";
    /** MLflow's {@code BAD_REQUEST}. */
    public static final String BAD_REQUEST = "BAD_REQUEST";

    private final String errorCode;
    private final String path;
    private final String deviation;

    public SchemaEnforcementException(final String message, final String errorCode, final String path,
                                      final String deviation) {
        super(message, null, false, false);
        this.errorCode = errorCode;
        this.path = path;
        this.deviation = deviation;
    }

    /** An MLflow-compatible rejection with error code INVALID_PARAMETER_VALUE. */
    public static SchemaEnforcementException invalid(final String message, final String path) {
        return new SchemaEnforcementException(message, INVALID_PARAMETER_VALUE, path, null);
    }

    /** A rejection where MLflow would have accepted: carries a README deviation code. */
    public static SchemaEnforcementException deviation(final String message, final String path, final String code) {
        return new SchemaEnforcementException(message, INVALID_PARAMETER_VALUE, path, code);
    }

    public String errorCode() {
        return errorCode;
    }

    /** Where the problem is: {@code inputs['images']}, {@code ['a'][3]}, {@code /inputs/3/1}; may be null. */
    public String path() {
        return path;
    }

    /** The README deviation code, or null when MLflow would reject too. */
    public String deviation() {
        return deviation;
    }

    /** The same failure with a path prefix, for callers that know the enclosing location. */
    public SchemaEnforcementException under(final String prefix) {
        return new SchemaEnforcementException(getMessage(), errorCode, path == null ? prefix : prefix + path, deviation);
    }
}
