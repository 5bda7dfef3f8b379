package io.signet.infer;

import io.signet.tensor.DType;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The header of a {@code .npy} file: dtype, shape and order, without the data.
 *
 * <pre>
 *   offset  size  field
 *   0       6     magic "\x93NUMPY"
 *   6       1     major version (1, 2 or 3)
 *   7       1     minor version
 *   8       2|4   header length, little-endian (2 bytes in v1, 4 in v2/v3)
 *   10|12   len   Python dict literal: {'descr': '&lt;f4', 'fortran_order': False, 'shape': (2, 3), }
 * </pre>
 *
 * <p>Only what signature inference needs. TODO: replace with io.signet.tensor's npy reader once
 * the tensor branch lands one on main.
 */
final class NpyHeader {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    final DType dtype;
    final long[] shape;
    final boolean fortranOrder;

    private NpyHeader(final DType dtype, final long[] shape, final boolean fortranOrder) {
        this.dtype = dtype;
        this.shape = shape;
        this.fortranOrder = fortranOrder;
    }

    /**
     * Reads the header from the start of {@code in}.
     *
     * @throws IOException when the stream ends early or the header is not a valid npy header
     */
    static NpyHeader read(final InputStream in) throws IOException {
        final byte[] head = in.readNBytes(8);
        if (head.length < 8) {
            throw new IOException("not a .npy file (too short)");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (head[i] != MAGIC[i]) {
                throw new IOException("not a .npy file (bad magic)");
            }
        }
        final int major = head[6] & 0xff;
        final int len;
        if (major == 1) {
            final byte[] l = in.readNBytes(2);
            if (l.length < 2) {
                throw new IOException("truncated .npy header");
            }
            len = (l[0] & 0xff) | (l[1] & 0xff) << 8;
        } else if (major == 2 || major == 3) {
            final byte[] l = in.readNBytes(4);
            if (l.length < 4) {
                throw new IOException("truncated .npy header");
            }
            final long v = (l[0] & 0xffL) | (l[1] & 0xffL) << 8 | (l[2] & 0xffL) << 16 | (l[3] & 0xffL) << 24;
            if (v > MAX_HEADER) {
                throw new IOException(".npy header too long (" + v + " bytes)");
            }
            len = (int) v;
        } else {
            throw new IOException("unsupported .npy format version " + major + "." + (head[7] & 0xff));
        }
        final byte[] dict = in.readNBytes(len);
        if (dict.length < len) {
            throw new IOException("truncated .npy header");
        }
        return parse(new String(dict, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1));
    }

    static NpyHeader parse(final String dict) throws IOException {
        if (dict.contains("'descr': [") || dict.contains("'descr':[")) {
            throw new IOException("structured dtypes are not supported: " + dict.trim());
        }
        final Matcher d = DESCR.matcher(dict);
        final Matcher f = FORTRAN.matcher(dict);
        final Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new IOException("malformed .npy header: " + dict.trim());
        }
        final DType dtype;
        try {
            dtype = DType.parse(d.group(1));
        } catch (final IllegalArgumentException e) {
            throw new IOException("unsupported dtype in .npy header: " + e.getMessage(), e);
        }
        final List<Long> dims = new ArrayList<>();
        for (final String part : s.group(1).split(",")) {
            final String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                final long v = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
                if (v < 0) {
                    throw new IOException("negative dimension in .npy header: " + dict.trim());
                }
                dims.add(v);
            } catch (final NumberFormatException e) {
                throw new IOException("malformed shape in .npy header: " + dict.trim(), e);
            }
        }
        final long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i);
        }
        return new NpyHeader(dtype, shape, "True".equals(f.group(1)));
    }
}
