package io.signet.py;

import io.signet.py.PyRepr;

/**
 * A Python exception raised by the numpy or pandas behaviour emulated here: its class name
 * ({@code ValueError}, {@code TypeError}, ...) and message, as MLflow would catch and word it.
 * Messages quote payload values only through {@link Excerpt}.
 */
public final class PyError extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final String type;
    /** Where in the value numpy raised (indices from the outermost sequence down), or empty. */
    private int[] at = new int[0];

    public PyError(final String type, final String message) {
        super(message, null);
        this.type = type;
    }

    /** {@code ValueError(message)}. */
    public static PyError valueError(final String message) {
        return new PyError("ValueError", message);
    }

    /** {@code TypeError(message)}. */
    public static PyError typeError(final String message) {
        return new PyError("TypeError", message);
    }

    /** The same error, located inside item {@code i} of the sequence around where it was (callers add the outer indices). */
    PyError within(final int i) {
        final int[] r = new int[at.length + 1];
        r[0] = i;
        System.arraycopy(at, 0, r, 1, at.length);
        at = r;
        return this;
    }

    /** The indices, outermost first, of the element numpy raised at (empty: the value as a whole). */
    public int[] at() {
        return at.clone();
    }

    /** The Python class name. */
    public String type() {
        return type;
    }

    /** Python's {@code repr(e)}: {@code ValueError('...')}. */
    public String repr() {
        return type + "(" + PyRepr.repr(getMessage()) + ")";
    }
}
