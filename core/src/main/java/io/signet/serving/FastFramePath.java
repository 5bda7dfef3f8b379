package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.internal.json.DecimalChars;
import io.signet.internal.json.PyValueReader;
import io.signet.internal.json.RawJsonParser;
import io.signet.column.NestedWriter;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;
import io.signet.schema.Schema;
import io.signet.tensor.DType;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.util.Arrays;

/**
 * The one-pass streaming path for {@code dataframe_split}, {@code dataframe_records} and
 * {@code inputs} / {@code instances} bodies of column signatures: plain cells are cast as
 * {@code cast_df_types_according_to_schema} casts them and written straight into the context's
 * reusable {@link ColumnBatch} (off-heap columns of the schema's dtypes: numbers as they are
 * parsed, str cells encoded from Jackson's character buffer into UTF-8, no String per cell); the
 * column helper's {@link ColumnEnforcer} then checks the batch. After warm-up a request allocates
 * no more than the parser and the batch's label index.
 *
 * <p>Array / Object / Map columns of named schemas in {@code dataframe_split} and
 * {@code dataframe_records} bodies, and Object / Map columns (no Array column) in {@code inputs}
 * records, are streamed token by token into the column's {@link NestedWriter} (an off-heap offset
 * tree, no Java value per cell), walking the column type beside the tokens: only cells MLflow's
 * {@code _enforce_array} / {@code _enforce_object} / {@code _enforce_map} take unchanged (lists,
 * dicts with declared properties and no repeated key, str-keyed maps, leaves of the leaf type's own
 * JSON kind: ints for long, non-integer-literal finite floats for double, bools, strs) are written;
 * anything else abstains.
 *
 * <p>Like {@link FastTensorPath} it only says yes: anything unusual (data before columns, nulls
 * where pandas' dtype inference matters, strings in numeric columns, irregular nested cells, missing or
 * duplicate columns or record keys, lone surrogates, LLM keys, ...) returns null and the exact
 * MLflow path judges the request.
 */
final class FastFramePath {
    /** Reusable state of one worker (held by its {@link ScoringContext}). */
    static final class State {
        final ColumnBatch batch = new ColumnBatch();
        final ColumnViolations violations = new ColumnViolations(1);
        /** Schema column of each payload column (-1: not in the schema). */
        int[] slot = new int[8];
        /**
         * The writer of each batch column slot, kept between requests: the batch hands the same one back
         * while the layout repeats (payload columns of the schema for split, schema columns for records).
         */
        ColumnBatch.ColumnWriter[] writers = new ColumnBatch.ColumnWriter[8];
        /** The writer of each payload column of a split body (null: not a schema column). */
        ColumnBatch.ColumnWriter[] cellWriters = new ColumnBatch.ColumnWriter[8];
        /** Column labels of a split body for an unnamed schema. */
        String[] labels = new String[8];
        /**
         * The time zone seen so far in each schema column's datetime strings: {@link #ZONE_UNSEEN},
         * {@link #ZONE_NAIVE}, or the UTC offset (seconds) every aware string had.
         */
        int[] zone = new int[8];
        /** The nested writer of each batch column slot (Array / Object / Map columns; null otherwise). */
        NestedWriter[] nested = new NestedWriter[8];
        /** The nested writer of each payload column of a split body (null: not a nested schema column). */
        NestedWriter[] cellNested = new NestedWriter[8];
        /** UTF-8 bytes of the keys of the maps open in the current nested cell (repeated keys abstain). */
        byte[] keyBytes = new byte[256];
        /** End offset (in keyBytes) of each key on the stack. */
        int[] keyEnds = new int[32];
        int nKeys;
        /** UTF-8 bytes of the current str cell. */
        byte[] utf8 = new byte[256];
        final UnsafeBuffer utf8View = new UnsafeBuffer(utf8);
        final RawFrameRows rawRows = new RawFrameRows();

        static final int ZONE_UNSEEN = Integer.MIN_VALUE;
        static final int ZONE_NAIVE = Integer.MIN_VALUE + 1;

        void resetZones(final int n) {
            ensureSlots(n);
            Arrays.fill(zone, 0, n, ZONE_UNSEEN);
        }

        void ensureSlots(final int n) {
            if (n > slot.length) {
                slot = Arrays.copyOf(slot, n * 2);
            }
            if (n > writers.length) {
                writers = Arrays.copyOf(writers, n * 2);
            }
            if (n > labels.length) {
                labels = Arrays.copyOf(labels, n * 2);
            }
            if (n > cellWriters.length) {
                cellWriters = Arrays.copyOf(cellWriters, n * 2);
            }
            if (n > zone.length) {
                zone = Arrays.copyOf(zone, n * 2);
            }
            if (n > nested.length) {
                nested = Arrays.copyOf(nested, n * 2);
            }
            if (n > cellNested.length) {
                cellNested = Arrays.copyOf(cellNested, n * 2);
            }
        }

