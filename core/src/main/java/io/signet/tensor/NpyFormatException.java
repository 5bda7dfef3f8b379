package io.signet.tensor;

import io.signet.internal.tensor.PyText;

/**
 * A malformed {@code .npy}/{@code .npz}: names the file (or entry) and the byte offset of the problem.
 * The message is bounded (the name to {@value #MAX_NAME} characters, the problem to
 * {@value #MAX_PROBLEM}) and printable: control and other non-printable characters of a name or an
 * excerpt are escaped as Python's {@code repr} escapes them, so a hostile file name or header cannot
 * write terminal escapes or a megabyte into a report.
 */
public final class NpyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    static final int MAX_NAME = 200;
    static final int MAX_PROBLEM = 600;

    /** The file (or .npz entry) the problem is in. */
    private final String file;
    /** The byte offset of the problem, or -1. */
    private final long offset;

    /** A malformed or refused file: its name, the byte offset (or -1) and the problem. */
    public NpyFormatException(final String file, final long offset, final String problem) {
        super(printable(file, MAX_NAME) + ": byte " + offset + ": " + printable(problem, MAX_PROBLEM));
        this.file = file;
        this.offset = offset;
    }

    /** The file or archive entry name (as given: escape it before printing). */
    public String file() {
        return file;
    }

    /** The byte offset of the problem in the file (or entry). */
    public long offset() {
        return offset;
    }

    /**
     * {@code s} with every character Python's {@code str.isprintable()} refuses escaped
     * ({@code \x1b}, {@code \u202e}), cut to {@code max} characters with the count of the rest.
     */
    public static String printable(final String s, final int max) {
        if (s == null) {
            return "null";
        }
        final StringBuilder sb = new StringBuilder(Math.min(s.length(), max) + 16);
        int i = 0;
        while (i < s.length() && sb.length() < max) {
            final int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (PyText.printable(c)) {
                sb.appendCodePoint(c);
            } else if (c < 0x100) {
                sb.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else if (c < 0x10000) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.append(String.format("\\U%08x", c));
            }
        }
        if (i < s.length()) {
            sb.append("...(").append(s.codePointCount(i, s.length())).append(" more characters)");
        }
        return sb.toString();
    }

    /** Python's {@code repr()} of {@code s} cut to about {@code max} characters: for quoting input. */
    public static String quote(final String s, final int max) {
        final boolean cut = s.length() > max;
        final StringBuilder sb = new StringBuilder();
        PyText.appendStrRepr(sb, cut ? s.substring(0, max) : s);
        if (cut) {
            sb.append("...(").append(s.length() - max).append(" more characters)");
        }
        return sb.toString();
    }
}
