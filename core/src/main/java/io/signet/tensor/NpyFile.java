package io.signet.tensor;

import io.signet.internal.tensor.PyText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

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

    /** Opens and validates the header and the data size (no data is read), under {@link NpyLimits#DEFAULT}. */
    public static NpyFile open(final Path path) throws IOException {
        return open(path, NpyLimits.DEFAULT);
    }

    /** Opens and validates the header and the data size (no data is read). */
    public static NpyFile open(final Path path, final NpyLimits limits) throws IOException {
        final FileChannel ch = FileChannel.open(path, StandardOpenOption.READ);
        try {
            return open(ch, true, path.getFileName().toString(), 0, ch.size(), limits);
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
        return openAt(ch, name, base, length, NpyLimits.DEFAULT);
    }

    /** As {@link #openAt(FileChannel, String, long, long)} under the given limits. */
    public static NpyFile openAt(final FileChannel ch, final String name, final long base, final long length,
                                 final NpyLimits limits) throws IOException {
        final long size = ch.size();
        if (base < 0 || length < 0 || base > size || length > size - base) {
            throw new NpyFormatException(name, 0, "the entry's bytes [" + base + ", +" + length
                + ") lie outside the file of " + size + " bytes");
        }
        return open(ch, false, name, base, length, limits);
    }

    private static NpyFile open(final FileChannel ch, final boolean owns, final String name, final long base,
                                final long size, final NpyLimits limits) throws IOException {
        // the preamble, then exactly the header it announces (bounded by maxHeaderChars): never the data
        final byte[] pre = read(ch, base, (int) Math.min(size, 12));
        final long p = NpyHeaderParser.preamble(name, pre, pre.length, size, limits);
        final int want = (int) p + (int) (p >>> 32);
        final byte[] bytes = want <= pre.length ? pre : read(ch, base, want);
        final Header h = NpyHeaderParser.parse(name, bytes, bytes.length, size, limits);
        checkFits(name, h, size, owns ? "file" : "entry");
        return new NpyFile(name, ch, owns, size, h, base + h.dataOffset);
    }

    /** The data the header promises must lie inside the file or entry: {@code offset + bytes <= size}, without overflow. */
    static void checkFits(final String name, final Header h, final long size, final String what) {
        final long bytes = h.count * h.dtype.itemSize(); // the parser checked this product
        if (bytes > size - h.dataOffset) {
            throw new NpyFormatException(name, h.dataOffset, "the header promises " + bytes + " data bytes (shape "
                + PyText.shape(h.shape) + " of " + h.dtype.descr() + ") from byte " + h.dataOffset
                + " but the " + what + " ends at byte " + size);
        }
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

        /** The element dtype named by {@code descr}. */
        public DType dtype() {
            return dtype;
        }

        /** True when {@code fortran_order} is {@code True}. */
        public boolean fortran() {
            return fortran;
        }

        /** A copy of the declared shape. */
        public long[] shape() {
            return shape.clone();
        }

        /** The number of elements (the shape's product). */
        public long count() {
            return count;
        }

        /** The data's first byte, relative to the start of the .npy image. */
        public long dataOffset() {
            return dataOffset;
        }

        /** The data's length in bytes (count x item size, checked not to overflow). */
        public long dataBytes() {
            return count * dtype.itemSize();
        }
    }

    /**
     * Parses the magic, version and header dict from the first bytes of a .npy stream, as numpy
     * reads them (see {@link NpyHeaderParser}).
     *
     * @param available bytes the whole file/entry has (for the "runs past the end" check)
     */
    static Header parseHeader(final String name, final byte[] b, final long available) {
        return NpyHeaderParser.parse(name, b, b.length, available, NpyLimits.DEFAULT);
    }

    /** The name messages use for the file (its path, or the .npz entry). */
    public String name() {
        return name;
    }

    /** The format's major version: 1, 2 or 3. */
    public int version() {
        return major;
    }

    /** The element dtype named by the header's {@code descr}. */
    public DType dtype() {
        return dtype;
    }

    /** True when the header says {@code fortran_order: True} (elements in F order). */
    public boolean fortranOrder() {
        return fortran;
    }

    /** A copy of the shape from the header. */
    public long[] shape() {
        return shape.clone();
    }

    /** Number of elements: the product of the shape (1 for a 0-d array). */
    public long count() {
        return count;
    }

    /** Byte offset of the element data in the file (after the header and its padding). */
    public long dataOffset() {
        return dataOffset;
    }

    /** Bytes of element data: the element count times the item size. */
    public long dataBytes() {
        return dataBytes;
    }

    /** The file's size in bytes when it was opened. */
    public long fileSize() {
        return fileSize;
    }

    /** The header as an array (dtype and shape; no elements) for {@code TensorSchemaEnforcer.checkSpec}. */
    public NdArray header() {
        return new HeaderArray(dtype, shape);
    }

    /**
     * Maps the data and wraps {@code into} over it with the file's shape and C or F strides. Reading
     * the view after the file shrank raises the JVM's {@code InternalError}: scans that must survive
     * that walk {@link #regions} instead, which turns it into an {@link IOException}.
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
        regions(regionBytes, into, visitor, null);
    }

    /**
     * As {@link #regions(int, TensorView, RegionVisitor)}, adding each region's bytes to {@code crc}
     * (when not null) before it is visited.
     *
     * @return true when every region was visited (the visitor never stopped the walk)
     * @throws IOException when the file shrank or changed under the mapping (the JVM's
     *                     {@code InternalError} for a fault in mapped memory, turned into a clean error)
     */
    public boolean regions(final int regionBytes, final TensorView into, final RegionVisitor visitor,
                           final java.util.zip.CRC32 crc) throws IOException {
        final int item = dtype.itemSize();
        final long perRegion = Math.max(1, regionBytes / item);
        final long[] sh = new long[1];
        long first = 0;
        try {
            for (; first < count; first += perRegion) {
                final long n = Math.min(perRegion, count - first);
                final MappedByteBuffer m = channel.map(FileChannel.MapMode.READ_ONLY, dataOffset + first * item,
                    n * item);
                if (crc != null) {
                    crc.update(m.duplicate());
                }
                sh[0] = n;
                into.wrap(dtype, m, 0, (int) (n * item), 0, 1, sh, null);
                if (!visitor.visit(into, first)) {
                    return false;
                }
            }
            return true;
        } catch (final InternalError e) {
            throw changedUnderneath(name, dataOffset + first * item, e);
        }
    }

    /** The JVM reports a fault in mapped memory (the file was truncated or replaced) as an InternalError. */
    public static IOException changedUnderneath(final String name, final long near, final InternalError e) {
        return new IOException(NpyFormatException.printable(name, NpyFormatException.MAX_NAME)
            + ": the file shrank or changed while it was read (a fault in its mapped memory near byte " + near + ")", e);
    }

    @Override
    public void close() throws IOException {
        if (ownsChannel) {
            channel.close();
        }
    }

    /**
     * Reads a .npy stream (a deflated .npz entry) through a bounded buffer: header first, then data
     * chunk by chunk, under {@link NpyLimits#DEFAULT}.
     */
    public static void stream(final String name, final InputStream in, final long entrySize, final int bufferBytes,
                              final java.util.function.Consumer<Header> onHeader, final RegionVisitor visitor)
        throws IOException {
        stream(name, in, entrySize, bufferBytes, NpyLimits.DEFAULT, h -> {
            onHeader.accept(h);
            return true;
        }, visitor);
    }

    /** Receives a streamed header before any data is read. */
    public interface HeaderCheck {
        /** @return false to stop before the data */
        boolean header(Header h) throws IOException;
    }

    /**
     * Reads a .npy stream through a bounded buffer: the header (checked against {@code entrySize},
     * the entry's declared size, when it is not negative), then, if {@code visitor} is not null and
     * {@code onHeader} returns true, the data chunk by chunk. Memory: the header (at most 4 x
     * maxHeaderChars bytes) and one buffer of at most {@code max(bufferBytes, one item)} bytes, never
     * more than the data the header declares (which the entry's size bounds).
     */
    public static void stream(final String name, final InputStream in, final long entrySize, final int bufferBytes,
                              final NpyLimits limits, final HeaderCheck onHeader, final RegionVisitor visitor)
        throws IOException {
        final long available = entrySize < 0 ? Long.MAX_VALUE : entrySize;
        final byte[] pre = in.readNBytes(12);
        final long p = NpyHeaderParser.preamble(name, pre, pre.length, available, limits);
        final int want = (int) p + (int) (p >>> 32);
        final byte[] all;
        if (want > pre.length) {
            all = java.util.Arrays.copyOf(pre, want);
            final int got = in.readNBytes(all, pre.length, want - pre.length);
            if (got < want - pre.length) {
                throw new NpyFormatException(name, pre.length + got, "truncated in the header: " + (pre.length + got)
                    + " of " + want + " bytes");
            }
        } else {
            all = pre;
        }
        final Header h = NpyHeaderParser.parse(name, all, all.length, available, limits);
        if (entrySize >= 0) {
            checkFits(name, h, entrySize, "entry");
        }
        if (!onHeader.header(h) || visitor == null) {
            return;
        }
        final int item = h.dtype.itemSize();
        final long bytes = h.dataBytes();
        // one buffer, whole items, no larger than the data: allocated only now that the header is checked
        // (at least 16 bytes: up to 2 bytes past a short header were read with the preamble)
        final int cap = (int) Math.max(16, Math.min(Math.max(item, bufferBytes / item * (long) item),
            Math.max(item, bytes)));
        final byte[] buf = new byte[cap];
        final TensorView v = new TensorView();
        final long[] sh = new long[1];
        // the bytes of 'all' past the header belong to the data
        int have = Math.max(0, all.length - (int) h.dataOffset);
        System.arraycopy(all, (int) h.dataOffset, buf, 0, have);
        long first = 0;
        long offset = h.dataOffset;
        while (first < h.count) {
            final long want2 = Math.min((long) cap / item, h.count - first) * item;
            while (have < want2) {
                final int r = in.read(buf, have, (int) want2 - have);
                if (r < 0) {
                    throw new NpyFormatException(name, offset + have, "truncated: the header promises " + bytes
                        + " data bytes from byte " + h.dataOffset + " but the entry ends at byte " + (offset + have));
                }
                have += r;
            }
            sh[0] = want2 / item;
            v.wrap(h.dtype, buf, 0, (int) want2, 0, 1, sh, null);
            if (!visitor.visit(v, first)) {
                return;
            }
            first += sh[0];
            offset += want2;
            System.arraycopy(buf, (int) want2, buf, 0, have - (int) want2);
            have -= (int) want2;
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

    /**
     * What a {@code .npy} header or a {@code .npz} archive may declare before Signet reads it, immutable
     * and passed in (never global). Each limit is one compare made before any memory is spent on what
     * it bounds; a breach is an {@link NpyFormatException} naming the limit
     * ({@code exceeds limit maxItemBytes=1048576}).
     *
     * <table>
     * <caption>limits and defaults ({@link #DEFAULT})</caption>
     * <tr><th>limit</th><th>default</th><th>bounds</th></tr>
     * <tr><td>maxHeaderChars</td><td>10,000</td><td>the header dict's length after decoding: numpy's own
     *     {@code max_header_size} default, so every header numpy loads is read (a v3 header is read only
     *     up to 4 bytes per character)</td></tr>
     * <tr><td>maxItemBytes</td><td>1 MiB</td><td>one element ({@code <U262144}, {@code |S1048576}): the
     *     streaming buffer holds at least one element</td></tr>
     * <tr><td>maxElements</td><td>2^40</td><td>the shape's product, whatever the file's size</td></tr>
     * <tr><td>maxEntries</td><td>65,536</td><td>entries in a .npz central directory</td></tr>
     * </table>
     *
     * <p>Data sizes are not limited here: the shape times the item size must fit the file (or the zip
     * entry's declared size) and is checked against it without overflow; nothing is allocated in
     * proportion to it.
     */
    public static final class NpyLimits {
        /** The documented defaults. */
        public static final NpyLimits DEFAULT = new NpyLimits(10_000, 1 << 20, 1L << 40, 1 << 16);

        private final int maxHeaderChars;
        private final int maxItemBytes;
        private final long maxElements;
        private final int maxEntries;

        private NpyLimits(final int maxHeaderChars, final int maxItemBytes, final long maxElements,
                          final int maxEntries) {
            if (maxHeaderChars <= 0 || maxItemBytes <= 0 || maxElements <= 0 || maxEntries <= 0) {
                throw new IllegalArgumentException("limits must be positive");
            }
            if (maxHeaderChars > 1 << 20) {
                throw new IllegalArgumentException("maxHeaderChars must be at most 1 MiB");
            }
            this.maxHeaderChars = maxHeaderChars;
            this.maxItemBytes = maxItemBytes;
            this.maxElements = maxElements;
            this.maxEntries = maxEntries;
        }

        /** The longest header dict, in characters, Signet reads. */
        public int maxHeaderChars() {
            return maxHeaderChars;
        }

        /** The largest element, in bytes, a header's dtype may declare. */
        public int maxItemBytes() {
            return maxItemBytes;
        }

        /** The most elements a header's shape may declare. */
        public long maxElements() {
            return maxElements;
        }

        /** The most entries a .npz central directory may list. */
        public int maxEntries() {
            return maxEntries;
        }

        /** A copy of these limits with {@code maxHeaderChars} set to {@code v}. */
        public NpyLimits withMaxHeaderChars(final int v) {
            return new NpyLimits(v, maxItemBytes, maxElements, maxEntries);
        }

        /** A copy of these limits with {@code maxItemBytes} set to {@code v}. */
        public NpyLimits withMaxItemBytes(final int v) {
            return new NpyLimits(maxHeaderChars, v, maxElements, maxEntries);
        }

        /** A copy of these limits with {@code maxElements} set to {@code v}. */
        public NpyLimits withMaxElements(final long v) {
            return new NpyLimits(maxHeaderChars, maxItemBytes, v, maxEntries);
        }

        /** A copy of these limits with {@code maxEntries} set to {@code v}. */
        public NpyLimits withMaxEntries(final int v) {
            return new NpyLimits(maxHeaderChars, maxItemBytes, maxElements, v);
        }

        @Override
        public String toString() {
            return "NpyLimits{maxHeaderChars=" + maxHeaderChars + ", maxItemBytes=" + maxItemBytes + ", maxElements="
                + maxElements + ", maxEntries=" + maxEntries + '}';
        }
    }
}
