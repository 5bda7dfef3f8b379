package io.signet.py;


import java.util.Collection;
import java.util.Iterator;

/**
 * The one way a message quotes a value from the payload: a bounded excerpt. Python's text of the
 * value is kept exactly up to {@link #MAX} characters, then cut with {@code ...}; a list of names is
 * cut after the names that fit, with {@code and N more}; terminal control characters (C0 except none,
 * DEL, C1) are escaped as {@code \xNN} so that a message printed to a terminal cannot drive it.
 *
 * <p>A message built from MLflow's sentence and excerpts stays under {@link #MESSAGE_BOUND}
 * characters whatever the payload: no sentence quotes more than a few values.
 */
public final class Excerpt {
    /** The longest excerpt of one value, in characters (before escaping). */
    public static final int MAX = 200;
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
        if (value instanceof String && ((String) value).length() > MAX * 4) {
            // quote a prefix: the repr of a huge str is not built whole
            return text(PyRepr.repr(((String) value).substring(0, MAX * 2)));
        }
        return text(PyRepr.repr(value));
    }

    /** A text, cut after {@link #MAX} characters and with control characters escaped. */
    public static String text(final String s) {
        return text(s, MAX);
    }

    /** A text, cut after {@code max} characters and with control characters escaped. */
    public static String text(final String s, final int max) {
        if (s == null) {
            return null;
        }
        final boolean cut = s.length() > max;
        final int n = cut ? max : s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return cut ? s.substring(0, Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n) + "..." : s;
        }
        final StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            final char c = s.charAt(i);
            if (isControl(c)) {
                sb.append("\\x").append(Character.forDigit(c >> 4 & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
            } else if (i < n - 1 || !Character.isHighSurrogate(c)) {
                sb.append(c);
            }
        }
        return cut ? sb.append("...").toString() : sb.toString();
    }

    /** Characters that move a terminal: C0 controls other than tab and newline, DEL, C1 controls. */
    static boolean isControl(final char c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F;
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
