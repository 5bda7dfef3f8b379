package io.signet.serving;

import io.signet.column.ColumnBatch;
import io.signet.enforce.TensorViolations;
import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Deviations;
import io.signet.internal.json.TensorReader;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A worker's scoring state, owned by the caller: the inputs of the last accepted request (off-heap
 * tensors or a column batch), its enforced params and MLflow's warnings, and the reusable scratch
 * of the readers (tensor slots, the frame writers, violation collectors, the request's
 * {@link Deviations}). {@link ScoringServer#invoke(ScoringContext, byte[], String)} fills it; one
 * context serves any number of requests and servers (models) one after another.
 *
 * <pre>{@code
 * try (ScoringContext ctx = new ScoringContext()) {          // one per worker thread
 *     ScoringResponse r = server.invoke(ctx, body, contentType);
 *     if (r.ok() && ctx.inputKind() == ScoringContext.InputKind.TENSORS) {
 *         TensorView x = ctx.tensor(0);                       // no copy
 *     }
 * }
 * }</pre>
 *
 * <h2>Lifetime</h2>
 * Everything a context hands out ({@link TensorView}s, {@link ByteBuffer}s, the {@link ColumnBatch},
 * params) is valid until the context's next {@code invoke} or its {@link #close()}: the next
 * request overwrites the memory in place, and trimming or closing frees it (a buffer kept past that
 * points at freed memory). Copy what must outlive the request.
 *
 * <h2>Memory</h2>
 * Tensor slots and column buffers grow to the largest request seen and are reused, so a worker in
 * a steady state allocates nothing off-heap. At the start of each request, off-heap memory above the
 * context's high-water mark ({@link #retainLimit()}, default {@link #DEFAULT_RETAIN_BYTES}) is
 * freed, largest buffers first, so after a burst N workers hold at most about N x the mark (plus the
 * request in flight). {@link #trim()} does the same at once; {@link #close()} frees everything.
 *
 * <p>Not thread-safe: one per worker thread (or per request in flight).
 */
public final class ScoringContext implements AutoCloseable {
    /** Off-heap bytes a context keeps between requests unless told otherwise: 16 MiB. */
    public static final long DEFAULT_RETAIN_BYTES = 16L << 20;

    /** What the last accepted request handed to the model. */
    public enum InputKind {
        /** No request accepted yet, the last one was rejected, or the model has no input schema. */
        NONE,
        /** Tensor inputs: {@link #tensorCount()} tensors in schema order. */
        TENSORS,
        /** Column inputs: {@link #columns()}, the schema's columns in schema order. */
        COLUMNS
    }

    /** Which path accepted the last request (tests and metrics; not API). */
    enum Path { NONE, FAST_TENSORS, FAST_FRAME, EXACT }

    private static final Map<String, Object> NO_PARAMS = Collections.emptyMap();

    private final long retainLimit;

    // ---------------------------------------------------------------- scratch shared by the paths
    /** The request's deviation facts (the first wins); cleared at every request. */
    final Deviations deviations = new Deviations();
    /** The streaming tensor reader, noting into {@link #deviations}. */
    final TensorReader reader = new TensorReader(deviations);
    /** The fast tensor path's violation collector. */
    final TensorViolations violations = new TensorViolations(1);
    /** The frame path's writers, scratch and column batch. */
    final FastFramePath.State frame = new FastFramePath.State();

    private DecodedTensor[] tensors = new DecodedTensor[4];
    private TensorView[] views = new TensorView[4];
    private ByteBuffer[] bufferViews = new ByteBuffer[4];
    private ByteBuffer[] bufferSources = new ByteBuffer[4];
    private ByteBuffer[] offsetViews = new ByteBuffer[4];
    private ByteBuffer[] offsetSources = new ByteBuffer[4];
    /** Object-dtype inputs of the exact path (no off-heap layout), per slot; else null. */
    private Object[][] objects = new Object[4][];
    private final ByteBuffer empty = ByteBuffer.allocate(0).order(ByteOrder.LITTLE_ENDIAN);
    /** Where a direct-buffer or stream body is copied to be parsed (Jackson's byte parser needs an array). */
    private byte[] body = new byte[0];

    // ---------------------------------------------------------------- the last request's outcome
    private InputKind kind = InputKind.NONE;
    private Path path = Path.NONE;
    private Path answeredBy = Path.NONE;
    private int tensorCount;
    private String[] tensorNames;
    private Map<String, Object> params = NO_PARAMS;
    private List<String> warnings = Collections.emptyList();
    private boolean closed;

    /** A context keeping up to {@link #DEFAULT_RETAIN_BYTES} of off-heap memory between requests. */
    public ScoringContext() {
        this(DEFAULT_RETAIN_BYTES);
    }

    /**
     * @param retainLimit off-heap bytes kept between requests (0: free every buffer before each
     *                    request; a buffer as large as a typical request avoids re-allocation)
     */
    public ScoringContext(final long retainLimit) {
        if (retainLimit < 0) {
            throw new IllegalArgumentException("retainLimit must be >= 0, got " + retainLimit);
        }
        this.retainLimit = retainLimit;
    }

    /** The high-water mark: off-heap bytes kept between requests. */
    public long retainLimit() {
        return retainLimit;
    }

    // ================================================================ inputs of the last accepted request

    /** What the last accepted request handed to the model ({@link InputKind#NONE} after a rejection). */
    public InputKind inputKind() {
        return kind;
    }

    /** Number of tensor inputs ({@link InputKind#TENSORS}; 0 otherwise), in schema order. */
    public int tensorCount() {
        return kind == InputKind.TENSORS ? tensorCount : 0;
    }

    /** The schema's name of tensor input {@code i}, or null for an unnamed input. */
    public String tensorName(final int i) {
        checkTensor(i);
        return tensorNames == null ? null : tensorNames[i];
    }

    /** Tensor input {@code i}'s dtype; str and bytes sized as numpy makes them ({@code <U5}, {@code |S3}). */
    public DType tensorDtype(final int i) {
        checkTensor(i);
        return tensors[i].dtype();
    }

    /** Tensor input {@code i}'s rank. */
    public int tensorRank(final int i) {
        checkTensor(i);
        return tensors[i].rank();
    }

    /** Dimension {@code d} of tensor input {@code i}. */
    public long tensorDim(final int i, final int d) {
        checkTensor(i);
        if (d < 0 || d >= tensors[i].rank()) {
            throw new IndexOutOfBoundsException("dimension " + d + " of a rank-" + tensors[i].rank() + " tensor");
        }
        return tensors[i].dim(d);
    }

    /** Number of elements of tensor input {@code i}. */
    public long tensorSize(final int i) {
        checkTensor(i);
        return tensors[i].size();
    }

    /**
     * Tensor input {@code i} as a {@link TensorView} over its off-heap memory (C order, little endian,
     * no copy, no allocation): numbers, bool, datetime64 and timedelta64. The view is the context's
     * own flyweight, re-pointed at each call.
     *
     * @throws IllegalStateException for str, bytes and object tensors (use {@link #tensorString},
     *                               {@link #tensorBytes}, {@link #tensorElement})
     */
    public TensorView tensor(final int i) {
        checkTensor(i);
        final DecodedTensor t = tensors[i];
        if (objects[i] != null || !t.hasFixedWidth()) {
            throw new IllegalStateException("tensor " + i + " is " + t.dtype() + ", which has no fixed-width view: "
                + "read it with tensorString / tensorBytes / tensorElement");
        }
        return t.view(view(i));
    }

    /**
     * Tensor input {@code i}'s element bytes as a little-endian {@link ByteBuffer} over the same
     * off-heap memory ({@link #tensor} reads; position 0, limit the bytes in use; the same buffer
     * object is handed back, reset, at each call). For str and bytes tensors these are the elements'
     * UTF-8 or raw bytes back to back, delimited by {@link #tensorOffsets}.
     *
     * @throws IllegalStateException for object tensors
     */
    public ByteBuffer tensorBuffer(final int i) {
        checkTensor(i);
        if (objects[i] != null) {
            throw new IllegalStateException("tensor " + i + " holds Python objects (dtype object): no off-heap bytes");
        }
        final DecodedTensor t = tensors[i];
        final ByteBuffer src = t.dataBacking();
        if (src == null) {
            return empty;
        }
        if (bufferSources[i] != src) {
            bufferViews[i] = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            bufferSources[i] = src;
        }
        final ByteBuffer b = bufferViews[i];
        b.clear().limit(t.dataLength());
        return b;
    }

    /**
     * A str or bytes tensor's N + 1 little-endian int64 offsets into {@link #tensorBuffer}: element
     * {@code k} is bytes {@code [offset(k), offset(k + 1))}.
     *
     * @throws IllegalStateException for other dtypes
     */
    public ByteBuffer tensorOffsets(final int i) {
        checkTensor(i);
        final DecodedTensor t = tensors[i];
        final DType.Kind k = t.dtype().kind();
        if (objects[i] != null || k != DType.Kind.STR && k != DType.Kind.BYTES) {
            throw new IllegalStateException("tensor " + i + " is " + t.dtype() + ": only str and bytes have offsets");
        }
        final ByteBuffer src = t.offsetsBacking();
        if (src == null) {
            return empty;
        }
        if (offsetSources[i] != src) {
            offsetViews[i] = src.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            offsetSources[i] = src;
        }
        final ByteBuffer b = offsetViews[i];
        b.clear().limit((int) Math.min(b.capacity(), (t.size() + 1) * 8));
        return b;
    }

    /** Element {@code k} (C order) of a str tensor, decoded from its UTF-8 bytes (allocates). */
    public String tensorString(final int i, final long k) {
        checkElement(i, k, DType.Kind.STR);
        return tensors[i].getString(k);
    }

    /** Element {@code k} (C order) of a bytes tensor, copied (allocates). */
    public byte[] tensorBytes(final int i, final long k) {
        checkElement(i, k, DType.Kind.BYTES);
        final DecodedTensor t = tensors[i];
        final int from = (int) t.offsets().getLong((int) k * 8, ByteOrder.LITTLE_ENDIAN);
        final int to = (int) t.offsets().getLong((int) (k + 1) * 8, ByteOrder.LITTLE_ENDIAN);
        final byte[] b = new byte[to - from];
        t.data().getBytes(from, b);
        return b;
    }

    /**
     * Element {@code k} (C order) of any tensor input as a Java value (cold path; allocates): Boolean,
     * Long (integers; uint64 as its bit pattern; datetime64 / timedelta64 as the count in their
     * unit), Double, String, byte[], or the Python value of an object tensor.
     */
    public Object tensorElement(final int i, final long k) {
        checkTensor(i);
        final DecodedTensor t = tensors[i];
        if (k < 0 || k >= t.size()) {
            throw new IndexOutOfBoundsException("element " + k + " of " + t.size());
        }
        if (objects[i] != null) {
            return objects[i][(int) k];
        }
        switch (t.dtype().kind()) {
            case BOOL:
                return t.getLong(k) != 0;
            case FLOAT:
                return t.getDouble(k);
            case STR:
                return t.getString(k);
            case BYTES:
                return tensorBytes(i, k);
            default:
                return t.getLong(k);
        }
    }

    /**
     * The column inputs ({@link InputKind#COLUMNS}): the schema's columns in schema order, off-heap.
     *
     * @throws IllegalStateException when the last request did not hand out columns
     */
    public ColumnBatch columns() {
        if (kind != InputKind.COLUMNS) {
            throw new IllegalStateException("no column inputs: the last request handed out " + kind);
        }
        return frame.batch;
    }

    /**
     * The params handed to the model: enforced, converted and with the schema's defaults filled, in
     * MLflow's order (the params sent, then the defaults of the others; unmodifiable). Empty when the model has no params schema and none were sent
     * (MLflow passes None). Empty after a rejected request.
     */
    public Map<String, Object> params() {
        return params;
    }

    /** MLflow's warnings about the params of the last accepted request (ignored params, ...); unmodifiable. */
    public List<String> warnings() {
        return warnings;
    }

    // ================================================================ memory

    /**
     * Bytes this context holds now: its off-heap tensor slots and column buffers and its heap body
     * scratch (the copy of a direct-buffer or stream body), in use or not.
     */
    public long retainedBytes() {
        long total = frame.batch.offHeapBytes() + body.length;
        for (final DecodedTensor t : tensors) {
            if (t != null) {
                total += t.offHeapBytes();
            }
        }
        return total;
    }

    /**
     * Frees off-heap memory above {@link #retainLimit()}, largest buffers first; what the last request
     * handed out may be freed (call it after the inputs are consumed). Done at every request's start.
     */
    public void trim() {
        long total = retainedBytes();
        while (total > retainLimit) {
            // the largest holder: a tensor slot, the whole column batch or the body scratch
            long largest = frame.batch.offHeapBytes();
            int at = -1;
            if (body.length > largest) {
                largest = body.length;
                at = -2;
            }
            for (int i = 0; i < tensors.length; i++) {
                if (tensors[i] != null && tensors[i].offHeapBytes() > largest) {
                    largest = tensors[i].offHeapBytes();
                    at = i;
                }
            }
            if (largest == 0) {
                return;
            }
            if (at == -2) {
                body = new byte[0];
            } else if (at < 0) {
                frame.batch.releaseMemory();
            } else {
                tensors[at].close();
            }
            forgetInputs();
            total -= largest;
        }
    }

    /** Frees all off-heap memory; the context must not be used afterwards. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        forgetInputs();
        for (final DecodedTensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
        frame.batch.close();
        body = new byte[0];
    }

    /** True after {@link #close()}. */
    public boolean isClosed() {
        return closed;
    }

    // ================================================================ the server's side

    /** Start of a request: forget the last one's outcome and facts, trim memory above the mark. */
    void begin() {
        if (closed) {
            throw new IllegalStateException("this ScoringContext is closed");
        }
        forgetInputs();
        answeredBy = Path.NONE;
        deviations.clear();
        if (retainedBytes() > retainLimit) {
            trim();
        }
    }

    /** The request was rejected (or failed): nothing is handed out. */
    void forgetInputs() {
        kind = InputKind.NONE;
        path = Path.NONE;
        tensorCount = 0;
        tensorNames = null;
        params = NO_PARAMS;
        warnings = Collections.emptyList();
        for (int i = 0; i < objects.length; i++) {
            objects[i] = null;
        }
    }

    /** The body scratch, at least {@code n} bytes long, its content kept when it grows. */
    byte[] bodyScratch(final int n) {
        if (body.length < n) {
            body = java.util.Arrays.copyOf(body, n);
        }
        return body;
    }

    /** Slot i of the tensor inputs (created on first use, then reused). */
    DecodedTensor slot(final int i) {
        if (i >= tensors.length) {
            final int n = Math.max(i + 1, tensors.length * 2);
            tensors = java.util.Arrays.copyOf(tensors, n);
            views = java.util.Arrays.copyOf(views, n);
            bufferViews = java.util.Arrays.copyOf(bufferViews, n);
            bufferSources = java.util.Arrays.copyOf(bufferSources, n);
            offsetViews = java.util.Arrays.copyOf(offsetViews, n);
            offsetSources = java.util.Arrays.copyOf(offsetSources, n);
            objects = java.util.Arrays.copyOf(objects, n);
        }
        DecodedTensor t = tensors[i];
        if (t == null) {
            t = new DecodedTensor();
            tensors[i] = t;
        }
        return t;
    }

    /** The reusable view flyweight of slot i. */
    TensorView view(final int i) {
        slot(i);
        TensorView v = views[i];
        if (v == null) {
            v = new TensorView();
            views[i] = v;
        }
        return v;
    }

    /** Slot i holds an object-dtype array of the exact path (shape and dtype in the slot, values here). */
    void objects(final int i, final Object[] values) {
        slot(i);
        objects[i] = values;
    }

    /** Tensors 0..count-1 are the accepted inputs (names: the schema's, shared and immutable; or null). */
    void acceptTensors(final Path by, final int count, final String[] names) {
        kind = InputKind.TENSORS;
        path = by;
        answeredBy = by;
        tensorCount = count;
        tensorNames = names;
    }

    /** The column batch holds the accepted inputs. */
    void acceptColumns(final Path by) {
        kind = InputKind.COLUMNS;
        path = by;
        answeredBy = by;
    }

    /** Accepted without inputs to hand out (no input schema, or values no batch can hold). */
    void acceptNothing(final Path by) {
        kind = InputKind.NONE;
        path = by;
        answeredBy = by;
    }

    void params(final Map<String, Object> enforced, final List<String> mlflowWarnings) {
        params = enforced == null ? NO_PARAMS : enforced;
        warnings = mlflowWarnings;
    }

    /** Which path accepted the last request. */
    Path path() {
        return path;
    }

    /**
     * Which path answered the last request, accepted or rejected: a streaming path, the exact path, or
     * NONE when it was answered before any ran (content type, size, a BOM, an internal error).
     */
    Path answeredBy() {
        return answeredBy;
    }

    void answeredBy(final Path by) {
        answeredBy = by;
    }

    private void checkTensor(final int i) {
        if (kind != InputKind.TENSORS) {
            throw new IllegalStateException("no tensor inputs: the last request handed out " + kind);
        }
        if (i < 0 || i >= tensorCount) {
            throw new IndexOutOfBoundsException("tensor " + i + " of " + tensorCount);
        }
    }

    private void checkElement(final int i, final long k, final DType.Kind expected) {
        checkTensor(i);
        final DecodedTensor t = tensors[i];
        if (objects[i] != null || t.dtype().kind() != expected) {
            throw new IllegalStateException("tensor " + i + " is " + t.dtype() + ", not " + expected.name().toLowerCase(
                java.util.Locale.ROOT));
        }
        if (k < 0 || k >= t.size()) {
            throw new IndexOutOfBoundsException("element " + k + " of " + t.size());
        }
    }
}
