package io.signet.py;

import io.signet.internal.tensor.PyText;

import java.util.Collection;
import java.util.Iterator;

/**
 * The one way a message quotes a value from the payload: a bounded excerpt. Python's text of the
 * value is kept exactly up to {@link #MAX} characters, then cut with {@code ...}; a list of names is
 * cut after the names that fit, with {@code and N more}; terminal control characters (C0 except none,
 * DEL, C1) are escaped as {@code \xNN} so that a message printed to a terminal cannot drive it.
 *
 * <p>A message built from MLflow's sentence and excerpts stays under {@link #MESSAGE_BOUND}
 * characters whatever the payload: no sentence quotes more than a few values. The bound itself is
 * {@link PyText#excerpt}'s, at the bottom of the packages, so that numpy's casts in {@code tensor}
 * quote through it too.
 */
public final class Excerpt {
    /** The longest excerpt of one value, in characters (before escaping). */
    public static final int MAX = PyText.EXCERPT;
    /** What a message built from excerpts stays under. */
    public static final int MESSAGE_BOUND = 1024;

    private Excerpt() {
    }

    /** {@code str(value)} (Python's f-string text), bounded. */
    public static String str(final Object value) {
        return text(value instanceof String ? (String) value : PyRepr.str(value));
    }

    /** {@code repr(value)}, bounded. */
    public static String repr(final Object value) {
        return PyText.reprExcerpt(value);
    }

    /** A text, cut after {@link #MAX} characters and with control characters escaped. */
    public static String text(final String s) {
        return PyText.excerpt(s, MAX);
    }

    /** A text, cut after {@code max} characters and with control characters escaped. */
    public static String text(final String s, final int max) {
        return PyText.excerpt(s, max);
    }

    /**
     * The repr of a list of names ({@code ['a', 'b']}, exactly Python's for a short list), cut after
     * the names that fit in {@link #MAX} characters: {@code ['a', 'b', ... and 99998 more]}.
     */
    public static String names(final Collection<?> names) {
        return seq(names, '[', ']');
    }

    /** {@link #names} as a Python set repr ({@code {'a', 'b'}}; {@code set()} when empty). */
    public static String set(final Collection<?> names) {
        return names.isEmpty() ? "set()" : seq(names, '{', '}');
    }

    private static String seq(final Collection<?> names, final char open, final char close) {
        final StringBuilder sb = new StringBuilder().append(open);
        final Iterator<?> it = names.iterator();
        int shown = 0;
        while (it.hasNext()) {
            final String r = repr(it.next());
            if (shown > 0 && sb.length() + r.length() > MAX) {
                return sb.append(", ... and ").append(names.size() - shown).append(" more").append(close).toString();
            }
            sb.append(shown > 0 ? ", " : "").append(r);
            shown++;
        }
        return sb.append(close).toString();
    }
}