        byte[] utf8(final int bytes) {
            if (bytes > utf8.length) {
                utf8 = new byte[Math.max(bytes, utf8.length * 2)];
                utf8View.wrap(utf8);
            }
            return utf8;
        }
    }

    private final String[] names;
    /** The DataType of each plain column (null for a nested one). */
    private final DataType[] types;
    /** The column type of each schema column. */
    private final ColumnType[] ctypes;
    /** The walk of each nested column's type (null for a plain one). */
    private final Shape[] shapes;
    private final boolean anyNested;
    /** Whether a schema column is an Array (cells converted with np.array in inputs / instances records). */
    private final boolean anyArray;
    private final boolean[] required;
    /** False: an unnamed schema, whose columns are the payload's first columns by position. */
    private final boolean named;
    private final ColumnEnforcer enforcer;
    private final Mode mode;
    /** M10: pandas 2 refuses a tz-aware string for datetime64[ns] (the exact path words it). */
    private final boolean pandas2;
    private final JsonFactory factory;
    private final io.signet.json.Limits limits;

    private final Fallbacks fallbacks;

    FastFramePath(final Schema schema, final Mode mode, final io.signet.json.Limits limits, final JsonFactory factory) {
        this(schema, io.signet.enforce.Profile.MLFLOW_2, mode, limits, factory, new Fallbacks());
    }

    FastFramePath(final Schema schema, final io.signet.enforce.Profile profile, final Mode mode,
                  final io.signet.json.Limits limits, final JsonFactory factory, final Fallbacks fallbacks) {
        this.fallbacks = fallbacks;
        final int n = schema.size();
        names = new String[n];
        types = new DataType[n];
        ctypes = new ColumnType[n];
        shapes = new Shape[n];
        required = new boolean[n];
        boolean nestedCols = false;
        boolean arrays = false;
        for (int i = 0; i < n; i++) {
            final ColSpec c = (ColSpec) schema.input(i);
            names[i] = c.name();
            ctypes[i] = c.type();
            if (c.type() instanceof DataType) {
                types[i] = (DataType) c.type();
            } else {
                shapes[i] = Shape.of(c.type());
                nestedCols = true;
                arrays |= c.type() instanceof ArrayType;
            }
            required[i] = c.required();
        }
        this.anyNested = nestedCols;
        this.anyArray = arrays;
        this.named = schema.hasInputNames();
        this.enforcer = ColumnEnforcer.compile(schema, mode, profile);
        this.mode = mode;
        this.pandas2 = profile.pandasRefusesAwareDatetimeStrings();
        this.factory = factory;
        this.limits = limits;
    }

    static boolean applies(final Schema schema) {
        if (schema == null || schema.isTensorSpec() || schema.size() == 0 || schema.size() > 64) {
            return false; // columns are tracked in one long of bits
        }
        final boolean named = schema.hasInputNames();
        for (int i = 0; i < schema.size(); i++) {
            final InputSpec s = schema.input(i);
            final ColumnType t = ((ColSpec) s).type();
            if (!(t instanceof DataType) && (!named || Shape.of(t) == null)) {
                return false;
            }
            if (!named) {
                if (s.name() != null) {
                    return false;
                }
                continue;
            }
            if (!(s.label() instanceof String) || s.name().isEmpty()) {
                return false; // unnamed, or an integer name (MLflow 3.1+): the token text never is one
            }
            for (int j = 0; j < i; j++) {
                if (schema.input(j).name().equals(s.name())) {
                    return false;
                }
            }
        }
        return true;
    }

