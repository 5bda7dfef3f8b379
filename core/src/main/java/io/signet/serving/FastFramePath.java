package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.json.PyNum;
import io.signet.json.PyValueReader;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import io.signet.tensor.NpDatetime;

import java.io.IOException;

/**
 * The one-pass streaming path for {@code dataframe_split} bodies of named column signatures whose
 * columns are plain DataTypes: cells are cast as {@code cast_df_types_according_to_schema} casts
 * them and written straight into the thread's reusable {@link ColumnBatch} (off-heap columns of the
 * schema's dtypes); the column helper's {@link ColumnEnforcer} then checks the batch.
 *
 * <p>Like {@link FastTensorPath} it only says yes: anything unusual (data before columns, nulls
 * where pandas' dtype inference matters, strings in numeric columns, nested cells, missing or
 * duplicate columns, LLM keys, ...) returns null and the exact MLflow path judges the request.
 */
final class FastFramePath {
    private static final ThreadLocal<State> LOCAL = ThreadLocal.withInitial(State::new);

    /** Per-thread reusable state. */
    static final class State {
        final ColumnBatch batch = new ColumnBatch();
        final ColumnViolations violations = new ColumnViolations(1);
        int[] slot = new int[8];
        /** Cells by column position, row-major appends; reused between requests. */
        long[][] longs = new long[8][];
        double[][] doubles = new double[8][];
        Object[][] objects = new Object[8][];
        int rowCap;

        void ensureRows(final int ncols, final int rows) {
            if (rows < rowCap && longs.length >= ncols && longs[ncols - 1] != null) {
                return;
            }
            final int cap = Math.max(64, Math.max(rowCap, rows + 1) * (rows >= rowCap ? 2 : 1));
            if (longs.length < ncols) {
                longs = java.util.Arrays.copyOf(longs, ncols);
                doubles = java.util.Arrays.copyOf(doubles, ncols);
                objects = java.util.Arrays.copyOf(objects, ncols);
            }
            for (int c = 0; c < longs.length; c++) {
                longs[c] = longs[c] == null ? new long[cap] : java.util.Arrays.copyOf(longs[c], cap);
                doubles[c] = doubles[c] == null ? new double[cap] : java.util.Arrays.copyOf(doubles[c], cap);
                objects[c] = objects[c] == null ? new Object[cap] : java.util.Arrays.copyOf(objects[c], cap);
            }
            rowCap = cap;
        }
    }

    private final String[] names;
    private final DataType[] types;
    private final boolean[] required;
    private final ColumnEnforcer enforcer;
    private final Mode mode;
    private final JsonFactory factory;

    FastFramePath(final Schema schema, final Mode mode, final JsonFactory factory) {
        final int n = schema.size();
        names = new String[n];
        types = new DataType[n];
        required = new boolean[n];
        for (int i = 0; i < n; i++) {
            final ColSpec c = (ColSpec) schema.input(i);
            names[i] = c.name();
            types[i] = (DataType) c.type();
            required[i] = c.required();
        }
        this.enforcer = ColumnEnforcer.compile(schema, mode);
        this.mode = mode;
        this.factory = factory;
    }

