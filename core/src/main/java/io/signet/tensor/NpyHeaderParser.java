package io.signet.tensor;

import io.signet.tensor.NpyFile.NpyLimits;
import io.signet.internal.tensor.PyText;
import java.util.List;

/**
 * A {@code .npy} preamble and header read as {@code np.load} reads them (numpy's
 * {@code read_magic}, {@code _check_version} and {@code _read_array_header}), in both numpy 1.24 and
 * numpy 2.3: where they differ, the stricter verdict. Every refusal is an {@link NpyFormatException}
 * with the byte offset of the problem inside the file or entry.
 *
 * <ol>
 *   <li>magic {@code \x93NUMPY}, version 1.0, 2.0 or 3.0, a little-endian header length;</li>
 *   <li>the header decoded as latin-1 (1.0, 2.0) or strict UTF-8 (3.0), at most
 *       {@link NpyLimits#maxHeaderChars()} characters (numpy's {@code max_header_size});</li>
 *   <li>for 1.0 and 2.0, numpy 1.24's Python 2 filter ({@link PyTokenizeFilter}) first;</li>
 *   <li>{@code ast.literal_eval} ({@link PyLiteral}): NUL bytes, comments, continuations,
 *       indentation, adjacent string literals, every number and escape spelling;</li>
 *   <li>a dict whose keys are exactly {@code descr}, {@code fortran_order}, {@code shape}, the last
 *       occurrence of a repeated key winning; {@code shape} a tuple of ints, {@code fortran_order} a
 *       bool, {@code descr} a dtype string ({@link NpyDescr});</li>
 *   <li>Signet's own limits: no negative or overflowing dimension, at most 32 of them,
 *       {@link NpyLimits#maxElements()} and {@link NpyLimits#maxItemBytes()}.</li>
 * </ol>
 */
final class NpyHeaderParser {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final String[] KEYS = {"descr", "fortran_order", "shape"};
    /** Characters of context quoted around a refused position. */
    private static final int NEAR = 24;

    private NpyHeaderParser() {
    }

