package io.signet.column;

import io.signet.schema.DataType;
import org.agrona.DirectBuffer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
public final class NestedWriter {
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
