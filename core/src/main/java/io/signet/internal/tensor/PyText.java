package io.signet.internal.tensor;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: not API, may change without notice. {@code io.signet.py.PyRepr} is the entry point
 * the rest of Signet uses; the text lives here, at the bottom of the packages, so that the tensor
 * package prints its own shapes, dtypes and elements without reaching up into {@code schema}.
 *
 * <p>Python's {@code repr()} and {@code str()} of the Java values that stand for Python values, so that
 * Signet's messages read exactly as MLflow's: {@code None}, {@code True}, {@code 1.0}, {@code 1e-05},
 * {@code 'a'}, {@code [1, 2]}, {@code {'a': 1}}, {@code (-1, 4)}, {@code (3,)}, {@code b'\x01'}.
 *
 * <p>Mapping: null is None; Boolean is bool; Byte/Short/Integer/Long/BigInteger are int;
 * Float/Double are float; String is str; byte[] is bytes; List is list; Set is set; Map is dict;
 * long[] is a tuple (a shape); LocalDateTime/LocalDate are datetime/date.
 */
public final class PyText {
    private static final DateTimeFormatter DATETIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private PyText() {
    }

    /** The longest excerpt of one payload value in a message, in characters (before escaping). */
    public static final int EXCERPT = 200;

    /**
     * {@code repr(value)} bounded as {@link #excerpt} bounds a text (the repr of a huge str is not
     * built whole): the one way a message quotes a payload value ({@code io.signet.py.Excerpt}).
     */
    public static String reprExcerpt(final Object value) {
        if (value instanceof String && ((String) value).length() > EXCERPT * 4) {
            return excerpt(repr(((String) value).substring(0, EXCERPT * 2)), EXCERPT);
        }
        return excerpt(repr(value), EXCERPT);
    }

