package io.signet.py;

import io.signet.py.Excerpt;
import io.signet.json.PyNum;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * numpy 1.24's cast of one Python value into an element of a dtype ({@code np.array(data, dtype)},
 * assignment into an array): the one table. It returns the stored value and records what numpy did
 * silently into caller-owned {@link Facts} (the value wrapped around, was truncated, became inf, a
 * datetime left its unit's range); where numpy raises, it throws {@link PyError} with numpy's words.
 *
 * <p>Stored values follow the package's model: Long for bool-free integers (uint64 past int64 as the
 * same 64 bits), Double for floats (float32/float16 elements hold the double numpy read; rounding
 * happens where memory is written), Boolean, String, byte[], Long counts for datetime64/timedelta64
 * (NaT as {@link Long#MIN_VALUE}).
 */
public final class NumpyCast {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private NumpyCast() {
    }

    /** What numpy did silently while casting: the first such event of a run of casts (caller-owned, reusable). */
    public static final class Facts {
        /** No event. */
        public static final int NONE = 0;
        /** An integer past the target's range, stored wrapped around. */
        public static final int WRAPPED = 1;
        /** A number past float32/float16's range, stored as inf. */
        public static final int TO_INF = 2;
        /** A fraction cast to an integer dtype, stored truncated. */
        public static final int TRUNCATED = 3;
        /** A datetime string outside its unit's int64 range, stored wrapped (Signet stores NaT). */
        public static final int DATETIME_WRAPPED = 4;

        private int event;
        private long index = -1;
        private String value;
        private DType dtype;
        /** The element index the next cast is for (set by the caller walking an array). */
        private long at;

        /** Forgets the recorded event. */
        public Facts clear() {
            event = NONE;
            index = -1;
            value = null;
            dtype = null;
            at = 0;
            return this;
        }

        /** Sets the index of the element the next cast is for. */
        public Facts at(final long i) {
            at = i;
            return this;
        }

        void note(final int e, final String v, final DType d) {
            if (event == NONE) {
                event = e;
                value = v;
                dtype = d;
                index = at;
            }
        }

        /** The first event ({@link #NONE} when numpy did nothing silently). */
        public int event() {
            return event;
        }

        /** The element index of the first event. */
        public long index() {
            return index;
        }

        /** The Python text of the value the first event was about ({@code 300}, {@code 1.7}, {@code '0001-01-01'}). */
        public String value() {
            return value;
        }

        /** The dtype of the first event. */
        public DType dtype() {
            return dtype;
        }
    }

    /**
     * The element numpy stores for {@code v} in an array of dtype {@code dt} (not object, str width
     * ignored).
     *
     * @throws PyError where numpy raises (ValueError, TypeError, OverflowError)
     */
    public static Object cast(final Object v0, final DType dt, final Facts facts) {
        final Object v = v0 instanceof NpScalar ? ((NpScalar) v0).value() : v0;
        switch (dt.kind()) {
            case BOOL:
                return Py.truthy(v);
            case FLOAT:
                return toFloat(v, dt, facts);
            case INT:
            case UINT:
                return toInt(v, dt, facts);
            case STR:
                return Numpy.text(v);
            case BYTES:
                return toBytes(v);
            case DATETIME:
                return toDatetime(v, dt, facts);
            case TIMEDELTA:
                return toTimedelta(v, dt);
            case OBJECT:
                return v0;
            default:
                throw PyError.typeError("Cannot cast to " + dt);
        }
    }

    private static double toFloat(final Object v, final DType dt, final Facts facts) {
        final double d;
        if (v == null) {
            return Double.NaN;
        } else if (v instanceof Boolean) {
            return (Boolean) v ? 1.0 : 0.0;
        } else if (v instanceof BigInteger) {
            d = ((BigInteger) v).doubleValue();
            if (Double.isInfinite(d)) {
                throw new PyError("OverflowError", "int too large to convert to float");
            }
        } else if (v instanceof Number) {
            d = ((Number) v).doubleValue();
        } else if (v instanceof String) {
            try {
                d = PyNum.parseFloat((String) v);
            } catch (final NumberFormatException e) {
                throw PyError.valueError("could not convert string to float: " + Excerpt.repr(v));
            }
        } else {
            throw PyError.typeError("float() argument must be a string or a real number, not '" + Py.typeName(v) + "'");
        }
        if (dt.itemSize() < 8 && !Double.isInfinite(d) && !Double.isNaN(d)
            && (dt.itemSize() == 4 ? Float.isInfinite((float) d) : Math.abs(d) >= 65520.0)) {
            facts.note(Facts.TO_INF, v instanceof Number && !(v instanceof Double) ? v.toString()
                : PyRepr.floatRepr(d), dt);
        }
        return d;
    }

    private static Object toInt(final Object v, final DType dt, final Facts facts) {
        if (v instanceof Boolean) {
            return (Boolean) v ? 1L : 0L;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return fit(((Number) v).longValue(), dt, facts);
        }
        if (v instanceof BigInteger) {
            return big((BigInteger) v, dt, facts);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            final double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                throw PyError.valueError("cannot convert float NaN to integer");
            }
            if (Double.isInfinite(d)) {
                throw new PyError("OverflowError", "cannot convert float infinity to integer");
            }
            final double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
            if (tr != d) {
                facts.note(Facts.TRUNCATED, PyRepr.floatRepr(d), dt);
            }
            if (dt.kind() == DType.Kind.UINT && dt.itemSize() == 8 && tr >= 0x1p63 && tr < 0x1p64) {
                return new BigDecimal(tr).toBigInteger().longValue();
            }
            if (tr >= 0x1p63 || tr < -0x1p63) {
                throw new PyError("OverflowError", "Python int too large to convert to C long");
            }
            return fit((long) tr, dt, facts);
        }
        if (v instanceof String) {
            final BigInteger b;
            try {
                b = PyNum.parseInt((String) v);
            } catch (final NumberFormatException e) {
                throw PyError.valueError("invalid literal for int() with base 10: " + Excerpt.repr(v));
            }
            return b.bitLength() < 64 ? fit(b.longValue(), dt, facts) : big(b, dt, facts);
        }
        throw PyError.typeError("int() argument must be a string, a bytes-like object or a real number, not '"
            + Py.typeName(v) + "'");
    }

    private static long big(final BigInteger b, final DType dt, final Facts facts) {
        if (dt.kind() == DType.Kind.UINT && dt.itemSize() == 8) {
            if (b.signum() < 0 || b.compareTo(U64_MAX) > 0) {
                throw new PyError("OverflowError", "Python int too large to convert to C unsigned long");
            }
            return b.longValue();
        }
        if (b.bitLength() < 64) {
            return fit(b.longValue(), dt, facts);
        }
        throw new PyError("OverflowError", "Python int too large to convert to C long");
    }

    /** An int64 value stored into an integer dtype: wrapped (and noted) when it does not fit. */
    private static long fit(final long v, final DType dt, final Facts facts) {
        final int bits = dt.itemSize() * 8;
        final boolean unsigned = dt.kind() == DType.Kind.UINT;
        if (bits == 64) {
            if (unsigned && v < 0) {
                facts.note(Facts.WRAPPED, Long.toString(v), dt);
            }
            return v;
        }
        final long stored = unsigned ? v & ((1L << bits) - 1) : v << (64 - bits) >> (64 - bits);
        if (stored != v) {
            facts.note(Facts.WRAPPED, Long.toString(v), dt);
        }
        return stored;
    }

    private static byte[] toBytes(final Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        if (v instanceof String) {
            final String s = (String) v;
            for (int i = 0; i < s.length(); i++) {
                if (s.charAt(i) > 127) {
                    throw new PyError("UnicodeEncodeError", "'ascii' codec can't encode character in position " + i
                        + ": ordinal not in range(128)");
                }
            }
            return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        }
        return Numpy.text(v).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static long toDatetime(final Object v, final DType dt, final Facts facts) {
        final String unit = dt.unit() == null || dt.unit().isEmpty() ? "s" : dt.unit();
        if (v == null) {
            return NpDatetime.NAT;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            final NpDatetime parsed;
            try {
                parsed = NpDatetime.parse((String) v);
            } catch (final IllegalArgumentException e) {
                final String s = (String) v;
                throw PyError.valueError(e.getMessage() != null && s.equals(Excerpt.text(s)) ? e.getMessage()
                    : "Error parsing datetime string " + Excerpt.repr(s));
            }
            try {
                return parsed.to(unit);
            } catch (final ArithmeticException e) {
                facts.note(Facts.DATETIME_WRAPPED, Excerpt.repr(v), dt);
                return NpDatetime.NAT;
            }
        }
        if (v instanceof LocalDateTime) {
            final LocalDateTime t = (LocalDateTime) v;
            final long us = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            return NpDatetime.convert(us, "us", unit);
        }
        if (v instanceof LocalDate) {
            return NpDatetime.convert(((LocalDate) v).toEpochDay(), "D", unit);
        }
        throw PyError.valueError("Could not convert object to NumPy datetime");
    }

    private static long toTimedelta(final Object v, final DType dt) {
        if (v == null) {
            return NpDatetime.NAT;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof String) {
            // numpy reads a string as an integer count of the unit ('NaT' and '' are NaT), never as a date
            final String t = (String) v;
            if (t.isEmpty() || t.equalsIgnoreCase("nat")) {
                return NpDatetime.NAT;
            }
            try {
                return Long.parseLong(t);
            } catch (final NumberFormatException e) {
                throw PyError.valueError("Could not convert object to NumPy timedelta");
            }
        }
        throw PyError.valueError("Could not convert object to NumPy timedelta");
    }
}
