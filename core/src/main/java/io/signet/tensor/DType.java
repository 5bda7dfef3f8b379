package io.signet.tensor;

import java.nio.ByteOrder;
import java.util.Locale;
import java.util.Objects;

/**
 * A numpy dtype as MLflow sees it: a kind, an item size, a byte order and, for datetime64 and
 * timedelta64, a unit.
 *
 * <p>Equality follows numpy's {@code ==}: {@code >f4} is not {@code <f4}, {@code <U5} is not
 * {@code <U7}. {@link #cleaned()} applies MLflow's {@code clean_tensor_type} (any {@code U} width
 * becomes {@code str}, any {@code S} width becomes {@code bytes}).
 *
 * <pre>
 *   kind  char  item size      names
 *   BOOL   b    1              bool
 *   INT    i    1, 2, 4, 8     int8 .. int64
 *   UINT   u    1, 2, 4, 8     uint8 .. uint64
 *   FLOAT  f    2, 4, 8        float16, float32, float64
 *   STR    U    4 x chars      str (unsized), &lt;U7 (28 bytes per element)
 *   BYTES  S    chars          bytes (unsized), |S3
 *   OBJECT O    8 (a pointer)  object
 *   DATETIME  M  8             datetime64[unit]
 *   TIMEDELTA m  8             timedelta64[unit]
 * </pre>
 */
public final class DType {
    /** The dtype kinds Signet understands, with numpy's kind character. */
    public enum Kind {
        /** bool. */
        BOOL('b'),
        /** Signed integers. */
        INT('i'),
        /** Unsigned integers. */
        UINT('u'),
        /** Floating point. */
        FLOAT('f'),
        /** Complex floating point. */
        COMPLEX('c'),
        /** Fixed-width unicode strings (UCS-4). */
        STR('U'),
        /** Fixed-width byte strings. */
        BYTES('S'),
        /** Python objects. */
        OBJECT('O'),
        /** datetime64 of a unit. */
        DATETIME('M'),
        /** timedelta64 of a unit. */
        TIMEDELTA('m');

        private final char code;

        Kind(final char code) {
            this.code = code;
        }

        /** numpy's {@code dtype.char} for the unsized kinds, {@code dtype.kind} otherwise. */
        public char code() {
            return code;
        }

        /** True for the kinds whose elements are fixed-size numbers in memory. */
        public boolean isNumeric() {
            return this == BOOL || this == INT || this == UINT || this == FLOAT || this == COMPLEX;
        }
    }

    /** numpy's datetime units, coarsest first. */
    public static final String[] UNITS = {"Y", "M", "W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"};

    /** numpy's {@code bool} (one byte, 0 or 1). */
    public static final DType BOOL = new DType(Kind.BOOL, 1, null, null);
    /** numpy's {@code int8}. */
    public static final DType INT8 = new DType(Kind.INT, 1, null, null);
    /** numpy's {@code int16} little-endian. */
    public static final DType INT16 = new DType(Kind.INT, 2, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code int32} little-endian. */
    public static final DType INT32 = new DType(Kind.INT, 4, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code int64} little-endian. */
    public static final DType INT64 = new DType(Kind.INT, 8, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code uint8}. */
    public static final DType UINT8 = new DType(Kind.UINT, 1, null, null);
    /** numpy's {@code uint16} little-endian. */
    public static final DType UINT16 = new DType(Kind.UINT, 2, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code uint32} little-endian. */
    public static final DType UINT32 = new DType(Kind.UINT, 4, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code uint64} little-endian. */
    public static final DType UINT64 = new DType(Kind.UINT, 8, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code float16} (IEEE half precision), little-endian. */
    public static final DType FLOAT16 = new DType(Kind.FLOAT, 2, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code float32} little-endian. */
    public static final DType FLOAT32 = new DType(Kind.FLOAT, 4, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code float64} little-endian. */
    public static final DType FLOAT64 = new DType(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code complex64} (two float32), little-endian. */
    public static final DType COMPLEX64 = new DType(Kind.COMPLEX, 8, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code complex128} (two float64), little-endian. */
    public static final DType COMPLEX128 = new DType(Kind.COMPLEX, 16, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code np.dtype("str")}: unsized unicode. */
    public static final DType STR = new DType(Kind.STR, 0, ByteOrder.LITTLE_ENDIAN, null);
    /** numpy's {@code np.dtype("bytes")}: unsized bytes. */
    public static final DType BYTES = new DType(Kind.BYTES, 0, null, null);
    /** numpy's {@code object} (Python objects; no element memory). */
    public static final DType OBJECT = new DType(Kind.OBJECT, 8, null, null);

    private final Kind kind;
    private final int itemSize;
    private final ByteOrder order; // null: byte order not applicable ('|')
    private final String unit;     // datetime/timedelta only; "" for generic