    private int indexOf(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (name.equals(names[i])) { // an unnamed input has a null name
                return i;
            }
        }
        return -1;
    }

    /** The schema column named by the current string token, compared in Jackson's buffer (no String). */
    private int indexOfText(final JsonParser p) throws IOException {
        return indexOfToken(p, names);
    }

    /** The index of the current string or field-name token's text in {@code names}, compared in Jackson's buffer. */
    static int indexOfToken(final JsonParser p, final String[] names) throws IOException {
        final char[] ch = p.getTextCharacters();
        final int off = p.getTextOffset();
        final int len = p.getTextLength();
        outer:
        for (int i = 0; i < names.length; i++) {
            final String n = names[i];
            if (n.length() != len) {
                continue;
            }
            for (int k = 0; k < len; k++) {
                if (n.charAt(k) != ch[off + k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /**
     * Reads and checks the body into the context's column batch; true when accepted (the context then
     * hands out the columns and params), false to let the exact path judge.
     */
    boolean tryInvoke(final ScoringContext ctx, final byte[] body, final int off, final int len,
                      final ScoringServer server) {
        try {
            if (read(ctx, body, off, len, server)) {
                return true;
            }
            fallbacks.count(ScoringServer.Fallback.DECLINED, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            fallbacks.count(ScoringServer.Fallback.MALFORMED, null);
        } catch (io.signet.internal.json.PayloadException e) {
            fallbacks.count(ScoringServer.Fallback.REJECTED, null);
        } catch (IOException | RuntimeException e) {
            // a bug in this path, never the request's fault: counted and kept, so tests fail on it
            fallbacks.count(ScoringServer.Fallback.UNEXPECTED, e);
        }
        return false;
    }

    private boolean read(final ScoringContext ctx, final byte[] body, final int off, final int len,
                         final ScoringServer server) throws IOException {
        final State st = ctx.frame;
        try (JsonParser p = factory.createParser(body, off, len)) {
            if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
                return false;
            }
            boolean seenFrame = false;
            Object params = null;
            boolean hasParams = false;
            while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                final String key = p.currentName();
                p.nextToken();
                switch (key) {
                    case "dataframe_split":
                        if (seenFrame || !readSplit(p, st)) {
                            return false;
                        }
                        seenFrame = true;
                        break;
                    case "dataframe_records":
                        if (seenFrame || !named || !readRecords(p, st, false)) {
                            return false;
                        }
                        seenFrame = true;
                        break;
                    case "params":
                        params = PyValueReader.read(p);
                        hasParams = true;
                        break;
                    case "inputs":
                        // columnar form {"a": [...], ...}: each list through np.array(list, dtype)
                        if (p.currentTokenId() == JsonTokenId.ID_START_OBJECT) {
                            if (seenFrame || !named || !readColumns(p, st, ctx)) {
                                return false;
                            }
                            seenFrame = true;
                            break;
                        }
                        // fall through: records form
                    case "instances":
                        // records form only: each value goes through numpy (np.array(v, dtype)), not pandas' astype;
                        // instances makes each column one numpy array, which a dict of Object / Map cells leaves
                        // as one row holding arrays (the exact path)
                        if (seenFrame || !named || p.currentTokenId() != JsonTokenId.ID_START_ARRAY
                            || anyNested && key.equals("instances")
                            || !readRecords(p, st, true)) {
                            return false;
                        }
                        seenFrame = true;
                        break;
                    case "messages":
                    case "prompt":
                    case "input":
                        return false;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || p.nextToken() != null || !seenFrame) {
                return false;
            }
            st.violations.reset();
            if (!enforcer.check(st.batch, st.violations)) {
                return false;
            }
            server.acceptParams(ctx, hasParams, params);
            ctx.acceptColumns(ScoringContext.Path.FAST_FRAME);
            return true;
        }
    }

    /** Reads {@code {"columns": [...], "index": [...]?, "data": [[...], ...]}}; false to bail out. */
    // Long on purpose: the per-request dataframe_split reader, one pass over the parser whose locals (column
    // count, index length, rows, which columns were seen) decide together whether the fast path may answer;
    // split, each part would hand them back through State on every body.
    private boolean readSplit(final JsonParser p, final State st) throws IOException {
        if (p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
            return false;
        }
        final ColumnBatch b = st.batch;
        b.clear();
        st.resetZones(names.length);
        int ncols = -1;
        long indexLen = -1;
        long rows = -1;
        while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
            final String key = p.currentName();
            p.nextToken();
            if (key.equals("columns")) {
                if (ncols >= 0 || rows >= 0 || p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                    return false;
                }
                ncols = 0;
                long seen = 0;
                while (p.nextToken() != null && p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                    if (p.currentTokenId() != JsonTokenId.ID_STRING) {
                        return false;
                    }
                    st.ensureSlots(ncols + 1);
                    if (!named) {
                        // positional: the first columns are the schema's, whatever their (distinct) labels
                        final String label = p.getText();
                        for (int k = 0; k < ncols; k++) {
                            if (st.labels[k].equals(label)) {
                                return false;
                            }
                        }
                        st.labels[ncols] = label;
                        st.slot[ncols] = ncols < names.length ? ncols : -1;
                        ncols++;
                        continue;
                    }
                    final int i = indexOfText(p);
                    if (i >= 0) {
                        if ((seen & (1L << i)) != 0) {
                            return false;
                        }
                        seen |= 1L << i;
                    }
                    st.slot[ncols] = i;
                    ncols++;
                }
                if (named ? seen != allColumns() : ncols < names.length) {
                    return false;
                }
            } else if (key.equals("index")) {
                if (p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                    return false;
                }
                indexLen = 0;
                while (p.nextToken() != null && p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                    p.skipChildren();
                    indexLen++;
                }
            } else if (key.equals("data")) {
                if (ncols == 0 || rows >= 0 || p.currentTokenId() != JsonTokenId.ID_START_ARRAY
                    || ncols < 0 && named) {
                    return false;
                }
                // unnamed schema without "columns": labels 0, 1, ... and the width of the first row
                final boolean implicit = ncols < 0;
                // the batch's columns in payload order, all open side by side, one row at a time
                int started = 0;
                for (int c = 0; c < ncols; c++) {
                    final int s = st.slot[c];
                    if (s >= 0 && shapes[s] != null) {
                        st.cellNested[c] = b.startNestedColumn(names[s], ctypes[s]);
                        st.cellWriters[c] = null;
                        started++;
                    } else if (s >= 0) {
                        st.writers[started] = b.startColumn(named ? names[s] : st.labels[c], dtypeOf(types[s]),
                            st.writers[started]);
                        st.cellWriters[c] = st.writers[started++];
                    }
                }
                rows = 0;
                if (!implicit && !anyNested && p instanceof RawJsonParser) {
                    final int n = rawRows((RawJsonParser) p, st, ncols);
                    if (n > 0) {
                        rows = n;
                        continue; // the parser is on the data's END_ARRAY
                    }
                    for (int c = 0; c < ncols; c++) {
                        if (st.slot[c] >= 0) {
                            st.cellWriters[c].restart(); // the scanner abstained: the tokens read the rows again
                        }
                    }
                }
                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_START_ARRAY) {
                    int c = 0;
                    while (p.nextToken() != null && p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                        if (implicit && rows == 0) {
                            st.ensureSlots(c + 1);
                            st.slot[c] = c < names.length ? c : -1;
                            if (c < names.length) {
                                st.writers[c] = b.startColumn((long) c, dtypeOf(types[c]), st.writers[c]);
                                st.cellWriters[c] = st.writers[c];
                            }
                        } else if (c >= ncols) {
                            return false;
                        }
                        final int s = st.slot[c];
                        if (s < 0) {
                            if (p.currentTokenId() == JsonTokenId.ID_START_ARRAY
                                || p.currentTokenId() == JsonTokenId.ID_START_OBJECT) {
                                return false; // nested cells change pandas' shape rules
                            }
                        } else if (shapes[s] != null ? !nestedCell(p, shapes[s], st, st.cellNested[c])
                            : !cell(p, types[s], s, st, st.cellWriters[c])) {
                            return false;
                        }
                        c++;
                    }
                    if (implicit && rows == 0) {
                        ncols = c;
                        if (ncols < names.length) {
                            return false;
                        }
                    }
                    if (c != ncols) {
                        return false;
                    }
                    rows++;
                }
                if (p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                    return false;
                }
            } else {
                return false;
            }
        }
        if (ncols < 0 || rows <= 0 || (indexLen >= 0 && indexLen != rows)) {
            return false;
        }
        for (int c = 0; c < ncols; c++) {
            final int s = st.slot[c];
            if (s >= 0 && shapes[s] != null) {
                st.cellNested[c].finish();
            } else if (s >= 0) {
                st.cellWriters[c].finish();
            }
        }
        return true;
    }

    /**
     * The split body's data rows read straight from the bytes ({@link RawFrameRows}); the row count,
     * with the parser moved onto the data's END_ARRAY, or 0 when the scanner abstained (nothing
     * consumed).
     */
    private int rawRows(final RawJsonParser p, final State st, final int ncols) throws IOException {
        if (limits.maxNestingDepth() - p.getParsingContext().getNestingDepth() < 1) {
            return 0;
        }
        final RawFrameRows r = st.rawRows;
        final int close = r.scan(p.rawInput(), p.rawPtr(), p.rawEnd(), ncols, st.slot, types, st.cellWriters, mode,
            limits.maxNumberLength(), limits.maxStringLength());
        if (close < 0) {
            return 0;
        }
        p.rawSkipTo(close, r.ws);
        if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.END_ARRAY) {
            throw new IllegalStateException("the raw row scan did not end on the data's closing bracket");
        }
        return r.rows;
    }

    /**
     * Reads {@code {"a": [...], "b": [...]}} ({@code inputs} in columnar form for a named column
     * schema): MLflow's {@code _cast_schema_type} makes each list {@code np.array(list, dtype=the
     * column type's numpy dtype)}, which {@link io.signet.internal.json.TensorReader} reproduces (into the
     * context's tensor slots, numeric lists straight from the bytes); the frame then holds those
     * arrays as columns, in schema order. Every schema column exactly once, 1-D lists of one length
     * and no other key; false to bail out (the exact path decides).
     */
    private boolean readColumns(final JsonParser p, final State st, final ScoringContext ctx) throws IOException {
        if (anyNested) {
            return false; // MLflow enforces each whole list as one nested value: never accepted
        }
        long seen = 0;
        long rows = -1;
        while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
            final int i = indexOf(p.currentName());
            if (i < 0 || (seen & (1L << i)) != 0 || p.nextToken() == null
                || p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                return false;
            }
            final DataType t = types[i];
            if (t == DataType.BINARY || t == DataType.DATETIME) {
                return false;
            }
            final io.signet.internal.json.DecodedTensor d = ctx.slot(i);
            ctx.reader.read(p, t.toNumpy(), d, mode == Mode.STRICT, limits, true);
            if (d.rank() != 1 || d.size() == 0 || rows >= 0 && d.size() != rows || ctx.deviations.first() != null) {
                return false;
            }
            rows = d.size();
            seen |= 1L << i;
        }
        if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || seen != allColumns()) {
            return false;
        }
        final ColumnBatch.ColumnWriter[] w = startSchemaColumns(st);
        for (int i = 0; i < names.length; i++) {
            final io.signet.internal.json.DecodedTensor d = ctx.slot(i);
            for (long k = 0; k < rows; k++) {
                switch (types[i]) {
                    case LONG:
                    case INTEGER:
                        w[i].appendLong(d.getLong(k));
                        break;
                    case DOUBLE:
                    case FLOAT:
                        w[i].appendDouble(d.getDouble(k));
                        break;
                    case BOOLEAN:
                        w[i].appendBoolean(d.getLong(k) != 0);
                        break;
                    default: { // STRING: the UTF-8 bytes as decoded
                        final int from = (int) d.offsets().getLong((int) k * 8, java.nio.ByteOrder.LITTLE_ENDIAN);
                        final int to = (int) d.offsets().getLong((int) (k + 1) * 8, java.nio.ByteOrder.LITTLE_ENDIAN);
                        w[i].appendUtf8(d.data(), from, to - from);
                    }
                }
            }
            w[i].finish();
        }
        return true;
    }

    /** Clears the batch and starts a writer per schema column, in schema order (as the exact path hands them over). */
    private ColumnBatch.ColumnWriter[] startSchemaColumns(final State st) {
        final ColumnBatch b = st.batch;
        b.clear();
        st.resetZones(names.length);
        final ColumnBatch.ColumnWriter[] w = st.writers;
        for (int i = 0; i < names.length; i++) {
            if (shapes[i] != null) {
                st.nested[i] = b.startNestedColumn(names[i], ctypes[i]);
            } else {
                w[i] = b.startColumn(names[i], dtypeOf(types[i]), w[i]);
            }
        }
        return w;
    }

    /**
     * Reads {@code [{"a": 1, "b": "x"}, ...]}: every record must hold every schema column exactly once
     * (a missing key is NaN in pandas, whose dtype inference the exact path models); other keys may
     * hold scalars (pandas makes columns of them that enforcement drops), except in {@code numpy}
     * records ({@code inputs}/{@code instances}), which take no other keys. False to bail out.
     */
    private boolean readRecords(final JsonParser p, final State st, final boolean numpy) throws IOException {
        if (p.currentTokenId() != JsonTokenId.ID_START_ARRAY || numpy && anyArray) {
            return false; // inputs: an Array column's cells become numpy arrays (the exact path)
        }
        final int n = names.length;
        final ColumnBatch.ColumnWriter[] w = startSchemaColumns(st);
        final long all = allColumns();
        int rows = 0;
        while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_START_OBJECT) {
            long seen = 0;
            while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                final int i = indexOf(p.currentName());
                p.nextToken();
                if (i < 0) {
                    if (numpy || p.currentTokenId() == JsonTokenId.ID_START_ARRAY
                        || p.currentTokenId() == JsonTokenId.ID_START_OBJECT) {
                        return false;
                    }
                    continue;
                }
                final boolean taken = shapes[i] != null ? nestedCell(p, shapes[i], st, st.nested[i])
                    : numpy ? numpyCell(p, types[i], i, st, w[i]) : cell(p, types[i], i, st, w[i]);
                if ((seen & (1L << i)) != 0 || !taken) {
                    return false; // a repeated key: Python keeps the last value
                }
                seen |= 1L << i;
            }
            if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || seen != all) {
                return false;
            }
            rows++;
        }
        if (p.currentTokenId() != JsonTokenId.ID_END_ARRAY || rows == 0) {
            return false;
        }
        for (int i = 0; i < n; i++) {
            if (shapes[i] != null) {
                st.nested[i].finish();
            } else {
                w[i].finish();
            }
        }
        return true;
    }

    /** One bit per schema column. */
    private long allColumns() {
        return names.length == 64 ? -1L : (1L << names.length) - 1;
    }

    private static DType dtypeOf(final DataType t) {
        switch (t) {
            case STRING:
            case BINARY:
                return DType.OBJECT;
            default:
                return t.toNumpy();
        }
    }

    /**
     * One cell of {@code inputs}/{@code instances} records, which MLflow converts value by value with
     * {@code np.array(v, dtype)} (numpy, not pandas, rules): only values numpy keeps as they are
     * (ints for int columns, numbers for float columns, bools, strs) are taken; false otherwise.
     */
    private boolean numpyCell(final JsonParser p, final DataType t, final int col, final State st,
                              final ColumnBatch.ColumnWriter w) throws IOException {
        final int tok = p.currentTokenId();
        switch (t) {
            case LONG:
            case INTEGER:
                return tok == JsonTokenId.ID_NUMBER_INT && cell(p, t, col, st, w);
            case DOUBLE:
            case FLOAT:
            case BOOLEAN:
            case STRING:
                return cell(p, t, col, st, w);
            default:
                return false;
        }
    }

    /**
     * One cell cast to the column's type as pandas' astype would and appended to its column; false
     * when the exact path must decide.
     */
    private boolean cell(final JsonParser p, final DataType t, final int col, final State st,
                         final ColumnBatch.ColumnWriter w) throws IOException {
        final int tok = p.currentTokenId();
        switch (t) {
            case LONG:
            case INTEGER: {
                long v;
                if (tok == JsonTokenId.ID_NUMBER_INT) {
                    if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                        return false;
                    }
                    v = p.getLongValue();
                } else if (tok == JsonTokenId.ID_NUMBER_FLOAT) {
                    final double d = doubleValue(p);
                    if (Double.isNaN(d) || Double.isInfinite(d) || Math.abs(d) >= 9.2e18) {
                        return false;
                    }
                    v = (long) d;
                    if (mode == Mode.STRICT && v != d) {
                        return false;
                    }
                } else {
                    return false;
                }
                if (t == DataType.INTEGER && (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)) {
                    return false;
                }
                w.appendLong(v);
                return true;
            }
            case DOUBLE:
            case FLOAT: {
                if (tok == JsonTokenId.ID_NUMBER_INT || tok == JsonTokenId.ID_NUMBER_FLOAT) {
                    final double d = doubleValue(p);
                    if (t == DataType.FLOAT && Float.isInfinite((float) d) && !Double.isInfinite(d)) {
                        return false;
                    }
                    w.appendDouble(t == DataType.FLOAT ? (float) d : d);
                    return true;
                }
                return false;
            }
            case BOOLEAN:
                if (tok == JsonTokenId.ID_TRUE || tok == JsonTokenId.ID_FALSE) {
                    w.appendBoolean(tok == JsonTokenId.ID_TRUE);
                    return true;
                }
                return false;
            case STRING:
                return tok == JsonTokenId.ID_STRING && appendUtf8(p, st, w);
            case DATETIME:
                if (tok == JsonTokenId.ID_STRING) {
                    final String text = p.getText();
                    if (pandas2 && io.signet.py.PandasDatetime.natSpelling(text) == null
                        && io.signet.py.PandasDatetime.utcOffsetSeconds(text) != null || !sameZone(text, st, col)) {
                        // pandas converts aware strings to UTC only when no other offset and no naive string is
                        // among the column's cells (PandasDatetime.zoneError); the exact path gives the error
                        return false;
                    }
                    try {
                        w.appendLong(io.signet.py.PandasDatetime.parse(text));
                        return true;
                    } catch (io.signet.py.PandasDatetime.Refused e) {
                        return false; // pandas refuses it: the exact path words the failure
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** Whether the datetime string keeps its column on one side: all naive, or all aware with one UTC offset. */
    private static boolean sameZone(final String text, final State st, final int col) {
        if (io.signet.py.PandasDatetime.natSpelling(text) != null || text.equals("now") || text.equals("today")) {
            return true; // NaT takes no side (a refused spelling fails on its own)
        }
        final Integer z = io.signet.py.PandasDatetime.utcOffsetSeconds(text);
        final int seen = st.zone[col];
        if (z == null) {
            if (seen != State.ZONE_UNSEEN && seen != State.ZONE_NAIVE) {
                return false;
            }
            st.zone[col] = State.ZONE_NAIVE;
            return true;
        }
        if (seen == State.ZONE_NAIVE || seen != State.ZONE_UNSEEN && seen != z) {
            return false;
        }
        st.zone[col] = z;
        return true;
    }

    /**
     * The walk of a nested column type: only Array / Object / Map types whose leaves are long, double,
     * boolean or string (the leaf types a JSON value can be on its own: int, float, bool, str) and whose
     * Objects declare at most 64 properties; {@link #of} gives null for any other type.
     */
    static final class Shape {
        static final int LEAF = 0;
        static final int ARRAY = 1;
        static final int MAP = 2;
        static final int OBJECT = 3;

        final int kind;
        final DataType leaf;
        /** Array items / Map values. */
        final Shape child;
        final String[] props;
        final Shape[] propShapes;
        final long requiredProps;

        private Shape(final int kind, final DataType leaf, final Shape child, final String[] props,
                      final Shape[] propShapes, final long requiredProps) {
            this.kind = kind;
            this.leaf = leaf;
            this.child = child;
            this.props = props;
            this.propShapes = propShapes;
            this.requiredProps = requiredProps;
        }

        static Shape of(final ColumnType t) {
            if (t instanceof DataType) {
                final DataType d = (DataType) t;
                return d == DataType.LONG || d == DataType.DOUBLE || d == DataType.BOOLEAN || d == DataType.STRING
                    ? new Shape(LEAF, d, null, null, null, 0) : null;
            }
            if (!io.signet.column.NestedVector.supports(t)) {
                return null;
            }
            if (t instanceof ArrayType || t instanceof MapType) {
                final Shape c = of(t instanceof ArrayType ? ((ArrayType) t).items() : ((MapType) t).values());
                return c == null ? null : new Shape(t instanceof ArrayType ? ARRAY : MAP, null, c, null, null, 0);
            }
            if (t instanceof ObjectType) {
                final java.util.List<Property> ps = ((ObjectType) t).properties();
                if (ps.size() > 64) {
                    return null;
                }
                final String[] n = new String[ps.size()];
                final Shape[] s = new Shape[ps.size()];
                long req = 0;
                for (int i = 0; i < n.length; i++) {
                    n[i] = ps.get(i).name();
                    s[i] = of(ps.get(i).type());
                    if (s[i] == null) {
                        return null;
                    }
                    if (ps.get(i).required()) {
                        req |= 1L << i;
                    }
                }
                return new Shape(OBJECT, null, null, n, s, req);
            }
            return null;
        }

        /** The property named by the current field-name token (compared in Jackson's buffer), or -1. */
        int property(final JsonParser p) throws IOException {
            return indexOfToken(p, props);
        }
    }

    /**
     * One nested cell (the current token), written into its column's tree; false when the exact path
     * must decide (the writer is then left mid-cell: the batch is cleared before any other use). A
     * None cell abstains (optional columns take it, required ones do not: the exact path words it).
     */
    private static boolean nestedCell(final JsonParser p, final Shape s, final State st, final NestedWriter w)
        throws IOException {
        st.nKeys = 0;
        return nestedValue(p, s, st, w);
    }

    /**
     * A value at a nested position (always required in MLflow: None abstains), as
     * {@code _enforce_type} takes it unchanged; anything it would convert, reject or word differently
     * abstains: an int for double (only 0 and 1 pass, kept as ints), a float for long, NaN / Infinity,
     * big ints, a missing required, undeclared or repeated property, a repeated map key.
     */
    // Long on purpose: the per-cell recursion for Array / Object / Map cells on the fast path, one switch
    // over the shape kind that streams each token straight into the NestedWriter; splitting the cases adds a
    // call per nested value on the hot path and reads no clearer than the switch.
    private static boolean nestedValue(final JsonParser p, final Shape s, final State st, final NestedWriter w)
        throws IOException {
        final int tok = p.currentTokenId();
        switch (s.kind) {
            case Shape.ARRAY:
                if (tok != JsonTokenId.ID_START_ARRAY) {
                    return false;
                }
                w.startList();
                while (p.nextToken() != null && p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                    if (!nestedValue(p, s.child, st, w)) {
                        return false;
                    }
                }
                w.endList();
                return true;
            case Shape.MAP: {
                if (tok != JsonTokenId.ID_START_OBJECT) {
                    return false;
                }
                w.startMap();
                final int firstKey = st.nKeys;
                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                    final int len = encodeUtf8(p, st);
                    if (len < 0 || !pushKey(st, firstKey, len)) {
                        return false;
                    }
                    w.key(st.utf8View, 0, len);
                    p.nextToken();
                    if (!nestedValue(p, s.child, st, w)) {
                        return false;
                    }
                }
                st.nKeys = firstKey;
                w.endMap();
                return p.currentTokenId() == JsonTokenId.ID_END_OBJECT;
            }
            case Shape.OBJECT: {
                if (tok != JsonTokenId.ID_START_OBJECT) {
                    return false;
                }
                w.startObject();
                long seen = 0;
                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                    final int i = s.property(p);
                    if (i < 0 || (seen & (1L << i)) != 0) {
                        return false; // an undeclared property, or a repeated one (Python keeps the last)
                    }
                    seen |= 1L << i;
                    final int len = encodeUtf8(p, st);
                    if (len < 0) {
                        return false;
                    }
                    w.property(st.utf8View, 0, len);
                    p.nextToken();
                    if (!nestedValue(p, s.propShapes[i], st, w)) {
                        return false;
                    }
                }
                if ((seen & s.requiredProps) != s.requiredProps || p.currentTokenId() != JsonTokenId.ID_END_OBJECT) {
                    return false;
                }
                w.endObject();
                return true;
            }
            default:
                switch (s.leaf) {
                    case LONG:
                        if (tok != JsonTokenId.ID_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
                            return false;
                        }
                        w.appendLong(p.getLongValue());
                        return true;
                    case DOUBLE: {
                        if (tok != JsonTokenId.ID_NUMBER_FLOAT) {
                            return false;
                        }
                        final double d = doubleValue(p);
                        if (Double.isNaN(d) || Double.isInfinite(d)) {
                            return false;
                        }
                        w.appendDouble(d);
                        return true;
                    }
                    case BOOLEAN:
                        if (tok != JsonTokenId.ID_TRUE && tok != JsonTokenId.ID_FALSE) {
                            return false;
                        }
                        w.appendBoolean(tok == JsonTokenId.ID_TRUE);
                        return true;
                    default: { // STRING
                        if (tok != JsonTokenId.ID_STRING) {
                            return false;
                        }
                        final int len = encodeUtf8(p, st);
                        if (len < 0) {
                            return false;
                        }
                        w.appendUtf8(st.utf8View, 0, len);
                        return true;
                    }
                }
        }
    }

    /**
     * Pushes the map key in {@code st.utf8[0, len)} onto the key stack; false when the open map (keys
     * from {@code first}) already holds it.
     */
    private static boolean pushKey(final State st, final int first, final int len) {
        final byte[] k = st.utf8;
        for (int j = first; j < st.nKeys; j++) {
            final int from = j == 0 ? 0 : st.keyEnds[j - 1];
            if (st.keyEnds[j] - from == len && Arrays.equals(st.keyBytes, from, from + len, k, 0, len)) {
                return false;
            }
        }
        final int at = st.nKeys == 0 ? 0 : st.keyEnds[st.nKeys - 1];
        if (at + len > st.keyBytes.length) {
            st.keyBytes = Arrays.copyOf(st.keyBytes, Math.max(st.keyBytes.length * 2, at + len));
        }
        if (st.nKeys == st.keyEnds.length) {
            st.keyEnds = Arrays.copyOf(st.keyEnds, st.nKeys * 2);
        }
        System.arraycopy(k, 0, st.keyBytes, at, len);
        st.keyEnds[st.nKeys++] = at + len;
        return true;
    }

    /** The number token's value, read from its characters (no allocation) unless only Jackson can decide. */
    private static double doubleValue(final JsonParser p) throws IOException {
        if (p.currentTokenId() == JsonTokenId.ID_NUMBER_INT && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER) {
            return p.getLongValue(); // a Python int: -0 is 0, not -0.0
        }
        final long bits = DecimalChars.toDoubleBits(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
        return bits != DecimalChars.UNDECIDED ? Double.longBitsToDouble(bits) : p.getDoubleValue();
    }

    /**
     * The current string token encoded from Jackson's character buffer into UTF-8 and appended; false
     * for a lone surrogate (Python keeps it in a str, UTF-8 cannot hold it: the exact path decides).
     */
    private static boolean appendUtf8(final JsonParser p, final State st, final ColumnBatch.ColumnWriter w)
        throws IOException {
        final int n = encodeUtf8(p, st);
        if (n < 0) {
            return false;
        }
        w.appendUtf8(st.utf8View, 0, n);
        return true;
    }

    /**
     * The current token's text (a str or a key) encoded from Jackson's character buffer into
     * {@code st.utf8}: its length, or -1 for a lone surrogate.
     */
    private static int encodeUtf8(final JsonParser p, final State st) throws IOException {
        final char[] ch = p.getTextCharacters();
        final int off = p.getTextOffset();
        final int end = off + p.getTextLength();
        final byte[] out = st.utf8(3 * (end - off));
        int n = 0;
        for (int i = off; i < end; i++) {
            final char c = ch[i];
            if (c < 0x80) {
                out[n++] = (byte) c;
            } else if (c < 0x800) {
                out[n++] = (byte) (0xC0 | (c >> 6));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (!Character.isHighSurrogate(c) || i + 1 >= end || !Character.isLowSurrogate(ch[i + 1])) {
                    return -1;
                }
                final int cp = Character.toCodePoint(c, ch[++i]);
                out[n++] = (byte) (0xF0 | (cp >> 18));
                out[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                out[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (cp & 0x3F));
            } else {
                out[n++] = (byte) (0xE0 | (c >> 12));
                out[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                out[n++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        return n;
    }
}
