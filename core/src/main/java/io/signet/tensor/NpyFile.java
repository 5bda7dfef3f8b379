package io.signet.tensor;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code .npy} file (format versions 1, 2 and 3), memory-mapped and checked in place.
 *
 * <pre>
 *   offset  size      field
 *   0       6         magic "\x93NUMPY"
 *   6       1         major version (1, 2, 3)
 *   7       1         minor version
 *   8       2 | 4     header length, little-endian (2 bytes in v1, 4 in v2/v3)
 *   10 | 12 n         header: a Python dict literal {'descr': '&lt;f4', 'fortran_order': False, 'shape': (3, 4), }
 *                     (ASCII in v1/v2, UTF-8 in v3), padded with spaces and '\n'
 *   data    size x n  the elements, C order or (fortran_order) F order
 * </pre>
 *
 * <p>Every header field is checked before the data is touched: a bad magic, a header running
 * past the end, an unknown descr, an absurd shape (negative, overflowing) or a data size the file
 * does not hold is a {@link NpyFormatException} naming the file and the byte offset. Object arrays
 * ({@code |O}) hold pickles: they are refused, never unpickled.
 *
 * <p>Agrona buffers are int-indexed, so one view covers at most one region (default 1 GiB); larger
 * files are walked region by region ({@link #regions}).
 */
public final class NpyFile implements AutoCloseable {
    /** Default region size for walking large files: 1 GiB. */
    public static final int DEFAULT_REGION = 1 << 30;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private final String name;
    private final FileChannel channel;
    private final long fileSize;
    private final int major;
    private final DType dtype;
    private final boolean fortran;
    private final long[] shape;
    private final long dataOffset;
    private final long dataBytes;
    private final long count;
    private final boolean ownsChannel;

    private NpyFile(final String name, final FileChannel channel, final boolean ownsChannel, final long fileSize,
                    final Header h, final long dataOffset) {
        this.name = name;
        this.channel = channel;
        this.ownsChannel = ownsChannel;
        this.fileSize = fileSize;
        this.major = h.major;
        this.dtype = h.dtype;
        this.fortran = h.fortran;
        this.shape = h.shape;
        this.dataOffset = dataOffset;
        this.count = h.count;
        this.dataBytes = h.count * h.dtype.itemSize();
    }

    /** Opens and validates the header and the data size (no data is read). */
    public static NpyFile open(final Path path) throws IOException {
        final FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(ch, true, path.getFileName().toString(), 0, ch.size());
        } catch (final IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /**
     * A .npy image stored in {@code [base, base + length)} of a file (a stored .npz entry), mapped
     * in place like a .npy file. Closing it leaves {@code ch} open. Offsets in errors and
     * {@link #dataOffset()} are relative to {@code base} and absolute, respectively.
     */
    public static NpyFile openAt(final FileChannel ch, final String name, final long base, final long length)
        throws IOException {
        if (base < 0 || length < 0 || base + length > ch.size()) {
            throw new NpyFormatException(name, 0, "the entry's bytes [" + base + ", " + (base + length)
                + ") lie outside the file of " + ch.size() + " bytes");
        }
        return open(ch, false, name, base, length);
    }

    private static NpyFile open(final FileChannel ch, final boolean owns, final String name, final long base,
                                final long size) throws IOException {
        // read the preamble, then exactly the header it announces (at most 1 MiB): never the data
        final byte[] pre = read(ch, base, (int) Math.min(size, 12));
        int want = pre.length;
        if (pre.length >= 10) {
            final int major = pre[6] & 0xff;
            final long hlen = major == 1 || pre.length < 12 ? (pre[8] & 0xff) | (pre[9] & 0xff) << 8
                : (pre[8] & 0xffL) | (pre[9] & 0xffL) << 8 | (pre[10] & 0xffL) << 16 | (pre[11] & 0xffL) << 24;
            want = (int) Math.min(size, Math.min((major == 1 ? 10 : 12) + hlen, 12 + (1 << 20)));
        }
        final byte[] bytes = want == pre.length ? pre : read(ch, base, want);
        final Header h = parseHeader(name, bytes, size);
        final long need = h.dataOffset + h.count * h.dtype.itemSize();
        if (need > size) {
            throw new NpyFormatException(name, h.dataOffset, "the header promises " + h.count * h.dtype.itemSize()
                + " data bytes (shape " + PyText.shape(h.shape) + " of " + h.dtype.descr()
                + ") from byte " + h.dataOffset + " but the " + (owns ? "file" : "entry") + " ends at byte " + size);
        }
        return new NpyFile(name, ch, owns, size, h, base + h.dataOffset);
    }

    private static byte[] read(final FileChannel ch, final long at, final int n) throws IOException {
        final ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining() && ch.read(b, at + b.position()) > 0) {
            // fill
        }
        return b.position() == n ? b.array() : java.util.Arrays.copyOf(b.array(), b.position());
    }

    /** A parsed header. */
    public static final class Header {
        int major;
        DType dtype;
        boolean fortran;
        long[] shape;
        long count;
        long dataOffset;

        public DType dtype() {
            return dtype;
        }

        public boolean fortran() {
            return fortran;
        }

        public long[] shape() {
            return shape.clone();
        }

        public long dataOffset() {
            return dataOffset;
        }
    }

    /**
     * Parses the magic, version and header dict from the first bytes of a .npy stream.
     *
     * @param available bytes the whole file/entry has (for the "runs past the end" check)
     */
    static Header parseHeader(final String name, final byte[] b, final long available) {
        if (b.length < 10) {
            throw new NpyFormatException(name, b.length, "truncated: " + b.length + " bytes, a .npy preamble needs 10");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (b[i] != MAGIC[i]) {
                throw new NpyFormatException(name, i, "bad magic: expected \\x93NUMPY");
            }
        }
        final int major = b[6] & 0xff;
        if (major < 1 || major > 3) {
            throw new NpyFormatException(name, 6, "unsupported format version " + major + "." + (b[7] & 0xff));
        }
        final long hlen;
        final int hstart;
        if (major == 1) {
            hlen = (b[8] & 0xff) | (b[9] & 0xff) << 8;
            hstart = 10;
        } else {
            if (b.length < 12) {
                throw new NpyFormatException(name, b.length, "truncated in the header length");
            }
            hlen = ((b[8] & 0xffL) | (b[9] & 0xffL) << 8 | (b[10] & 0xffL) << 16 | (b[11] & 0xffL) << 24);
            hstart = 12;
        }
        if (hstart + hlen > available || hstart + hlen > b.length) {
            throw new NpyFormatException(name, 8, "header length " + hlen + " runs past the end ("
                + Math.min(available, b.length) + " bytes)");
        }
        final String text = new String(b, hstart, (int) hlen,
            major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        final Header h = new Header();
        h.major = major;
        h.dataOffset = hstart + hlen;
        final String descr = field(name, text, hstart, "descr");
        if (!descr.startsWith("'") && !descr.startsWith("\"")) {
            throw new NpyFormatException(name, hstart + text.indexOf("descr"), "structured dtypes (descr "
                + descr + ") are not supported");
        }
        final String d = descr.substring(1, descr.length() - 1);
        if (d.endsWith("O") || d.contains("O8") || d.equals("|O")) {
            throw new NpyFormatException(name, hstart + text.indexOf("descr"), "object arrays (descr '" + d
                + "') hold pickled Python objects: Signet refuses them and never unpickles");
        }
        try {
            h.dtype = DType.parse(d);
        } catch (final IllegalArgumentException e) {
            throw new NpyFormatException(name, hstart + text.indexOf("descr"), "unknown descr '" + d + "'");
        }
        if (h.dtype.itemSize() <= 0 || h.dtype.kind() == DType.Kind.OBJECT) {
            throw new NpyFormatException(name, hstart + text.indexOf("descr"), "descr '" + d + "' has no item size");
        }
        final String fo = field(name, text, hstart, "fortran_order");
        if (!fo.equals("True") && !fo.equals("False")) {
            throw new NpyFormatException(name, hstart + text.indexOf("fortran_order"), "fortran_order is " + fo);
        }
        h.fortran = fo.equals("True");
        final String sh = field(name, text, hstart, "shape");
        final int shapeAt = hstart + text.indexOf("shape");
        if (!sh.startsWith("(") || !sh.endsWith(")")) {
            throw new NpyFormatException(name, shapeAt, "shape is not a tuple: " + sh);
        }
        final List<Long> dims = new ArrayList<>();
        for (final String part : sh.substring(1, sh.length() - 1).split(",")) {
            final String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            try {
                final long v = Long.parseLong(p.endsWith("L") ? p.substring(0, p.length() - 1) : p);
                if (v < 0) {
                    throw new NpyFormatException(name, shapeAt, "absurd shape " + sh + ": negative dimension");
                }
                dims.add(v);
            } catch (final NumberFormatException e) {
                throw new NpyFormatException(name, shapeAt, "absurd shape " + sh + ": '" + p + "' is not a dimension");
            }
        }
        if (dims.size() > TensorView.MAX_RANK) {
            throw new NpyFormatException(name, shapeAt, "absurd shape " + sh + ": more than 32 dimensions");
        }
        h.shape = new long[dims.size()];
        long n = 1;
        try {
            for (int i = 0; i < h.shape.length; i++) {
                h.shape[i] = dims.get(i);
                n = Math.multiplyExact(n, h.shape[i]);
            }
            Math.multiplyExact(n, (long) h.dtype.itemSize());
        } catch (final ArithmeticException e) {
            throw new NpyFormatException(name, shapeAt, "absurd shape " + sh + ": its byte size overflows 64 bits");
        }
        h.count = n;
        return h;
    }

    private static String field(final String name, final String text, final int base, final String key) {
        int k = text.indexOf("'" + key + "'");
        if (k < 0) {
            k = text.indexOf("\"" + key + "\"");
        }
        if (k < 0) {
            throw new NpyFormatException(name, base, "header has no '" + key + "' key: " + text.trim());
        }
        int p = text.indexOf(':', k + key.length() + 2);
        if (p < 0) {
            throw new NpyFormatException(name, base + k, "header key '" + key + "' has no value");
        }
        p++;
        while (p < text.length() && text.charAt(p) == ' ') {
            p++;
        }
        final int start = p;
        if (p < text.length() && (text.charAt(p) == '\'' || text.charAt(p) == '"')) {
            final char q = text.charAt(p);
            final int end = text.indexOf(q, p + 1);
            if (end < 0) {
                throw new NpyFormatException(name, base + p, "unterminated string in the header");
            }
            return text.substring(start, end + 1);
        }
        if (p < text.length() && text.charAt(p) == '(') {
            final int end = text.indexOf(')', p);
            if (end < 0) {
                throw new NpyFormatException(name, base + p, "unterminated shape tuple in the header");
            }
            return text.substring(start, end + 1);
        }
        int end = p;
        while (end < text.length() && text.charAt(end) != ',' && text.charAt(end) != '}') {
            end++;
        }
        return text.substring(start, end).trim();
    }

    public String name() {
        return name;
    }

    public int version() {
        return major;
    }

    public DType dtype() {
        return dtype;
    }

    public boolean fortranOrder() {
        return fortran;
    }

    public long[] shape() {
        return shape.clone();
    }

    public long count() {
        return count;
    }

    public long dataOffset() {
        return dataOffset;
    }

    public long dataBytes() {
        return dataBytes;
    }

    public long fileSize() {
        return fileSize;
    }

    /** The header as an array (dtype and shape; no elements) for {@code TensorSchemaEnforcer.checkSpec}. */
    public NdArray header() {
        return new HeaderArray(dtype, shape);
    }

    /**
     * Maps the data and wraps {@code into} over it with the file's shape and C or F strides.
     *
     * @throws NpyFormatException when the data is larger than one region (walk {@link #regions} instead)
     */
    public TensorView view(final TensorView into) throws IOException {
        if (dataBytes > DEFAULT_REGION) {
            throw new NpyFormatException(name, dataOffset, dataBytes + " data bytes exceed one 2 GiB view: walk it in "
                + "regions");
        }
        final MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, dataOffset, dataBytes);
        final long[] strides = new long[shape.length];
        long st = dtype.itemSize();
        if (fortran) {
            for (int i = 0; i < shape.length; i++) {
                strides[i] = st;
                st *= Math.max(1, shape[i]);
            }
        } else {
            for (int i = shape.length - 1; i >= 0; i--) {
                strides[i] = st;
                st *= Math.max(1, shape[i]);
            }
        }
        return into.wrap(dtype, m, 0, (int) dataBytes, 0, shape.length, shape, strides);
    }

    /** Receives the data in storage order, one region at a time. */
    public interface RegionVisitor {
        /**
         * @param region     a 1-D view of the elements {@code [firstIndex, firstIndex + region.size())} in storage order
         * @param firstIndex storage-order index of the region's first element
         * @return false to stop the walk
         */
        boolean visit(TensorView region, long firstIndex) throws IOException;
    }

    /** Walks the data in storage order in mapped regions of at most {@code regionBytes} (rounded down to elements). */
    public void regions(final int regionBytes, final TensorView into, final RegionVisitor visitor) throws IOException {
        final int item = dtype.itemSize();
        final long perRegion = Math.max(1, regionBytes / item);
        final long[] sh = new long[1];
        for (long first = 0; first < count; first += perRegion) {
            final long n = Math.min(perRegion, count - first);
            final MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, dataOffset + first * item, n * item);
            sh[0] = n;
            into.wrap(dtype, m, 0, (int) (n * item), 0, 1, sh, null);
            if (!visitor.visit(into, first)) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }

    /** Reads a .npy stream (a deflated .npz entry) through a bounded buffer: header first, then data chunk by chunk. */
    public static void stream(final String name, final InputStream in, final long entrySize, final int bufferBytes,
                              final java.util.function.Consumer<Header> onHeader, final RegionVisitor visitor)
        throws IOException {
        final byte[] pre = in.readNBytes(12);
        if (pre.length < 10) {
            throw new NpyFormatException(name, pre.length, "truncated: a .npy preamble needs 10 bytes");
        }
        final int major = pre[6] & 0xff;
        final long hlen = major == 1 ? (pre[8] & 0xff) | (pre[9] & 0xff) << 8
            : (pre[8] & 0xffL) | (pre[9] & 0xffL) << 8 | (pre[10] & 0xffL) << 16 | (pre[11] & 0xffL) << 24;
        final int hstart = major == 1 ? 10 : 12;
        if (hlen > (1 << 20)) {
            throw new NpyFormatException(name, 8, "header length " + hlen + " is absurd");
        }
        final byte[] rest = in.readNBytes((int) Math.max(0, hstart + hlen - pre.length));
        final byte[] all = new byte[pre.length + rest.length];
        System.arraycopy(pre, 0, all, 0, pre.length);
        System.arraycopy(rest, 0, all, pre.length, rest.length);
        final Header h = parseHeader(name, all, entrySize < 0 ? all.length : entrySize);
        onHeader.accept(h);
        final int item = h.dtype.itemSize();
        final int cap = Math.max(item, bufferBytes / item * item);
        final byte[] buf = new byte[cap];
        final TensorView v = new TensorView();
        final long[] sh = new long[1];
        // the leftover bytes of 'all' past the header belong to the data
        int have = all.length - (int) h.dataOffset;
        System.arraycopy(all, (int) h.dataOffset, buf, 0, Math.max(0, have));
        have = Math.max(0, have);
        long first = 0;
        long offset = h.dataOffset;
        while (first < h.count) {
            final long want = Math.min((long) cap / item, h.count - first) * item;
            while (have < want) {
                final int r = in.read(buf, have, (int) want - have);
                if (r < 0) {
                    throw new NpyFormatException(name, offset + have, "truncated: the header promises "
                        + h.count * item + " data bytes from byte " + h.dataOffset + " but the entry ends at byte "
                        + (offset + have));
                }
                have += r;
            }
            sh[0] = want / item;
            v.wrap(h.dtype, buf, 0, (int) want, 0, 1, sh, null);
            if (!visitor.visit(v, first)) {
                return;
            }
            first += sh[0];
            offset += want;
            System.arraycopy(buf, (int) want, buf, 0, have - (int) want);
            have -= (int) want;
        }
    }

    /** An array with a header only: what the enforcer's header checks need. */
    static final class HeaderArray implements NdArray {
        private final DType dtype;
        private final long[] shape;

        HeaderArray(final DType dtype, final long[] shape) {
            this.dtype = dtype;
            this.shape = shape.clone();
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public int rank() {
            return shape.length;
        }

        @Override
        public long dim(final int i) {
            return shape[i];
        }

        @Override
        public String pyRepr() {
            return "array(<" + PyText.shape(shape) + " " + dtype + ">)";
        }
    }
}