    /**
     * A text cut after {@code max} characters with {@code ...}, terminal control characters (C0 other
     * than tab and newline, DEL, C1) escaped as {@code \xNN} so that a message printed to a terminal
     * cannot drive it.
     */
    public static String excerpt(final String s, final int max) {
        if (s == null) {
            return null;
        }
        final boolean cut = s.length() > max;
        final int n = cut ? max : s.length();
        int i = 0;
        while (i < n && !isControl(s.charAt(i))) {
            i++;
        }
        if (i == n) {
            return cut ? s.substring(0, Character.isHighSurrogate(s.charAt(n - 1)) ? n - 1 : n) + "..." : s;
        }
        final StringBuilder sb = new StringBuilder(n + 16).append(s, 0, i);
        for (; i < n; i++) {
            final char c = s.charAt(i);
            if (isControl(c)) {
                sb.append("\\x").append(Character.forDigit(c >> 4 & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
            } else if (i < n - 1 || !Character.isHighSurrogate(c)) {
                sb.append(c);
            }
        }
        return cut ? sb.append("...").toString() : sb.toString();
    }

    /** Characters that move a terminal: C0 controls other than tab and newline, DEL, C1 controls. */
    public static boolean isControl(final char c) {
        return c < 0x20 && c != '\n' && c != '\t' || c >= 0x7F && c <= 0x9F;
    }

    /** Python's {@code repr(value)}. */
    public static String repr(final Object value) {
        final StringBuilder sb = new StringBuilder();
        appendRepr(sb, value);
        return sb.toString();
    }

    /** Python's {@code str(value)}: like repr, except that a str is written bare. */
    public static String str(final Object value) {
        if (value instanceof String) {
            return (String) value;
        }
        if (value instanceof LocalDateTime) {
            return datetimeStr((LocalDateTime) value);
        }
        if (value instanceof LocalDate) {
            return value.toString();
        }
        return repr(value);
    }

    /** Python's {@code type(value).__name__}. */
    public static String typeName(final Object value) {
        if (value == null) {
            return "NoneType";
        }
        if (value instanceof PyTyped) {
            return ((PyTyped) value).pyTypeName();
        }
        if (value instanceof Boolean) {
            return "bool";
        }
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte
            || value instanceof BigInteger) {
            return "int";
        }
        if (value instanceof Double || value instanceof Float) {
            return "float";
        }
        if (value instanceof BigDecimal) {
            return "Decimal";
        }
        if (value instanceof String) {
            return "str";
        }
        if (value instanceof byte[]) {
            return "bytes";
        }
        if (value instanceof List) {
            return "list";
        }
        if (value instanceof Set) {
            return "set";
        }
        if (value instanceof Map) {
            return "dict";
        }
        if (value instanceof long[]) {
            return "tuple";
        }
        if (value instanceof LocalDateTime) {
            return "datetime";
        }
        if (value instanceof LocalDate) {
            return "date";
        }
        return value.getClass().getSimpleName();
    }

    /** A value that knows its Python type name and repr (numpy scalars, arrays, ...). */
    public interface PyTyped {
        /** {@code type(x).__name__}. */
        String pyTypeName();

        /** {@code repr(x)}. */
        String pyRepr();
    }

    /** Python's tuple repr of a shape: {@code ()}, {@code (3,)}, {@code (-1, 4)}. */
    public static String shape(final long[] shape) {
        final StringBuilder sb = new StringBuilder();
        appendShape(sb, shape);
        return sb.toString();
    }

    public static void appendShape(final StringBuilder sb, final long[] shape) {
        sb.append('(');
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        if (shape.length == 1) {
            sb.append(',');
        }
        sb.append(')');
    }

    public static void appendRepr(final StringBuilder sb, final Object v) {
        if (v == null) {
            sb.append("None");
        } else if (v instanceof PyTyped) {
            sb.append(((PyTyped) v).pyRepr());
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "True" : "False");
        } else if (v instanceof Double || v instanceof Float) {
            sb.append(floatRepr(((Number) v).doubleValue()));
        } else if (v instanceof BigDecimal) {
            sb.append("Decimal('").append(((BigDecimal) v).toString()).append("')");
        } else if (v instanceof Number) {
            sb.append(v.toString());
        } else if (v instanceof String) {
            appendStrRepr(sb, (String) v);
        } else if (v instanceof byte[]) {
            appendBytesRepr(sb, (byte[]) v);
        } else if (v instanceof long[]) {
            appendShape(sb, (long[]) v);
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                appendRepr(sb, e.getKey());
                sb.append(": ");
                appendRepr(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Set) {
            final Set<?> set = (Set<?>) v;
            if (set.isEmpty()) {
                sb.append("set()");
            } else {
                appendSeq(sb, set, '{', '}');
            }
        } else if (v instanceof Collection) {
            appendSeq(sb, (Collection<?>) v, '[', ']');
        } else if (v instanceof LocalDateTime) {
            final LocalDateTime t = (LocalDateTime) v;
            sb.append("datetime.datetime(").append(t.getYear()).append(", ").append(t.getMonthValue()).append(", ")
                .append(t.getDayOfMonth()).append(", ").append(t.getHour()).append(", ").append(t.getMinute());
            if (t.getSecond() != 0 || t.getNano() != 0) {
                sb.append(", ").append(t.getSecond());
            }
            if (t.getNano() / 1000 != 0) {
                sb.append(", ").append(t.getNano() / 1000);
            }
            sb.append(')');
        } else if (v instanceof LocalDate) {
            final LocalDate d = (LocalDate) v;
            sb.append("datetime.date(").append(d.getYear()).append(", ").append(d.getMonthValue()).append(", ")
                .append(d.getDayOfMonth()).append(')');
        } else {
            sb.append(v);
        }
    }

    private static void appendSeq(final StringBuilder sb, final Collection<?> c, final char open, final char close) {
        sb.append(open);
        final Iterator<?> it = c.iterator();
        boolean first = true;
        while (it.hasNext()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            appendRepr(sb, it.next());
        }
        sb.append(close);
    }

    /** Python's {@code str(datetime)}: {@code 2021-01-01 00:00:00}, with {@code .123456} when it has microseconds. */
    public static String datetimeStr(final LocalDateTime t) {
        final String base = DATETIME.format(t);
        final int micros = t.getNano() / 1000;
        return micros == 0 ? base : base + String.format(".%06d", micros);
    }

    /** Python's {@code repr(float)}: shortest round-trip digits, exponent form outside [1e-4, 1e16). */
    public static String floatRepr(final double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        final BigDecimal bd = shortest(d);
        final String digits = bd.unscaledValue().abs().toString();
        final int exp = digits.length() - 1 - bd.scale(); // decimal exponent of the first digit
        final StringBuilder sb = new StringBuilder();
        if (d < 0) {
            sb.append('-');
        }
        // Python's repr: fixed notation for 1e-4 <= |d| < 1e16 (decpt in (-4, 16]), exponent otherwise
        if (exp >= -4 && exp < 16) {
            if (exp >= 0) {
                if (digits.length() <= exp + 1) {
                    sb.append(digits);
                    for (int i = digits.length(); i <= exp; i++) {
                        sb.append('0');
                    }
                    sb.append(".0");
                } else {
                    sb.append(digits, 0, exp + 1).append('.').append(digits, exp + 1, digits.length());
                }
            } else {
                sb.append("0.");
                for (int i = -1; i > exp; i--) {
                    sb.append('0');
                }
                sb.append(digits);
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            sb.append('e').append(exp < 0 ? '-' : '+');
            final int ae = Math.abs(exp);
            if (ae < 10) {
                sb.append('0');
            }
            sb.append(ae);
        }
        return sb.toString();
    }

    /**
     * The shortest decimal that reads back as {@code d}, correctly rounded (Python's repr digits).
     * Java 17's {@code Double.toString} is not always shortest (JDK-4511638: 2.82879384806159E17
     * prints as 2.82879384806159008E17), so the exact binary value is rounded to 1, 2, ... 17
     * significant digits until it round-trips.
     */
    private static BigDecimal shortest(final double d) {
        final BigDecimal exact = new BigDecimal(d);
        for (int p = 1; p < 17; p++) {
            final BigDecimal r = exact.round(new java.math.MathContext(p, java.math.RoundingMode.HALF_EVEN));
            if (r.doubleValue() == d) {
                return r.stripTrailingZeros();
            }
        }
        return exact.round(new java.math.MathContext(17, java.math.RoundingMode.HALF_EVEN)).stripTrailingZeros();
    }

    /** Python's {@code repr(str)}. */
    public static void appendStrRepr(final StringBuilder sb, final String s) {
        final char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        sb.append(quote);
        for (int i = 0; i < s.length(); ) {
            final int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (!printable(c)) {
                // Python escapes what str.isprintable() refuses: \xhh, \\uhhhh or \\Uhhhhhhhh
                final String hex = Integer.toHexString(c);
                if (c < 0x100) {
                    sb.append("\\x").append("00", hex.length(), 2).append(hex);
                } else if (c < 0x10000) {
                    sb.append("\\u").append("0000", hex.length(), 4).append(hex);
                } else {
                    sb.append("\\U").append("00000000", hex.length(), 8).append(hex);
                }
            } else {
                sb.appendCodePoint(c);
            }
        }
        sb.append(quote);
    }

    /** Python's {@code str.isprintable()} for one code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp, or Zs other than space. */
    public static boolean printable(final int c) {
        if (c == ' ') {
            return true;
        }
        switch (Character.getType(c)) {
            case Character.CONTROL:
            case Character.FORMAT:
            case Character.SURROGATE:
            case Character.PRIVATE_USE:
            case Character.UNASSIGNED:
            case Character.LINE_SEPARATOR:
            case Character.PARAGRAPH_SEPARATOR:
            case Character.SPACE_SEPARATOR:
                return false;
            default:
                return true;
        }
    }

    /** Python's {@code repr(bytes)}. */
    public static void appendBytesRepr(final StringBuilder sb, final byte[] b) {
        boolean hasSingle = false;
        boolean hasDouble = false;
        for (final byte x : b) {
            hasSingle |= x == '\'';
            hasDouble |= x == '"';
        }
        final char quote = hasSingle && !hasDouble ? '"' : '\'';
        sb.append('b').append(quote);
        for (final byte x : b) {
            final int c = x & 0xff;
            if (c == quote || c == '\\') {
                sb.append('\\').append((char) c);
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\t') {
                sb.append("\\t");
            } else if (c < 0x20 || c >= 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.append((char) c);
            }
        }
        sb.append(quote);
    }
}
