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
    /** Python's repr when the raiser wrote it itself (dateutil's ParserError quotes without escaping), else null. */
    private final String reprText;

    public PyError(final String type, final String message) {
        this(type, message, null);
    }

    private PyError(final String type, final String message, final String reprText) {
        super(message, null);
        this.type = type;
        this.reprText = reprText;
    }

    /** The exception whose Python repr is {@code repr} ({@code Type('message')}), kept exactly as written. */
    public static PyError ofRepr(final String repr) {
        final int open = repr.indexOf('(');
        final String type = open > 0 ? repr.substring(0, open) : "Exception";
        String msg = open > 0 && repr.endsWith(")") ? repr.substring(open + 1, repr.length() - 1) : repr;
        if (msg.length() >= 2 && (msg.charAt(0) == '\'' || msg.charAt(0) == '"') && msg.endsWith(msg.substring(0, 1))) {
            msg = msg.substring(1, msg.length() - 1);
        }
        return new PyError(type, msg, repr);
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
        return reprText != null ? reprText : type + "(" + PyRepr.repr(getMessage()) + ")";
    }
}
