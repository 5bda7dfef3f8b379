package io.signet.py;

import io.signet.internal.tensor.PyText;

import java.time.LocalDateTime;

/**
 * Python's {@code repr()} and {@code str()} of the Java values that stand for Python values, so that
 * Signet's messages read exactly as MLflow's: {@code None}, {@code True}, {@code 1.0}, {@code 1e-05},
 * {@code 'a'}, {@code [1, 2]}, {@code {'a': 1}}, {@code (-1, 4)}, {@code (3,)}, {@code b'\x01'}.
 *
 * <p>Mapping: null is None; Boolean is bool; Byte/Short/Integer/Long/BigInteger are int;
 * Float/Double are float; String is str; byte[] is bytes; List is list; Set is set; Map is dict;
 * long[] is a tuple (a shape); LocalDateTime/LocalDate are datetime/date.
 *
 * <p>The text itself is {@link PyText}'s, in io.signet.internal.tensor (which prints its own shapes and
 * elements and may not import this one); this class keeps the name the rest of Signet calls.
 */
public final class PyRepr {
    private PyRepr() {
    }

    /** Python's {@code repr(value)}. */
    public static String repr(final Object value) {
        return PyText.repr(value);
    }

    /** Python's {@code str(value)}: like repr, except that a str is written bare. */
    public static String str(final Object value) {
        return PyText.str(value);
    }

    /** Python's {@code type(value).__name__}. */
    public static String typeName(final Object value) {
        return PyText.typeName(value);
    }

    /** A value that knows its Python type name and repr (numpy scalars, arrays, ...). */
    public interface PyTyped extends PyText.PyTyped {
    }

    /** Python's tuple repr of a shape: {@code ()}, {@code (3,)}, {@code (-1, 4)}. */
    public static String shape(final long[] shape) {
        return PyText.shape(shape);
    }

    public static void appendRepr(final StringBuilder sb, final Object v) {
        PyText.appendRepr(sb, v);
    }

    /** Python's {@code str()} of a datetime. */
    public static String datetimeStr(final LocalDateTime t) {
        return PyText.datetimeStr(t);
    }

    /** Python's {@code repr()} of a float: the shortest digits that read back the same. */
    public static String floatRepr(final double d) {
        return PyText.floatRepr(d);
    }

    public static void appendStrRepr(final StringBuilder sb, final String s) {
        PyText.appendStrRepr(sb, s);
    }

    public static void appendBytesRepr(final StringBuilder sb, final byte[] b) {
        PyText.appendBytesRepr(sb, b);
    }
}
