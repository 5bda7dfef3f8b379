package io.signet.py;

import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * numpy 1.24's {@code np.array} on values of this package's model: the one shape and dtype
 * discovery ({@link #array(Object)}), object arrays ({@link #objectArray}) and numpy's type promotion
 * ({@link #promote}). Casting to a declared dtype is {@link NumpyCast}'s table.
 *
 * <p>Discovery: lists, tuples and arrays are sequences; every leaf has a dtype (bool; int64 for an
 * int that fits, uint64 for one that fits only there, object past it; float64; {@code <Un} for a str
 * of n characters; {@code |Sn} for bytes; a numpy scalar's own; object for None and everything else)
 * and the array's dtype is their promotion: {@code [2**63]} is uint64, {@code [-1, 2**63]} float64,
 * {@code [1, 'a']} {@code <U21}. A ragged nesting is numpy's ValueError.
 */
public final class Numpy {
    private Numpy() {
    }

    // ------------------------------------------------------------------ sequences

    /** Whether numpy iterates the value as a sequence (list, tuple, array of rank 1 or more). */
    static boolean isSequence(final Object v) {
        return v instanceof List || v instanceof PyTuple || v instanceof NdArray && ((NdArray) v).rank() > 0;
    }

    /** The items of a sequence ({@link #isSequence}). */
    static List<?> items(final Object v) {
        if (v instanceof List) {
            return (List<?>) v;
        }
        if (v instanceof PyTuple) {
            return ((PyTuple) v).items();
        }
        return ((NdArray) v).rows();
    }

    /**
     * A 0-d array is a leaf with its dtype: its item; but a 0-d object array inside a list stays an
     * element itself ({@code np.array([np.array(None, dtype=object)])} is a 1-D object array holding the
     * 0-d array, in numpy 1.24 and 2.3 alike).
     */
    private static Object leaf(final Object v, final int depth) {
        return v instanceof NdArray && (depth == 0 || ((NdArray) v).dtype().kind() != DType.Kind.OBJECT)
            ? ((NdArray) v).item(0) : v;
    }

    // ------------------------------------------------------------------ np.array(data)

    /**
     * {@code np.array(data)}: the discovered shape and dtype, the leaves converted to it.
     *
     * @throws PyError numpy's ValueError for a ragged nesting
     */
    public static NdArray array(final Object data) {
        final List<Long> shape = new ArrayList<>();
        discover(data, 0, shape, new int[] {Integer.MAX_VALUE});
        final long[] s = toLongs(shape);
        final List<Object> leaves = new ArrayList<>();
        flatten(data, 0, s.length, leaves);
        DType dt = null;
        for (final Object x : leaves) {
            final DType d = leafDtype(x);
            dt = dt == null ? d : promote(dt, d);
        }
        if (dt == null) {
            dt = DType.FLOAT64; // np.array([]) is float64
        }
        final Object[] el = new Object[leaves.size()];
        for (int i = 0; i < el.length; i++) {
            el[i] = convert(leaves.get(i), dt);
        }
        return NdArray.of(dt, s, el);
    }

    /** The dtype numpy discovers for one Python value (see the class comment). */
    public static DType leafDtype(final Object v) {
        if (v instanceof Boolean) {
            return DType.BOOL;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return DType.INT64;
        }
        if (v instanceof BigInteger) {
            final BigInteger b = (BigInteger) v;
            return b.bitLength() < 64 ? DType.INT64 : b.signum() >= 0 && b.bitLength() <= 64 ? DType.UINT64
                : DType.OBJECT;
        }
        if (v instanceof Double || v instanceof Float) {
            return DType.FLOAT64;
        }
        if (v instanceof String) {
            final String s = (String) v;
            return DType.unicode(Math.max(1, s.codePointCount(0, s.length())));
        }
        if (v instanceof byte[]) {
            return DType.bytes(Math.max(1, ((byte[]) v).length));
        }
        if (v instanceof NpScalar) {
            final NpScalar s = (NpScalar) v;
            if (s.dtype().kind() == DType.Kind.STR && s.dtype().itemSize() == 0 && s.value() instanceof String) {
                return leafDtype(s.value());
            }
            return s.dtype();
        }
        return DType.OBJECT;
    }

    /**
     * numpy's promotion of two discovered dtypes ({@code np.result_type}): object absorbs everything;
     * str absorbs bytes, numbers and bools at the width of their text ({@code int64} 21 characters,
     * {@code float64} 32, {@code bool} 5); bytes absorbs numbers likewise; bool gives way to any number;
     * int64 with uint64 is float64; datetimes keep the finer unit; anything else is object.
     */
    public static DType promote(final DType a, final DType b) {
        if (a.equals(b)) {
            return a;
        }
        final DType.Kind ka = a.kind();
        final DType.Kind kb = b.kind();
        if (ka == DType.Kind.OBJECT || kb == DType.Kind.OBJECT) {
            return DType.OBJECT;
        }
        if (ka == DType.Kind.STR || kb == DType.Kind.STR) {
            final DType other = ka == DType.Kind.STR ? b : a;
            final int w = Math.max(chars(ka == DType.Kind.STR ? a : b), textWidth(other));
            return w < 0 ? DType.OBJECT : DType.unicode(w);
        }
        if (ka == DType.Kind.BYTES || kb == DType.Kind.BYTES) {
            final DType other = ka == DType.Kind.BYTES ? b : a;
            final int w = Math.max(ka == DType.Kind.BYTES ? a.itemSize() : b.itemSize(), textWidth(other));
            return w < 0 || textWidth(other) < 0 ? DType.OBJECT : DType.bytes(w);
        }
        if (ka == DType.Kind.DATETIME || kb == DType.Kind.DATETIME || ka == DType.Kind.TIMEDELTA
            || kb == DType.Kind.TIMEDELTA) {
            if (ka != kb) {
                return DType.OBJECT;
            }
            final List<String> units = Arrays.asList(DType.UNITS);
            final String u = units.indexOf(a.unit()) >= units.indexOf(b.unit()) ? a.unit() : b.unit();
            return ka == DType.Kind.DATETIME ? DType.datetime64(u) : DType.timedelta64(u);
        }
        if (!isNumber(ka) || !isNumber(kb)) {
            return DType.OBJECT;
        }
        if (ka == DType.Kind.BOOL) {
            return b;
        }
        if (kb == DType.Kind.BOOL) {
            return a;
        }
        return promoteNumbers(a, b);
    }

    private static boolean isNumber(final DType.Kind k) {
        return k == DType.Kind.BOOL || k == DType.Kind.INT || k == DType.Kind.UINT || k == DType.Kind.FLOAT;
    }

    /** numpy's promotion of two numeric (int, uint, float) dtypes. */
    public static DType promoteNumbers(final DType a, final DType b) {
        final DType.Kind ka = a.kind();
        final DType.Kind kb = b.kind();
        if (ka == DType.Kind.FLOAT || kb == DType.Kind.FLOAT) {
            final int fa = ka == DType.Kind.FLOAT ? a.itemSize() : intAsFloat(a);
            final int fb = kb == DType.Kind.FLOAT ? b.itemSize() : intAsFloat(b);
            final int s = Math.max(fa, fb);
            return s <= 2 ? DType.FLOAT16 : s == 4 ? DType.FLOAT32 : DType.FLOAT64;
        }
        if (ka == kb) {
            return a.itemSize() >= b.itemSize() ? a : b;
        }
        final DType u = ka == DType.Kind.UINT ? a : b;
        final DType s = ka == DType.Kind.UINT ? b : a;
        if (u.itemSize() < s.itemSize()) {
            return s;
        }
        switch (u.itemSize()) {
            case 1:
                return DType.INT16;
            case 2:
                return DType.INT32;
            case 4:
                return DType.INT64;
            default:
                return DType.FLOAT64;
        }
    }

    private static int intAsFloat(final DType d) {
        switch (d.itemSize()) {
            case 1:
                return 2;
            case 2:
                return 4;
            default:
                return 8;
        }
    }

    private static int chars(final DType str) {
        return str.itemSize() / 4;
    }

    /** The characters numpy gives a value of this dtype when it becomes str; -1 when it cannot. */
    private static int textWidth(final DType d) {
        switch (d.kind()) {
            case STR:
                return chars(d);
            case BYTES:
                return d.itemSize();
            case BOOL:
                return 5;
            case FLOAT:
                return 32;
            case INT:
                return d.itemSize() == 1 ? 4 : d.itemSize() == 2 ? 6 : d.itemSize() == 4 ? 11 : 21;
            case UINT:
                return d.itemSize() == 1 ? 3 : d.itemSize() == 2 ? 5 : d.itemSize() == 4 ? 10 : 20;
            default:
                return -1;
        }
    }

    /** One leaf as an element of an array of dtype {@code dt} (np.array's conversion of discovered values). */
    private static Object convert(final Object leaf, final DType dt) {
        final Object v = leaf instanceof NpScalar && dt.kind() != DType.Kind.OBJECT ? ((NpScalar) leaf).value() : leaf;
        switch (dt.kind()) {
            case OBJECT:
                return leaf;
            case STR:
                return text(v);
            case BYTES:
                return v instanceof byte[] ? v : text(v).getBytes(StandardCharsets.US_ASCII);
            case FLOAT:
                return v instanceof Boolean ? (Boolean) v ? 1.0 : 0.0 : ((Number) v).doubleValue();
            case INT:
            case UINT:
                if (v instanceof Boolean) {
                    return (Boolean) v ? 1L : 0L;
                }
                if (v instanceof BigInteger) {
                    return ((BigInteger) v).bitLength() < 64 ? (Object) ((BigInteger) v).longValue() : v;
                }
                return ((Number) v).longValue();
            case DATETIME:
            case TIMEDELTA:
                if (leaf instanceof NpScalar && ((NpScalar) leaf).value() instanceof Long) {
                    final long x = (Long) ((NpScalar) leaf).value();
                    return x == Long.MIN_VALUE ? x
                        : io.signet.internal.tensor.NpDatetime.convert(x, ((NpScalar) leaf).dtype().unit(), dt.unit());
                }
                return v;
            default:
                return v;
        }
    }

    /** {@code str(v)} as numpy writes a value into a str array (bytes are decoded). */
    static String text(final Object v) {
        if (v instanceof byte[]) {
            return new String((byte[]) v, StandardCharsets.UTF_8);
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? "True" : "False";
        }
        return PyRepr.str(v);
    }

    /**
     * numpy's shape discovery: the first leaf fixes the depth, every sequence at a depth must have the
     * length the first one there had; an empty sequence ends the shape unless something deeper was seen.
     */
    private static void discover(final Object v0, final int depth, final List<Long> shape, final int[] maxDepth) {
        final Object v = v0 instanceof NdArray && ((NdArray) v0).rank() == 0 ? leaf(v0, depth) : v0;
        if (isSequence(v)) {
            final List<?> l = items(v);
            if (depth >= maxDepth[0]) {
                throw ragged(depth, shape);
            }
            if (shape.size() <= depth) {
                if (shape.size() < depth) {
                    throw ragged(depth, shape);
                }
                shape.add((long) l.size());
            } else if (shape.get(depth) != l.size()) {
                throw ragged(depth, shape);
            }
            if (l.isEmpty()) {
                if (maxDepth[0] == Integer.MAX_VALUE) {
                    // an empty list fixes the depth only if nothing deeper was seen
                    if (shape.size() > depth + 1) {
                        throw ragged(depth + 1, shape);
                    }
                    maxDepth[0] = depth + 1;
                } else if (maxDepth[0] != depth + 1) {
                    throw ragged(depth + 1, shape);
                }
            }
            for (int i = 0; i < l.size(); i++) {
                try {
                    discover(l.get(i), depth + 1, shape, maxDepth);
                } catch (final PyError e) {
                    throw e.within(i);
                }
            }
        } else if (maxDepth[0] == Integer.MAX_VALUE) {
            if (shape.size() > depth) {
                throw ragged(depth, shape);
            }
            maxDepth[0] = depth;
        } else if (maxDepth[0] != depth) {
            throw ragged(Math.min(depth, maxDepth[0]), shape);
        }
    }

    /** numpy's ValueError for a nesting that is not rectangular, with the shape detected up to it. */
    static PyError ragged(final int after, final List<Long> shape) {
        final int n = Math.max(1, Math.min(after, shape.size()));
        final StringBuilder sb = new StringBuilder("setting an array element with a sequence. The requested array "
            + "has an inhomogeneous shape after " + n + " dimensions. The detected shape was (");
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ", " : "").append(i < shape.size() ? shape.get(i) : 0);
        }
        if (n == 1) {
            sb.append(',');
        }
        return PyError.valueError(sb.append(") + inhomogeneous part.").toString());
    }

    private static void flatten(final Object v, final int depth, final int rank, final List<Object> out) {
        if (depth < rank) {
            for (final Object x : items(v)) {
                flatten(x, depth + 1, rank, out);
            }
        } else {
            out.add(leaf(v, depth));
        }
    }

    private static long[] toLongs(final List<Long> l) {
        final long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
        }
        return r;
    }

    // ------------------------------------------------------------------ np.array(data, dtype=object)

    /**
     * {@code np.array(data, dtype=object)}: the longest shape prefix on which every sequence agrees,
     * the values below it kept as they are (a ragged nesting becomes a 1-D array of lists).
     */
    public static NdArray objectArray(final Object data) {
        final List<Long> shape = new ArrayList<>();
        List<Object> level = new ArrayList<>();
        level.add(data);
        for (;;) {
            int n = -1;
            boolean all = !level.isEmpty();
            for (final Object x : level) {
                if (!isSequence(x) || n >= 0 && items(x).size() != n) {
                    all = false;
                    break;
                }
                n = items(x).size();
            }
            if (!all) {
                break;
            }
            shape.add((long) n);
            final List<Object> next = new ArrayList<>();
            for (final Object x : level) {
                next.addAll(items(x));
            }
            level = next;
            if (n == 0) {
                break;
            }
        }
        return NdArray.of(DType.OBJECT, toLongs(shape), level.toArray());
    }
    // ------------------------------------------------------------------ np.array(data, dtype)

    /**
     * {@code np.array(data, dtype)}: the shape as {@link #array(Object)} discovers it (a ragged nesting
     * is numpy's ValueError; for dtype object see {@link #objectArray}), every leaf cast by
     * {@link NumpyCast}, what numpy did silently recorded into {@code facts}. An unsized str or bytes
     * dtype takes the longest element's width; a datetime64 without a unit takes the finest unit of its
     * strings (an int there is numpy's ValueError).
     *
     * @throws PyError where numpy raises
     */
    public static NdArray array(final Object data, final DType dtype, final NpCast.Facts facts) {
        if (dtype.kind() == DType.Kind.OBJECT) {
            return objectArray(data);
        }
        final List<Long> shape = new ArrayList<>();
        discover(data, 0, shape, new int[] {Integer.MAX_VALUE});
        final long[] s = toLongs(shape);
        final List<Object> leaves = new ArrayList<>();
        flatten(data, 0, s.length, leaves);
        final DType dt = unitOrWidth(dtype, leaves);
        final Object[] el = new Object[leaves.size()];
        for (int i = 0; i < el.length; i++) {
            el[i] = NumpyCast.cast(leaves.get(i), dt, facts.at(i));
        }
        return NdArray.of(sized(dt, el), s, el);
    }

    /**
     * {@code arr.astype(dtype)}: every element of {@code a} cast as numpy casts one array into another
     * ({@link NumpyCast#astype}: a float64 array's floats by C's conversion, which never raises and
     * stores garbage for NaN, infinities and values past the range, noted into {@code facts}; any other
     * element as {@link #array(Object, DType, NpCast.Facts)} casts it). Object dtype keeps the elements.
     *
     * @throws PyError where numpy raises
     */
    public static NdArray astype(final NdArray a, final DType dtype, final NpCast.Facts facts) {
        final Object[] in = a.elements();
        final long[] s = new long[a.rank()];
        for (int k = 0; k < s.length; k++) {
            s[k] = a.dim(k);
        }
        if (dtype.kind() == DType.Kind.OBJECT) {
            return NdArray.of(DType.OBJECT, s, in.clone());
        }
        final DType dt = unitOrWidth(dtype, Arrays.asList(in));
        final Object[] el = new Object[in.length];
        for (int i = 0; i < el.length; i++) {
            el[i] = NumpyCast.astype(in[i], a.dtype(), dt, facts.at(i));
        }
        return NdArray.of(sized(dt, el), s, el);
    }

    /** A datetime64/timedelta64 without a unit gets one from the strings (ints need a unit). */
    private static DType unitOrWidth(final DType dt, final List<Object> leaves) {
        if ((dt.kind() != DType.Kind.DATETIME && dt.kind() != DType.Kind.TIMEDELTA)
            || dt.unit() != null && !dt.unit().isEmpty()) {
            return dt;
        }
        int finest = -1;
        final List<String> units = Arrays.asList(DType.UNITS);
        for (final Object o0 : leaves) {
            final Object o = o0 instanceof NpScalar ? ((NpScalar) o0).value() : o0;
            if (o instanceof Long || o instanceof Boolean || o instanceof BigInteger || o instanceof Integer) {
                throw PyError.valueError("Converting an integer to a NumPy "
                    + (dt.kind() == DType.Kind.DATETIME ? "datetime" : "timedelta") + " requires a specified unit");
            }
            if (o instanceof String && dt.kind() == DType.Kind.DATETIME) {
                try {
                    final io.signet.internal.tensor.NpDatetime p = io.signet.internal.tensor.NpDatetime.parse((String) o);
                    if (!p.isNat()) {
                        finest = Math.max(finest, units.indexOf(p.unit));
                    }
                } catch (final IllegalArgumentException e) {
                    // the cast reports it
                }
            }
        }
        final String u = finest < 0 ? "s" : DType.UNITS[finest];
        return dt.kind() == DType.Kind.DATETIME ? DType.datetime64(u) : DType.timedelta64(u);
    }

    /** An unsized str/bytes dtype with the width of its longest element (at least 1), as numpy gives it. */
    private static DType sized(final DType dt, final Object[] el) {
        if (dt.itemSize() != 0 || dt.kind() != DType.Kind.STR && dt.kind() != DType.Kind.BYTES) {
            return dt;
        }
        int w = 1;
        for (final Object o : el) {
            w = Math.max(w, o instanceof String ? ((String) o).codePointCount(0, ((String) o).length())
                : ((byte[]) o).length);
        }
        final DType sized = dt.kind() == DType.Kind.STR ? DType.unicode(w) : DType.bytes(w);
        return dt.order() != null && !dt.isNativeOrder() ? sized.withOrder(dt.order()) : sized;
    }

    /** {@code np.full(shape, fill, dtype)} ({@code np.zeros} with fill 0); dtype null: discovered from the fill. */
    public static NdArray full(final long[] shape, final Object fill, final DType dtype) {
        long n = 1;
        for (final long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        final DType dt = dtype == null ? leafDtype(fill) : dtype;
        final Object v = dt.kind() == DType.Kind.OBJECT ? fill : NumpyCast.cast(fill, dt, new NpCast.Facts());
        final Object[] el = new Object[Math.toIntExact(n)];
        Arrays.fill(el, v);
        return NdArray.of(sized(dt, new Object[] {v}), shape, el);
    }

    /**
     * The same array with its elements written into memory (from {@code arena}, or the heap when it is
     * null): a fixed-width array a {@link io.signet.tensor.TensorView} can scan. Object arrays stay as they are.
     */
    public static NdArray inMemory(final NdArray a, final io.signet.internal.tensor.TensorArena arena) {
        if (a.view() != null || a.dtype().kind() == DType.Kind.OBJECT) {
            return a;
        }
        final long[] shape = a.shape();
        final io.signet.tensor.TensorView v;
        if (arena != null) {
            v = arena.allocate(a.dtype(), shape);
        } else {
            long bytes = a.dtype().itemSize();
            for (final long d : shape) {
                bytes = Math.multiplyExact(bytes, d);
            }
            if (bytes > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("a tensor of " + bytes + " bytes exceeds one 2 GiB region");
            }
            final byte[] mem = new byte[(int) bytes];
            v = new io.signet.tensor.TensorView().wrap(a.dtype(), mem, 0, mem.length, 0, shape.length, shape, null);
        }
        final long n = a.size();
        for (long i = 0; i < n; i++) {
            final Object e = a.get(i);
            switch (a.dtype().kind()) {
                case STR:
                    v.putString(i, (String) e);
                    break;
                case BYTES:
                    v.putBytes(i, (byte[]) e);
                    break;
                case BOOL:
                    v.putLong(i, (Boolean) e ? 1 : 0);
                    break;
                case FLOAT:
                    v.putDouble(i, (Double) e);
                    break;
                default:
                    v.putLong(i, e instanceof BigInteger ? ((BigInteger) e).longValue() : (Long) e);
            }
        }
        return NdArray.over(v);
    }
}
