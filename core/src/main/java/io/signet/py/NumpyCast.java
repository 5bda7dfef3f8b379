package io.signet.py;

import io.signet.py.Excerpt;
import io.signet.internal.tensor.PyNum;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.tensor.NpCast;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * numpy 1.24's cast of one Python value of this package's model into an element of a dtype
 * ({@code np.array(data, dtype)}, assignment into an array): which of the one table's casts
 * ({@link NpCast}) a Java value takes. It returns the stored value and notes what numpy did silently
 * into caller-owned {@link NpCast.Facts}; where numpy raises it throws {@link PyError} with numpy's
 * words. The streaming reader ({@code json.TensorReader}) takes the same casts for JSON tokens.
 *
 * <p>Stored values follow the package's model: Long for bool-free integers (uint64 past int64 as the
 * same 64 bits), Double for floats (float32/float16 elements hold the double numpy read; rounding
 * happens where memory is written), Boolean, String, byte[], Long counts for datetime64/timedelta64
 * (NaT as {@link Long#MIN_VALUE}).
 */
public final class NumpyCast {
    private NumpyCast() {
    }

    /**
     * The element numpy stores for {@code v} in an array of dtype {@code dt} (not object, str width
     * ignored).
     *
     * @throws PyError where numpy raises (ValueError, TypeError, OverflowError, UnicodeEncodeError)
     */
    public static Object cast(final Object v0, final DType dt, final NpCast.Facts facts) {
        final Object v = v0 instanceof NpScalar ? ((NpScalar) v0).value() : v0;
        try {
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
                case TIMEDELTA:
                    return toTime(v, dt, facts);
                case OBJECT:
                    return v0;
                default:
                    throw NpCast.notConvertible(dt, Py.typeName(v));
            }
        } catch (final NpCast.Refusal e) {
            throw new PyError(e.type(), e.getMessage());
        }
    }

    /**
     * The element numpy stores for {@code v}, an element of an array of dtype {@code from}, when that
     * array is cast to {@code to} ({@code arr.astype(to)}): a float64 array's floats go through C's
     * conversion ({@link NpCast#floatArrayToInt}, {@link NpCast#floatArrayToTime}: no exception, the
     * garbage noted as a fact); every other element is cast as {@link #cast} does.
     */
    public static Object astype(final Object v, final DType from, final DType to, final NpCast.Facts facts) {
        if (from.kind() == DType.Kind.FLOAT && v instanceof Double) {
            switch (to.kind()) {
                case INT:
                case UINT:
                    return NpCast.floatArrayToInt((Double) v, to, facts);
                case DATETIME:
                case TIMEDELTA:
                    return NpCast.floatArrayToTime((Double) v, to, facts);
                default:
                    break;
            }
        }
        return cast(v, to, facts);
    }

    private static double toFloat(final Object v, final DType dt, final NpCast.Facts facts) {
        if (v == null) {
            return Double.NaN;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1.0 : 0.0;
        }
        if (v instanceof BigInteger) {
            return NpCast.bigToFloat((BigInteger) v, dt, facts);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NpCast.intToFloat(((Number) v).longValue(), dt, facts);
        }
        if (v instanceof Number) {
            return NpCast.floatToFloat(((Number) v).doubleValue(), dt, facts);
        }
        if (v instanceof String) {
            return NpCast.strToFloat((String) v, dt, facts);
        }
        throw NpCast.notConvertible(dt, Py.typeName(v));
    }

    private static long toInt(final Object v, final DType dt, final NpCast.Facts facts) {
        if (v instanceof Boolean) {
            return (Boolean) v ? 1L : 0L;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return NpCast.intToInt(((Number) v).longValue(), dt, facts);
        }
        if (v instanceof BigInteger) {
            return NpCast.bigToInt((BigInteger) v, dt, facts);
        }
        if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            return NpCast.floatToInt(((Number) v).doubleValue(), dt, facts);
        }
        if (v instanceof String) {
            return NpCast.strToInt((String) v, dt, facts);
        }
        throw NpCast.notConvertible(dt, Py.typeName(v));
    }

    /** A str as ASCII bytes, bytes as they are; any other value's {@code str()} encoded as ASCII. */
    private static byte[] toBytes(final Object v) {
        if (v instanceof byte[]) {
            return (byte[]) v;
        }
        final String s = Numpy.text(v);
        NpCast.ascii(s);
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    /** datetime64 / timedelta64: None is NaT, ints (and bools) are counts of the unit, strings parsed. */
    private static long toTime(final Object v, final DType dt, final NpCast.Facts facts) {
        final boolean datetime = dt.kind() == DType.Kind.DATETIME;
        if (v == null) {
            return NpDatetime.NAT;
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? 1 : 0;
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof BigInteger) {
            throw NpCast.bigToTime();
        }
        if (v instanceof String) {
            return datetime ? NpCast.strToDatetime((String) v, dt, facts) : NpCast.strToTimedelta((String) v, dt, facts);
        }
        final String unit = dt.unit() == null || dt.unit().isEmpty() ? "s" : dt.unit();
        if (datetime && v instanceof LocalDateTime) {
            final LocalDateTime t = (LocalDateTime) v;
            final long us = t.toEpochSecond(ZoneOffset.UTC) * 1_000_000L + t.getNano() / 1000;
            return NpDatetime.convert(us, "us", unit);
        }
        if (datetime && v instanceof LocalDate) {
            return NpDatetime.convert(((LocalDate) v).toEpochDay(), "D", unit);
        }
        throw NpCast.notConvertible(dt, Py.typeName(v));
    }
}