    private DType(final Kind kind, final int itemSize, final ByteOrder order, final String unit) {
        this.kind = kind;
        this.itemSize = itemSize;
        this.order = order;
        this.unit = unit;
    }

    /** A datetime64 dtype of the given numpy unit (little-endian). */
    public static DType datetime64(final String unit) {
        return new DType(Kind.DATETIME, 8, ByteOrder.LITTLE_ENDIAN, checkUnit(unit));
    }

    /** A timedelta64 dtype of the given numpy unit (little-endian). */
    public static DType timedelta64(final String unit) {
        return new DType(Kind.TIMEDELTA, 8, ByteOrder.LITTLE_ENDIAN, checkUnit(unit));
    }

    /** A fixed-width unicode dtype of {@code chars} UCS4 code points ({@code <U7}). */
    public static DType unicode(final int chars) {
        return new DType(Kind.STR, Math.multiplyExact(chars, 4), ByteOrder.LITTLE_ENDIAN, null);
    }

    /** A fixed-width bytes dtype ({@code |S3}). */
    public static DType bytes(final int chars) {
        return new DType(Kind.BYTES, chars, null, null);
    }

    private static String checkUnit(final String unit) {
        if (unit.isEmpty()) {
            return unit;
        }
        for (final String u : UNITS) {
            if (u.equals(unit)) {
                return u;
            }
        }
        throw new IllegalArgumentException("Invalid datetime unit \"" + unit + "\" in metadata");
    }

    /** The kind: bool, signed or unsigned integer, float, complex, str, bytes, object, datetime or timedelta. */
    public Kind kind() {
        return kind;
    }

    /** Bytes per element; 0 for the unsized {@code str} and {@code bytes}. */
    public int itemSize() {
        return itemSize;
    }

    /** The byte order, or null where numpy says {@code |} (one-byte and byte-free kinds). */
    public ByteOrder order() {
        return order;
    }

    /** The datetime64/timedelta64 unit ({@code "ns"}), {@code ""} for generic, null otherwise. */
    public String unit() {
        return unit;
    }

    /** True when the element bytes are in this machine's order (or order does not matter). */
    public boolean isNativeOrder() {
        return order == null || order == ByteOrder.nativeOrder();
    }

    /** The same dtype in the other byte order (or itself where order does not apply). */
    public DType withOrder(final ByteOrder newOrder) {
        if (order == null || order == newOrder) {
            return this;
        }
        return new DType(kind, itemSize, newOrder, unit);
    }

    /** MLflow's {@code clean_tensor_type}: any-width unicode is {@code str}, any-width bytes is {@code bytes}. */
    public DType cleaned() {
        if (kind == Kind.STR) {
            return STR;
        }
        if (kind == Kind.BYTES) {
            return BYTES;
        }
        return this;
    }

    /** numpy's {@code dtype.name}: {@code float32}, {@code str}, {@code str224}, {@code datetime64[ns]}. */
    public String name() {
        switch (kind) {
            case BOOL:
                return "bool";
            case INT:
                return "int" + itemSize * 8;
            case UINT:
                return "uint" + itemSize * 8;
            case FLOAT:
                return "float" + itemSize * 8;
            case COMPLEX:
                return "complex" + itemSize * 8;
            case STR:
                return itemSize == 0 ? "str" : "str" + itemSize * 8;
            case BYTES:
                return itemSize == 0 ? "bytes" : "bytes" + itemSize * 8;
            case OBJECT:
                return "object";
            case DATETIME:
                return unit.isEmpty() ? "datetime64" : "datetime64[" + unit + "]";
            case TIMEDELTA:
                return unit.isEmpty() ? "timedelta64" : "timedelta64[" + unit + "]";
            default:
                throw new AssertionError(kind);
        }
    }

    /** numpy's array-protocol type string, as in a {@code .npy} header: {@code <f4}, {@code |u1}, {@code <U7}, {@code <M8[ns]}. */
    public String descr() {
        final char bo = order == null ? '|' : order == ByteOrder.LITTLE_ENDIAN ? '<' : '>';
        switch (kind) {
            case STR:
                return bo + "U" + itemSize / 4;
            case BYTES:
                return "|S" + itemSize;
            case OBJECT:
                return "|O";
            case DATETIME:
                return bo + "M8" + (unit.isEmpty() ? "" : "[" + unit + "]");
            case TIMEDELTA:
                return bo + "m8" + (unit.isEmpty() ? "" : "[" + unit + "]");
            default:
                return bo + String.valueOf(kind.code) + itemSize;
        }
    }

    /**
     * numpy's {@code str(dtype)}, the form MLflow prints in messages: the name for native-order
     * numbers ({@code float64}), the type string otherwise ({@code >f4}, {@code <U5}, {@code |S3}).
     */
    @Override
    public String toString() {
        if (kind == Kind.STR || kind == Kind.BYTES) {
            return descr();
        }
        if (kind == Kind.OBJECT) {
            return "object";
        }
        if (!isNativeOrder()) {
            return descr();
        }
        return name();
    }

