package io.signet.internal.json;

/**
 * JSON whitespace skipped by the raw scanners, counting the line breaks it crosses so that the
 * Jackson parser they hand back to ({@link RawJsonParser#rawSkipTo}) keeps reporting the same
 * lines and columns as if it had read the bytes itself. CR, LF and CR LF each end one line, as in
 * Jackson. Scratch state: one per scanner.
 */
public final class RawWhitespace {
    /** Line breaks crossed since {@link #reset}, and the index right after the last one (-1: none). */
    public int newlines;
    public int lineStart = -1;

    public void reset() {
        newlines = 0;
        lineStart = -1;
    }

    /** The index of the first byte at or after {@code from} that is not JSON whitespace (or {@code end}). */
    public int skip(final byte[] b, final int from, final int end) {
        int i = from;
        while (i < end) {
            final byte c = b[i];
            if (c == ' ' || c == '\t') {
                i++;
            } else if (c == '\n') {
                newlines++;
                lineStart = ++i;
            } else if (c == '\r') {
                i++;
                if (i < end && b[i] == '\n') {
                    i++;
                }
                newlines++;
                lineStart = i;
            } else {
                return i;
            }
        }
        return i;
    }
}
