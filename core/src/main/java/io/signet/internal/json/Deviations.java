package io.signet.internal.json;


/**
 * What one request has noted so far that MLflow would accept but store wrongly (a value wrapped or
 * truncated by a cast): the first such fact wins. Owned by the request's caller (the scoring
 * context) and handed to every reader and cast of the request, so no thread-local channel exists.
 * It is reported only when the request passes everything MLflow checks, so that MLflow's own error
 * wins whenever MLflow rejects too.
 *
 * <p>Not thread-safe: one per request in flight.
 */
public final class Deviations {
    private PayloadException first;

    /** Remembers {@code e} unless an earlier deviation of this request is already noted. */
    public void note(final PayloadException e) {
        if (first == null) {
            first = e;
        }
    }

    /** The first deviation noted since {@link #clear()}, or null. */
    public PayloadException first() {
        return first;
    }

    /** Replaces the noted deviation (to re-locate it). */
    public void replace(final PayloadException e) {
        first = e;
    }

    /** Forgets what was noted (start of a request, or an abandoned attempt). */
    public void clear() {
        first = null;
    }
}
