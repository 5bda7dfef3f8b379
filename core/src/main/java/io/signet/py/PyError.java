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

    /** The Python class name. */
    public String type() {
        return type;
    }

    /** Python's {@code repr(e)}: {@code ValueError('...')}. */
    public String repr() {
        return type + "(" + PyRepr.repr(getMessage()) + ")";
    }
}
