package io.signet.schema;

/**
 * A signature or schema that MLflow itself would refuse to build, with MLflow's message and
 * error code ({@code INVALID_PARAMETER_VALUE} where MLflow raises
 * {@code MlflowException.invalid_parameter_value}, {@code INTERNAL_ERROR} for a plain
 * {@code MlflowException}). Also what {@code SignatureInference} throws when MLflow refuses to infer a
 * signature from an example.
 */
public class SignatureException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** MLflow's error code. */
    private final String errorCode;

    /** A signature MLflow would refuse, with MLflow's message and the error code {@code INTERNAL_ERROR}. */
    public SignatureException(final String message) {
        this(message, "INTERNAL_ERROR");
    }

    /** A signature MLflow would refuse, with MLflow's message and error code. */
    public SignatureException(final String message, final String errorCode) {
        super(message);
        this.errorCode = errorCode;
    }

    /** A signature MLflow would refuse, with MLflow's message, error code and cause. */
    public SignatureException(final String message, final String errorCode, final Throwable cause) {
        super(message, cause);
        this.errorCode = errorCode;
    }

    static SignatureException invalid(final String message) {
        return new SignatureException(message, "INVALID_PARAMETER_VALUE");
    }

    /** MLflow's error code name. */
    public String errorCode() {
        return errorCode;
    }
}
