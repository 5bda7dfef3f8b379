package io.signet.json;

import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * Resource limits for one scoring request, immutable and passed in (never global). Each limit is
 * a single compare made before the memory it guards is spent; a breach is a 400
 * {@code BAD_REQUEST} whose message names the limit ({@code Payload exceeds limit
 * maxNestingDepth=64}).
 *
 * <p>Defaults ({@link #DEFAULT}), chosen so that a JVM with a 256 MiB heap and 256 KiB worker
 * stacks answers every body up to the default document size (README, "Payload limits", gives the
 * heap each path needs per body byte and the stack per nesting level):
 * <table>
 * <caption>limits</caption>
 * <tr><th>limit</th><th>default</th><th>bounds</th><th>checked by</th></tr>
 * <tr><td>maxDocumentBytes</td><td>64 MiB</td><td>the body</td><td>Signet (body length) and
 * StreamReadConstraints.maxDocumentLength</td></tr>
 * <tr><td>maxNestingDepth</td><td>64</td><td>the stack every recursive reader and rule needs</td>
 * <td>StreamReadConstraints.maxNestingDepth</td></tr>
 * <tr><td>maxElementsPerTensor</td><td>16,777,216 (2^24)</td><td>a decoded tensor (off-heap)</td>
 * <td>Signet, while elements are written</td></tr>
 * <tr><td>maxStringLength</td><td>1 Mi chars</td><td>one JSON string or key</td>
 * <td>StreamReadConstraints.maxStringLength</td></tr>
 * <tr><td>maxNumberLength</td><td>1,000 chars</td><td>one JSON number</td>
 * <td>StreamReadConstraints.maxNumberLength</td></tr>
 * <tr><td>maxKeysPerObject</td><td>16,384</td><td>one JSON object (a records row, a Map cell, the
 * envelope, named inputs)</td><td>the JSON parser, at each key, on every path</td></tr>
 * <tr><td>maxParamsElements</td><td>65,536 (2^16)</td><td>the values of the request's
 * {@code params} (the dict, lists and scalars at every level)</td><td>the JSON parser, on every
 * path</td></tr>
 * <tr><td>maxJsonValues</td><td>524,288 (2^19)</td><td>the JSON values the exact path reads a body
 * into (one Java object each, about 200 heap bytes per value there)</td><td>the exact path's JSON
 * parser, at each value</td></tr>
 * <tr><td>maxExactPathBytes</td><td>16 MiB</td><td>a body the exact path reads: CSV, and JSON the
 * streaming paths do not take (their tensors and columns live off-heap, so they take bodies up to
 * maxDocumentBytes; the exact path's Java objects take several times the body)</td>
 * <td>Signet, before the body is parsed</td></tr>
 * <tr><td>maxColumns</td><td>16,384</td><td>the columns of a frame built on the heap (split columns
 * or data keys, the union of records keys, CSV header fields, columnar inputs)</td>
 * <td>Signet, in each frame builder before it allocates</td></tr>
 * <tr><td>maxCells</td><td>524,288 (2^19)</td><td>rows x columns of a frame built on the heap
 * (records with N distinct keys make N x N cells; CSV)</td><td>Signet, before the
 * frame is allocated</td></tr>
 * <tr><td>maxCsvFieldBytes</td><td>1 MiB</td><td>one CSV field</td><td>Signet, while
 * the field is read</td></tr>
 * </table>
 * Off-heap output is bounded by {@code maxElementsPerTensor x itemsize} per tensor, string tensors
 * and streamed columns by the document size; heap copies on the exact path by maxExactPathBytes,
 * maxJsonValues, maxCells and maxParamsElements.
 */
public final class Limits {
    /** The documented defaults. */
    public static final Limits DEFAULT = new Limits(64L << 20, 64, 1 << 24, 1 << 20, 1000, 1 << 14, 1 << 16, 1 << 19,
        16L << 20, 1 << 14, 1 << 19, 1 << 20);

    private final long maxDocumentBytes;
    private final int maxNestingDepth;
    private final long maxElementsPerTensor;
    private final int maxStringLength;
    private final int maxNumberLength;
    private final int maxKeysPerObject;
    private final long maxParamsElements;
    private final long maxJsonValues;
    private final long maxExactPathBytes;
    private final int maxColumns;
    private final long maxCells;
    private final int maxCsvFieldBytes;

    private Limits(final long maxDocumentBytes, final int maxNestingDepth, final long maxElementsPerTensor,
                   final int maxStringLength, final int maxNumberLength, final int maxKeysPerObject,
                   final long maxParamsElements, final long maxJsonValues, final long maxExactPathBytes,
                   final int maxColumns, final long maxCells, final int maxCsvFieldBytes) {
        if (maxDocumentBytes <= 0 || maxNestingDepth <= 0 || maxElementsPerTensor <= 0 || maxStringLength <= 0
            || maxNumberLength <= 0 || maxKeysPerObject <= 0 || maxParamsElements <= 0 || maxJsonValues <= 0
            || maxExactPathBytes <= 0 || maxColumns <= 0 || maxCells <= 0 || maxCsvFieldBytes <= 0) {
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
        this.maxKeysPerObject = maxKeysPerObject;
        this.maxParamsElements = maxParamsElements;
        this.maxJsonValues = maxJsonValues;
        this.maxExactPathBytes = maxExactPathBytes;
        this.maxColumns = maxColumns;
        this.maxCells = maxCells;
        this.maxCsvFieldBytes = maxCsvFieldBytes;
    }

    /** The limit on bytes in one request body. */
    public long maxDocumentBytes() {
        return maxDocumentBytes;
    }

    /** The limit on nesting depth of JSON arrays and objects in a body. */
    public int maxNestingDepth() {
        return maxNestingDepth;
    }

    /** The limit on elements in one decoded tensor (the shape's product). */
    public long maxElementsPerTensor() {
        return maxElementsPerTensor;
    }

    /** The limit on characters in one JSON string. */
    public int maxStringLength() {
        return maxStringLength;
    }

    /** The limit on characters in one JSON number. */
    public int maxNumberLength() {
        return maxNumberLength;
    }

    /** Keys in one JSON object. */
    public int maxKeysPerObject() {
        return maxKeysPerObject;
    }

    /** Values (scalars, lists and dicts at every level) in the request's {@code params}. */
    public long maxParamsElements() {
        return maxParamsElements;
    }

    /** JSON values a body is read into on the exact path (one Java object each). */
    public long maxJsonValues() {
        return maxJsonValues;
    }

    /** Bytes of a body the exact path reads (every JSON body the streaming paths did not accept; every CSV body). */
    public long maxExactPathBytes() {
        return maxExactPathBytes;
    }

    /** Columns of a frame built on the heap. */
    public int maxColumns() {
        return maxColumns;
    }

    /** Rows x columns of a frame built on the heap. */
    public long maxCells() {
        return maxCells;
    }

    /** Bytes in one CSV field. */
    public int maxCsvFieldBytes() {
        return maxCsvFieldBytes;
    }

    /** A copy of these limits with {@code maxDocumentBytes} set to {@code v}; the others unchanged. */
    public Limits withMaxDocumentBytes(final long v) {
        return new Limits(v, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes,
            maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxNestingDepth} set to {@code v}; the others unchanged. */
    public Limits withMaxNestingDepth(final int v) {
        return new Limits(maxDocumentBytes, v, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes,
            maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxElementsPerTensor} set to {@code v}; the others unchanged. */
    public Limits withMaxElementsPerTensor(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, v, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes,
            maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxStringLength} set to {@code v}; the others unchanged. */
    public Limits withMaxStringLength(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, v, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes,
            maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxNumberLength} set to {@code v}; the others unchanged. */
    public Limits withMaxNumberLength(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, v,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes,
            maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxKeysPerObject} set to {@code v}; the others unchanged. */
    public Limits withMaxKeysPerObject(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            v, maxParamsElements, maxJsonValues, maxExactPathBytes, maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxParamsElements} set to {@code v}; the others unchanged. */
    public Limits withMaxParamsElements(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, v, maxJsonValues, maxExactPathBytes, maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxJsonValues} set to {@code v}; the others unchanged. */
    public Limits withMaxJsonValues(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, v, maxExactPathBytes, maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxExactPathBytes} set to {@code v}; the others unchanged. */
    public Limits withMaxExactPathBytes(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, v, maxColumns, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxColumns} set to {@code v}; the others unchanged. */
    public Limits withMaxColumns(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes, v, maxCells, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxCells} set to {@code v}; the others unchanged. */
    public Limits withMaxCells(final long v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes, maxColumns, v, maxCsvFieldBytes);
    }

    /** A copy of these limits with {@code maxCsvFieldBytes} set to {@code v}; the others unchanged. */
    public Limits withMaxCsvFieldBytes(final int v) {
        return new Limits(maxDocumentBytes, maxNestingDepth, maxElementsPerTensor, maxStringLength, maxNumberLength,
            maxKeysPerObject, maxParamsElements, maxJsonValues, maxExactPathBytes, maxColumns, maxCells, v);
    }

    /**
     * Jackson's view of these limits, built when a factory is made (not here: a Limits must exist
     * before the jackson-core version is checked). Name and document length are Jackson limits
     * from 2.16 on; on 2.15 names are bounded by the document and the document length by Signet.
     *
     * @throws IllegalStateException (one sentence) when the jackson-core on the classpath is not supported
     */
    public StreamReadConstraints streamReadConstraints() {
        io.signet.internal.JacksonSupport.check();
        final StreamReadConstraints.Builder b = StreamReadConstraints.builder()
            .maxNestingDepth(maxNestingDepth)
            .maxStringLength(maxStringLength)
            .maxNumberLength(maxNumberLength);
        if (io.signet.internal.JacksonSupport.HAS_DOCUMENT_LIMITS) {
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
            + ", maxNumberLength=" + maxNumberLength + ", maxKeysPerObject=" + maxKeysPerObject
            + ", maxParamsElements=" + maxParamsElements + ", maxJsonValues=" + maxJsonValues
            + ", maxExactPathBytes=" + maxExactPathBytes + ", maxColumns=" + maxColumns + ", maxCells=" + maxCells
            + ", maxCsvFieldBytes=" + maxCsvFieldBytes + '}';
    }
}
