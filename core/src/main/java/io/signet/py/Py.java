package io.signet.py;

import io.signet.py.PyRepr;
import io.signet.internal.tensor.NpScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.Map;

/** Python's view of a value in the model of this package: its type, {@code np.isscalar}, truthiness. */
public final class Py {
    private Py() {
    }

    /** {@code type(v).__name__}. */
    public static String typeName(final Object v) {
        return PyRepr.typeName(v);
    }

    /** {@code str(type(v))}: {@code <class 'list'>}, {@code <class 'numpy.ndarray'>}, {@code <class 'numpy.int32'>}. */
    public static String classRepr(final Object v) {
        final String n;
        if (v == null) {
            n = "NoneType";
        } else if (v instanceof io.signet.tensor.NdArray) {
            n = "numpy.ndarray";
        } else if (v instanceof NpScalar) {
            n = "numpy." + ((NpScalar) v).pyTypeName();
        } else if (v instanceof DataFrame) {
            n = "pandas.core.frame.DataFrame";
        } else if (v instanceof Timestamp) {
            n = "pandas._libs.tslibs.timestamps.Timestamp";
        } else if (v instanceof LocalDateTime) {
            n = "datetime.datetime";
        } else if (v instanceof LocalDate) {
            n = "datetime.date";
        } else if (v instanceof BigDecimal) {
            n = "decimal.Decimal";
        } else {
            n = PyRepr.typeName(v);
        }
        return "<class '" + n + "'>";
    }

    /**
     * numpy's {@code np.isscalar}: Python numbers, str, bool, bytes and numpy scalars; None, lists,
     * dicts, arrays, datetimes and Timestamps are not.
     */
    public static boolean isScalar(final Object v) {
        return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof byte[]
            || v instanceof NpScalar;
    }

    /** A Python int ({@link Long}, or {@link BigInteger}; Integer, Short, Byte too). */
    public static boolean isInt(final Object v) {
        return v instanceof Long || v instanceof Integer || v instanceof BigInteger || v instanceof Short
            || v instanceof Byte;
    }

    /** A Python float. */
    public static boolean isFloat(final Object v) {
        return v instanceof Double || v instanceof Float;
    }

    /** A float NaN (Python or numpy). */
    public static boolean isNaN(final Object v) {
        final Object x = v instanceof NpScalar ? ((NpScalar) v).value() : v;
        return (x instanceof Double || x instanceof Float) && Double.isNaN(((Number) x).doubleValue());
    }

    /** A numpy scalar's Python value; anything else as it is. */
    public static Object unwrap(final Object v) {
        return v instanceof NpScalar ? ((NpScalar) v).value() : v;
    }

    /** A list-like for numpy and pandas: a list, a tuple, an array (not str, bytes or dict). */
    public static boolean isSequence(final Object v) {
        return v instanceof java.util.List || v instanceof NdArray || v instanceof PyTuple;
    }

    /** Python's truthiness ({@code bool(v)}): None, 0, 0.0, '', b'', empty containers are False; NaN is True. */
    public static boolean truthy(final Object v0) {
        final Object v = unwrap(v0);
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof BigInteger) {
            return ((BigInteger) v).signum() != 0;
        }
        if (v instanceof Number) {
            final double d = ((Number) v).doubleValue();
            return d != 0 || Double.isNaN(d);
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof byte[]) {
            return ((byte[]) v).length != 0;
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof Collection) {
            return !((Collection<?>) v).isEmpty();
        }
        if (v instanceof PyTuple) {
            return !((PyTuple) v).items().isEmpty();
        }
        return true;
    }
}