    static boolean applies(final Schema schema) {
        if (schema == null || schema.isTensorSpec() || !schema.hasInputNames()) {
            return false;
        }
        for (int i = 0; i < schema.size(); i++) {
            final InputSpec s = schema.input(i);
            if (!(((ColSpec) s).type() instanceof DataType) || s.name() == null || s.name().isEmpty()) {
                return false;
            }
            for (int j = 0; j < i; j++) {
                if (schema.input(j).name().equals(s.name())) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The decoded frame after a response with {@link ScoringResponse#hasDecodedFrame()} on this thread. */
    static ColumnBatch decoded() {
        return LOCAL.get().batch;
    }

    private int indexOf(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    ScoringResponse tryInvoke(final byte[] body, final ScoringServer server) {
        final State st = LOCAL.get();
        try (JsonParser p = factory.createParser(body)) {
            if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
                return null;
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
                            return null;
                        }
                        seenFrame = true;
                        break;
                    case "params":
                        params = PyValueReader.read(p);
                        hasParams = true;
                        break;
                    case "inputs":
                    case "instances":
                    case "dataframe_records":
                    case "messages":
                    case "prompt":
                    case "input":
                        return null;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || p.nextToken() != null || !seenFrame) {
                return null;
            }
            st.violations.reset();
            if (!enforcer.check(st.batch, st.violations)) {
                return null;
            }
            if (hasParams) {
                server.enforceParams(params);
            }
            return ScoringResponse.OK_FRAME;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** Reads {@code {"columns": [...], "index": [...]?, "data": [[...], ...]}}; false to bail out. */
    private boolean readSplit(final JsonParser p, final State st) throws IOException {
        if (p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
            return false;
        }
        final ColumnBatch b = st.batch;
        b.clear();
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
                    final int i = indexOf(p.getText());
                    if (i >= 0) {
                        if ((seen & (1L << i)) != 0 || i >= 64) {
                            return false;
                        }
                        seen |= 1L << i;
                    }
                    if (ncols >= st.slot.length) {
                        st.slot = java.util.Arrays.copyOf(st.slot, ncols * 2);
                    }
                    st.slot[ncols] = i;
                    ncols++;
                }
                for (int i = 0; i < names.length; i++) {
                    if ((seen & (1L << i)) == 0) {
                        return false;
                    }
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
                if (ncols < 0 || rows >= 0 || p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                    return false;
                }
                rows = 0;
                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_START_ARRAY) {
                    if (ncols == 0) {
                        return false;
                    }
                    st.ensureRows(ncols, (int) rows);
                    int c = 0;
                    while (p.nextToken() != null && p.currentTokenId() != JsonTokenId.ID_END_ARRAY) {
                        if (c >= ncols) {
                            return false;
                        }
                        final int s = st.slot[c];
                        if (s < 0) {
                            if (p.currentTokenId() == JsonTokenId.ID_START_ARRAY
                                || p.currentTokenId() == JsonTokenId.ID_START_OBJECT) {
                                return false; // nested cells change pandas' shape rules
                            }
                        } else if (!cell(p, types[s], st, c, (int) rows)) {
                            return false;
                        }
                        c++;
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
        if (ncols < 0 || rows < 0 || (indexLen >= 0 && indexLen != rows) || rows == 0) {
            return false;
        }
        // one column at a time: ColumnBatch writers are finished in the order they are started
        for (int c = 0; c < ncols; c++) {
            final int s = st.slot[c];
            if (s < 0) {
                continue;
            }
            final ColumnBatch.ColumnWriter w = b.startColumn(names[s], dtypeOf(types[s]));
            final int n = (int) rows;
            switch (types[s]) {
                case LONG:
                case INTEGER:
                case DATETIME:
                    for (int r = 0; r < n; r++) {
                        w.appendLong(st.longs[c][r]);
                    }
                    break;
                case DOUBLE:
                case FLOAT:
                    for (int r = 0; r < n; r++) {
                        w.appendDouble(st.doubles[c][r]);
                    }
                    break;
                case BOOLEAN:
                    for (int r = 0; r < n; r++) {
                        w.appendBoolean(st.longs[c][r] != 0);
                    }
                    break;
                default:
                    for (int r = 0; r < n; r++) {
                        w.appendValue(st.objects[c][r]);
                        st.objects[c][r] = null;
                    }
            }
            w.finish();
        }
        return true;
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

    /** One cell cast to the column's type as pandas' astype would; false when the exact path must decide. */
    private boolean cell(final JsonParser p, final DataType t, final State st, final int c, final int row)
        throws IOException {
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
                    final double d = p.getDoubleValue();
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
                st.longs[c][row] = v;
                return true;
            }
            case DOUBLE:
            case FLOAT: {
                if (tok == JsonTokenId.ID_NUMBER_INT || tok == JsonTokenId.ID_NUMBER_FLOAT) {
                    final double d = p.getDoubleValue();
                    if (t == DataType.FLOAT && Float.isInfinite((float) d) && !Double.isInfinite(d)) {
                        return false;
                    }
                    st.doubles[c][row] = t == DataType.FLOAT ? (float) d : d;
                    return true;
                }
                return false;
            }
            case BOOLEAN:
                if (tok == JsonTokenId.ID_TRUE || tok == JsonTokenId.ID_FALSE) {
                    st.longs[c][row] = tok == JsonTokenId.ID_TRUE ? 1 : 0;
                    return true;
                }
                return false;
            case STRING:
                if (tok == JsonTokenId.ID_STRING) {
                    st.objects[c][row] = p.getText();
                    return true;
                }
                return false;
            case DATETIME:
                if (tok == JsonTokenId.ID_STRING) {
                    try {
                        st.longs[c][row] = NpDatetime.parse(p.getText()).to("ns");
                        return true;
                    } catch (RuntimeException e) {
                        return false;
                    }
                }
                return false;
            default:
                return false;
        }
    }

    /** Unused helper kept for symmetry with the tensor path's numeric parsing. */
    static double parseFloat(final String s) {
        return PyNum.parseFloat(s);
    }
}