    /**
     * The header's length in bytes from the preamble {@code b[0, len)}, after checking the magic, the
     * version and the length against {@code available} and the limits.
     *
     * @return the header's first byte offset (10 or 12) in the low int, the length in the high int
     */
    static long preamble(final String name, final byte[] b, final int len, final long available,
                         final NpyLimits limits) {
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= len) {
                throw new NpyFormatException(name, len, "truncated: " + len + " bytes, a .npy preamble needs 10");
            }
            if (b[i] != MAGIC[i]) {
                throw new NpyFormatException(name, i, "bad magic: expected \\x93NUMPY");
            }
        }
        if (len < 8) {
            throw new NpyFormatException(name, len, "truncated: " + len + " bytes, a .npy preamble needs 10");
        }
        final int major = b[6] & 0xff;
        final int minor = b[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new NpyFormatException(name, 6, "unsupported format version " + major + "." + minor
                + " (numpy reads 1.0, 2.0 and 3.0)");
        }
        final int hstart = major == 1 ? 10 : 12;
        if (len < hstart) {
            throw new NpyFormatException(name, len, "truncated: " + len + " bytes, a version " + major
                + ".0 preamble needs " + hstart);
        }
        final long hlen = major == 1 ? (b[8] & 0xff) | (b[9] & 0xff) << 8
            : (b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24;
        if (hstart + hlen > available) {
            throw new NpyFormatException(name, 8, "header length " + hlen + " runs past the end (" + available
                + " bytes)");
        }
        // numpy counts characters after decoding; a UTF-8 character is at most 4 bytes
        final long maxBytes = (long) limits.maxHeaderChars() * (major == 3 ? 4 : 1);
        if (hlen > maxBytes) {
            throw new NpyFormatException(name, 8, "header of " + hlen + " bytes exceeds limit maxHeaderChars="
                + limits.maxHeaderChars() + " (numpy's max_header_size)");
        }
        return hlen << 32 | hstart;
    }

    /** Parses the preamble and header in {@code b[0, len)} (the whole header must be there). */
    static NpyFile.Header parse(final String name, final byte[] b, final int len, final long available,
                                final NpyLimits limits) {
        final long p = preamble(name, b, len, available, limits);
        final int hstart = (int) p;
        final int hlen = (int) (p >>> 32);
        if (hstart + hlen > len) {
            throw new NpyFormatException(name, len, "truncated in the header: " + len + " of " + (hstart + hlen)
                + " bytes");
        }
        final int major = b[6] & 0xff;
        // the header's characters and, for each, its byte offset in the file
        final int[] cps = new int[hlen + 1];
        final int[] at = new int[hlen + 1];
        final int n = major == 3 ? utf8(name, b, hstart, hlen, cps, at) : latin1(b, hstart, hlen, cps, at);
        at[n] = hstart + hlen;
        if (n > limits.maxHeaderChars()) {
            throw new NpyFormatException(name, 8, "header of " + n + " characters exceeds limit maxHeaderChars="
                + limits.maxHeaderChars() + " (numpy's max_header_size)");
        }
        for (int i = 0; i < n; i++) {
            if (cps[i] == 0) {
                throw new NpyFormatException(name, at[i], "NUL byte in the header (Python's parser refuses them)");
            }
        }
        // numpy 1.24 parses the filtered text of a 1.0/2.0 header; it differs from the header only
        // through tabs, form feeds, carriage returns, continuations, an 'L' after a number or a last
        // line of blanks, and the last two make Python refuse the header itself: so a header without
        // \t \f \r \\ that parses as it is needs no filter (np.save's headers, fast)
        Text text = null;
        PyLiteral.Value v = null;
        if (major != 3 && plain(cps, n)) {
            text = new Text(cps, at, n);
            v = text.evalOrNull();
        }
        if (v == null) {
            text = major == 3 ? new Text(cps, at, n) : filtered(name, cps, at, n);
            v = text.eval(name);
        }
        final NpyFile.Header h = new NpyFile.Header();
        h.major = major;
        h.dataOffset = hstart + hlen;
        fill(name, h, v, text, limits);
        return h;
    }

    private static boolean plain(final int[] cps, final int n) {
        for (int i = 0; i < n; i++) {
            final int c = cps[i];
            if (c == '\t' || c == '\f' || c == '\r' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private static int latin1(final byte[] b, final int from, final int len, final int[] cps, final int[] at) {
        for (int i = 0; i < len; i++) {
            cps[i] = b[from + i] & 0xff;
            at[i] = from + i;
        }
        return len;
    }

    /** Strict UTF-8, as Python's decoder: no overlong forms, surrogates, or code points past U+10FFFF. */
    private static int utf8(final String name, final byte[] b, final int from, final int len, final int[] cps,
                            final int[] at) {
        int n = 0;
        int i = from;
        final int end = from + len;
        while (i < end) {
            final int c = b[i] & 0xff;
            final int need;
            int cp;
            int min;
            if (c < 0x80) {
                cps[n] = c;
                at[n++] = i++;
                continue;
            } else if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
                cp = c & 0x1f;
                min = 0x80;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                cp = c & 0x0f;
                min = 0x800;
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                cp = c & 0x07;
                min = 0x10000;
            } else {
                throw invalidUtf8(name, i);
            }
            for (int k = 1; k <= need; k++) {
                if (i + k >= end || (b[i + k] & 0xc0) != 0x80) {
                    throw invalidUtf8(name, i);
                }
                cp = cp << 6 | b[i + k] & 0x3f;
            }
            if (cp < min || cp > Character.MAX_CODE_POINT || cp >= 0xd800 && cp <= 0xdfff) {
                throw invalidUtf8(name, i);
            }
            cps[n] = cp;
            at[n++] = i;
            i += need + 1;
        }
        return n;
    }

    private static NpyFormatException invalidUtf8(final String name, final int at) {
        return new NpyFormatException(name, at, "invalid UTF-8 in a version 3.0 header");
    }

    /** numpy 1.24's filter over a 1.0/2.0 header, then the text Python parses. */
    private static Text filtered(final String name, final int[] cps, final int[] at, final int n) {
        final char[] chars = new char[n];
        for (int i = 0; i < n; i++) {
            chars[i] = (char) cps[i];
        }
        final PyTokenizeFilter f;
        try {
            f = PyTokenizeFilter.run(chars, n);
        } catch (final PyTokenizeFilter.Failure e) {
            throw new NpyFormatException(name, at[Math.min(e.at, n)], "header is not a Python literal numpy 1.24 "
                + "reads: Python's tokenize fails (" + e.getMessage() + ")" + near(cps, n, e.at));
        }
        final int m = f.length();
        final int[] fc = new int[m + 1];
        final int[] fa = new int[m + 1];
        for (int i = 0; i < m; i++) {
            fc[i] = f.text()[i];
            fa[i] = at[Math.min(f.source(i), n)];
        }
        fa[m] = at[n];
        return new Text(fc, fa, m);
    }

    /** Code points with their byte offsets, as Python's parser will see them. */
    private static final class Text {
        final int[] cps;
        final int[] at;
        final int n;
        /** After {@link #eval}: the evaluated text and the byte offset of each of its characters. */
        int[] evalAt;
        int[] evalText;
        int evalLength;

        Text(final int[] cps, final int[] at, final int n) {
            this.cps = cps;
            this.at = at;
            this.n = n;
        }

        /** As {@link #eval} but null when Python refuses the text. */
        PyLiteral.Value evalOrNull() {
            try {
                return evalOrThrow();
            } catch (final PyLiteral.Refusal e) {
                return null;
            }
        }

        /** literal_eval: lstrip(" \t"), carriage returns as newlines, then the literal. */
        PyLiteral.Value eval(final String name) {
            try {
                return evalOrThrow();
            } catch (final PyLiteral.Refusal e) {
                final int i = Math.max(0, Math.min(e.at, evalLength));
                throw new NpyFormatException(name, evalAt[i], "header is not a Python literal numpy reads: "
                    + e.getMessage() + near(evalText, evalLength, i));
            }
        }

        private PyLiteral.Value evalOrThrow() throws PyLiteral.Refusal {
            int s = 0;
            while (s < n && (cps[s] == ' ' || cps[s] == '\t')) {
                s++;
            }
            final int[] t = new int[n - s + 1];
            final int[] map = new int[n - s + 1];
            int k = 0;
            for (int i = s; i < n; i++) {
                int c = cps[i];
                if (c == '\r') {
                    if (i + 1 < n && cps[i + 1] == '\n') {
                        continue;
                    }
                    c = '\n';
                }
                t[k] = c;
                map[k++] = at[i];
            }
            map[k] = at[n];
            evalAt = map;
            evalText = t;
            evalLength = k;
            return PyLiteral.eval(t, k);
        }

        /** The byte offset of a value's first character. */
        long offsetOf(final PyLiteral.Value v) {
            return evalAt[Math.max(0, Math.min(v.at, evalAt.length - 1))];
        }
    }

    /** A short quoted excerpt of the text around index {@code i}. */
    private static String near(final int[] t, final int n, final int i) {
        final int from = Math.max(0, i - NEAR / 2);
        final int to = Math.min(n, i + NEAR);
        if (to <= from) {
            return " at the end";
        }
        return ", near " + NpyFormatException.quote(new String(t, from, to - from), NEAR * 2);
    }

    /** The dict's checks, numpy's (keys, types, dtype) then Signet's (shape and size limits). */
    private static void fill(final String name, final NpyFile.Header h, final PyLiteral.Value v, final Text text,
                             final NpyLimits limits) {
        final PyLiteral.Value[] last = lastValues(name, v, text);
        final PyLiteral.Value shape = last[2];
        final long shapeAt = text.offsetOf(shape);
        if (shape.type != PyLiteral.TUPLE) {
            throw new NpyFormatException(name, shapeAt, "shape is not a tuple of ints");
        }
        for (final PyLiteral.Value d : shape.items) {
            if (d.type != PyLiteral.INT && d.type != PyLiteral.BOOL) { // bool is an int in Python
                throw new NpyFormatException(name, text.offsetOf(d), "shape is not a tuple of ints");
            }
        }
        if (last[1].type != PyLiteral.BOOL) {
            throw new NpyFormatException(name, text.offsetOf(last[1]), "fortran_order is not True or False");
        }
        h.fortran = last[1].bool;
        final long descrAt = text.offsetOf(last[0]);
        h.dtype = dtype(name, last[0], descrAt);
        h.shape = dims(name, shape, shapeAt);
        h.count = count(name, h, shapeAt, descrAt, limits);
    }

    /** The last value of each expected key (as in a Python dict); any other key is refused. */
    private static PyLiteral.Value[] lastValues(final String name, final PyLiteral.Value v, final Text text) {
        if (v.type != PyLiteral.DICT) {
            throw new NpyFormatException(name, text.at[0], "header is not a dict");
        }
        final PyLiteral.Value[] last = new PyLiteral.Value[KEYS.length];
        final List<PyLiteral.Value> items = v.items;
        for (int i = 0; i < items.size(); i += 2) {
            final PyLiteral.Value k = items.get(i);
            int slot = -1;
            for (int j = 0; j < KEYS.length && k.type == PyLiteral.STR; j++) {
                if (KEYS[j].equals(k.str)) {
                    slot = j;
                }
            }
            if (slot < 0) {
                throw new NpyFormatException(name, text.offsetOf(k), "header key " + describe(k) + " is not one of "
                    + "'descr', 'fortran_order', 'shape'");
            }
            last[slot] = items.get(i + 1);
        }
        for (int j = 0; j < KEYS.length; j++) {
            if (last[j] == null) {
                throw new NpyFormatException(name, text.at[0], "header has no '" + KEYS[j] + "' key");
            }
        }
        return last;
    }

    private static DType dtype(final String name, final PyLiteral.Value descr, final long at) {
        if (descr.type != PyLiteral.STR) {
            throw new NpyFormatException(name, at, "descr is " + (descr.type == PyLiteral.LIST ? "a list"
                : descr.type == PyLiteral.TUPLE ? "a tuple" : "not a string") + ": structured and subarray dtypes are "
                + "not supported");
        }
        try {
            return NpyDescr.parse(descr.str);
        } catch (final NpyDescr.Refused e) {
            throw new NpyFormatException(name, at, "descr " + NpyFormatException.quote(descr.str, 40) + ": "
                + e.getMessage());
        }
    }

    /** The dimensions: at most 32, none negative, none past 2^63. */
    private static long[] dims(final String name, final PyLiteral.Value shape, final long at) {
        final int rank = shape.items.size();
        if (rank > TensorView.MAX_RANK) {
            throw new NpyFormatException(name, at, "absurd shape of " + rank + " dimensions: more than "
                + TensorView.MAX_RANK);
        }
        final long[] dims = new long[rank];
        boolean big = false;
        for (int i = 0; i < rank; i++) {
            final PyLiteral.Value d = shape.items.get(i);
            dims[i] = d.type == PyLiteral.BOOL ? (d.bool ? 1 : 0) : d.intValue;
            big |= d.big;
        }
        final String shown = big ? "with a dimension past 2^63" : PyText.shape(dims);
        for (final long d : dims) {
            if (d < 0) {
                throw new NpyFormatException(name, at, "absurd shape " + shown + ": negative dimension");
            }
        }
        if (big) {
            throw new NpyFormatException(name, at, "absurd shape " + shown + ": its byte size overflows 64 bits");
        }
        return dims;
    }

    /** The element count, its byte size checked not to overflow, and the size limits. */
    private static long count(final String name, final NpyFile.Header h, final long shapeAt, final long descrAt,
                              final NpyLimits limits) {
        long count = 1;
        try {
            for (final long d : h.shape) {
                count = Math.multiplyExact(count, d);
            }
            Math.multiplyExact(count, (long) h.dtype.itemSize());
        } catch (final ArithmeticException e) {
            throw new NpyFormatException(name, shapeAt, "absurd shape " + PyText.shape(h.shape)
                + ": its byte size overflows 64 bits");
        }
        if (h.dtype.itemSize() > limits.maxItemBytes()) {
            throw new NpyFormatException(name, descrAt, "descr " + h.dtype.descr() + ": item size " + h.dtype.itemSize()
                + " exceeds limit maxItemBytes=" + limits.maxItemBytes());
        }
        if (count > limits.maxElements()) {
            throw new NpyFormatException(name, shapeAt, "shape " + PyText.shape(h.shape) + ": " + count
                + " elements exceed limit maxElements=" + limits.maxElements());
        }
        return count;
    }

    private static String describe(final PyLiteral.Value k) {
        if (k.type == PyLiteral.STR) {
            return NpyFormatException.quote(k.str, 40);
        }
        switch (k.type) {
            case PyLiteral.BYTES:
                return "(bytes)";
            case PyLiteral.INT:
            case PyLiteral.BOOL:
            case PyLiteral.FLOAT:
            case PyLiteral.COMPLEX:
                return "(a number)";
            case PyLiteral.NONE:
                return "None";
            case PyLiteral.TUPLE:
                return "(a tuple)";
            default:
                return "(not a string)";
        }
    }
}
