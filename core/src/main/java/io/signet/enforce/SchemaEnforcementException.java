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

    /** MLflow's error code. */
    private final ErrorCode code;
    /** Where the violation is (an input or column path), or null. */
    private final String path;
    /** The README deviation, or null when MLflow gives the same verdict. */
    private final Deviation deviation;

    /** A violation with MLflow's message, error code, path (or null) and deviation (or null). */
    public SchemaEnforcementException(final String message, final ErrorCode code, final String path,
                                      final Deviation deviation) {
        super(message, null, false, false);
        this.code = code;
        this.path = path;
        this.deviation = deviation;
    }

    /** An MLflow-compatible rejection with error code INVALID_PARAMETER_VALUE. */
    public static SchemaEnforcementException invalid(final String message, final String path) {
        return new SchemaEnforcementException(message, ErrorCode.INVALID_PARAMETER_VALUE, path, null);
    }

    /** A rejection where MLflow would have accepted: carries its README deviation. */
    public static SchemaEnforcementException deviation(final String message, final String path,
                                                       final Deviation deviation) {
        return new SchemaEnforcementException(message, ErrorCode.INVALID_PARAMETER_VALUE, path, deviation);
    }

    /** MLflow's error code. */
    public ErrorCode code() {
        return code;
    }

    /** MLflow's error code as MLflow sends it ({@code INVALID_PARAMETER_VALUE}). */
    public String errorCode() {
        return code.name();
    }

    /** Where the problem is: {@code inputs['images']}, {@code ['a'][3]}, {@code /inputs/3/1}; may be null. */
    public String path() {
        return path;
    }

    /** The README deviation, or null when MLflow would reject too. */
    public Deviation deviation() {
        return deviation;
    }

    /** The same failure with a path prefix, for callers that know the enclosing location. */
    public SchemaEnforcementException under(final String prefix) {
        return new SchemaEnforcementException(getMessage(), code, path == null ? prefix : prefix + path, deviation);
    }
}
