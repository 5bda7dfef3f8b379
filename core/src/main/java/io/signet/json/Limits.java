package io.signet.json;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Resource limits for one scoring request, immutable and passed in (never global). Each limit is
 * a single compare; a breach is a 400 {@code BAD_REQUEST} whose message names the limit
 * ({@code Payload exceeds limit maxNestingDepth=64}).
 *
 * <p>Defaults ({@link #DEFAULT}):
 * <table>
 * <caption>limits</caption>
 * <tr><th>limit</th><th>default</th><th>enforced by</th></tr>
 * <tr><td>maxDocumentBytes</td><td>64 MiB</td><td>Signet (body length) and StreamReadConstraints.maxDocumentLength
 * (jackson-core 2.16 and later)</td></tr>
 * <tr><td>maxNestingDepth</td><td>64</td><td>StreamReadConstraints.maxNestingDepth</td></tr>
 * <tr><td>maxElementsPerTensor</td><td>16,777,216 (2^24)</td><td>Signet, while elements are written</td></tr>
 * <tr><td>maxStringLength</td><td>1 MiB (chars)</td><td>StreamReadConstraints.maxStringLength</td></tr>
 * <tr><td>maxNumberLength</td><td>1,000 chars</td><td>StreamReadConstraints.maxNumberLength</td></tr>
 * </table>
 * Off-heap output is bounded by {@code maxElementsPerTensor x itemsize} per tensor, string tensors
 * by the document size; heap copies in the cold paths by the document size.
 */
public final class Limits {
    /** The documented defaults. */
    public static final Limits DEFAULT = new Limits(64L << 20, 64, 1 << 24, 1 << 20, 1000);

    private final long maxDocumentBytes;
    private final int maxNestingDepth;
    private final long maxElementsPerTensor;
    private final int maxStringLength;
    private final int maxNumberLength;

    private Limits(final long maxDocumentBytes, final int maxNestingDepth, final long maxElementsPerTensor,
                   final int maxStringLength, final int maxNumberLength) {
        if (maxDocumentBytes <= 0 || maxNestingDepth <= 0 || maxElementsPerTensor <= 0 || maxStringLength <= 0
            || maxNumberLength <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxNestingDepth > 1000) {
            throw new IllegalArgumentException("maxNestingDepth must be at most 1000");
        }
        this.maxDocumentBytes = maxDocumentBytes;
        this.maxNestingDepth = maxNestingDepth;
        this.maxElementsPerTensor = maxElementsPerTensor;
        this.maxStringLength = maxStringLength;
        this.maxNumberLength = maxNumberLength;
    }

    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    public long maxElementsPerTensor() {
        return maxElementsPerTensor;
    }

    public int maxStringLength() {
        return maxStringLength;
    }

    public int maxNumberLength() {
        return maxNumberLength;
    }

    public Limits withMaxDocumentBytes(final long v) {
        return new Limits(v, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength);
    }

    public Limits withMaxNestingDepth(final int v) {
        return new Limits(maxDocumentBytes, v, maxElementsPerTensor, maxStringLength, maxNumberLength);
    }

    public Limits withMaxElementsPerTensor(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, v, maxStringLength, maxNumberLength);
    }

    public Limits withMaxStringLength(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, v, maxNumberLength);
    }

    public Limits withMaxNumberLength(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, v);
    }

    /**
     * Jackson's view of these limits, built when a factory is made (not here: a Limits must exist
     * before the jackson-core version is checked). Name and document length are Jackson limits
     * from 2.16 on; on 2.15 names are bounded by the document and the document length by Signet.
     *
     * @throws IllegalStateException (one sentence) when the jackson-core on the classpath is not supported
     */
    public StreamReadConstraints streamReadConstraints() {
        io.signet.JacksonSupport.check();
        final StreamReadConstraints.Builder b = StreamReadConstraints.builder()
            .maxNestingDepth(maxNestingDepth)
            .maxStringLength(maxStringLength)
            .maxNumberLength(maxNumberLength);
        if (io.signet.JacksonSupport.HAS_DOCUMENT_LIMITS) {
            since216(b, "maxNameLength", int.class, Math.max(maxStringLength, 1000));
            since216(b, "maxDocumentLength", long.class, maxDocumentBytes);
        }
        return b.build();
    }

    /** A StreamReadConstraints.Builder setter of jackson-core 2.16+, called by name so 2.15 links. */
    private static void since216(final StreamReadConstraints.Builder b, final String name, final Class<?> type,
                                 final Object value) {
        try {
            StreamReadConstraints.Builder.class.getMethod(name, type).invoke(b, value);
        } catch (final ReflectiveOperationException e) {
            throw new IllegalStateException("jackson-core " + com.fasterxml.jackson.core.json.PackageVersion.VERSION
                + " lacks StreamReadConstraints.Builder." + name, e);
        }
    }

    @Override
    public String toString() {
        return "Limits{maxDocumentBytes=" + maxDocumentBytes + ", maxNestingDepth=" + maxNestingDepth
            + ", maxElementsPerTensor=" + maxElementsPerTensor + ", maxStringLength=" + maxStringLength
            + ", maxNumberLength=" + maxNumberLength + '}';
    }
}