    /**
     * Parses what {@code np.dtype(text)} accepts for the dtypes Signet supports: names
     * ({@code float32}, {@code float}, {@code int}, {@code str}, {@code object}, {@code datetime64[ns]}),
     * type strings ({@code <f4}, {@code >i8}, {@code |b1}, {@code <U7}, {@code |S3}, {@code |O},
     * {@code <M8[ns]}) and single characters ({@code f}, {@code d}, {@code ?}, {@code O}, {@code U}).
     *
     * @throws IllegalArgumentException with numpy's wording ({@code data type 'x' not understood})
     */
    public static DType parse(final String text) {
        Objects.requireNonNull(text, "dtype");
        final DType named = byName(text);
        if (named != null) {
            return named;
        }
        String s = text;
        ByteOrder bo = ByteOrder.LITTLE_ENDIAN;
        boolean explicitOrder = false;
        if (!s.isEmpty() && "<>=|".indexOf(s.charAt(0)) >= 0) {
            final char c = s.charAt(0);
            explicitOrder = true;
            bo = c == '>' ? ByteOrder.BIG_ENDIAN : c == '|' ? null : ByteOrder.LITTLE_ENDIAN;
            s = s.substring(1);
        }
        if (s.isEmpty()) {
            throw notUnderstood(text);
        }
        final char code = s.charAt(0);
        final String rest = s.substring(1);
        final DType base;
        switch (code) {
            case 'M':
            case 'm': {
                if (!rest.isEmpty() && !rest.startsWith("8")) {
                    throw notUnderstood(text);
                }
                final String u = datetimeUnit(rest.isEmpty() ? "" : rest.substring(1), text);
                base = code == 'M' ? datetime64(u) : timedelta64(u);
                break;
            }
            case 'U':
                base = rest.isEmpty() ? STR : unicode(parseSize(rest, text));
                break;
            case 'S':
            case 'a':
                base = rest.isEmpty() ? BYTES : bytes(parseSize(rest, text));
                break;
            case 'O':
                if (!rest.isEmpty() && !rest.equals("8") && !rest.equals("4")) {
                    throw notUnderstood(text);
                }
                return OBJECT;
            case 'b':
            case 'i':
            case 'u':
            case 'f':
            case 'c': {
                if (rest.isEmpty()) {
                    final DType ch = byChar(code);
                    if (ch == null) {
                        throw notUnderstood(text);
                    }
                    base = ch;
                } else {
                    final int size = parseSize(rest, text);
                    base = bySize(code, size);
                    if (base == null) {
                        throw notUnderstood(text);
                    }
                }
                break;
            }
            default:
                if (rest.isEmpty()) {
                    final DType ch = byChar(code);
                    if (ch != null) {
                        base = ch;
                        break;
                    }
                }
                throw notUnderstood(text);
        }
        if (!explicitOrder || base.order == null) {
            return base;
        }
        return bo == null ? base : base.withOrder(bo);
    }

    /**
     * The unit of datetime metadata ({@code ""}, {@code "[ns]"}, {@code "[generic]"}) with numpy's
     * messages for malformed metadata. Unit multiples ({@code [25s]}), which numpy accepts, are not
     * supported: "not understood".
     */
    private static String datetimeUnit(final String meta, final String text) {
        if (meta.isEmpty()) {
            return "";
        }
        if (!meta.startsWith("[")) {
            throw new IllegalArgumentException("Invalid datetime metadata string \"" + meta + "\"");
        }
        final int close = meta.indexOf(']');
        if (close != meta.length() - 1) {
            throw new IllegalArgumentException("Invalid datetime metadata string \"" + meta + "\" at position "
                + (close < 0 ? meta.length() : close + 1));
        }
        final String u = meta.substring(1, close);
        if (u.isEmpty()) {
            throw new IllegalArgumentException("Invalid datetime metadata string \"" + meta + "\"");
        }
        if ("generic".equals(u)) {
            return "";
        }
        for (final String unit : UNITS) {
            if (unit.equals(u)) {
                return unit;
            }
        }
        if (Character.isDigit(u.charAt(0))) {
            throw notUnderstood(text);
        }
        throw new IllegalArgumentException("Invalid datetime unit in metadata string \"" + meta + "\"");
    }

    private static int parseSize(final String digits, final String text) {
        for (int i = 0; i < digits.length(); i++) {
            if (!Character.isDigit(digits.charAt(i))) {
                throw notUnderstood(text);
            }
        }
        try {
            return Integer.parseInt(digits);
        } catch (final NumberFormatException e) {
            throw notUnderstood(text);
        }
    }

