package io.signet.column;

import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.tensor.DType;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A pandas-like DataFrame: named, typed {@link Column}s of equal length, values off-heap (see
 * {@link Column} for the layout). One owner; {@link #close()} frees the memory; {@link #clear()}
 * keeps the memory for the next request.
 *
 * <p>Build it from typed arrays with a declared dtype per column ({@link #addLongs},
 * {@link #addDoubles}, {@link #addBooleans}, {@link #addStrings}, {@link #addBinary},
 * {@link #addDatetimes}), from Python-like Java values with pandas' inference
 * ({@link #addValues(Object, List)}) or a declared dtype ({@link #addValues(Object, DType, List)}),
 * or cell by cell ({@link #startColumn}). pandas' DataFrame constructor for dict / list inputs is the
 * value model's ({@code io.signet.py.Pandas}; its frames become batches at one seam,
 * {@code io.signet.py.Batches}). Array / Object / Map columns are offset trees when built with their
 * schema type: {@link #addValues(Object, ColumnType, List)} or {@link #startNestedColumn} (token by token).
 *
 * <p>Column labels are Objects: a String, a Long for positional labels (as pandas numbers
 * unnamed columns 0, 1, ...), or another value.
 */
public final class ColumnBatch implements AutoCloseable {
    private final List<Column> pool = new ArrayList<>();
    private int count;
    private int rows = -1;
    /**
     * Label -> first column added with it: an open-addressing table (linear probing, at most half
     * full) filled lazily from {@link #registered} up to {@link #indexed}. Unlike a HashMap it keeps
     * no entry objects, so refilling a batch request after request allocates nothing; its arrays grow
     * only past the widest batch seen. Keys are {@link #key}s (Python label equality), null as NULL_LABEL.
     */
    private Object[] labelKeys = new Object[32];
    private int[] labelSlots = new int[32];
    private static final Object NULL_LABEL = new Object();
    /** The slot of each finished column, in the order finished (writers may finish out of order). */
    private int[] registered = new int[16];
    private int registeredCount;
    private int indexed;
    private boolean closed;

    /** An empty batch; its off-heap memory is allocated as columns are added and kept across {@link #clear()}. */
    public ColumnBatch() {
    }

    /** Number of rows (0 for a batch without columns). */
    public int rowCount() {
        return Math.max(rows, 0);
    }

    /** Number of columns. */
    public int columnCount() {
        return count;
    }

    /** Column {@code i}, in the order the columns were added. */
    public Column column(final int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("column " + i + " of " + count);
        }
        return pool.get(i);
    }

    /** Index of the first column with that label (Python equality: 1L equals 1.0), or -1. */
    public int indexOf(final Object name) {
        if (indexed < registeredCount) {
            indexRegistered();
        }
        final Object k = tableKey(name);
        final Object[] keys = labelKeys;
        final int mask = keys.length - 1;
        for (int h = slotOf(k.hashCode(), keys.length);; h = h + 1 & mask) {
            final Object e = keys[h];
            if (e == null) {
                return -1;
            }
            if (k.equals(e)) {
                return labelSlots[h];
            }
        }
    }

    private static Object tableKey(final Object name) {
        final Object k = key(name);
        return k == null ? NULL_LABEL : k;
    }

    /**
     * The table slot of a hash: Fibonacci hashing (multiply by 2^32 / phi, keep the top bits), so that
     * the near-sequential hashes of labels such as "f0".."f599" scatter instead of forming long runs
     * for linear probing.
     */
    private static int slotOf(final int hash, final int capacity) {
        return (hash * 0x9E37_79B9) >>> Integer.numberOfLeadingZeros(capacity) + 1;
    }

    /** Adds the columns finished since the last lookup (the first one with a label wins), growing the table if needed. */
    private void indexRegistered() {
        if (registeredCount * 2 > labelKeys.length) {
            int cap = labelKeys.length;
            while (cap < registeredCount * 2) {
                cap <<= 1;
            }
            labelKeys = new Object[cap];
            labelSlots = new int[cap];
            indexed = 0;
        }
        final Object[] keys = labelKeys;
        final int mask = keys.length - 1;
        for (; indexed < registeredCount; indexed++) {
            final int slot = registered[indexed];
            final Object k = tableKey(pool.get(slot).name());
            int h = slotOf(k.hashCode(), keys.length);
            while (keys[h] != null && !k.equals(keys[h])) {
                h = h + 1 & mask;
            }
            if (keys[h] == null) {
                keys[h] = k;
                labelSlots[h] = slot;
            }
        }
    }

    /** Python's label equality as a hash key: integral numbers as Long, other numbers as Double. */
    private static Object key(final Object name) {
        if (name instanceof Number && !(name instanceof Long)) {
            final double d = ((Number) name).doubleValue();
            return d == Math.rint(d) && !Double.isInfinite(d) ? (Object) (long) d : (Object) d;
        }
        return name;
    }

    static boolean labelEquals(final Object a, final Object b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a instanceof Number && b instanceof Number) {
            return ((Number) a).doubleValue() == ((Number) b).doubleValue();
        }
        return a.equals(b);
    }

    /** The column labels in order. */
    public List<Object> names() {
        final List<Object> r = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            r.add(pool.get(i).name());
        }
        return r;
    }

    /** Drops all columns, keeping their off-heap memory for reuse. */
    public void clear() {
        count = 0;
        rows = -1;
        registeredCount = 0;
        if (indexed > 0) {
            java.util.Arrays.fill(labelKeys, null);
            indexed = 0;
        }
    }

    /** Off-heap bytes the batch holds (every pooled column's capacity, in use or not; 0 once closed). */
    public long offHeapBytes() {
        long n = 0;
        for (int i = 0, size = pool.size(); i < size; i++) {
            n += pool.get(i).offHeapBytes();
        }
        return n;
    }

    /**
     * Drops all columns and frees their off-heap memory; the batch stays usable (columns allocate
     * again on demand) and writers handed out before stay reusable with {@link #startColumn(Object,
     * DType, ColumnWriter)}.
     */
    public void releaseMemory() {
        clear();
        for (int i = 0, size = pool.size(); i < size; i++) {
            pool.get(i).free();
        }
    }

    /** Frees all off-heap memory. The batch must not be used afterwards. */
    @Override
    public void close() {
        if (!closed) {
            closed = true;
            for (final Column c : pool) {
                c.free();
            }
            pool.clear();
            java.util.Arrays.fill(labelKeys, null);
            indexed = 0;
            registeredCount = 0;
            count = 0;
        }
    }

    // ------------------------------------------------------------------ building

    /**
     * Starts a column of that dtype; append its cells through the returned writer. An {@code object}
     * column starts with UTF-8 storage and moves to Java values on the first non-str cell.
     */
    public ColumnWriter startColumn(final Object name, final DType dtype) {
        final Column.Storage s = dtype.kind() == DType.Kind.OBJECT || dtype.kind() == DType.Kind.STR
            ? Column.Storage.UTF8 : dtype.kind() == DType.Kind.BYTES ? Column.Storage.BINARY : Column.Storage.FIXED;
        final DType d = s == Column.Storage.FIXED ? dtype : DType.OBJECT;
        return new ColumnWriter(this, next(name, d, s));
    }

    /**
     * As {@link #startColumn(Object, DType)}, but hands back {@code reuse} when it is this batch's writer
     * of the same column slot (the slot a column started after the same number of columns occupies), so
     * that a batch refilled request after request in the same layout allocates no writers.
     */
    public ColumnWriter startColumn(final Object name, final DType dtype, final ColumnWriter reuse) {
        final Column.Storage s = dtype.kind() == DType.Kind.OBJECT || dtype.kind() == DType.Kind.STR
            ? Column.Storage.UTF8 : dtype.kind() == DType.Kind.BYTES ? Column.Storage.BINARY : Column.Storage.FIXED;
        final Column c = next(name, s == Column.Storage.FIXED ? dtype : DType.OBJECT, s);
        return reuse != null && reuse.batch == this && reuse.column == c ? reuse : new ColumnWriter(this, c);
    }

    /**
     * Starts a NESTED column of an Array / Object / Map type (an offset tree, see {@link NestedVector});
     * append its cells through the returned writer, reused with the column.
     */
    public NestedWriter startNestedColumn(final Object name, final ColumnType type) {
        final Column c = nextNested(name, type);
        final NestedWriter w = c.writer();
        w.reset(this, c);
        return w;
    }

    private Column nextNested(final Object name, final ColumnType type) {
        if (type instanceof DataType || !NestedVector.supports(type)) {
            throw new IllegalArgumentException("not an Array / Object / Map type of DataTypes: " + type.repr());
        }
        final Column c = next(name, DType.OBJECT, Column.Storage.OBJECT);
        c.resetNested(name, type);
        return c;
    }

    private Column next(final Object name, final DType dtype, final Column.Storage storage) {
        ensureOpen();
        if (dtype.kind() == DType.Kind.COMPLEX) {
            throw new IllegalArgumentException("complex columns are not supported");
        }
        final Column c;
        if (count < pool.size()) {
            c = pool.get(count);
        } else {
            c = new Column();
            pool.add(c);
        }
        c.reset(name, dtype, storage);
        count++;
        return c;
    }

    void finish(final Column c) {
        if (rows < 0) {
            rows = c.length();
        } else if (rows != c.length()) {
            count--;
            throw new IllegalArgumentException("All arrays must be of the same length");
        }
        // writers may be used side by side: register the column's own slot, not the last one started
        int slot = count - 1;
        while (slot >= 0 && pool.get(slot) != c) {
            slot--;
        }
        if (registeredCount == registered.length) {
            registered = java.util.Arrays.copyOf(registered, registeredCount * 2);
        }
        registered[registeredCount++] = slot;
    }

    /** An int/uint/datetime/timedelta column from longs (nulls may be null: none). Values are range-checked. */
    public ColumnBatch addLongs(final Object name, final DType dtype, final long[] values, final boolean[] nulls) {
        final DType.Kind k = dtype.kind();
        if (k != DType.Kind.INT && k != DType.Kind.UINT && k != DType.Kind.DATETIME && k != DType.Kind.TIMEDELTA) {
            throw new IllegalArgumentException("addLongs needs an integer or datetime dtype, got " + dtype);
        }
        final Column c = next(name, dtype, Column.Storage.FIXED);
        for (int i = 0; i < values.length; i++) {
            if (nulls != null && nulls[i]) {
                if (k == DType.Kind.INT || k == DType.Kind.UINT) {
                    count--;
                    throw new IllegalArgumentException("an integer column cannot hold None (pandas makes it float64)");
                }
                c.appendNull();
            } else {
                if ((k == DType.Kind.INT || k == DType.Kind.UINT) && !(k == DType.Kind.UINT && dtype.itemSize() == 8)
                    && !Pandas.fits(values[i], dtype)) {
                    count--;
                    throw new IllegalArgumentException("value " + values[i] + " out of range for " + dtype);
                }
                c.appendLong(values[i]);
            }
        }
        finish(c);
        return this;
    }

    /** A float16/32/64 column; NaN is a null, as in pandas. */
    public ColumnBatch addDoubles(final Object name, final DType dtype, final double[] values) {
        if (dtype.kind() != DType.Kind.FLOAT) {
            throw new IllegalArgumentException("addDoubles needs a float dtype, got " + dtype);
        }
        final Column c = next(name, dtype, Column.Storage.FIXED);
        for (final double v : values) {
            if (Double.isNaN(v)) {
                c.appendNull();
            } else {
                c.appendDouble(v);
            }
        }
        finish(c);
        return this;
    }

    /** Adds a bool column holding {@code values}. */
    public ColumnBatch addBooleans(final Object name, final boolean[] values) {
        final Column c = next(name, DType.BOOL, Column.Storage.FIXED);
        for (final boolean v : values) {
            c.appendLong(v ? 1 : 0);
        }
        finish(c);
        return this;
    }

    /** An object column of str (null entries are None), held as UTF-8 off-heap. */
    public ColumnBatch addStrings(final Object name, final String[] values) {
        final Column c = next(name, DType.OBJECT, Column.Storage.UTF8);
        for (final String v : values) {
            if (v == null) {
                c.appendNull();
            } else {
                c.appendString(v);
            }
        }
        finish(c);
        return this;
    }

    /** An object column of bytes (null entries are None), held off-heap. */
    public ColumnBatch addBinary(final Object name, final byte[][] values) {
        final Column c = next(name, DType.OBJECT, Column.Storage.BINARY);
        for (final byte[] v : values) {
            if (v == null) {
                c.appendNull();
            } else {
                c.appendBytes(v, 0, v.length);
            }
        }
        finish(c);
        return this;
    }

    /** A datetime64[unit] column of counts of unit since the epoch (Long.MIN_VALUE = NaT). */
    public ColumnBatch addDatetimes(final Object name, final String unit, final long[] values) {
        return addLongs(name, DType.datetime64(unit), values, null);
    }

    /** A column of Python-like values with the dtype pandas infers for them (see {@link #inferDtype}). */
    public ColumnBatch addValues(final Object name, final List<?> values) {
        return addValues(name, inferDtype(values), values);
    }

    private static byte[] asciiBytes(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("'ascii' codec can't encode character in position " + i);
            }
        }
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /** A column of Python-like values converted to a declared dtype, as {@code Series.astype(dtype)} does. */
    public ColumnBatch addValues(final Object name, final DType dtype, final List<?> values) {
        final Column c;
        if (dtype.kind() == DType.Kind.OBJECT) {
            c = next(name, DType.OBJECT, Pandas.objectStorage(values));
        } else if (dtype.kind() == DType.Kind.STR) {
            // astype(str): every value becomes its Python str
            c = next(name, DType.OBJECT, Column.Storage.UTF8);
            for (final Object v : values) {
                c.appendString(io.signet.py.PyRepr.str(v));
            }
            finish(c);
            return this;
        } else if (dtype.kind() == DType.Kind.BYTES) {
            // astype('S<n>') keeps a fixed-width bytes column: str(value) encoded as ASCII, cut to n bytes
            // (plain 'bytes': the longest value's width)
            final List<byte[]> bs = new ArrayList<>(values.size());
            int width = 0;
            for (final Object v : values) {
                final byte[] b = v instanceof byte[] ? (byte[]) v : asciiBytes(io.signet.py.PyRepr.str(v));
                bs.add(b);
                width = Math.max(width, b.length);
            }
            final int n = dtype.itemSize() > 0 ? dtype.itemSize() : Math.max(width, 1);
            c = next(name, DType.bytes(n), Column.Storage.BINARY);
            try {
                for (final byte[] b : bs) {
                    Pandas.append(c, b.length > n ? java.util.Arrays.copyOf(b, n) : b);
                }
            } catch (final RuntimeException e) {
                count--;
                throw e;
            }
            finish(c);
            return this;
        } else {
            c = next(name, dtype, Column.Storage.FIXED);
        }
        try {
            for (final Object v : values) {
                Pandas.append(c, v);
            }
        } catch (final RuntimeException e) {
            count--;
            throw e;
        }
        finish(c);
        return this;
    }

    /**
     * A column of Python-like values for a column of that schema type: an Array / Object / Map type
     * makes a NESTED column (cells that fit the tree go into it, the others stay Java values, see
     * {@link Column}); a DataType (or SparkML / Any) column is {@link #addValues(Object, List)}.
     */
    public ColumnBatch addValues(final Object name, final ColumnType type, final List<?> values) {
        if (type instanceof DataType || !NestedVector.supports(type)) {
            return addValues(name, values);
        }
        final Column c = nextNested(name, type);
        final NestedWriter w = c.writer();
        w.reset(this, c);
        for (final Object v : values) {
            w.appendValue(v);
        }
        finish(c);
        return this;
    }

    /** The dtype pandas infers for a column of these Python-like values. */
    public static DType inferDtype(final List<?> values) {
        return Pandas.infer(values);
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("ColumnBatch is closed");
        }
    }

    /** A Python-like rendering for debugging: {@code {a: int64 [1, 2], b: object ['x', None]}}. */
    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder("ColumnBatch(").append(rowCount()).append(" rows){");
        for (int i = 0; i < count; i++) {
            final Column c = pool.get(i);
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(io.signet.py.PyRepr.repr(c.name())).append(": ").append(c.dtype());
        }
        return sb.append('}').toString();
    }

    /** Cell-by-cell writer of one column; call {@link #finish()} when the column is complete. */
    public static final class ColumnWriter {
        private final ColumnBatch batch;
        private final Column column;

        ColumnWriter(final ColumnBatch batch, final Column column) {
            this.batch = batch;
            this.column = column;
        }

        /** Appends an int. */
        public ColumnWriter appendLong(final long v) {
            column.appendLong(v);
            return this;
        }

        /** Appends a float. */
        public ColumnWriter appendDouble(final double v) {
            if (Double.isNaN(v) && column.dtype().kind() == DType.Kind.FLOAT) {
                column.appendNull();
            } else {
                column.appendDouble(v);
            }
            return this;
        }

        /** Appends a bool. */
        public ColumnWriter appendBoolean(final boolean v) {
            column.appendLong(v ? 1 : 0);
            return this;
        }

        /** Appends None (NaN in a float column, NaT in a datetime column). */
        public ColumnWriter appendNull() {
            column.appendNull();
            return this;
        }

        /** A str cell of an object column (UTF-8 bytes copied from the buffer, no String made). */
        public ColumnWriter appendUtf8(final DirectBuffer buffer, final int offset, final int length) {
            if (column.storage() != Column.Storage.UTF8) {
                return appendValue(buffer.getStringWithoutLengthUtf8(offset, length));
            }
            column.appendUtf8(buffer, offset, length);
            return this;
        }

        /** Any Python-like value, converted to the column's dtype as {@code astype} does. */
        public ColumnWriter appendValue(final Object v) {
            Pandas.append(column, v);
            return this;
        }

        /**
         * Drops every cell appended so far: the column is empty again, with the same label and dtype
         * (for a reader that abstained part-way and reads the same cells again another way).
         */
        public ColumnWriter restart() {
            column.reset(column.name(), column.dtype(), column.storage());
            return this;
        }

        /** Ends the column; its length must equal the other columns' length. */
        public ColumnBatch finish() {
            batch.finish(column);
            return batch;
        }
    }

    /**
     * Cell-by-cell writer of a nested column (an offset tree shaped by the column's
     * {@link io.signet.schema.ColumnType}; see {@link NestedVector}). Obtained from
     * {@link ColumnBatch#startNestedColumn}; reused with its column, so a repeated shape allocates nothing.
     *
     * <p>Tokens, as a JSON reader meets them: {@link #startList}/{@link #endList},
     * {@link #startObject}/{@link #property}/{@link #endObject} (also for a Map: {@link #startMap}/{@link #key}/{@link #endMap}
     * are the same calls), leaves {@link #appendLong}, {@link #appendDouble}, {@link #appendBoolean},
     * {@link #appendUtf8}, {@link #appendString}, {@link #appendBytes}, {@link #appendNull}, or any
     * Python-like Java value {@link #appendValue}. A value at depth 0 is one cell (row).
     *
     * <p>A token the tree cannot hold at its position (a str where the type says list, a Python int
     * where it says double, a property the Object does not declare, a repeated key) does not fail: the
     * writer drops what the cell wrote into the tree, rebuilds the cell so far as Java values from its
     * token log, finishes the cell as Java values and the column keeps it as such (an escaped cell, see
     * {@link Column}), so that enforcement reports MLflow's exact message for it.
     *
     * <p>A token out of place (an end without a start, a key inside a list or outside a dict, a value
     * inside a dict without its key, {@link #finish} inside a cell) is an {@link IllegalStateException}
     * and leaves the column undefined: start the column again.
     */
    public static final class NestedWriter {
        private static final int START_LIST = 1;
        private static final int START_DICT = 2;
        private static final int END = 3;
        private static final int KEY = 4;
        private static final int LONG = 5;
        private static final int DOUBLE = 6;
        private static final int BOOL = 7;
        private static final int UTF8 = 8;
        private static final int NULL = 9;
        private static final int OBJECT = 10;

        private ColumnBatch batch;
        private Column column;
        private NestedVector root;

        // tree mode: open containers
        private NestedVector[] open = new NestedVector[8];
        /** Where the next value goes inside each open container (STRUCT: the property's vector once named). */
        private NestedVector[] pending = new NestedVector[8];
        private int depth;
        private int[] snap = new int[0];

        // token log of the current cell (replayed into Java values on escape)
        private int[] ops = new int[64];
        private long[] args = new long[64];
        private Object[] objs = new Object[64];
        private byte[] bytes = new byte[256];
        private int nOps;
        private int nBytes;

        // escape mode: Java containers being built
        private boolean escaped;
        private final List<Object> jstack = new ArrayList<>();
        private final List<Object> jkeys = new ArrayList<>();

        NestedWriter() {
        }

        void reset(final ColumnBatch b, final Column c) {
            this.batch = b;
            this.column = c;
            this.root = c.tree();
            this.depth = 0;
            this.escaped = false;
            final int n = root.vectorCount() * 3;
            if (snap.length < n) {
                snap = new int[n];
            }
            clearLog();
        }

        private void clearLog() {
            if (nOps > 0) {
                Arrays.fill(objs, 0, nOps, null);
            }
            nOps = 0;
            nBytes = 0;
            jstack.clear();
            jkeys.clear();
        }

        // ------------------------------------------------------------------ tokens

        /** Starts a list. */
        public NestedWriter startList() {
            if (begin(START_LIST, 0, null)) {
                final NestedVector t = target();
                if (t.kind() != NestedVector.Kind.LIST) {
                    return escape();
                }
                push(t);
            }
            return this;
        }

        /** Ends the innermost list. */
        public NestedWriter endList() {
            if (log(END, 0, null)) {
                final NestedVector v = pop(NestedVector.Kind.LIST);
                v.endList();
                valueDone();
            }
            return this;
        }

        /** Opens a dict: an Object or a Map, as the type at this position says. */
        public NestedWriter startObject() {
            if (begin(START_DICT, 0, null)) {
                final NestedVector t = target();
                if (t.kind() != NestedVector.Kind.STRUCT && t.kind() != NestedVector.Kind.MAP) {
                    return escape();
                }
                push(t);
            }
            return this;
        }

        /** Starts a dict read as a Map (the same as {@link #startObject()}). */
        public NestedWriter startMap() {
            return startObject();
        }

        /** The next key of the open dict (property name of an Object, key of a Map). */
        public NestedWriter property(final String name) {
            if (log(KEY, 0, name)) {
                final NestedVector v = dictTop();
                if (v.kind() == NestedVector.Kind.MAP) {
                    v.keys().appendString(name);
                    pending[depth - 1] = v.child();
                } else {
                    final int p = v.propertyIndex(name);
                    if (p < 0 || !v.markProperty(p)) {
                        return escape();
                    }
                    pending[depth - 1] = v.property(p);
                }
            }
            return this;
        }

        /** A key given as UTF-8 bytes (copied; no String made on the tree path). */
        public NestedWriter property(final DirectBuffer b, final int off, final int len) {
            if (escaped) {
                return property(b.getStringWithoutLengthUtf8(off, len));
            }
            if (depth == 0) {
                throw new IllegalStateException("a key outside a dict");
            }
            final NestedVector v = dictTop();
            logBytes(KEY, b, off, len);
            if (v.kind() == NestedVector.Kind.MAP) {
                v.keys().appendUtf8(b, off, len);
                pending[depth - 1] = v.child();
            } else {
                final int p = v.propertyIndex(b, off, len);
                if (p < 0 || !v.markProperty(p)) {
                    return escape();
                }
                pending[depth - 1] = v.property(p);
            }
            return this;
        }

        /** Names the next value of a Map's dict (the same as {@link #property(String)}). */
        public NestedWriter key(final String name) {
            return property(name);
        }

        /** Names the next value of a Map's dict from UTF-8 bytes (the same as {@link #property(DirectBuffer, int, int)}). */
        public NestedWriter key(final DirectBuffer b, final int off, final int len) {
            return property(b, off, len);
        }

        /** Ends the innermost dict. */
        public NestedWriter endObject() {
            if (log(END, 0, null)) {
                if (depth == 0 || top().kind() != NestedVector.Kind.STRUCT && top().kind() != NestedVector.Kind.MAP) {
                    throw new IllegalStateException("endObject without startObject");
                }
                final NestedVector v = open[--depth];
                if (v.kind() == NestedVector.Kind.MAP) {
                    v.endMap();
                } else {
                    v.endStruct();
                }
                valueDone();
            }
            return this;
        }

        /** Ends the innermost dict read as a Map (the same as {@link #endObject()}). */
        public NestedWriter endMap() {
            return endObject();
        }

        /** Appends a Python int. */
        public NestedWriter appendLong(final long x) {
            if (begin(LONG, x, null)) {
                final NestedVector t = target();
                if (t.leafType() != DataType.LONG) {
                    return escape();
                }
                t.appendLong(x);
                valueDone();
            }
            return this;
        }

        /** Appends a Python float. */
        public NestedWriter appendDouble(final double x) {
            if (begin(DOUBLE, Double.doubleToRawLongBits(x), null)) {
                final NestedVector t = target();
                if (t.leafType() != DataType.DOUBLE) {
                    return escape();
                }
                t.appendDouble(x);
                valueDone();
            }
            return this;
        }

        /** Appends a Python bool. */
        public NestedWriter appendBoolean(final boolean x) {
            if (begin(BOOL, x ? 1 : 0, null)) {
                final NestedVector t = target();
                if (t.leafType() != DataType.BOOLEAN) {
                    return escape();
                }
                t.appendBool(x);
                valueDone();
            }
            return this;
        }

        /** A str value as UTF-8 bytes (copied). */
        public NestedWriter appendUtf8(final DirectBuffer b, final int off, final int len) {
            if (escaped) {
                return value(b.getStringWithoutLengthUtf8(off, len));
            }
            if (depth == 0) {
                snapshot();
            }
            logBytes(UTF8, b, off, len);
            final NestedVector t = target();
            if (t.leafType() != DataType.STRING && t.leafType() != DataType.DATETIME) {
                return escape();
            }
            t.appendUtf8(b, off, len);
            valueDone();
            return this;
        }

        /** Appends a Python str. */
        public NestedWriter appendString(final String s) {
            if (begin(OBJECT, 0, s)) {
                final NestedVector t = target();
                if (t.leafType() != DataType.STRING && t.leafType() != DataType.DATETIME) {
                    return escape();
                }
                t.appendString(s);
                valueDone();
            }
            return this;
        }

        /** Appends a Python bytes value. */
        public NestedWriter appendBytes(final byte[] b) {
            if (begin(OBJECT, 0, b)) {
                final NestedVector t = target();
                if (t.leafType() != DataType.BINARY) {
                    return escape();
                }
                t.appendBytes(b, 0, b.length);
                valueDone();
            }
            return this;
        }

        /** Appends None. */
        public NestedWriter appendNull() {
            if (begin(NULL, 0, null)) {
                target().appendMissing(NestedVector.NULL);
                valueDone();
            }
            return this;
        }

        /**
         * Any Python-like value (the team's value model) at this position: written into the tree when
         * it has the tree's shape and leaf types, else (at depth 0) the cell is kept as this Java value.
         */
        public NestedWriter appendValue(final Object v) {
            if (escaped) {
                return value(v);
            }
            if (depth == 0) {
                if (fits(v, root)) {
                    write(v, root);
                    column.endNestedCell();
                } else {
                    column.appendEscaped(v);
                }
                return this;
            }
            log(OBJECT, 0, v);
            final NestedVector t = target();
            if (!fits(v, t)) {
                return escape();
            }
            write(v, t);
            valueDone();
            return this;
        }

        /** Ends the column; its length must equal the other columns' length. */
        public ColumnBatch finish() {
            if (depth != 0 || escaped) {
                throw new IllegalStateException("a cell is still open");
            }
            batch.finish(column);
            return batch;
        }

        // ------------------------------------------------------------------ tree mode

        private NestedVector dictTop() {
            final NestedVector v = top();
            if (v.kind() == NestedVector.Kind.LIST) {
                throw new IllegalStateException("a key inside a list");
            }
            return v;
        }

        private NestedVector top() {
            return open[depth - 1];
        }

        private NestedVector target() {
            if (depth == 0) {
                return root;
            }
            final NestedVector t = pending[depth - 1];
            if (t == null) {
                throw new IllegalStateException("a value inside a dict needs a key first");
            }
            if (top().kind() != NestedVector.Kind.LIST) {
                pending[depth - 1] = null; // one value a key
            }
            return t;
        }

        private void push(final NestedVector v) {
            if (depth == open.length) {
                open = Arrays.copyOf(open, depth * 2);
                pending = Arrays.copyOf(pending, depth * 2);
            }
            open[depth] = v;
            pending[depth] = v.kind() == NestedVector.Kind.LIST ? v.child() : null;
            depth++;
        }

        private NestedVector pop(final NestedVector.Kind k) {
            if (depth == 0 || top().kind() != k) {
                throw new IllegalStateException("end" + k + " without start");
            }
            return open[--depth];
        }

        private void valueDone() {
            if (depth == 0) {
                column.endNestedCell();
                clearLog();
            }
        }

        private void snapshot() {
            root.snapshot(snap, 0);
        }

        /** Starts a value token: snapshot at a cell start, log it; false in escape mode (the token went to Java). */
        private boolean begin(final int op, final long arg, final Object obj) {
            if (!escaped && depth == 0) {
                snapshot();
            }
            return log(op, arg, obj);
        }

        private boolean log(final int op, final long arg, final Object obj) {
            if (escaped) {
                replayOne(op, arg, obj);
                return false;
            }
            if (depth == 0 && (op == END || op == KEY)) {
                throw new IllegalStateException("no open list or dict");
            }
            if (nOps == ops.length) {
                ops = Arrays.copyOf(ops, nOps * 2);
                args = Arrays.copyOf(args, nOps * 2);
                objs = Arrays.copyOf(objs, nOps * 2);
            }
            ops[nOps] = op;
            args[nOps] = arg;
            objs[nOps] = obj;
            nOps++;
            return true;
        }

        private void logBytes(final int op, final DirectBuffer b, final int off, final int len) {
            if (nBytes + len > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, nBytes + len));
            }
            b.getBytes(off, bytes, nBytes, len);
            log(op, ((long) nBytes << 32) | len, null);
            nBytes += len;
        }

        // ------------------------------------------------------------------ escape mode

        /** The last logged token does not fit: drop the cell from the tree and rebuild it as Java values. */
        private NestedWriter escape() {
            root.rollback(snap, 0);
            escaped = true;
            depth = 0;
            for (int i = 0; i < nOps; i++) {
                replayOne(ops[i], args[i], objs[i]);
            }
            return this;
        }

        private void replayOne(final int op, final long arg, final Object obj) {
            switch (op) {
                case START_LIST:
                    jstack.add(new ArrayList<>());
                    jkeys.add(null);
                    break;
                case START_DICT:
                    jstack.add(new LinkedHashMap<>());
                    jkeys.add(null);
                    break;
                case END: {
                    if (jstack.isEmpty()) {
                        throw new IllegalStateException("end without start");
                    }
                    final Object done = jstack.remove(jstack.size() - 1);
                    jkeys.remove(jkeys.size() - 1);
                    value(done);
                    break;
                }
                case KEY:
                    if (jstack.isEmpty()) {
                        throw new IllegalStateException("a key outside a dict");
                    }
                    jkeys.set(jkeys.size() - 1, obj != null ? obj
                        : new String(bytes, (int) (arg >>> 32), (int) arg, java.nio.charset.StandardCharsets.UTF_8));
                    break;
                case LONG:
                    value(arg);
                    break;
                case DOUBLE:
                    value(Double.longBitsToDouble(arg));
                    break;
                case BOOL:
                    value(arg != 0);
                    break;
                case UTF8:
                    value(obj != null ? obj
                        : new String(bytes, (int) (arg >>> 32), (int) arg, java.nio.charset.StandardCharsets.UTF_8));
                    break;
                case NULL:
                    value(null);
                    break;
                default:
                    value(obj);
                    break;
            }
        }

        /** A complete Java value in escape mode: into the open container, or the finished cell. */
        @SuppressWarnings("unchecked")
        private NestedWriter value(final Object v) {
            if (jstack.isEmpty()) {
                column.appendEscaped(v);
                escaped = false;
                clearLog();
                return this;
            }
            final Object top = jstack.get(jstack.size() - 1);
            if (top instanceof List) {
                ((List<Object>) top).add(v);
            } else {
                ((Map<Object, Object>) top).put(jkeys.get(jkeys.size() - 1), v);
            }
            return this;
        }

        // ------------------------------------------------------------------ whole Java values

        /** True when {@code v} has the vector's shape and its leaves are the leaf types' own Python types. */
        static boolean fits(final Object v, final NestedVector t) {
            if (v == null) {
                return true;
            }
            switch (t.kind()) {
                case LIST: {
                    if (!(v instanceof List)) {
                        return false;
                    }
                    for (final Object e : (List<?>) v) {
                        if (!fits(e, t.child())) {
                            return false;
                        }
                    }
                    return true;
                }
                case MAP: {
                    if (!(v instanceof Map)) {
                        return false;
                    }
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        if (!(e.getKey() instanceof String) || !fits(e.getValue(), t.child())) {
                            return false;
                        }
                    }
                    return true;
                }
                case STRUCT: {
                    if (!(v instanceof Map)) {
                        return false;
                    }
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        if (!(e.getKey() instanceof String)) {
                            return false;
                        }
                        final NestedVector p = t.property((String) e.getKey());
                        if (p == null || !fits(e.getValue(), p)) {
                            return false;
                        }
                    }
                    return true;
                }
                default:
                    switch (t.leafType()) {
                        case BOOLEAN:
                            return v instanceof Boolean;
                        case LONG:
                            return v instanceof Long;
                        case DOUBLE:
                            return v instanceof Double;
                        case STRING:
                        case DATETIME:
                            return v instanceof String;
                        case BINARY:
                            return v instanceof byte[];
                        default:
                            return false; // integer / float: no Python value is its own (MLflow refuses them)
                    }
            }
        }

        /** Writes a value that {@link #fits}. */
        static void write(final Object v, final NestedVector t) {
            if (v == null) {
                t.appendMissing(NestedVector.NULL);
                return;
            }
            switch (t.kind()) {
                case LIST: {
                    final NestedVector c = t.child();
                    for (final Object e : (List<?>) v) {
                        write(e, c);
                    }
                    t.endList();
                    return;
                }
                case MAP: {
                    final NestedVector k = t.keys();
                    final NestedVector c = t.child();
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        k.appendString((String) e.getKey());
                        write(e.getValue(), c);
                    }
                    t.endMap();
                    return;
                }
                case STRUCT: {
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                        final int p = t.propertyIndex((String) e.getKey());
                        t.markProperty(p);
                        write(e.getValue(), t.property(p));
                    }
                    t.endStruct();
                    return;
                }
                default:
                    switch (t.leafType()) {
                        case BOOLEAN:
                            t.appendBool((Boolean) v);
                            return;
                        case LONG:
                            t.appendLong((Long) v);
                            return;
                        case DOUBLE:
                            t.appendDouble((Double) v);
                            return;
                        case BINARY: {
                            final byte[] b = (byte[]) v;
                            t.appendBytes(b, 0, b.length);
                            return;
                        }
                        default:
                            t.appendString((String) v);
                    }
            }
        }
    }
}
