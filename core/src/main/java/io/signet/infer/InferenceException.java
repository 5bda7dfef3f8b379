package io.signet.infer;

import io.signet.schema.SignatureException;

/**
 * MLflow refused to infer a signature from the example: the message is the one
 * {@code mlflow.models.infer_signature} (or the scoring server's payload parsing) raises. Callers see
 * a {@link SignatureException} (no signature, with MLflow's message); this package keeps the subtype
 * to tell its own refusals from a schema's while it wraps them.
 */
final class InferenceException extends SignatureException {
    private static final long serialVersionUID = 1L;

    /** Inference failed with MLflow's message. */
    InferenceException(final String message) {
        super(message);
    }

    /** Inference failed with MLflow's message, caused by {@code cause}. */
    InferenceException(final String message, final Throwable cause) {
        super(message, "INTERNAL_ERROR", cause);
    }
}
