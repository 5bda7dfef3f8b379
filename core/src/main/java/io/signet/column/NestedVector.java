package io.signet.column;

import io.signet.schema.ArrayType;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One vector of a nested column's offset tree (Arrow's layout), shaped by a {@link ColumnType}.
 * Every vector has {@link #length()} slots and a state byte a slot (value / None / absent).
 * <pre>
 *   Array(T)     LIST    int32 offsets (slots + 1) into one child vector of T
 *   Object{p..}  STRUCT  one child vector a property (sorted by name), each with one slot a struct slot
 *                        (ABSENT when the dict lacks the key); plus the dict's key order: int32 offsets
 *                        (slots + 1) into int16 property indexes, so a cell reads back in its own order
 *   Map(T)       MAP     int32 offsets (slots + 1) into a string keys vector and a T values vector
 *   long, integer        LEAF  int64 a slot (a Python int)
 *   double, float        LEAF  float64 a slot (a Python float)
 *   boolean              LEAF  one byte a slot
 *   string, datetime     LEAF  int32 offsets (slots + 1) + UTF-8 bytes (a Python str)
 *   binary               LEAF  int32 offsets (slots + 1) + raw bytes
 * </pre>
 * A leaf holds only the Python type that is the schema type's own (int for long, float for double,
 * str for string and datetime, bytes for binary, bool for boolean); integer and float leaves hold
 * only None (MLflow refuses a Python int for integer and a Python float for float). All memory is
 * off-heap and kept by {@link #clear()}; a tree is built once per column type and reused.
 */
public final class NestedVector {
    static {
        io.signet.internal.AgronaAccess.check();
    }

    /** The vector's layout. */
    public enum Kind {
        /** An Array: offsets into one child vector. */
        LIST,
        /** An Object: one child vector a property, and each dict's key order. */
        STRUCT,
        /** A Map: offsets into a keys vector and a values vector. */
        MAP,
        /** A scalar type's values. */
        LEAF
    }

    /** Slot states. */
    public static final byte VALUE = 0;
    /** Slot state: None. */
    public static final byte NULL = 1;
    /** An Object property the dict does not have. */
    public static final byte ABSENT = 2;
    /** A root slot whose cell is held as a Java value by the column (see {@link Column}). */
    public static final byte ESCAPED = 3;

    private final ColumnType type;
    private final Kind kind;
    private final DataType leafType;
    private final int itemSize;
    private final NestedVector child;
    private final NestedVector keys;
    private final String[] propNames;
    private final byte[][] propUtf8;
    private final NestedVector[] props;
    private final int[] written;

    private final OffHeapBuffer state = new OffHeapBuffer();
    private final OffHeapBuffer offsets = new OffHeapBuffer();
    private final OffHeapBuffer data = new OffHeapBuffer();
    private int length;
    private int dataUsed;
    private int nonValues;
    /** Keys recorded so far for the open STRUCT slot. */
    private int openKeys;

    /** Identity cache of the last Object type this struct was checked against: its property -> my child index. */
    private ObjectType mappedType;
    private int[] mapping;

    private NestedVector(final ColumnType type) {
        this.type = type;
        if (type instanceof ArrayType) {
            kind = Kind.LIST;
            child = new NestedVector(((ArrayType) type).items());
            keys = null;
        } else if (type instanceof MapType) {
            kind = Kind.MAP;
            child = new NestedVector(((MapType) type).values());
            keys = new NestedVector(DataType.STRING);
        } else if (type instanceof ObjectType) {
            kind = Kind.STRUCT;
            child = null;
            keys = null;
        } else if (type instanceof DataType) {
            kind = Kind.LEAF;
            child = null;
            keys = null;
        } else {
            throw new IllegalArgumentException("no offset-tree layout for " + type.repr());
        }
        if (kind == Kind.STRUCT) {
            final List<Property> ps = ((ObjectType) type).properties();
            propNames = new String[ps.size()];
            propUtf8 = new byte[ps.size()][];
            props = new NestedVector[ps.size()];
            written = new int[ps.size()];
            for (int i = 0; i < ps.size(); i++) {
                propNames[i] = ps.get(i).name();
                propUtf8[i] = propNames[i].getBytes(StandardCharsets.UTF_8);
                props[i] = new NestedVector(ps.get(i).type());
            }
        } else {
            propNames = null;
            propUtf8 = null;
            props = null;
            written = null;
        }
        leafType = kind == Kind.LEAF ? (DataType) type : null;
        itemSize = leafType == null ? 0 : leafType == DataType.BOOLEAN ? 1 : variable(leafType) ? 0 : 8;
        clear();
    }

    /** True when a column of this type can be held as an offset tree (Array / Object / Map of those and DataTypes). */
    public static boolean supports(final ColumnType t) {
        if (t instanceof DataType) {
            return true;
        }
        if (t instanceof ArrayType) {
            return supports(((ArrayType) t).items());
        }
        if (t instanceof MapType) {
            return supports(((MapType) t).values());
        }
        if (t instanceof ObjectType) {
            for (final Property p : ((ObjectType) t).properties()) {
                if (!supports(p.type())) {
                    return false;
                }
            }
            return ((ObjectType) t).properties().size() < Short.MAX_VALUE;
        }
        return false;
    }

    static NestedVector build(final ColumnType t) {
        return new NestedVector(t);
    }

    private static boolean variable(final DataType t) {
        return t == DataType.STRING || t == DataType.DATETIME || t == DataType.BINARY;
    }

    /** Empties the tree, keeping its memory. */
    void clear() {
        length = 0;
        dataUsed = 0;
        nonValues = 0;
        openKeys = 0;
        if (written != null) {
            java.util.Arrays.fill(written, 0);
        }
        if (kind != Kind.LEAF || itemSize == 0) {
            offsets.ensure(4, 0);
            offsets.buffer().putInt(0, 0);
        }
        if (child != null) {
            child.clear();
        }
        if (keys != null) {
            keys.clear();
        }
        if (props != null) {
            for (final NestedVector p : props) {
                p.clear();
            }
        }
    }

    /** Off-heap bytes this tree holds (capacity of every level). */
    long offHeapBytes() {
        long n = state.capacity() + (long) offsets.capacity() + data.capacity();
        if (child != null) {
            n += child.offHeapBytes();
        }
        if (keys != null) {
            n += keys.offHeapBytes();
        }
        if (props != null) {
            for (final NestedVector p : props) {
                n += p.offHeapBytes();
            }
        }
        return n;
    }

    void free() {
        state.free();
        offsets.free();
        data.free();
        if (child != null) {
            child.free();
        }
        if (keys != null) {
            keys.free();
        }
        if (props != null) {
            for (final NestedVector p : props) {
                p.free();
            }
        }
    }

    // ------------------------------------------------------------------ reading

    /** The column type this vector is shaped by. */
    public ColumnType type() {
        return type;
    }

    /** The vector's layout. */
    public Kind kind() {
        return kind;
    }

    /** The DataType of a LEAF, else null. */
    public DataType leafType() {
        return leafType;
    }

    /** Number of slots. */
    public int length() {
        return length;
    }

    /** Slots that are not values (None, absent, escaped); 0 lets a check skip the state bytes. */
    public int nonValueCount() {
        return nonValues;
    }

    /** The slot's state: {@link #VALUE}, {@link #NULL}, {@link #ABSENT} or {@link #ESCAPED}. */
    public byte state(final int slot) {
        checkSlot(slot);
        return state.buffer().getByte(slot);
    }

    /** True when {@code slot} holds None. */
    public boolean isNull(final int slot) {
        return state(slot) == NULL;
    }

    /** LIST items / MAP values. */
    public NestedVector child() {
        return child;
    }

    /** MAP keys (a string LEAF). */
    public NestedVector keys() {
        return keys;
    }

    /** First child slot of a LIST / MAP slot. */
    public int start(final int slot) {
        checkSlot(slot);
        return offsets.buffer().getInt(slot * 4);
    }

    /** Number of items (LIST) or entries (MAP) of a slot; 0 for None. */
    public int size(final int slot) {
        checkSlot(slot);
        return offsets.buffer().getInt(slot * 4 + 4) - offsets.buffer().getInt(slot * 4);
    }

    /** Number of declared properties (STRUCT). */
    public int propertyCount() {
        return props == null ? 0 : props.length;
    }

    /** The name of property {@code i}, properties sorted by name (STRUCT). */
    public String propertyName(final int i) {
        return propNames[i];
    }

    /** The child vector of property {@code i} (STRUCT). */
    public NestedVector property(final int i) {
        return props[i];
    }

    /** The STRUCT child of that property, or null. */
    public NestedVector property(final String name) {
        final int i = propertyIndex(name);
        return i < 0 ? null : props[i];
    }

    /** The index of the named property, or -1 (STRUCT). */
    public int propertyIndex(final String name) {
        if (propNames != null) {
            for (int i = 0; i < propNames.length; i++) {
                if (propNames[i].equals(name)) {
                    return i;
                }
            }
        }
        return -1;
    }

    /** Property index by UTF-8 name bytes (no String made), or -1. */
    int propertyIndex(final DirectBuffer b, final int off, final int len) {
        outer:
        for (int i = 0; i < propUtf8.length; i++) {
            final byte[] n = propUtf8[i];
            if (n.length != len) {
                continue;
            }
            for (int j = 0; j < len; j++) {
                if (b.getByte(off + j) != n[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Number of keys the dict of a STRUCT slot had, and the j-th of them in the dict's order (a property index). */
    public int keyCount(final int slot) {
        checkSlot(slot);
        return offsets.buffer().getInt(slot * 4 + 4) - offsets.buffer().getInt(slot * 4);
    }

    /** The property index of the {@code j}-th key of the dict in {@code slot}, in the dict's own key order (STRUCT). */
    public int keyAt(final int slot, final int j) {
        return data.buffer().getShort((offsets.buffer().getInt(slot * 4) + j) * 2, ByteOrder.LITTLE_ENDIAN);
    }

    /** The int in {@code slot} (long leaves). */
    public long getLong(final int slot) {
        checkSlot(slot);
        return data.buffer().getLong(slot * 8, ByteOrder.LITTLE_ENDIAN);
    }

    /** The float in {@code slot} (double leaves). */
    public double getDouble(final int slot) {
        checkSlot(slot);
        return data.buffer().getDouble(slot * 8, ByteOrder.LITTLE_ENDIAN);
    }

    /** The bool in {@code slot} (boolean leaves). */
    public boolean getBool(final int slot) {
        checkSlot(slot);
        return data.buffer().getByte(slot) != 0;
    }

    /** The bytes of a string / binary / datetime LEAF (offsets into it via {@link #cellOffset}). */
    public DirectBuffer values() {
        return data.buffer();
    }

    /** Offset of the str or bytes value of {@code slot} in the leaf's data (string and binary leaves). */
    public int cellOffset(final int slot) {
        checkSlot(slot);
        return offsets.buffer().getInt(slot * 4);
    }

    /** Bytes of the str or bytes value in {@code slot} (string and binary leaves). */
    public int cellLength(final int slot) {
        checkSlot(slot);
        return offsets.buffer().getInt(slot * 4 + 4) - offsets.buffer().getInt(slot * 4);
    }

    /** A string / datetime slot decoded (allocates). */
    public String getString(final int slot) {
        return data.buffer().getStringWithoutLengthUtf8(cellOffset(slot), cellLength(slot));
    }

    /**
     * The slot as a Python-like Java value (allocates): Long, Double, Boolean, String, byte[],
     * ArrayList, LinkedHashMap (in the dict's key order); null for None and for absent / escaped slots.
     */
    public Object get(final int slot) {
        if (state(slot) != VALUE) {
            return null;
        }
        switch (kind) {
            case LIST: {
                final int s = start(slot);
                final int n = size(slot);
                final List<Object> r = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    r.add(child.get(s + i));
                }
                return r;
            }
            case MAP: {
                final int s = start(slot);
                final int n = size(slot);
                final Map<Object, Object> r = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    r.put(keys.getString(s + i), child.get(s + i));
                }
                return r;
            }
            case STRUCT: {
                final Map<Object, Object> r = new LinkedHashMap<>();
                final int n = keyCount(slot);
                for (int j = 0; j < n; j++) {
                    final int p = keyAt(slot, j);
                    r.put(propNames[p], props[p].get(slot));
                }
                return r;
            }
            default:
                switch (leafType) {
                    case BOOLEAN:
                        return getBool(slot);
                    case LONG:
                    case INTEGER:
                        return getLong(slot);
                    case DOUBLE:
                    case FLOAT:
                        return getDouble(slot);
                    case BINARY: {
                        final byte[] b = new byte[cellLength(slot)];
                        data.buffer().getBytes(cellOffset(slot), b);
                        return b;
                    }
                    default:
                        return getString(slot);
                }
        }
    }

    /**
     * How an Object type's properties map onto this STRUCT's children: entry {@code i} (for each of
     * {@code t}'s properties) is the child index or -1; then entry {@code n + j} (for each child
     * {@code j}) is the index of {@code t}'s property or -1. Cached for the last {@code t} (by
     * identity), so a check against one compiled schema allocates it once; do not modify it.
     */
    public int[] mappingFor(final ObjectType t) {
        if (t != mappedType) {
            final List<Property> ps = t.properties();
            final int n = ps.size();
            final int[] m = new int[n + props.length];
            java.util.Arrays.fill(m, n, m.length, -1);
            for (int i = 0; i < n; i++) {
                m[i] = propertyIndex(ps.get(i).name());
                if (m[i] >= 0) {
                    m[n + m[i]] = i;
                }
            }
            mapping = m;
            mappedType = t;
        }
        return mapping;
    }

    private void checkSlot(final int slot) {
        if (slot < 0 || slot >= length) {
            throw new IndexOutOfBoundsException("slot " + slot + " of " + length);
        }
    }

    // ------------------------------------------------------------------ writing (package-private)

    private void putState(final byte s) {
        state.ensure(length + 1, length);
        state.buffer().putByte(length, s);
        if (s != VALUE) {
            nonValues++;
        }
    }

    private void putEnd(final int end) {
        offsets.ensure((length + 2) * 4, (length + 1) * 4);
        offsets.buffer().putInt((length + 1) * 4, end);
    }

    /** Appends a None / absent / escaped slot (a placeholder in every child that has one slot per slot). */
    void appendMissing(final byte s) {
        switch (kind) {
            case LIST:
                putEnd(child.length);
                break;
            case MAP:
                putEnd(keys.length);
                break;
            case STRUCT:
                for (final NestedVector p : props) {
                    p.appendMissing(ABSENT);
                }
                putEnd(offsets.buffer().getInt(length * 4));
                break;
            default:
                if (itemSize == 0) {
                    putEnd(dataUsed);
                } else {
                    data.ensure((length + 1) * itemSize, length * itemSize);
                    data.buffer().setMemory(length * itemSize, itemSize, (byte) 0);
                }
                break;
        }
        putState(s);
        length++;
    }

    /** Closes a LIST slot whose items were appended to the child. */
    void endList() {
        putEnd(child.length);
        putState(VALUE);
        length++;
    }

    /** Closes a MAP slot whose keys and values were appended. */
    void endMap() {
        putEnd(keys.length);
        putState(VALUE);
        length++;
    }

    /** Records that the open STRUCT slot's dict has property {@code p} next; false when it already had it. */
    boolean markProperty(final int p) {
        if (written[p] == length + 1) {
            return false;
        }
        written[p] = length + 1;
        final int used = offsets.buffer().getInt(length * 4) + openKeys;
        data.ensure((used + 1) * 2, used * 2);
        data.buffer().putShort(used * 2, (short) p, ByteOrder.LITTLE_ENDIAN);
        openKeys++;
        return true;
    }

    /** Closes the open STRUCT slot: properties its dict lacked get an ABSENT slot. */
    void endStruct() {
        for (int i = 0; i < props.length; i++) {
            if (written[i] != length + 1) {
                props[i].appendMissing(ABSENT);
            }
        }
        putEnd(offsets.buffer().getInt(length * 4) + openKeys);
        openKeys = 0;
        putState(VALUE);
        length++;
    }

    void appendLong(final long v) {
        data.ensure((length + 1) * 8, length * 8);
        data.buffer().putLong(length * 8, v, ByteOrder.LITTLE_ENDIAN);
        putState(VALUE);
        length++;
    }

    void appendDouble(final double v) {
        data.ensure((length + 1) * 8, length * 8);
        data.buffer().putDouble(length * 8, v, ByteOrder.LITTLE_ENDIAN);
        putState(VALUE);
        length++;
    }

    void appendBool(final boolean v) {
        data.ensure(length + 1, length);
        data.buffer().putByte(length, (byte) (v ? 1 : 0));
        putState(VALUE);
        length++;
    }

    void appendBytes(final byte[] b, final int off, final int len) {
        data.ensure(dataUsed + len, dataUsed);
        data.buffer().putBytes(dataUsed, b, off, len);
        dataUsed += len;
        putEnd(dataUsed);
        putState(VALUE);
        length++;
    }

    void appendUtf8(final DirectBuffer src, final int off, final int len) {
        data.ensure(dataUsed + len, dataUsed);
        data.buffer().putBytes(dataUsed, src, off, len);
        dataUsed += len;
        putEnd(dataUsed);
        putState(VALUE);
        length++;
    }

    /** Appends a str without an intermediate byte[] for ASCII (the common case); other strings are encoded. */
    void appendString(final String s) {
        final int n = s.length();
        data.ensure(dataUsed + n, dataUsed);
        final UnsafeBuffer b = data.buffer();
        int i = 0;
        for (; i < n; i++) {
            final char ch = s.charAt(i);
            if (ch >= 0x80) {
                break;
            }
            b.putByte(dataUsed + i, (byte) ch);
        }
        if (i < n) {
            final byte[] enc = s.getBytes(StandardCharsets.UTF_8);
            appendBytes(enc, 0, enc.length);
            return;
        }
        dataUsed += n;
        putEnd(dataUsed);
        putState(VALUE);
        length++;
    }

    // ------------------------------------------------------------------ snapshot / rollback

    /** Number of vectors in this subtree (for snapshots). */
    int vectorCount() {
        int n = 1;
        if (child != null) {
            n += child.vectorCount();
        }
        if (keys != null) {
            n += keys.vectorCount();
        }
        if (props != null) {
            for (final NestedVector p : props) {
                n += p.vectorCount();
            }
        }
        return n;
    }

    /** Writes (length, dataUsed, nonValues) of every vector, depth first, from {@code at}; returns the next index. */
    int snapshot(final int[] into, final int at) {
        int i = at;
        into[i++] = length;
        into[i++] = dataUsed;
        into[i++] = nonValues;
        if (child != null) {
            i = child.snapshot(into, i);
        }
        if (keys != null) {
            i = keys.snapshot(into, i);
        }
        if (props != null) {
            for (final NestedVector p : props) {
                i = p.snapshot(into, i);
            }
        }
        return i;
    }

    /** Restores a {@link #snapshot}: the slots appended since are dropped. */
    int rollback(final int[] from, final int at) {
        int i = at;
        length = from[i++];
        dataUsed = from[i++];
        nonValues = from[i++];
        openKeys = 0;
        if (written != null) {
            java.util.Arrays.fill(written, 0);
        }
        if (child != null) {
            i = child.rollback(from, i);
        }
        if (keys != null) {
            i = keys.rollback(from, i);
        }
        if (props != null) {
            for (final NestedVector p : props) {
                i = p.rollback(from, i);
            }
        }
        return i;
    }

    @Override
    public String toString() {
        return "NestedVector(" + kind + " " + type.repr() + ", " + length + " slots)";
    }
}
