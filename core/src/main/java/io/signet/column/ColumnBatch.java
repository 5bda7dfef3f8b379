package io.signet.column;

import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.tensor.DType;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
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
}
