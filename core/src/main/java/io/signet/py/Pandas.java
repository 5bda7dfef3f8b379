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
     * rows and scalars are labelled by {@code columns}; then every column is cast to {@code dtype}.
     */
    public static DataFrame frame(final Object data, final List<?> columns, final DType dtype) {
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
                final Series s = astype(Series.of(f, c), dtype);
                f.set(c, s.dtype(), s.cells());
            }
        }
        return f;
    }

    /**
     * {@code series.astype(dtype)} of a column of Python values: numpy's conversion of each cell (bool:
     * truthiness; ints: truncated floats, parsed str, a value past the dtype's range refused rather than
     * wrapped; floats: parsed str, None NaN; datetime64: parsed str, Python datetimes, ints as counts;
     * str: Python's {@code str()}, an object column; bytes {@code |Sn}: ASCII, cut to n).
     *
     * @throws PyError where numpy raises, or where it would wrap silently
     */
    public static Series astype(final Series s, final DType dtype) {
        final Object[] in = s.cells();
        final Object[] out = new Object[in.length];
        switch (dtype.kind()) {
            case OBJECT:
                // astype(object): datetimes become Timestamps, everything else keeps its Python value
                for (int i = 0; i < in.length; i++) {
                    out[i] = s.dtype().kind() == DType.Kind.DATETIME ? DataFrame.item(s.dtype(), in[i]) : in[i];
                }
                return s.withDtype(DType.OBJECT, out);
            case STR:
                for (int i = 0; i < in.length; i++) {
                    out[i] = io.signet.py.PyRepr.str(Py.unwrap(in[i]));
                }
                return s.withDtype(DType.OBJECT, out);
            case BYTES: {
                int width = 1;
                for (int i = 0; i < in.length; i++) {
                    final Object v = Py.unwrap(in[i]);
                    out[i] = v instanceof byte[] ? v : NumpyCast.cast(io.signet.py.PyRepr.str(v), DType.BYTES,
                        new NpCast.Facts());
                    width = Math.max(width, ((byte[]) out[i]).length);
                }
                final int n = dtype.itemSize() > 0 ? dtype.itemSize() : width;
                for (int i = 0; i < out.length; i++) {
                    out[i] = ((byte[]) out[i]).length > n ? Arrays.copyOf((byte[]) out[i], n) : out[i];
                }
                return s.withDtype(DType.bytes(n), out);
            }
            default:
                for (int i = 0; i < in.length; i++) {
                    out[i] = astypeCell(Py.unwrap(in[i]), in[i], dtype);
                }
                return s.withDtype(dtype, out);
        }
    }

    private static Object astypeCell(final Object v, final Object raw, final DType d) {
        switch (d.kind()) {
            case BOOL:
                if (v == null || v instanceof Boolean || v instanceof Number || v instanceof String) {
                    return Py.truthy(v);
                }
                throw cannot(v, d);
            case INT:
            case UINT: {
                if (v == null) {
                    throw PyError.typeError("int() argument must be a string, a bytes-like object or a real number, "
                        + "not 'NoneType'");
                }
                if (v instanceof Double && !Double.isFinite((Double) v)) {
                    throw PyError.valueError("Cannot convert non-finite values (NA or inf) to integer");
                }
                if (!(v instanceof Number || v instanceof Boolean || v instanceof String)) {
                    throw cannot(v, d);
                }
                final NpCast.Facts facts = new NpCast.Facts();
                final Object r = NumpyCast.cast(v, d, facts);
                if (facts.event() == NpCast.Facts.WRAPPED) {
                    // numpy would wrap silently; Signet refuses to corrupt a value
                    throw PyError.valueError("value " + facts.value() + " out of range for " + d);
                }
                return d.kind() == DType.Kind.UINT && d.itemSize() == 8 && (Long) r < 0
                    ? new BigInteger(Long.toUnsignedString((Long) r)) : r;
            }
            case FLOAT:
                if (v == null || v instanceof Boolean || v instanceof Number || v instanceof String) {
                    return NumpyCast.cast(v instanceof String ? ((String) v).trim() : v, d, new NpCast.Facts());
                }
                throw cannot(v, d);
            case DATETIME:
                if (raw instanceof NpScalar && ((NpScalar) raw).dtype().kind() == DType.Kind.DATETIME) {
                    final long x = (Long) ((NpScalar) raw).value();
                    return x == NpDatetime.NAT ? x : NpDatetime.convert(x, ((NpScalar) raw).dtype().unit(), d.unit());
                }
                if (v instanceof String) {
                    return NpDatetime.parse(((String) v).replace(' ', 'T')).to(d.unit());
                }
                if (v == null || v instanceof Long || v instanceof java.time.LocalDateTime
                    || v instanceof java.time.LocalDate) {
                    return NumpyCast.cast(v, d, new NpCast.Facts());
                }
                throw cannot(v, d);
            case TIMEDELTA:
                if (raw instanceof NpScalar && ((NpScalar) raw).dtype().kind() == DType.Kind.TIMEDELTA
                    && ((NpScalar) raw).value() instanceof Long) {
                    final long x = (Long) ((NpScalar) raw).value();
                    return x == NpDatetime.NAT ? x : NpDatetime.convert(x, ((NpScalar) raw).dtype().unit(), d.unit());
                }
                if (v == null || v instanceof Long || v instanceof Integer) {
                    return v == null ? NpDatetime.NAT : ((Number) v).longValue();
                }
                throw cannot(v, d);
            default:
                throw cannot(v, d);
        }
    }

    private static PyError cannot(final Object v, final DType d) {
        return PyError.valueError("cannot convert " + Py.typeName(v) + " to " + d);
    }
}
