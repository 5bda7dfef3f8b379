package io.signet.tensor;

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
public final class NpyLimits {
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