    private static DType bySize(final char code, final int size) {
        switch (code) {
            case 'b':
                return size == 1 ? BOOL : null;
            case 'i':
                return size == 1 ? INT8 : size == 2 ? INT16 : size == 4 ? INT32 : size == 8 ? INT64 : null;
            case 'u':
                return size == 1 ? UINT8 : size == 2 ? UINT16 : size == 4 ? UINT32 : size == 8 ? UINT64 : null;
            case 'f':
                return size == 2 ? FLOAT16 : size == 4 ? FLOAT32 : size == 8 ? FLOAT64 : null;
            case 'c':
                return size == 8 ? COMPLEX64 : size == 16 ? COMPLEX128 : null;
            default:
                return null;
        }
    }

    private static DType byChar(final char c) {
        switch (c) {
            case '?':
                return BOOL;
            case 'b':
                return INT8;
            case 'B':
                return UINT8;
            case 'h':
                return INT16;
            case 'H':
                return UINT16;
            case 'i':
                return INT32;
            case 'I':
                return UINT32;
            case 'l':
            case 'q':
            case 'p':
                return INT64;
            case 'L':
            case 'Q':
            case 'P':
                return UINT64;
            case 'e':
                return FLOAT16;
            case 'f':
                return FLOAT32;
            case 'd':
                return FLOAT64;
            case 'F':
                return COMPLEX64;
            case 'D':
                return COMPLEX128;
            case 'U':
                return STR;
            case 'S':
                return BYTES;
            case 'c':
                return bytes(1);
            case 'O':
                return OBJECT;
            default:
                return null;
        }
    }

    private static DType byName(final String name) {
        switch (name) {
            case "bool":
            case "bool_":
            case "bool8":
                return BOOL;
            case "int8":
            case "byte":
                return INT8;
            case "int16":
            case "short":
                return INT16;
            case "int32":
            case "intc":
                return INT32;
            case "int64":
            case "int":
            case "int_":
            case "long":
            case "longlong":
            case "intp":
                return INT64;
            case "uint8":
            case "ubyte":
                return UINT8;
            case "uint16":
            case "ushort":
                return UINT16;
            case "uint32":
            case "uintc":
                return UINT32;
            case "uint64":
            case "uint":
            case "ulong":
            case "ulonglong":
            case "uintp":
                return UINT64;
            case "float16":
            case "half":
                return FLOAT16;
            case "float32":
            case "single":
                return FLOAT32;
            case "float64":
            case "float":
            case "double":
            case "float_":
                return FLOAT64;
            case "complex64":
            case "csingle":
                return COMPLEX64;
            case "complex128":
            case "complex":
            case "cdouble":
            case "complex_":
                return COMPLEX128;
            case "str":
            case "str_":
            case "unicode":
            case "unicode_":
                return STR;
            case "bytes":
            case "bytes_":
            case "string_":
                return BYTES;
            case "object":
            case "object_":
            case "O8":
                return OBJECT;
            default:
                break;
        }
        if (name.startsWith("datetime64") || name.startsWith("timedelta64")) {
            final boolean dt = name.startsWith("datetime64");
            final String u = datetimeUnit(name.substring(dt ? 10 : 11), name);
            return dt ? datetime64(u) : timedelta64(u);
        }
        // numpy prints sized strings as str224 / bytes24 but np.dtype() does not read those names back
        return null;
    }

    private static IllegalArgumentException notUnderstood(final String text) {
        return new IllegalArgumentException("data type '" + text + "' not understood");
    }

    @Override
    public boolean equals(final Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof DType)) {
            return false;
        }
        final DType d = (DType) o;
        return kind == d.kind && itemSize == d.itemSize && Objects.equals(normOrder(), d.normOrder())
            && Objects.equals(unit, d.unit);
    }

    private ByteOrder normOrder() {
        return itemSize <= 1 && kind != Kind.STR ? null : order;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, itemSize, normOrder(), unit);
    }

    /** Lower-case kind name for messages. */
    String kindName() {
        return kind.name().toLowerCase(Locale.ROOT);
    }

    /**
     * A numpy scalar of this dtype ({@code np.int32(5)}, {@code np.float32(0.5)}, {@code np.bytes_(b'a')})
     * as Signet's value model holds it, for values handed to a {@code ColumnBatch} or an enforcer as
     * Python values: a column of such scalars keeps this dtype, as pandas keeps it.
     *
     * @param value the scalar's value in the value model: a Long for integer and bool kinds, a Double
     *              for floats, a String for str, a byte[] for bytes, a Long count of the unit for
     *              datetime64
     * @return the numpy scalar (an opaque value: pass it on, compare it with {@code equals})
     */
    public Object scalar(final Object value) {
        return new io.signet.internal.tensor.NpScalar(this, value);
    }
}
