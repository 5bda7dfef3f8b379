package io.signet.tensor;


import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Builds arrays from Java values (TEAM value model) the way {@code np.array(data, dtype=dtype)} and
 * {@code np.full(shape, fill, dtype)} do: nested lists give the shape, a missing dtype is inferred
 * (bool, int64, float64, {@code <Un}, {@code |Sn}, else object), unsized {@code str}/{@code bytes}
 * get the width of the longest element, datetime strings are parsed with numpy's rules.
 *
 * <p>Memory comes from a {@link TensorArena} (off-heap, owned) or, with a null arena, from a heap
 * {@code byte[]}. Cold path: it allocates freely.
 */
public final class TensorBuilder {
    private TensorBuilder() {
    }

    /**
     * {@code np.array(data, dtype=dtype)}.
     *
     * @param data  a scalar, a List (nested), or an {@link NdArray}
     * @param dtype the dtype, or null to infer as numpy does
     * @param arena where the memory comes from; null for the heap
     * @return a {@link TensorView} or, for dtype object, an {@link ObjectArray}
     * @throws IllegalArgumentException with numpy's wording when numpy raises
     */
    public static NdArray array(final Object data, final DType dtype, final TensorArena arena) {
        final Object d = unwrap(data);
        final boolean object = dtype != null && dtype.kind() == DType.Kind.OBJECT;
        final List<Long> dims = new ArrayList<>();
        final int ragged = discoverShape(d, dims);
        if (ragged >= 0 && !object) {
            throw new IllegalArgumentException("setting an array element with a sequence. The requested array has an "
                + "inhomogeneous shape after " + ragged + " dimensions. The detected shape was "
                + PyText.shape(toLongs(dims.subList(0, ragged))) + " + inhomogeneous part.");
        }
        final long[] shape = toLongs(ragged >= 0 ? dims.subList(0, ragged) : dims);
        final List<Object> leaves = new ArrayList<>();
        flatten(d, shape.length, 0, leaves);
        DType dt = dtype == null ? infer(leaves) : dtype;
        if (dt.kind() == DType.Kind.OBJECT) {
            return new ObjectArray(shape, leaves.toArray());
        }
        dt = sized(dt, leaves);
        final TensorView v = allocate(dt, shape, arena);
        for (int i = 0; i < leaves.size(); i++) {
            store(v, i, leaves.get(i));
        }
        return v;
    }

    /** {@code np.full(shape, fill, dtype)} ({@code np.zeros} with fill 0). */
    public static NdArray full(final long[] shape, final Object fill, final DType dtype, final TensorArena arena) {
        long n = 1;
        for (final long s : shape) {
            n = Math.multiplyExact(n, s);
        }
        final List<Object> one = new ArrayList<>();
        one.add(fill);
        DType dt = dtype == null ? infer(one) : dtype;
        if (dt.kind() == DType.Kind.OBJECT) {
            final Object[] e = new Object[Math.toIntExact(n)];
            Arrays.fill(e, fill);
            return new ObjectArray(shape, e);
        }
        dt = sized(dt, one);
        final TensorView v = allocate(dt, shape, arena);
        for (long i = 0; i < n; i++) {
            store(v, i, fill);
        }
        return v;
    }

