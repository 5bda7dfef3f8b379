package io.signet.column;

import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * One column of a {@link ColumnBatch}: a pandas dtype, a row count, a null mask and the values.
 *
 * <p>Storage by dtype:
 * <pre>
 *   bool, int8..int64, uint8..uint64,     FIXED   values off-heap, little-endian, itemSize bytes a row
 *   float16/32/64, datetime64[unit]               (datetime: int64 counts of unit, NaT = Long.MIN_VALUE)
 *   object holding only str / None         UTF8    int32 offsets (rows + 1) + UTF-8 bytes, off-heap
 *   object holding only bytes / None       BINARY  int32 offsets (rows + 1) + raw bytes, off-heap
 *   any other object column                OBJECT  Java values (the team's Python value model), on heap
 *   Array / Object / Map column            NESTED  an offset tree shaped by the column's ColumnType
 *     (built with a ColumnType: ColumnBatch.addValues(name, ColumnType, values), startNestedColumn,
 *      fromDict / fromRows with types); see NestedVector for the layout
 * </pre>
 * The null mask is one byte a row (1 = None/NaN/NaT), off-heap, present only once a null was appended.
 * A float column also holds NaN in its values for a null, as pandas does.
 *
 * <p>NESTED columns: a cell is held in the tree ({@link #tree()}) when it has the type's shape
 * (a List where the type says Array, a Map with str keys for Map, a Map whose keys are declared
 * properties for Object) and every leaf is the leaf type's own Python type (int for long, float for
 * double, str for string / datetime, bytes for binary, bool for boolean) or None; Object properties
 * the dict lacks are ABSENT slots. Any other cell is an <em>escaped</em> cell, kept as the Java value
 * it came as ({@link #isEscaped}, root slot state {@link NestedVector#ESCAPED}): MLflow's verdict and
 * message for it depend on its Python types and text (`Expected data to be list or numpy array, got
 * str`, ``Failed to enforce schema of data `2.5` with dtype `long` ``, `Invalid properties not defined
 * in the schema found: {'c'}`, the 0/1 rule for int into double, a str kept for binary), which a tree
 * typed by the schema cannot hold; enforcement runs MLflow's rules on the Java value for those cells.
 * {@link #get} returns the Java value of any cell (materialised from the tree, dicts in their key order).
 *
 * <p>A column belongs to its batch; it is reused after {@link ColumnBatch#clear()}.
 */
public final class Column {
    static {
        io.signet.internal.AgronaAccess.check(); // one clear message instead of an IllegalAccessError inside Agrona
    }

    /** How the values are held. */
    public enum Storage {
        /** Fixed-width values off-heap: bool, integers, floats, datetime64. */
        FIXED,
        /** str or None: int32 offsets and UTF-8 bytes off-heap. */
        UTF8,
        /** bytes or None: int32 offsets and raw bytes off-heap. */
        BINARY,
        /** Any other Python values, held as Java values on the heap. */
        OBJECT,
        /** An Array, Object or Map column: an offset tree ({@link NestedVector}). */
        NESTED
    }

    private Object name;
    private DType dtype;
    private Storage storage;
    private int itemSize;
    private int length;
    private boolean hasNulls;
    private final OffHeapBuffer data = new OffHeapBuffer();
    private final OffHeapBuffer offsets = new OffHeapBuffer();
    private final OffHeapBuffer nulls = new OffHeapBuffer();
    private int dataUsed;
    private Object[] objects = new Object[0];
    private NestedVector tree;
    private NestedWriter writer;

    Column() {
    }

    /** Resets to an empty NESTED column of that type; the tree is reused when the type is the same. */
    void resetNested(final Object newName, final io.signet.schema.ColumnType type) {
        reset(newName, DType.OBJECT, Storage.NESTED);
        if (tree == null || !tree.type().equals(type)) {
            if (tree != null) {
                tree.free();
            }
            tree = NestedVector.build(type);
        } else {
            tree.clear();
        }
        if (writer == null) {
            writer = new NestedWriter();
        }
    }

    NestedWriter writer() {
        return writer;
    }

    /** The offset tree of a NESTED column (its root has one slot a row), else null. */
    public NestedVector tree() {
        return storage == Storage.NESTED ? tree : null;
    }

    /** The column's nested type (NESTED storage), else null. */
    public io.signet.schema.ColumnType nestedType() {
        return storage == Storage.NESTED ? tree.type() : null;
    }

    /** True when a NESTED cell is held as a Java value, not in the tree (see the class comment). */
    public boolean isEscaped(final int row) {
        checkRow(row);
        return storage == Storage.NESTED && tree.state(row) == NestedVector.ESCAPED;
    }

    /** A tree cell was appended to the root: count the row. */
    void endNestedCell() {
        if (tree.state(length) == NestedVector.NULL) {
            markNull();
        } else {
            markNotNull();
        }
        length++;
    }

    /** A cell kept as a Java value (the root slot is ESCAPED). */
    void appendEscaped(final Object v) {
        tree.appendMissing(NestedVector.ESCAPED);
        appendObject(v);
    }

    void reset(final Object newName, final DType newDtype, final Storage newStorage) {
        this.name = newName;
        this.dtype = newDtype;
        this.storage = newStorage;
        this.itemSize = newStorage == Storage.FIXED ? newDtype.itemSize() : 0;
        this.length = 0;
        this.hasNulls = false;
        this.dataUsed = 0;
        if (newStorage == Storage.UTF8 || newStorage == Storage.BINARY) {
            offsets.ensure(4, 0);
            offsets.buffer().putInt(0, 0);
        }
        if (objects.length > 0) {
            Arrays.fill(objects, null);
        }
    }

    /** Off-heap bytes this column holds (capacity, in use or not). */
    long offHeapBytes() {
        return data.capacity() + (long) offsets.capacity() + nulls.capacity()
            + (tree == null ? 0 : tree.offHeapBytes());
    }

    void free() {
        data.free();
        offsets.free();
        nulls.free();
        objects = new Object[0];
        if (tree != null) {
            tree.free();
            tree = null;
        }
    }

    /** The column label: a String, a Long (positional), or another Python-like value. */
    public Object name() {
        return name;
    }

    /** The pandas dtype: {@code int64}, {@code float64}, {@code bool}, {@code object}, {@code datetime64[ns]}. */
    public DType dtype() {
        return dtype;
    }

    /** How the values are held (see the class comment). */
    public Storage storage() {
        return storage;
    }

    /** Number of rows. */
    public int length() {
        return length;
    }

    /** True when at least one row is None / NaN / NaT. */
    public boolean hasNulls() {
        return hasNulls;
    }

    /** True when {@code row} holds None, NaN or NaT. */
    public boolean isNull(final int row) {
        checkRow(row);
        return hasNulls && nulls.buffer().getByte(row) != 0;
    }

    /** The off-heap values of a FIXED column (little-endian), or the bytes of a UTF8/BINARY column. */
    public DirectBuffer values() {
        return data.buffer();
    }

    /** The int32 offsets (rows + 1) of a UTF8/BINARY column. */
    public DirectBuffer offsets() {
        return offsets.buffer();
    }

    // ------------------------------------------------------------------ readers

    /** An integer, bool (0/1) or datetime cell as a long; a uint64 cell is its bit pattern. */
    public long getLong(final int row) {
        checkRow(row);
        final UnsafeBuffer b = data.buffer();
        final int at = row * itemSize;
        switch (dtype.kind()) {
            case BOOL:
                return b.getByte(at);
            case INT:
                switch (itemSize) {
                    case 1:
                        return b.getByte(at);
                    case 2:
                        return b.getShort(at, ByteOrder.LITTLE_ENDIAN);
                    case 4:
                        return b.getInt(at, ByteOrder.LITTLE_ENDIAN);
                    default:
                        return b.getLong(at, ByteOrder.LITTLE_ENDIAN);
                }
            case UINT:
                switch (itemSize) {
                    case 1:
                        return b.getByte(at) & 0xFFL;
                    case 2:
                        return b.getShort(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFFL;
                    case 4:
                        return b.getInt(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
                    default:
                        return b.getLong(at, ByteOrder.LITTLE_ENDIAN);
                }
            case DATETIME:
            case TIMEDELTA:
                return b.getLong(at, ByteOrder.LITTLE_ENDIAN);
            case FLOAT:
                return (long) getDouble(row);
            default:
                throw new IllegalStateException("not a numeric column: " + dtype);
        }
    }

    /** A float cell (NaN for a null) or any numeric cell converted to double. */
    public double getDouble(final int row) {
        checkRow(row);
        if (dtype.kind() == DType.Kind.FLOAT) {
            final UnsafeBuffer b = data.buffer();
            switch (itemSize) {
                case 2:
                    return io.signet.tensor.TensorView.fromFloat16(b.getShort(row * 2, ByteOrder.LITTLE_ENDIAN));
                case 4:
                    return b.getFloat(row * 4, ByteOrder.LITTLE_ENDIAN);
                default:
                    return b.getDouble(row * 8, ByteOrder.LITTLE_ENDIAN);
            }
        }
        if (dtype.kind() == DType.Kind.UINT && itemSize == 8) {
            final long v = getLong(row);
            return v >= 0 ? v : (double) (v >>> 1) * 2.0 + (v & 1);
        }
        return getLong(row);
    }

    /** The bool in {@code row} (a FIXED bool column). */
    public boolean getBool(final int row) {
        return getLong(row) != 0;
    }

    /** A UTF8 cell decoded (allocates); null for None. */
    public String getString(final int row) {
        checkRow(row);
        if (isNull(row)) {
            return null;
        }
        final int start = offsets.buffer().getInt(row * 4);
        final int end = offsets.buffer().getInt(row * 4 + 4);
        return data.buffer().getStringWithoutLengthUtf8(start, end - start);
    }

    /** Start offset of a UTF8/BINARY cell in {@link #values()}. */
    public int cellOffset(final int row) {
        checkRow(row);
        return offsets.buffer().getInt(row * 4);
    }

    /** Byte length of a UTF8/BINARY cell. */
    public int cellLength(final int row) {
        checkRow(row);
        return offsets.buffer().getInt(row * 4 + 4) - offsets.buffer().getInt(row * 4);
    }

    /**
     * The cell as a Python-like Java value (boxes; for conversions and messages, not hot paths):
     * Long, Double, Boolean, String, byte[], LocalDateTime (datetime, null for NaT), or the stored object.
     */
    public Object get(final int row) {
        checkRow(row);
        switch (storage) {
            case OBJECT:
                return objects[row];
            case NESTED:
                return tree.state(row) == NestedVector.ESCAPED ? objects[row] : tree.get(row);
            case UTF8:
                return getString(row);
            case BINARY: {
                if (isNull(row)) {
                    return null;
                }
                final byte[] b = new byte[cellLength(row)];
                data.buffer().getBytes(cellOffset(row), b);
                return b;
            }
            default:
                break;
        }
        switch (dtype.kind()) {
            case BOOL:
                return getBool(row);
            case FLOAT:
                return getDouble(row);
            case DATETIME: {
                final long v = getLong(row);
                if (v == NpDatetime.NAT) {
                    return null;
                }
                final long ns = NpDatetime.convert(v, dtype.unit(), "ns");
                return LocalDateTime.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L),
                    (int) Math.floorMod(ns, 1_000_000_000L), ZoneOffset.UTC);
            }
            case UINT:
                if (itemSize == 8 && getLong(row) < 0) {
                    return new java.math.BigInteger(Long.toUnsignedString(getLong(row)));
                }
                return getLong(row);
            default:
                return getLong(row);
        }
    }

    private void checkRow(final int row) {
        if (row < 0 || row >= length) {
            throw new IndexOutOfBoundsException("row " + row + " of " + length);
        }
    }

    // ------------------------------------------------------------------ writers (batch-internal)

    private void growFixed() {
        data.ensure((length + 1) * itemSize, length * itemSize);
    }

    private void markNull() {
        if (!hasNulls) {
            nulls.ensure(Math.max(length + 1, 16), 0);
            nulls.buffer().setMemory(0, nulls.capacity(), (byte) 0);
            hasNulls = true;
        } else {
            ensureNulls(length + 1);
        }
        nulls.buffer().putByte(length, (byte) 1);
    }

    private void ensureNulls(final int n) {
        if (hasNulls && nulls.capacity() < n) {
            final int old = nulls.capacity();
            nulls.ensure(n, old);
            nulls.buffer().setMemory(old, nulls.capacity() - old, (byte) 0);
        }
    }

    private void markNotNull() {
        if (hasNulls) {
            ensureNulls(length + 1);
            nulls.buffer().putByte(length, (byte) 0);
        }
    }

    void appendLong(final long v) {
        growFixed();
        final UnsafeBuffer b = data.buffer();
        final int at = length * itemSize;
        switch (dtype.kind()) {
            case FLOAT:
                putDouble(b, at, v);
                break;
            default:
                switch (itemSize) {
                    case 1:
                        b.putByte(at, (byte) v);
                        break;
                    case 2:
                        b.putShort(at, (short) v, ByteOrder.LITTLE_ENDIAN);
                        break;
                    case 4:
                        b.putInt(at, (int) v, ByteOrder.LITTLE_ENDIAN);
                        break;
                    default:
                        b.putLong(at, v, ByteOrder.LITTLE_ENDIAN);
                        break;
                }
        }
        if (dtype.kind() == DType.Kind.DATETIME && v == NpDatetime.NAT) {
            markNull();
        } else {
            markNotNull();
        }
        length++;
    }

    void appendDouble(final double v) {
        if (dtype.kind() != DType.Kind.FLOAT) {
            appendLong((long) v);
            return;
        }
        growFixed();
        putDouble(data.buffer(), length * itemSize, v);
        markNotNull();
        length++;
    }

    private void putDouble(final UnsafeBuffer b, final int at, final double v) {
        switch (itemSize) {
            case 2:
                b.putShort(at, io.signet.tensor.TensorView.toFloat16(v), ByteOrder.LITTLE_ENDIAN);
                break;
            case 4:
                b.putFloat(at, (float) v, ByteOrder.LITTLE_ENDIAN);
                break;
            default:
                b.putDouble(at, v, ByteOrder.LITTLE_ENDIAN);
                break;
        }
    }

    void appendNull() {
        switch (storage) {
            case FIXED:
                growFixed();
                if (dtype.kind() == DType.Kind.FLOAT) {
                    putDouble(data.buffer(), length * itemSize, Double.NaN);
                } else if (dtype.kind() == DType.Kind.DATETIME || dtype.kind() == DType.Kind.TIMEDELTA) {
                    data.buffer().putLong(length * 8, NpDatetime.NAT, ByteOrder.LITTLE_ENDIAN);
                } else {
                    data.buffer().setMemory(length * itemSize, itemSize, (byte) 0);
                }
                break;
            case UTF8:
            case BINARY:
                offsets.ensure((length + 2) * 4, (length + 1) * 4);
                offsets.buffer().putInt((length + 1) * 4, dataUsed);
                break;
            default:
                ensureObjects();
                objects[length] = null;
                break;
        }
        markNull();
        length++;
    }

    void appendBytes(final byte[] b, final int off, final int len) {
        data.ensure(dataUsed + len, dataUsed);
        data.buffer().putBytes(dataUsed, b, off, len);
        dataUsed += len;
        offsets.ensure((length + 2) * 4, (length + 1) * 4);
        offsets.buffer().putInt((length + 1) * 4, dataUsed);
        markNotNull();
        length++;
    }

    void appendUtf8(final DirectBuffer src, final int off, final int len) {
        data.ensure(dataUsed + len, dataUsed);
        data.buffer().putBytes(dataUsed, src, off, len);
        dataUsed += len;
        offsets.ensure((length + 2) * 4, (length + 1) * 4);
        offsets.buffer().putInt((length + 1) * 4, dataUsed);
        markNotNull();
        length++;
    }

    void appendString(final String s) {
        final byte[] b = s.getBytes(StandardCharsets.UTF_8);
        appendBytes(b, 0, b.length);
    }

    /** Moves a UTF8/BINARY column to OBJECT storage (when a cell of another type arrives). */
    void toObjectStorage() {
        if (storage == Storage.OBJECT || storage == Storage.FIXED && dtype.kind() != DType.Kind.OBJECT) {
            return;
        }
        final Object[] vals = new Object[Math.max(16, length * 2)];
        for (int i = 0; i < length; i++) {
            vals[i] = get(i);
        }
        objects = vals;
        storage = Storage.OBJECT;
    }

    void appendObject(final Object v) {
        ensureObjects();
        objects[length] = v;
        if (v == null) {
            markNull();
        } else {
            markNotNull();
        }
        length++;
    }

    private void ensureObjects() {
        if (objects.length <= length) {
            objects = Arrays.copyOf(objects, Math.max(16, objects.length * 2));
        }
    }

    @Override
    public String toString() {
        return "Column(" + name + ": " + dtype + ", " + length + " rows, " + storage + ")";
    }
}
