package io.signet.py;

import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;

import java.math.BigInteger;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * pandas 1.5's DataFrame constructor and dtype inference on values of this package's model, the
 * one copy: {@code pd.DataFrame(dict)} ({@link #fromDict}), {@code pd.DataFrame(list)} ({@link #fromList}:
 * records, rows or one column), {@code pd.DataFrame([scalar])}, and the inference every column goes
 * through ({@link #infer}). Errors are pandas' own, as {@link PyError}s.
 *
 * <p>pandas fills what a body leaves out: a key missing from a record, a short row, a key missing from
 * one of several dicts, each becomes a NaN cell, so N records of N distinct keys make an N x N table
 * from a body of N keys. Such a frame is refused before its memory is spent ({@link PyError} naming
 * the bound) when the cells to fill exceed {@link #MAX_FILL_RATIO} times the cells given (and
 * {@link #MIN_FILL_BOUND}), or when the frame would exceed {@link #MAX_CELLS}: the memory a frame
 * takes stays in proportion to the body.
 */
public final class Pandas {
    /**
     * The most cells (rows x columns) a constructor builds: 2^26 (67,108,864) references, about 256 MiB
     * of cell arrays at 4 bytes each, so the default 64 MiB document cannot make a table past a
     * 256 MiB heap by multiplying rows and keys.
     */
    public static final long MAX_CELLS = 1L << 26;
    /** Cells pandas fills with NaN may be at most this many times the cells the body gives... */
    public static final long MAX_FILL_RATIO = 4;
    /** ...or this many, whichever is more (so small ragged bodies keep pandas' answer). */
    public static final long MIN_FILL_BOUND = 1L << 20;

    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private Pandas() {
    }

    // ------------------------------------------------------------------ inference

    /**
     * The dtype pandas gives a column built from these Python values ({@code lib.maybe_convert_objects}
     * as the constructor applies it): numpy scalars all of one numeric or bool dtype keep it; otherwise
     * numpy scalars count as their Python values and: all bool: bool; all int: int64 (uint64 when one is
     * above int64 and none negative); ints and floats and None: float64; all datetime (None and NaN as
     * NaT): datetime64[ns]; everything else, or only None, object.
     */
    public static DType infer(final List<?> values) {
        final DType np = sameNumpyDtype(values);
        if (np != null) {
            return np;
        }
        boolean sawBool = false;
        boolean sawInt = false;
        boolean sawBigUint = false;
        boolean sawNeg = false;
        boolean sawFloat = false;
        boolean sawNaN = false;
        boolean sawNull = false;
        boolean sawDatetime = false;
        boolean sawOther = false;
        for (final Object v0 : values) {
            final Object v = v0 instanceof NpScalar ? npValue((NpScalar) v0) : v0;
            if (v == null) {
                sawNull = true;
            } else if (v instanceof Boolean) {
                sawBool = true;
            } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
                sawInt = true;
                sawNeg |= ((Number) v).longValue() < 0;
            } else if (v instanceof BigInteger) {
                final BigInteger b = (BigInteger) v;
                if (b.signum() >= 0 && b.compareTo(UINT64_MAX) <= 0) {
                    sawInt = true;
                    sawBigUint |= b.bitLength() > 63;
                } else {
                    sawOther = true;
                }
            } else if (v instanceof Double || v instanceof Float) {
                sawFloat = true;
                sawNaN |= Double.isNaN(((Number) v).doubleValue());
            } else if (v instanceof LocalDateTime || v instanceof Timestamp
                || v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.DATETIME) {
                sawDatetime = true;
            } else {
                sawOther = true;
            }
        }
        if (sawOther) {
            return DType.OBJECT;
        }
        if (sawDatetime) {
            return sawBool || sawInt || sawFloat && !onlyNaN(values) ? DType.OBJECT : DType.datetime64("ns");
        }
        if (sawBool) {
            return sawInt || sawFloat || sawNull ? DType.OBJECT : DType.BOOL;
        }
        if (sawFloat || sawInt && sawNull) {
            return sawBigUint ? DType.OBJECT : DType.FLOAT64;
        }
        if (sawInt) {
            return sawBigUint ? (sawNeg ? DType.OBJECT : DType.UINT64) : DType.INT64;
        }
        return DType.OBJECT;
    }

    /** The floats among the values are all NaN (pandas reads NaN as NaT beside datetimes). */
    private static boolean onlyNaN(final List<?> values) {
        for (final Object v0 : values) {
            final Object v = Py.unwrap(v0);
            if ((v instanceof Double || v instanceof Float) && !Double.isNaN(((Number) v).doubleValue())) {
                return false;
            }
        }
        return true;
    }

    /** The dtype when every value is a numpy scalar of the same numeric or bool dtype; else null. */
    private static DType sameNumpyDtype(final List<?> values) {
        DType d = null;
        for (final Object v : values) {
            if (!(v instanceof NpScalar)) {
                return null;
            }
            final DType x = ((NpScalar) v).dtype();
            if (!x.kind().isNumeric() && x.kind() != DType.Kind.BOOL || d != null && !d.equals(x)) {
                return null;
            }
            d = x;
        }
        return d;
    }

    /** A numpy scalar seen by pandas' inference: its Python value for numbers and bools, else the scalar. */
    private static Object npValue(final NpScalar s) {
        switch (s.dtype().kind()) {
            case BOOL:
            case INT:
            case UINT:
            case FLOAT:
                return s.value();
            default:
                return s; // str_/bytes_/datetime64 scalars
        }
    }

    /** {@code Series(values).dtype} for one column whose values came from numpy with dtype {@code d}: str and bytes are object. */
    public static DType columnDtype(final DType d) {
        return d.kind() == DType.Kind.STR || d.kind() == DType.Kind.BYTES ? DType.OBJECT : d;
    }

    /**
     * A column's cells as pandas holds them for its dtype, in the package's model: floats as Double (None
     * NaN), ints as Long (uint64 past int64 as BigInteger), bools as Boolean, datetime64[ns] as Long
     * nanoseconds (None NaT); object columns keep their values (a numpy str scalar too).
     */
    public static Object[] normalize(final Object[] col, final DType dt) {
        switch (dt.kind()) {
            case FLOAT: {
                final Object[] r = new Object[col.length];
                for (int i = 0; i < col.length; i++) {
                    final Object v = Py.unwrap(col[i]);
                    r[i] = v == null ? Double.NaN : v instanceof Boolean ? (Boolean) v ? 1.0 : 0.0
                        : ((Number) v).doubleValue();
                }
                return r;
            }
            case INT:
            case UINT:
            case BOOL: {
                final Object[] r = new Object[col.length];
                for (int i = 0; i < col.length; i++) {
                    final Object v = Py.unwrap(col[i]);
                    r[i] = v instanceof Integer || v instanceof Short || v instanceof Byte ? (Object) ((Number) v).longValue()
                        : v instanceof BigInteger && ((BigInteger) v).bitLength() < 64 ? (Object) ((BigInteger) v).longValue()
                        : v;
                }
                return r;
            }
            case DATETIME: {
                final Object[] r = new Object[col.length];
                for (int i = 0; i < col.length; i++) {
                    final Object v = col[i];
                    if (v instanceof NpScalar && ((NpScalar) v).value() instanceof Long) {
                        final long x = (Long) ((NpScalar) v).value();
                        r[i] = x == NpDatetime.NAT ? x : NpDatetime.convert(x, ((NpScalar) v).dtype().unit(), dt.unit());
                    } else if (v instanceof Long) {
                        r[i] = v;
                    } else {
                        final Object ns = PandasDatetime.cell(v);
                        r[i] = ns instanceof Long ? ns : (Object) NpDatetime.NAT;
                    }
                }
                return r;
            }
            default:
                return col;
        }
    }

    /** A column of Python values: inferred dtype, cells normalized to it. */
    private static void addInferred(final DataFrame f, final Object label, final Object[] col) {
        final DType dt = infer(Arrays.asList(col));
        f.append(label, dt, normalize(col, dt));
    }

    // ------------------------------------------------------------------ pd.Series(...) and to_numpy

    /**
     * {@code pd.Series(data)} of a list (its values inferred as the constructor does) or of a 1-D array
     * (its dtype kept; str and bytes become object).
     *
     * @throws PyError pandas' ValueError for an array of another rank
     */
    public static Series series(final Object name, final Object data) {
        if (data instanceof NdArray) {
            final NdArray a = (NdArray) data;
            if (a.rank() != 1) {
                throw PyError.valueError("Data must be 1-dimensional, got ndarray of shape "
                    + io.signet.py.PyRepr.shape(shapeOf(a)) + " instead");
            }
            final DType d = columnDtype(a.dtype());
            return new Series(name, d, normalize(a.elements().clone(), d));
        }
        final List<?> l = (List<?>) data;
        final DType d = infer(l);
        return new Series(name, d, normalize(l.toArray(), d));
    }

    private static long[] shapeOf(final NdArray a) {
        final long[] s = new long[a.rank()];
        for (int i = 0; i < s.length; i++) {
            s[i] = a.dim(i);
        }
        return s;
    }

    /**
     * {@code series.to_numpy(dtype=target)}: the cells converted as numpy's cast from the series' dtype
     * does. From object: to bool each value's truth; to str each value's {@code str()} (bytes decoded
     * as ASCII); to bytes each str encoded as ASCII and any other value's {@code str()} so; a list or an
     * array among them is numpy's "setting an array element with a sequence". Numeric and datetime
     * series are already of the target's kind here (MLflow enforced them first).
     *
     * @throws PyError numpy's ValueError, or Python's UnicodeEncodeError / UnicodeDecodeError
     */
    public static NdArray toNumpy(final Series s, final DType target) {
        final Object[] cells = s.cells();
        final Object[] out = new Object[cells.length];
        final boolean fromObject = s.dtype().kind() == DType.Kind.OBJECT;
        for (int i = 0; i < cells.length; i++) {
            final Object v = cells[i];
            switch (target.kind()) {
                case BOOL:
                    out[i] = fromObject ? (Object) Py.truthy(v) : v;
                    break;
                case STR:
                    out[i] = fromObject ? toStr(v) : v;
                    break;
                case BYTES:
                    out[i] = fromObject ? toBytes(v) : v;
                    break;
                case FLOAT: {
                    final Object x = Py.unwrap(v);
                    final double d = x == null ? Double.NaN : x instanceof Boolean ? (Boolean) x ? 1 : 0
                        : ((Number) x).doubleValue();
                    out[i] = target.itemSize() == 4 ? (double) (float) d : d;
                    break;
                }
                case DATETIME:
                    out[i] = v instanceof Long && (Long) v == NpDatetime.NAT ? null : v;
                    break;
                default:
                    out[i] = Py.unwrap(v);
                    break;
            }
        }
        return NdArray.of(target, out);
    }

    private static String toStr(final Object v0) {
        final Object v = Py.unwrap(v0);
        if (v instanceof java.util.List || v instanceof NdArray || v instanceof PyTuple) {
            throw PyError.valueError("setting an array element with a sequence");
        }
        if (v instanceof byte[]) {
            final byte[] b = (byte[]) v;
            for (int i = 0; i < b.length; i++) {
                if (b[i] < 0) {
                    throw new PyError("UnicodeDecodeError", "'ascii' codec can't decode byte 0x"
                        + String.format("%02x", b[i] & 0xff) + " in position " + i + ": ordinal not in range(128)");
                }
            }
            return new String(b, java.nio.charset.StandardCharsets.US_ASCII);
        }
        return io.signet.py.PyRepr.str(v);
    }

    private static byte[] toBytes(final Object v0) {
        final Object v = Py.unwrap(v0);
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        final String t = toStr(v);
        try {
            NpCast.ascii(t); // numpy's str -> bytes: the cast table's ASCII rule (Python names a run of characters)
        } catch (final NpCast.Refusal e) {
            throw new PyError(e.type(), e.getMessage());
        }
        return t.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    // ------------------------------------------------------------------ pd.DataFrame(...)

    /** {@code pd.DataFrame([scalar])}: one row, one column labelled 0, the scalar's dtype. */
    public static DataFrame fromScalar(final Object v) {
        return fromList(Collections.singletonList(v));
    }

    private static void checkCells(final long rows, final long columns) {
        checkCells(rows, columns, rows * columns);
    }

    /** Refuses, before it is built, a frame too big for its body ({@code given}: the cells the body holds). */
    private static void checkCells(final long rows, final long columns, final long given) {
        final long cells = rows * columns;
        if (cells > MAX_CELLS) {
            throw PyError.valueError("Signet refuses a frame of " + rows + " rows and " + columns + " columns: more "
                + "than " + MAX_CELLS + " cells (Pandas.MAX_CELLS)");
        }
        final long fill = cells - given;
        if (fill > Math.max(MIN_FILL_BOUND, MAX_FILL_RATIO * given)) {
            throw PyError.valueError("Signet refuses a frame of " + rows + " rows and " + columns + " columns: " + fill
                + " cells missing from the body would be filled, more than " + MAX_FILL_RATIO + " times the " + given
                + " given (Pandas.MAX_FILL_RATIO)");
        }
    }

    /**
     * {@code pd.DataFrame(dict)}: a dict of lists, arrays, dicts (Series aligned on their keys) and
     * scalars (broadcast); all scalars is pandas' {@code If using all scalar values, you must pass an
     * index}; lists of different lengths {@code All arrays must be of the same length}. A 1-D array keeps
     * its dtype (str as object), a deeper one gives rows as lists.
     */
    public static DataFrame fromDict(final Map<?, ?> m) {
        boolean anyMap = false;
        boolean anyList = false;
        final LinkedHashMap<Object, Object> index = new LinkedHashMap<>();
        for (final Object v : m.values()) {
            if (v instanceof Map) {
                anyMap = true;
                for (final Object k : ((Map<?, ?>) v).keySet()) {
                    index.putIfAbsent(DataFrame.key(k), k);
                }
            }
            anyList |= v instanceof List || v instanceof NdArray || v instanceof PyTuple;
        }
        if (anyMap && anyList) {
            throw PyError.valueError("Mixing dicts with non-Series may lead to ambiguous ordering.");
        }
        if (anyMap) {
            return alignedDict(m, new ArrayList<>(index.values()));
        }
        long len = -1;
        for (final Object v : m.values()) {
            final long l = v instanceof NdArray && ((NdArray) v).rank() > 0 ? ((NdArray) v).length()
                : v instanceof List ? ((List<?>) v).size() : v instanceof PyTuple ? ((PyTuple) v).items().size() : -1;
            if (l >= 0) {
                if (len >= 0 && l != len) {
                    throw PyError.valueError("All arrays must be of the same length");
                }
                len = l;
            }
        }
        if (len < 0) {
            if (m.isEmpty()) {
                return new DataFrame(0);
            }
            throw PyError.valueError("If using all scalar values, you must pass an index");
        }
        checkCells(len, m.size());
        final int n = (int) len;
        final DataFrame f = new DataFrame(n);
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            dictColumn(f, e.getKey(), e.getValue(), n);
        }
        return f;
    }

    private static void dictColumn(final DataFrame f, final Object label, final Object v, final int n) {
        final Object[] col = new Object[n];
        if (v instanceof NdArray && ((NdArray) v).rank() == 0) {
            // a 0-d array broadcasts like a scalar and keeps its dtype
            final NdArray a = (NdArray) v;
            Arrays.fill(col, a.dtype().kind() == DType.Kind.OBJECT ? a.get(0) : a.item(0));
            final DType dt = columnDtype(a.dtype());
            f.append(label, dt, normalize(col, dt));
        } else if (v instanceof NdArray) {
            final NdArray a = (NdArray) v;
            if (a.rank() == 1) {
                System.arraycopy(a.elements(), 0, col, 0, n);
                final DType dt = columnDtype(a.dtype());
                f.append(label, dt, normalize(col, dt));
            } else {
                for (int i = 0; i < n; i++) {
                    col[i] = ((NdArray) a.rows().get(i)).toList();
                }
                f.append(label, DType.OBJECT, col);
            }
        } else if (v instanceof List || v instanceof PyTuple) {
            final List<?> l = v instanceof List ? (List<?>) v : ((PyTuple) v).items();
            l.toArray(col);
            if (n == 0) {
                f.append(label, DType.FLOAT64, col); // pd.DataFrame({'x': []}) is float64
            } else {
                addInferred(f, label, col);
            }
        } else {
            // a broadcast scalar keeps its own dtype (a numpy int64 stays int64 even over an empty index)
            Arrays.fill(col, v);
            final DType dt = v instanceof NpScalar ? columnDtype(((NpScalar) v).dtype())
                : infer(Collections.singletonList(v));
            f.append(label, dt, normalize(col, dt));
        }
    }

    /** Dict values that are dicts are Series aligned on the union of their keys; scalars broadcast. */
    private static DataFrame alignedDict(final Map<?, ?> m, final List<Object> index) {
        long given = 0;
        for (final Object v : m.values()) {
            given += v instanceof Map ? ((Map<?, ?>) v).size() : index.size();
        }
        checkCells(index.size(), m.size(), given);
        final DataFrame f = new DataFrame(index.size());
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            final Object v = e.getValue();
            final Object[] col = new Object[index.size()];
            if (v instanceof Map) {
                final Map<Object, Object> byKey = new HashMap<>();
                for (final Map.Entry<?, ?> x : ((Map<?, ?>) v).entrySet()) {
                    byKey.put(DataFrame.key(x.getKey()), x.getValue());
                }
                for (int i = 0; i < col.length; i++) {
                    final Object k = DataFrame.key(index.get(i));
                    col[i] = byKey.containsKey(k) ? byKey.get(k) : null;
                }
                addInferred(f, e.getKey(), col);
            } else {
                Arrays.fill(col, v);
                final DType dt = v instanceof NpScalar ? columnDtype(((NpScalar) v).dtype())
                    : infer(Collections.singletonList(v));
                f.append(e.getKey(), dt, normalize(col, dt));
            }
        }
        return f;
    }

    /**
     * {@code pd.DataFrame(list)}: a list of dicts is records ({@link #fromRecords}); a list whose first
     * item is a list, tuple or array is rows (every later row must have a length: a str gives its
     * characters, bytes its byte values, a dict its keys; shorter rows are padded with None); anything
     * else is one column labelled 0.
     */
    public static DataFrame fromList(final List<?> l) {
        if (l.isEmpty()) {
            return new DataFrame(0);
        }
        final Object first = l.get(0);
        if (first instanceof Map) {
            return fromRecords(l);
        }
        if (Py.isSequence(first)) {
            return fromRows(l);
        }
        final Object[] col = l.toArray();
        final DataFrame f = new DataFrame(col.length);
        addInferred(f, 0L, col);
        return f;
    }

    /**
     * Records ({@code pd.DataFrame([dict, ...])}): columns in order of first appearance, a key missing
     * from a record is NaN (NaT beside datetimes). A record that is not a dict is pandas' AttributeError.
     * Sparse records cost one map entry per present key plus the cell arrays, refused past
     * {@link #MAX_CELLS} cells before they are allocated.
     */
    public static DataFrame fromRecords(final List<?> l) {
        final LinkedHashMap<Object, Object> keys = new LinkedHashMap<>();
        long given = 0;
        for (final Object x : l) {
            if (!(x instanceof Map)) {
                throw new PyError("AttributeError", "'" + Py.typeName(x) + "' object has no attribute 'keys'");
            }
            for (final Object k : ((Map<?, ?>) x).keySet()) {
                keys.putIfAbsent(DataFrame.key(k), k);
            }
            given += ((Map<?, ?>) x).size();
        }
        checkCells(l.size(), keys.size(), given);
        final Map<Object, Integer> slot = new HashMap<>();
        final List<Object[]> cols = new ArrayList<>(keys.size());
        final boolean[][] present = new boolean[keys.size()][];
        int c = 0;
        for (final Object k : keys.keySet()) {
            slot.put(k, c);
            cols.add(new Object[l.size()]);
            present[c++] = new boolean[l.size()];
        }
        for (int r = 0; r < l.size(); r++) {
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) l.get(r)).entrySet()) {
                final int s = slot.get(DataFrame.key(e.getKey()));
                cols.get(s)[r] = e.getValue();
                present[s][r] = true;
            }
        }
        final DataFrame f = new DataFrame(l.size());
        c = 0;
        for (final Object label : keys.values()) {
            recordColumn(f, label, cols.get(c), present[c]);
            c++;
        }
        return f;
    }

    private static void recordColumn(final DataFrame f, final Object label, final Object[] col, final boolean[] present) {
        boolean datetimes = false;
        boolean others = false;
        for (int r = 0; r < col.length; r++) {
            if (present[r] && col[r] != null) {
                final boolean dt = col[r] instanceof NpScalar && ((NpScalar) col[r]).dtype().kind() == DType.Kind.DATETIME;
                datetimes |= dt;
                others |= !dt;
            }
        }
        for (int r = 0; r < col.length; r++) {
            if (!present[r]) {
                // pandas fills a key missing from a record with NaN (None stays None); NaT beside numpy datetimes
                col[r] = datetimes && !others ? null : (Object) Double.NaN;
            }
        }
        addInferred(f, label, col);
    }

    /** Rows ({@code pd.DataFrame([[...], ...])}), labelled 0, 1, ... . */
    private static DataFrame fromRows(final List<?> l) {
        final List<List<?>> rows = new ArrayList<>(l.size());
        int width = 0;
        long given = 0;
        for (final Object r : l) {
            final List<?> row = rowList(r);
            rows.add(row);
            width = Math.max(width, row.size());
            given += row.size();
        }
        checkCells(l.size(), width, given);
        final DataFrame f = new DataFrame(l.size());
        for (int c = 0; c < width; c++) {
            final Object[] col = new Object[rows.size()];
            for (int r = 0; r < col.length; r++) {
                final List<?> row = rows.get(r);
                col[r] = c < row.size() ? row.get(c) : null;
            }
            addInferred(f, (long) c, col);
        }
        return f;
    }

    /** A row of a list of rows as pandas reads it by position; a value without len() is pandas' TypeError. */
    private static List<?> rowList(final Object r) {
        if (Py.isSequence(r)) {
            return r instanceof NdArray ? ((NdArray) r).rows() : Numpy.items(r);
        }
        if (r instanceof String) {
            final List<Object> chars = new ArrayList<>();
            ((String) r).codePoints().forEach(cp -> chars.add(new String(Character.toChars(cp))));
            return chars;
        }
        if (r instanceof byte[]) {
            final List<Object> bytes = new ArrayList<>();
            for (final byte x : (byte[]) r) {
                bytes.add((long) (x & 0xff));
            }
            return bytes;
        }
        if (r instanceof Map) {
            return new ArrayList<>(((Map<?, ?>) r).keySet());
        }
        throw PyError.typeError("object of type '" + Py.typeName(r) + "' has no len()");
    }

    /**
     * {@code pd.DataFrame(ndarray)}: a 1-D array is one column labelled 0, a 2-D one a column per
     * second index, both with the array's dtype (str as object).
     *
     * @throws PyError {@code Must pass 2-d input. shape=...} beyond two dimensions
     */
    public static DataFrame fromArray(final NdArray a) {
        if (a.rank() == 1) {
            final DataFrame f = new DataFrame((int) a.length());
            final DType dt = columnDtype(a.dtype());
            f.append(0L, dt, normalize(a.elements().clone(), dt));
            return f;
        }
        if (a.rank() != 2) {
            throw PyError.valueError("Must pass 2-d input. shape=" + io.signet.py.PyRepr.shape(a.shape()));
        }
        final int rows = (int) a.dim(0);
        final int cols = (int) a.dim(1);
        final Object[] v = a.elements();
        final DType dt = columnDtype(a.dtype());
        final DataFrame f = new DataFrame(rows);
        for (int c = 0; c < cols; c++) {
            final Object[] col = new Object[rows];
            for (int r = 0; r < rows; r++) {
                col[r] = v[r * cols + c];
            }
            f.append((long) c, dt, normalize(col, dt));
        }
        return f;
    }
    // ------------------------------------------------------------------ pd.DataFrame(data, columns, dtype), astype

    /**
     * {@code pd.DataFrame(data, columns=columns, dtype=dtype)} ({@code columns} and {@code dtype} may be
     * null): dict data selects and orders its columns by {@code columns} (an absent one is all NaN);
     * rows and scalars are labelled by {@code columns}; then every column is cast to {@code dtype} (as the
     * profile's pandas does; a value it would store silently wrong is refused).
     */
    public static DataFrame frame(final Object data, final List<?> columns, final DType dtype,
                                  final io.signet.enforce.Profile profile) {
        DataFrame f;
        if (data instanceof Map) {
            f = fromDict((Map<?, ?>) data);
            if (columns != null) {
                final DataFrame g = new DataFrame(f.rowCount());
                for (final Object c : columns) {
                    final int i = f.indexOf(c);
                    if (i >= 0) {
                        g.append(c, f.dtype(i), f.cells(i).clone());
                    } else {
                        final Object[] nan = new Object[f.rowCount()];
                        Arrays.fill(nan, Double.NaN);
                        g.append(c, DType.OBJECT, nan);
                    }
                }
                f = g;
            }
        } else if (data instanceof List) {
            f = fromList((List<?>) data);
            if (columns != null) {
                if (f.rowCount() == 0) {
                    f = new DataFrame(0);
                    for (final Object c : columns) {
                        f.append(c, DType.OBJECT, new Object[0]);
                    }
                } else if (columns.size() != f.columnCount()) {
                    throw PyError.valueError(columns.size() + " columns passed, passed data had " + f.columnCount()
                        + " columns");
                } else {
                    f.relabel(columns);
                }
            }
        } else if (data instanceof NdArray) {
            f = fromArray((NdArray) data);
        } else {
            throw PyError.valueError("DataFrame constructor not properly called!");
        }
        if (dtype != null) {
            for (int c = 0; c < f.columnCount(); c++) {
                final Series s = astype(Series.of(f, c), dtype, profile);
                f.set(c, s.dtype(), s.cells());
            }
        }
        return f;
    }

    /**
     * {@code series.astype(dtype)} refusing what pandas would store silently (a wrap, a datetime past
     * datetime64[ns]): how a Java caller builds a frame it means exactly ({@link #frame}).
     *
     * @throws PyError pandas' exception
     * @throws IllegalArgumentException Signet's refusal of a silent corruption (not a Python exception)
     */
    public static Series astype(final Series s, final DType dtype, final io.signet.enforce.Profile profile) {
        final NpCast.Facts facts = new NpCast.Facts().noteTruncation(false);
        final Series r = astype(s, dtype, profile, facts);
        if (facts.event() != NpCast.Facts.NONE) {
            throw new IllegalArgumentException(facts.sentence());
        }
        return r;
    }

    /** The datetime64 / timedelta64 units pandas 2 keeps besides ns. */
    private static final java.util.Set<String> PANDAS2_UNITS = java.util.Set.of("s", "ms", "us");

    /**
     * {@code series.astype(dtype)} as the profile's pandas casts a column: the one astype of the value
     * model ({@code pd.DataFrame(data, dtype=)}, {@code df.astype}, and MLflow's
     * {@code cast_df_types_according_to_schema}, whose rules about which columns and which sentence live
     * in the rule book).
     * <ul>
     *   <li>object: the values kept (a datetime column's become Timestamps); str: Python's {@code str()}
     *       of every cell, an object column; bytes {@code |Sn}: ASCII, cut to n;</li>
     *   <li>bool: every cell's truth (None False, NaN True);</li>
     *   <li>datetime64: numbers (and a bool column) are nanoseconds, strings go through pandas' parser
     *       ({@link PandasDatetime}), dates and numpy datetimes convert; an int past int64 is out of bounds
     *       in an object column, and stored wrapped (or NaT) where pandas holds the column as uint64 /
     *       float64; pandas 1.5 labels every unit ns, pandas 2 keeps s, ms and us and refuses other
     *       datetime units;</li>
     *   <li>timedelta64: numpy's cast, the units as for datetimes;</li>
     *   <li>numbers: a float column into an integer dtype is C's cast after pandas' checks (NA or inf
     *       {@code IntCastingNaNError}, a negative into uint {@code ValueError}); any other column is numpy's
     *       cast of each Python value (numpy 2 refuses Python ints past the range in an object column); a
     *       datetime column keeps int64 and bool only.</li>
     * </ul>
     * What pandas stores silently (a value wrapped or stored as garbage; a fraction truncated when
     * {@code facts} notes truncations) goes into {@code facts}, with its row.
     *
     * @throws PyError pandas' or numpy's exception: its {@link PyError#repr()} is what MLflow quotes
     */
    public static Series astype(final Series s, final DType target, final io.signet.enforce.Profile profile,
                                final NpCast.Facts facts) {
        final Object[] col = s.cells();
        final DType from = s.dtype();
        final Object[] out = new Object[col.length];
        switch (target.kind()) {
            case OBJECT:
                for (int i = 0; i < col.length; i++) {
                    out[i] = from.kind() == DType.Kind.DATETIME ? DataFrame.item(from, col[i]) : col[i];
                }
                return s.withDtype(DType.OBJECT, out);
            case STR:
                for (int i = 0; i < col.length; i++) {
                    final Object v = Py.unwrap(col[i]);
                    out[i] = v instanceof Double && ((Double) v).isNaN() ? "nan" : PyRepr.str(v);
                }
                return s.withDtype(DType.OBJECT, out);
            case BYTES:
                return toBytes(s, target);
            default:
                break;
        }
        if (from.kind() == DType.Kind.DATETIME) {
            // pandas' DatetimeArray.astype keeps int64 (the nanoseconds) and bool, refuses other numbers
            if (target.kind() == DType.Kind.FLOAT || target.kind() == DType.Kind.TIMEDELTA) {
                throw PyError.typeError("Cannot cast DatetimeArray to dtype " + target);
            }
            if ((target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT) && target.itemSize() != 8) {
                throw PyError.typeError("cannot astype a datetimelike from [" + from + "] to [" + target + "]");
            }
        }
        switch (target.kind()) {
            case BOOL:
                for (int i = 0; i < col.length; i++) {
                    out[i] = Py.truthy(col[i]);
                }
                return s.withDtype(target, out);
            case DATETIME:
                return keepTimeUnit(s, toDatetimes(col, from, profile, facts), target, profile);
            case TIMEDELTA: {
                final List<Object> l = new ArrayList<>(col.length);
                final String unit = target.unit() == null || target.unit().isEmpty() ? "ns" : target.unit();
                for (final Object v : col) {
                    l.add(v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.TIMEDELTA
                        && ((NpScalar) v).value() instanceof Long && (Long) ((NpScalar) v).value() != NpDatetime.NAT
                        ? (Object) NpDatetime.convert((Long) ((NpScalar) v).value(), ((NpScalar) v).dtype().unit(), unit)
                        : v);
                }
                return keepTimeUnit(s, Numpy.array(l, target, facts.at(-1)).elements(), target, profile);
            }
            case COMPLEX:
                return s.withDtype(target, col.clone()); // numpy's complex casts: the values held as they are
            default:
                return s.withDtype(target, toNumbers(col, from, target, profile, facts));
        }
    }

    /** astype to {@code |Sn}: every str as ASCII (any other value's {@code str()}), cut to n (unsized: the longest). */
    private static Series toBytes(final Series s, final DType dtype) {
        final Object[] in = s.cells();
        final Object[] out = new Object[in.length];
        int width = 1;
        for (int i = 0; i < in.length; i++) {
            final Object v = Py.unwrap(in[i]);
            out[i] = v instanceof byte[] ? v : NumpyCast.cast(PyRepr.str(v), DType.BYTES, new NpCast.Facts());
            width = Math.max(width, ((byte[]) out[i]).length);
        }
        final int n = dtype.itemSize() > 0 ? dtype.itemSize() : width;
        for (int i = 0; i < out.length; i++) {
            out[i] = ((byte[]) out[i]).length > n ? Arrays.copyOf((byte[]) out[i], n) : out[i];
        }
        return s.withDtype(DType.bytes(n), out);
    }

    /** astype to an int, uint or float dtype (see {@link #astype(Series, DType, io.signet.enforce.Profile, NpCast.Facts)}). */
    private static Object[] toNumbers(final Object[] col, final DType from, final DType target,
                                      final io.signet.enforce.Profile profile, final NpCast.Facts facts) {
        final boolean integer = target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT;
        if (from.kind() == DType.Kind.FLOAT && integer) {
            return floatsIntoInts(col, from, target, facts);
        }
        final List<Object> l = new ArrayList<>(Arrays.asList(col));
        for (int i = 0; i < l.size(); i++) {
            final Object v = l.get(i);
            if (v instanceof Double && ((Double) v).isNaN() && target.kind() == DType.Kind.FLOAT) {
                l.set(i, null);
            } else if (v instanceof Map || v instanceof List) {
                throw PyError.typeError(target.kind() == DType.Kind.FLOAT
                    ? "float() argument must be a string or a real number, not '" + PyRepr.typeName(v) + "'"
                    : "int() argument must be a string, a bytes-like object or a real number, not '"
                    + PyRepr.typeName(v) + "'");
            }
        }
        if (integer && !target.equals(DType.UINT64)) {
            for (int i = 0; i < l.size(); i++) {
                final Object v = l.get(i);
                if (v instanceof BigInteger && ((BigInteger) v).signum() >= 0 && ((BigInteger) v).bitLength() <= 64) {
                    // pandas holds it in a uint64 column and astype wraps it silently
                    final long stored = NpCast.intToInt(((BigInteger) v).longValue(), target, new NpCast.Facts());
                    facts.at(i).stored(v.toString(), target, Long.toString(stored));
                    l.set(i, ((BigInteger) v).longValue());
                }
            }
        }
        // an object column holds Python ints, which numpy 2 refuses past the target's range (an int64 column,
        // and the uint64 / float64 one pandas makes of ints past int64, is cast in C and still wraps)
        facts.intOverflowRaises(profile.numpyRaisesOnIntOverflow() && from.kind() == DType.Kind.OBJECT
            && unsignedNumericColumn(col).kind() == DType.Kind.OBJECT);
        final Object[] el;
        try {
            el = Numpy.array(l, target, facts.at(-1)).elements();
        } finally {
            facts.intOverflowRaises(false);
        }
        if (target.kind() == DType.Kind.FLOAT && target.itemSize() < 8) {
            for (int i = 0; i < el.length; i++) {
                el[i] = NpCast.rounded((Double) el[i], target); // what a float32 / float16 column holds
            }
        }
        return integer ? unsigned64(el, target) : el;
    }

    /** uint64 cells past int64 as the value model holds them (BigInteger). */
    private static Object[] unsigned64(final Object[] el, final DType target) {
        if (target.equals(DType.UINT64)) {
            for (int i = 0; i < el.length; i++) {
                if (el[i] instanceof Long && (Long) el[i] < 0) {
                    el[i] = new BigInteger(Long.toUnsignedString((Long) el[i]));
                }
            }
        }
        return el;
    }

    /**
     * A float column cast to an integer dtype: NaN or an infinity is pandas' IntCastingNaNError, a negative
     * value into uint its ValueError; the cast itself is C's ({@link NpCast#floatArrayToInt}: no Python int in
     * between, so no OverflowError): a value past the range is stored as C's garbage, 1e39 into int32 as
     * -2147483648, and MLflow accepts it (a fact).
     */
    private static Object[] floatsIntoInts(final Object[] col, final DType from, final DType target,
                                           final NpCast.Facts facts) {
        for (final Object v : col) {
            final double d = v == null ? Double.NaN : ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new PyError("IntCastingNaNError", "Cannot convert non-finite values (NA or inf) to integer");
            }
        }
        if (target.kind() == DType.Kind.UINT) {
            for (final Object v : col) {
                if (((Number) v).doubleValue() < 0) {
                    throw PyError.valueError("Cannot losslessly cast from " + from + " to " + target);
                }
            }
        }
        final Object[] el = new Object[col.length];
        for (int i = 0; i < col.length; i++) {
            el[i] = NpCast.floatArrayToInt(((Number) col[i]).doubleValue(), target, facts.at(i));
        }
        return unsigned64(el, target);
    }

    /**
     * An astype to datetime64 / timedelta64 stored (cells in ns for a datetime, in the target's unit for a
     * timedelta): pandas 1.5 labels both ns whatever unit was asked for; pandas 2 keeps s, ms and us,
     * refuses other datetime units (ValueError) and makes seconds of other timedelta units.
     */
    private static Series keepTimeUnit(final Series s, final Object[] cells, final DType target,
                                       final io.signet.enforce.Profile profile) {
        final boolean datetime = target.kind() == DType.Kind.DATETIME;
        final String unit = target.unit() == null || target.unit().isEmpty() ? "ns" : target.unit();
        if (!profile.pandasKeepsTimeUnit() || unit.equals("ns")) {
            return s.withDtype(datetime ? DType.datetime64("ns") : DType.timedelta64("ns"), cells);
        }
        if (datetime && !PANDAS2_UNITS.contains(unit)) {
            throw PyError.valueError("Unexpected value for 'dtype': '" + target + "'. Must be 'datetime64[s]', "
                + "'datetime64[ms]', 'datetime64[us]', 'datetime64[ns]' or DatetimeTZDtype'.");
        }
        final String from = datetime ? "ns" : unit;
        final String kept = PANDAS2_UNITS.contains(unit) ? unit : "s";
        for (int i = 0; i < cells.length; i++) {
            final long x = (Long) cells[i];
            cells[i] = from.equals(kept) || x == NpDatetime.NAT ? x : NpDatetime.convert(x, from, kept);
        }
        return s.withDtype(datetime ? DType.datetime64(kept) : DType.timedelta64(kept), cells);
    }

    /**
     * pandas' {@code astype('datetime64[ns]')} of the cells: numbers (and a bool column's bools) are
     * nanoseconds, strings parsed ({@link PandasDatetime}), dates and numpy datetimes converted; past int64
     * out of bounds, or wrapped as pandas holds the column (a fact).
     */
    private static Object[] toDatetimes(final Object[] col, final DType from, final io.signet.enforce.Profile profile,
                                        final NpCast.Facts facts) {
        final Object[] r = new Object[col.length];
        final DType ns = DType.datetime64("ns");
        // pandas keeps a column of non-negative ints with one past int64 as uint64 (float64 with a float or
        // None among them): such a column is cast blindly (2**63 becomes NaT), any other holds Python objects,
        // converted one by one with a bounds check
        final DType held = from.kind() == DType.Kind.OBJECT ? unsignedNumericColumn(col) : from;
        for (int i = 0; i < col.length; i++) {
            final Object v = col[i];
            if (v == null || v instanceof Double && ((Double) v).isNaN()) {
                r[i] = NpDatetime.NAT;
            } else if (v instanceof Boolean && from.kind() == DType.Kind.BOOL) {
                r[i] = (Boolean) v ? 1L : 0L;
            } else if (v instanceof Long) {
                r[i] = v;
            } else if (v instanceof BigInteger) {
                if (held.kind() == DType.Kind.OBJECT) {
                    throw new PyError("OutOfBoundsDatetime", "Out of bounds nanosecond timestamp");
                }
                // uint64 is viewed as int64, a float64 past int64 becomes NaT: MLflow stores a wrong datetime
                final long x = held.kind() == DType.Kind.FLOAT ? NpDatetime.NAT : ((BigInteger) v).longValue();
                r[i] = x;
                facts.at(i).stored(v.toString(), ns, x == NpDatetime.NAT ? "NaT" : x + " nanoseconds");
            } else if (v instanceof Double) {
                final double d = (Double) v;
                if (Double.isInfinite(d)) {
                    throw new PyError("OverflowError", "cannot convert float infinity to integer");
                }
                if (d >= 0x1p63 || d < -0x1p63) {
                    if (held.kind() == DType.Kind.OBJECT) {
                        // element-wise conversion of an object column checks bounds
                        throw new PyError("OutOfBoundsDatetime", "Out of bounds nanosecond timestamp");
                    }
                    // a float64 column casts blindly: numpy stores int64's minimum, which is NaT
                    r[i] = NpDatetime.NAT;
                    facts.at(i).stored(PyRepr.repr(v), ns, "NaT");
                } else {
                    r[i] = (long) d;
                }
            } else if (v instanceof String) {
                try {
                    r[i] = PandasDatetime.parse((String) v);
                } catch (final RuntimeException e) {
                    throw PyError.ofRepr(PandasDatetime.failure((String) v, i, numberBefore(col, i), e));
                }
            } else {
                // dates, Timestamps, numpy datetimes
                final Object x = PandasDatetime.cell(v);
                if (x == PandasDatetime.FAIL || v instanceof Boolean) {
                    throw PyError.typeError("<class '" + PyRepr.typeName(v) + "'> is not convertible to datetime");
                }
                r[i] = x == null ? NpDatetime.NAT : x;
            }
        }
        if (from.kind() == DType.Kind.OBJECT) {
            // to_datetime of strings with different UTC offsets, or aware and naive ones
            final String zones = PandasDatetime.zoneError(col, profile.pandasRefusesAwareDatetimeStrings());
            if (zones != null) {
                throw PyError.ofRepr(zones);
            }
        }
        return r;
    }

    /**
     * The dtype pandas gives an object column holding an int past int64: uint64 when every cell is a
     * non-negative int below 2**64, float64 when floats or None are among them too, else object.
     */
    private static DType unsignedNumericColumn(final Object[] col) {
        boolean big = false;
        boolean floats = false;
        for (final Object v : col) {
            if (v == null || v instanceof Double) {
                floats = true;
            } else if (v instanceof BigInteger) {
                final BigInteger b = (BigInteger) v;
                if (b.signum() < 0 || b.bitLength() > 64) {
                    return DType.OBJECT;
                }
                big = true;
            } else if (!(v instanceof Long) || (Long) v < 0) {
                return DType.OBJECT;
            }
        }
        return !big ? DType.OBJECT : floats ? DType.FLOAT64 : DType.UINT64;
    }

    /** A number (not NaN) among the cells before row {@code i}: pandas' object path then re-raises its TypeError. */
    private static boolean numberBefore(final Object[] col, final int i) {
        for (int j = 0; j < i; j++) {
            final Object v = col[j];
            if (v instanceof Long || v instanceof BigInteger || v instanceof Double && !((Double) v).isNaN()) {
                return true;
            }
        }
        return false;
    }

}
