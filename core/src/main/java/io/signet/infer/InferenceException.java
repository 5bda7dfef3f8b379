package io.signet.infer;

/**
 * MLflow refused to infer a signature from the example: the message is the one
 * {@code mlflow.models.infer_signature} (or the scoring server's payload parsing) raises.
 */
public final class InferenceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Inference failed with MLflow's message. */
    public InferenceException(final String message) {
        super(message);
    }

    /** Inference failed with MLflow's message, caused by {@code cause}. */
    public InferenceException(final String message, final Throwable cause) {
        super(message, cause);
    }
}