    /** A zero-filled C-order view: from the arena, or on the heap when it is null. */
    public static TensorView allocate(final DType dtype, final long[] shape, final TensorArena arena) {
        if (arena != null) {
            return arena.allocate(dtype, shape);
        }
        long bytes = dtype.itemSize();
        for (final long s : shape) {
            bytes = Math.multiplyExact(bytes, s);
        }
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("a tensor of " + bytes + " bytes exceeds one 2 GiB region");
        }
        final byte[] mem = new byte[(int) bytes];
        return new TensorView().wrap(dtype, mem, 0, mem.length, 0, shape.length, shape, null);
    }

    private static Object unwrap(final Object data) {
        if (data instanceof TensorView) {
            return ((TensorView) data).toJava();
        }
        if (data instanceof ObjectArray) {
            return ((ObjectArray) data).toJava();
        }
        return data;
    }

    private static boolean isSeq(final Object o) {
        return o instanceof List || o instanceof NdArray;
    }

    /** Fills {@code dims} with the homogeneous shape; returns the depth where it stops being homogeneous, or -1. */
    private static int discoverShape(final Object d, final List<Long> dims) {
        List<Object> level = new ArrayList<>();
        level.add(d);
        int depth = 0;
        while (true) {
            boolean allSeq = true;
            boolean anySeq = false;
            long len = -1;
            boolean same = true;
            for (final Object o : level) {
                final Object u = unwrap(o);
                if (u instanceof List) {
                    anySeq = true;
                    final int l = ((List<?>) u).size();
                    if (len < 0) {
                        len = l;
                    } else if (len != l) {
                        same = false;
                    }
                } else {
                    allSeq = false;
                }
            }
            if (!anySeq || level.isEmpty()) {
                return -1;
            }
            if (!allSeq || !same) {
                return depth;
            }
            dims.add(len);
            depth++;
            final List<Object> next = new ArrayList<>();
            for (final Object o : level) {
                next.addAll((List<?>) unwrap(o));
            }
            level = next;
            if (level.isEmpty()) {
                return -1;
            }
        }
    }

    private static void flatten(final Object d, final int rank, final int depth, final List<Object> out) {
        if (depth == rank) {
            out.add(d);
            return;
        }
        for (final Object o : (List<?>) unwrap(d)) {
            flatten(o, rank, depth + 1, out);
        }
    }

    private static long[] toLongs(final List<Long> l) {
        final long[] r = new long[l.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = l.get(i);
        }
        return r;
    }

    /** numpy's dtype discovery for Python scalars. */
    static DType infer(final List<Object> leaves) {
        boolean allBool = true;
        boolean allInt = true;
        boolean allNum = true;
        boolean allStr = true;
        boolean allBytes = true;
        boolean anyStr = false;
        for (final Object o : leaves) {
            final Object v = o instanceof NpScalar ? ((NpScalar) o).value() : o;
            final boolean b = v instanceof Boolean;
            final boolean i = v instanceof Long || v instanceof Integer || v instanceof BigInteger;
            final boolean f = v instanceof Double || v instanceof Float;
            allBool &= b;
            allInt &= b || i;
            allNum &= b || i || f;
            allStr &= v instanceof String || b || i || f;
            anyStr |= v instanceof String;
            allBytes &= v instanceof byte[];
        }
        if (leaves.isEmpty()) {
            return DType.FLOAT64;
        }
        if (allBool) {
            return DType.BOOL;
        }
        if (allInt) {
            return DType.INT64;
        }
        if (allNum) {
            return DType.FLOAT64;
        }
        if (allStr && anyStr) {
            return DType.STR;
        }
        if (allBytes) {
            return DType.BYTES;
        }
        return DType.OBJECT;
    }

    /** Gives unsized str/bytes the width of the longest element (at least 1), as numpy does. */
    private static DType sized(final DType dt, final List<Object> leaves) {
        if ((dt.kind() == DType.Kind.DATETIME || dt.kind() == DType.Kind.TIMEDELTA) && dt.unit().isEmpty()) {
            int finest = -1;
            for (final Object o : leaves) {
                if (o instanceof String) {
                    final NpDatetime p = NpDatetime.parse((String) o);
                    if (!p.isNat()) {
                        finest = Math.max(finest, Arrays.asList(DType.UNITS).indexOf(p.unit));
                    }
                }
            }
            final String u = finest < 0 ? "s" : DType.UNITS[finest];
            return dt.kind() == DType.Kind.DATETIME ? DType.datetime64(u) : DType.timedelta64(u);
        }
        if (dt.itemSize() != 0) {
            return dt;
        }
        int w = 1;
        for (final Object o : leaves) {
            if (dt.kind() == DType.Kind.STR) {
                final String s = strOf(o);
                w = Math.max(w, s.codePointCount(0, s.length()));
            } else {
                w = Math.max(w, bytesOf(o).length);
            }
        }
        final DType sized = dt.kind() == DType.Kind.STR ? DType.unicode(w) : DType.bytes(w);
        return dt.order() != null && !dt.isNativeOrder() ? sized.withOrder(dt.order()) : sized;
    }

    private static String strOf(final Object o) {
        if (o instanceof byte[]) {
            return new String((byte[]) o, StandardCharsets.UTF_8);
        }
        if (o instanceof Boolean) {
            return (Boolean) o ? "True" : "False";
        }
        return PyText.str(o instanceof NpScalar ? ((NpScalar) o).value() : o);
    }

    private static byte[] bytesOf(final Object o) {
        if (o instanceof byte[]) {
            return (byte[]) o;
        }
        return strOf(o).getBytes(StandardCharsets.UTF_8);
    }

    /** Stores one Python value into element {@code i}, converting as numpy's assignment does. */
    static void store(final TensorView v, final long i, final Object o0) {
        final Object o = o0 instanceof NpScalar ? ((NpScalar) o0).value() : o0;
        final DType dt = v.dtype();
        switch (dt.kind()) {
            case STR:
                v.putString(i, strOf(o));
                return;
            case BYTES:
                v.putBytes(i, bytesOf(o));
                return;
            case DATETIME:
            case TIMEDELTA:
                v.putLong(i, timeValue(o, dt));
                return;
            case BOOL:
                v.putLong(i, truth(o) ? 1 : 0);
                return;
            case FLOAT:
                v.putDouble(i, toDouble(o, dt));
                return;
            default:
                v.putLong(i, toLong(o, dt));
        }
    }

    private static boolean truth(final Object o) {
        if (o instanceof Boolean) {
            return (Boolean) o;
        }
        if (o instanceof Number) {
            return ((Number) o).doubleValue() != 0;
        }
        if (o instanceof String) {
            return !((String) o).isEmpty();
        }
        return o != null;
    }

    private static double toDouble(final Object o, final DType dt) {
        if (o instanceof Boolean) {
            return (Boolean) o ? 1 : 0;
        }
        if (o instanceof Number) {
            return ((Number) o).doubleValue();
        }
        if (o == null) {
            return Double.NaN;
        }
        if (o instanceof String) {
            final String s = ((String) o).trim();
            try {
                switch (s.toLowerCase(java.util.Locale.ROOT)) {
                    case "nan":
                        return Double.NaN;
                    case "inf":
                    case "infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-inf":
                    case "-infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        return Double.parseDouble(s);
                }
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("could not convert string to float: " + PyText.repr(o));
            }
        }
        throw new IllegalArgumentException("float() argument must be a string or a real number, not '"
            + PyText.typeName(o) + "'");
    }

    private static long toLong(final Object o, final DType dt) {
        if (o instanceof Boolean) {
            return (Boolean) o ? 1 : 0;
        }
        if (o instanceof Long || o instanceof Integer || o instanceof Short || o instanceof Byte) {
            return ((Number) o).longValue();
        }
        if (o instanceof BigInteger) {
            return ((BigInteger) o).longValue();
        }
        if (o instanceof Double || o instanceof Float || o instanceof BigDecimal) {
            final double d = ((Number) o).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw new IllegalArgumentException("cannot convert float " + (Double.isNaN(d) ? "NaN" : "infinity")
                    + " to integer");
            }
            return (long) d;
        }
        if (o instanceof String) {
            try {
                return Long.parseLong(((String) o).trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("invalid literal for int() with base 10: " + PyText.repr(o));
            }
        }
        throw new IllegalArgumentException("int() argument must be a string, a bytes-like object or a real number, "
            + "not '" + PyText.typeName(o) + "'");
    }

    private static long timeValue(final Object o, final DType dt) {
        final String unit = dt.unit().isEmpty() ? "s" : dt.unit();
        if (o == null) {
            return NpDatetime.NAT;
        }
        if (o instanceof Long || o instanceof Integer) {
            return ((Number) o).longValue();
        }
        if (dt.kind() == DType.Kind.TIMEDELTA) {
            // numpy reads a string as an integer count of the unit ('NaT' and '' are NaT), never as a date
            if (o instanceof String) {
                final String t = ((String) o).trim();
                if (t.isEmpty() || t.equalsIgnoreCase("nat")) {
                    return NpDatetime.NAT;
                }
                try {
                    return Long.parseLong(t);
                } catch (final NumberFormatException e) {
                    throw new IllegalArgumentException("Could not convert object to NumPy timedelta");
                }
            }
            throw new IllegalArgumentException("Could not convert object to NumPy timedelta");
        }
        if (o instanceof String) {
            final NpDatetime p = NpDatetime.parse((String) o);
            return p.isNat() ? NpDatetime.NAT : p.to(unit);
        }
        if (o instanceof LocalDateTime) {
            final LocalDateTime t = (LocalDateTime) o;
            final long us = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            return NpDatetime.convert(us, "us", unit);
        }
        if (o instanceof LocalDate) {
            return NpDatetime.convert(((LocalDate) o).toEpochDay(), "D", unit);
        }
        throw new IllegalArgumentException("Could not convert object to NumPy datetime");
    }
}
