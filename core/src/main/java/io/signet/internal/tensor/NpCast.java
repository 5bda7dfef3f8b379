package io.signet.internal.tensor;

import io.signet.tensor.DType;
import io.signet.tensor.TensorView;

import java.math.BigInteger;

/**
 * numpy 1.24's cast of one value into an element of a fixed-width dtype: the one table. Every path
 * casts through it: the streaming reader ({@code json.TensorReader}, JSON tokens straight into
 * memory) and the value model ({@code py.NumpyCast}, Java values; {@code py.Pandas}' astype).
 *
 * <p>Two casts of numpy's live here, each once:
 * <ul>
 *   <li>element assignment of a Python value ({@code np.array(list, dtype)}): {@code int},
 *       {@code float} and {@code str} into numbers, datetimes and bytes ({@link #intToInt},
 *       {@link #bigToInt}, {@link #floatToInt}, {@link #strToInt}, {@link #intToFloat},
 *       {@link #floatToFloat}, {@link #bigToFloat}, {@link #strToFloat}, {@link #strToDatetime},
 *       {@link #strToTimedelta}, {@link #ascii}); where numpy raises, a {@link Refusal} with
 *       Python's class and numpy's words;</li>
 *   <li>the C cast of a float64 array's elements ({@code arr.astype(int)},
 *       {@code np.array(float64_series, dtype)}), which never raises: {@link #floatArrayToInt},
 *       {@link #floatArrayToTime}.</li>
 * </ul>
 * What numpy does silently (a value wrapped, truncated, made inf, clamped) is noted into the
 * caller's {@link Facts}, which each caller turns into its own deviation. Nothing here allocates
 * unless a fact is noted or numpy raises.
 *
 * <p>numpy 2 (MLflow 3's profile) differs in one rule of this table: a Python int past an integer
 * dtype's range raises OverflowError ({@code Python integer 300 out of bounds for uint8}) where numpy
 * 1.24 wraps it. That is a setting of the caller's {@link Facts}
 * ({@link Facts#intOverflowRaises(boolean)}, from {@code Profile.numpyRaisesOnIntOverflow()}), asked
 * in the one place the table finds an int out of range; there is no second table.
 */
public final class NpCast {
    private static final BigInteger U64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private NpCast() {
    }

    // ------------------------------------------------------------------ facts and refusals

    /** What numpy raised: Python's exception class and numpy's message (payload values quoted as excerpts). */
    public static final class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        Refusal(final String type, final String message) {
            super(message, null, false, false);
            this.type = type;
        }

        /** Python's exception class ({@code ValueError}, {@code OverflowError}, ...). */
        public String type() {
            return type;
        }
    }

    static Refusal valueError(final String message) {
        return new Refusal("ValueError", message);
    }

    static Refusal overflowError(final String message) {
        return new Refusal("OverflowError", message);
    }

    /**
     * What numpy did silently while casting: the first such event of a run of casts, with the value's
     * Python text and the dtype. Caller-owned and reusable ({@link #clear()}); not thread-safe.
     */
    public static final class Facts {
        /** No event. */
        public static final int NONE = 0;
        /** An integer past the target's range, stored wrapped around. */
        public static final int WRAPPED = 1;
        /** A number past float32/float16's range, stored as inf. */
        public static final int TO_INF = 2;
        /** A fraction cast to an integer dtype, stored truncated (noted only when {@link #noteTruncation} is on). */
        public static final int TRUNCATED = 3;
        /** A datetime string outside its unit's int64 range, which numpy wraps (Signet stores NaT). */
        public static final int DATETIME_WRAPPED = 4;
        /** A value past the dtype's range stored as something else ({@link #stored()}): C's float cast, strtol's clamp. */
        public static final int STORED = 5;

        private int event;
        private long index = -1;
        private String value;
        private DType dtype;
        private String stored;
        private long at;
        private boolean truncation = true;
        private boolean intOverflowRaises;

        /** Forgets the recorded event (the settings stay). */
        public Facts clear() {
            event = NONE;
            index = -1;
            value = null;
            dtype = null;
            stored = null;
            at = 0;
            return this;
        }

        /** Whether a truncated fraction is a fact worth noting (Signet's strict mode); on by default. */
        public Facts noteTruncation(final boolean on) {
            truncation = on;
            return this;
        }

        /**
         * Whether a Python int past an integer dtype's range raises numpy 2's OverflowError
         * ({@code Python integer 300 out of bounds for uint8}) instead of being stored wrapped as numpy
         * 1.24 does; off by default. Callers derive it from their profile
         * ({@code Profile.numpyRaisesOnIntOverflow()}); the C cast of an array ({@link #floatArrayToInt}) never raises.
         */
        public Facts intOverflowRaises(final boolean on) {
            intOverflowRaises = on;
            return this;
        }

        /** Sets the index of the element the next cast is for. */
        public Facts at(final long i) {
            at = i;
            return this;
        }

        /** The index the casts are at (the element a refusal was about). */
        public long current() {
            return at;
        }

        private boolean first() {
            return event == NONE;
        }

        private void note(final int e, final String v, final DType d, final String s) {
            event = e;
            value = v;
            dtype = d;
            stored = s;
            index = at;
        }

        void toInf(final String v, final DType d) {
            if (first()) {
                note(TO_INF, v, d, null);
            }
        }

        void truncated(final double v, final DType d) {
            if (truncation && first()) {
                note(TRUNCATED, PyText.floatRepr(v), d, null);
            }
        }

        void datetimeWrapped(final String v, final DType d) {
            if (first()) {
                note(DATETIME_WRAPPED, PyText.reprExcerpt(v), d, null);
            }
        }

        /** Notes a value numpy stores as {@code stored} (its Python text) without a word. */
        public void stored(final String v, final DType d, final String storedText) {
            if (first()) {
                note(STORED, v, d, storedText);
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

        /** What numpy stored for a {@link #STORED} event ({@code -9223372036854775808}, {@code NaT}). */
        public String stored() {
            return stored;
        }

        /** Signet's sentence for the first event: {@code 300 does not fit in uint8 (MLflow would silently wrap it around)}. */
        public String sentence() {
            final String name = dtype == null ? "?" : dtype.name();
            switch (event) {
                case WRAPPED:
                    return value + " does not fit in " + name + " (MLflow would silently wrap it around)";
                case TO_INF:
                    return value + " does not fit in " + name + " (MLflow would silently store inf)";
                case TRUNCATED:
                    return value + " is not an integer; casting it to " + name + " would truncate it";
                case DATETIME_WRAPPED:
                    return value + " is outside the range of " + name + " (MLflow would silently wrap it around)";
                case STORED:
                    return value + " does not fit in " + name + " (MLflow would silently store " + stored + ")";
                default:
                    return null;
            }
        }

        /** The README deviation code of the first event ({@code narrowing-overflow}, ...), or null. */
        public String deviation() {
            switch (event) {
                case NONE:
                    return null;
                case TRUNCATED:
                    return "narrowing-truncation";
                case DATETIME_WRAPPED:
                    return "datetime-astype-overflow";
                default:
                    return "narrowing-overflow";
            }
        }
    }

    // ------------------------------------------------------------------ Python int

    /** A Python int within int64 into an integer dtype: stored wrapped to the dtype's width (a fact when it does not fit). */
    public static long intToInt(final long v, final DType dt, final Facts f) {
        final int bits = dt.itemSize() * 8;
        final boolean unsigned = dt.kind() == DType.Kind.UINT;
        if (bits == 64) {
            if (unsigned && v < 0) {
                outOfRange(Long.toString(v), dt, f);
            }
            return v;
        }
        final long stored = unsigned ? v & ((1L << bits) - 1) : v << (64 - bits) >> (64 - bits);
        if (stored != v) {
            outOfRange(Long.toString(v), dt, f);
        }
        return stored;
    }

    /**
     * A Python int ({@code text}) past the dtype's range: numpy 1.24 stores it wrapped (a fact), numpy 2
     * raises OverflowError.
     */
    private static void outOfRange(final String text, final DType dt, final Facts f) {
        if (f.intOverflowRaises) {
            throw overflowError("Python integer " + text + " out of bounds for " + dt.name());
        }
        if (f.first()) {
            f.note(Facts.WRAPPED, text, dt, null);
        }
    }

    /**
     * A Python int outside int64 into an integer dtype: uint32 and uint64 read it as C's unsigned long
     * when it is below 2**64 and keep the low bits (2**63 into uint32 is 0); every other dtype reads a C
     * long, so anything else is numpy's OverflowError (2**63 into uint8 too).
     */
    public static long bigToInt(final BigInteger b, final DType dt, final Facts f) {
        if (b.bitLength() < 64) {
            return intToInt(b.longValue(), dt, f);
        }
        if (unsignedLong(dt) && b.signum() > 0 && b.compareTo(U64_MAX) <= 0) {
            return unsignedBits(b.longValue(), b, dt, f);
        }
        throw overflowError("Python int too large to convert to C long");
    }

    /** Whether numpy 1.24 reads a Python int for {@code dt} as C's unsigned long (uint32, uint64) rather than a long. */
    private static boolean unsignedLong(final DType dt) {
        return dt.kind() == DType.Kind.UINT && dt.itemSize() >= 4;
    }

    /** uint64 bits (a value in [2**63, 2**64)) into an unsigned dtype: the low bits, a wrap below 64 bits. */
    private static long unsignedBits(final long bits, final Object value, final DType dt, final Facts f) {
        if (dt.itemSize() == 8) {
            return bits;
        }
        if (f.intOverflowRaises) {
            // numpy 2 names the Python int: int(value) for a float
            outOfRange(value instanceof BigInteger ? value.toString()
                : new java.math.BigDecimal((Double) value).toBigInteger().toString(), dt, f);
        }
        if (f.first()) {
            f.note(Facts.WRAPPED, value instanceof BigInteger ? value.toString() : PyText.floatRepr((Double) value),
                dt, null);
        }
        return bits & ((1L << dt.itemSize() * 8) - 1);
    }

    /** A Python int into a float dtype (float16 overflows to inf past 65519: a fact). */
    public static double intToFloat(final long v, final DType dt, final Facts f) {
        final double d = v;
        if (dt.itemSize() == 2 && Math.abs(d) >= 65520.0 && f.first()) {
            f.toInf(Long.toString(v), dt);
        }
        return d;
    }

    /** A Python int outside int64 into a float dtype: past the double range numpy's OverflowError. */
    public static double bigToFloat(final BigInteger b, final DType dt, final Facts f) {
        final double d = b.doubleValue();
        if (Double.isInfinite(d)) {
            throw overflowError("int too large to convert to float");
        }
        if (toInf(d, dt) && f.first()) {
            f.toInf(b.toString(), dt);
        }
        return d;
    }

    /** A Python int outside int64 into a datetime64 / timedelta64: numpy's OverflowError. */
    public static Refusal bigToTime() {
        return overflowError("int too big to convert");
    }

    // ------------------------------------------------------------------ Python float

    /** A Python float into a float dtype: float32 / float16 overflow to inf (a fact); rounding happens where memory is written. */
    public static double floatToFloat(final double d, final DType dt, final Facts f) {
        if (toInf(d, dt) && f.first()) {
            f.toInf(PyText.floatRepr(d), dt);
        }
        return d;
    }

    /** The double a float element of {@code dt} reads back as once written (float32 and float16 round; inf past their range). */
    public static double rounded(final double d, final DType dt) {
        switch (dt.itemSize()) {
            case 4:
                return (float) d;
            case 2:
                return TensorView.fromFloat16(TensorView.toFloat16(d));
            default:
                return d;
        }
    }

    private static boolean toInf(final double d, final DType dt) {
        return dt.itemSize() < 8 && !Double.isInfinite(d) && !Double.isNaN(d)
            && (dt.itemSize() == 4 ? Float.isInfinite((float) d) : Math.abs(d) >= 65520.0);
    }

    /**
     * A Python float into an integer dtype: {@code int(d)} (truncated toward zero, a fact in strict
     * mode), then stored as that int; NaN is ValueError, an infinity or an int numpy cannot hold
     * OverflowError.
     */
    public static long floatToInt(final double d, final DType dt, final Facts f) {
        if (Double.isNaN(d)) {
            throw valueError("cannot convert float NaN to integer");
        }
        if (Double.isInfinite(d)) {
            throw overflowError("cannot convert float infinity to integer");
        }
        final double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (tr != d) {
            f.truncated(d, dt);
        }
        if (tr >= -0x1p63 && tr < 0x1p63) {
            return intToInt((long) tr, dt, f);
        }
        if (unsignedLong(dt) && tr >= 0x1p63 && tr < 0x1p64) {
            return unsignedBits((long) (tr - 0x1p63) ^ Long.MIN_VALUE, tr, dt, f);
        }
        throw overflowError("Python int too large to convert to C long");
    }

    /**
     * An element of a float64 array cast to an integer dtype as C converts it on x86-64
     * ({@code arr.astype(int32)}, {@code np.array(float64_series, dtype)}): never raises; NaN, an
     * infinity or a value past the range is stored as the conversion's garbage (the integer minimum of
     * 32 or 64 bits, then cut to the width), a fact; a fraction is truncated.
     */
    public static long floatArrayToInt(final double d, final DType dt, final Facts f) {
        final double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
        final int bits = dt.itemSize() * 8;
        final boolean unsigned = dt.kind() == DType.Kind.UINT;
        final double lo = unsigned ? 0 : -Math.scalb(1.0, bits - 1);
        final double hi = unsigned ? Math.scalb(1.0, bits) : Math.scalb(1.0, bits - 1);
        if (tr >= lo && tr < hi) {
            if (tr != d) {
                f.truncated(d, dt);
            }
            return bits == 64 && unsigned && tr >= 0x1p63 ? (long) (tr - 0x1p63) ^ Long.MIN_VALUE : (long) tr;
        }
        final long stored;
        if (bits == 64 || unsigned && bits == 32) {
            // cvttsd2si (64 bits): the integer minimum for NaN and past int64; uint64 below 0 keeps the bits
            final long v = tr >= -0x1p63 && tr < 0x1p63 ? (long) tr
                : unsigned && tr >= 0x1p63 && tr < 0x1p64 ? (long) (tr - 0x1p63) ^ Long.MIN_VALUE : Long.MIN_VALUE;
            stored = bits == 64 ? v : v & 0xFFFF_FFFFL;
        } else {
            // cvttsd2si (32 bits), then cut to the width
            final long v = tr >= -0x1p31 && tr < 0x1p31 ? (long) tr : Integer.MIN_VALUE;
            stored = unsigned ? v & ((1L << bits) - 1) : v << (64 - bits) >> (64 - bits);
        }
        f.stored(PyText.floatRepr(d), dt, unsigned && bits == 64 ? Long.toUnsignedString(stored) : Long.toString(stored));
        return stored;
    }

    /**
     * An element of a float64 array cast to datetime64 / timedelta64 (a count of the unit), as C
     * converts it: truncated; NaN is NaT, and so is a value past int64 (a fact: numpy stores NaT).
     */
    public static long floatArrayToTime(final double d, final DType dt, final Facts f) {
        if (Double.isNaN(d)) {
            return NpDatetime.NAT;
        }
        final double tr = d < 0 ? Math.ceil(d) : Math.floor(d);
        if (tr >= -0x1p63 && tr < 0x1p63) {
            return (long) tr;
        }
        f.stored(PyText.floatRepr(d), dt, "NaT");
        return NpDatetime.NAT;
    }

    // ------------------------------------------------------------------ Python str

    /** {@code int(s)} (Python's grammar: sign, digits, underscores, white space) stored into an integer dtype. */
    public static long strToInt(final String s, final DType dt, final Facts f) {
        final BigInteger b;
        try {
            b = PyNum.parseInt(s);
        } catch (final NumberFormatException e) {
            throw valueError("invalid literal for int() with base 10: " + PyText.reprExcerpt(s));
        }
        return bigToInt(b, dt, f);
    }

    /** {@code float(s)} stored into a float dtype. */
    public static double strToFloat(final String s, final DType dt, final Facts f) {
        final double d;
        try {
            d = PyNum.parseFloat(s);
        } catch (final NumberFormatException e) {
            throw valueError("could not convert string to float: " + PyText.reprExcerpt(s));
        }
        return floatToFloat(d, dt, f);
    }

    /**
     * A datetime string into datetime64 of the dtype's unit (seconds when it has none) as numpy parses
     * it ({@link NpDatetime}); outside the unit's int64 range numpy wraps it (a fact; NaT is stored).
     */
    public static long strToDatetime(final String s, final DType dt, final Facts f) {
        final NpDatetime parsed;
        try {
            parsed = NpDatetime.parse(s);
        } catch (final RuntimeException e) {
            // numpy's own wording ('Error parsing datetime string "x" at position 3') unless it would echo too much
            throw valueError(e instanceof IllegalArgumentException && e.getMessage() != null
                && s.equals(PyText.excerpt(s, PyText.EXCERPT)) ? e.getMessage()
                : "Error parsing datetime string " + PyText.reprExcerpt(s));
        }
        try {
            return parsed.to(dt.unit() == null || dt.unit().isEmpty() ? "s" : dt.unit());
        } catch (final ArithmeticException e) {
            f.datetimeWrapped(s, dt);
            return NpDatetime.NAT;
        }
    }

    /**
     * A string into timedelta64 as numpy reads it: {@code ''} and {@code NaT} in any case are NaT; else
     * C's {@code strtol}: leading white space, a sign, decimal digits to the very end (nothing after
     * them), a count of the unit clamped to int64 (a fact: numpy stores the clamp, -2**63 being NaT).
     */
    public static long strToTimedelta(final String s, final DType dt, final Facts f) {
        final int n = s.length();
        if (n == 0 || n == 3 && (s.charAt(0) | 0x20) == 'n' && (s.charAt(1) | 0x20) == 'a' && (s.charAt(2) | 0x20) == 't') {
            return NpDatetime.NAT;
        }
        int i = 0;
        while (i < n && (s.charAt(i) == ' ' || s.charAt(i) >= '\t' && s.charAt(i) <= '\r')) {
            i++;
        }
        final boolean neg = i < n && s.charAt(i) == '-';
        if (i < n && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            i++;
        }
        final int digits = i;
        long v = 0;
        boolean clamped = false;
        for (; i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9'; i++) {
            final int d = s.charAt(i) - '0';
            // accumulate negatively: -2**63 is reachable
            if (!clamped && (v < (Long.MIN_VALUE + d) / 10)) {
                clamped = true;
            }
            v = clamped ? v : v * 10 - d;
        }
        if (i == digits || i != n) {
            throw valueError("Could not convert object to NumPy timedelta");
        }
        if (clamped || !neg && v == Long.MIN_VALUE) {
            f.stored(PyText.reprExcerpt(s), dt, neg ? "NaT" : Long.toString(Long.MAX_VALUE));
            return neg ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return neg ? v : -v;
    }

    /**
     * A str encoded as ASCII for a bytes dtype; otherwise Python's UnicodeEncodeError, naming the
     * first run of characters it cannot encode.
     */
    public static void ascii(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) > 127) {
                throw unicodeEncodeError(s, i);
            }
        }
    }

    private static Refusal unicodeEncodeError(final String s, final int at) {
        final int start = s.codePointCount(0, at);
        int end = at;
        while (end < s.length() && s.charAt(end) > 127) {
            end += Character.charCount(s.codePointAt(end));
        }
        final int count = s.codePointCount(at, end);
        final String what;
        if (count == 1) {
            final int cp = s.codePointAt(at);
            what = "character '" + (cp <= 0xFF ? String.format("\\x%02x", cp) : cp <= 0xFFFF
                ? String.format("\\u%04x", cp) : String.format("\\U%08x", cp)) + "' in position " + start;
        } else {
            what = "characters in position " + start + "-" + (start + count - 1);
        }
        return new Refusal("UnicodeEncodeError", "'ascii' codec can't encode " + what + ": ordinal not in range(128)");
    }

    // ------------------------------------------------------------------ what numpy cannot cast

    /**
     * What numpy raises for a value of Python type {@code typeName} it cannot cast to {@code dt}
     * (a dict, a list, None into an integer, a float into a datetime).
     */
    public static Refusal notConvertible(final DType dt, final String typeName) {
        switch (dt.kind()) {
            case INT:
            case UINT:
                return new Refusal("TypeError", "int() argument must be a string, a bytes-like object or a real number, "
                    + "not '" + typeName + "'");
            case FLOAT:
                return new Refusal("TypeError", "float() argument must be a string or a real number, not '" + typeName
                    + "'");
            case DATETIME:
                return valueError("Could not convert object to NumPy datetime");
            case TIMEDELTA:
                return valueError("Could not convert object to NumPy timedelta");
            default:
                return new Refusal("TypeError", "Cannot cast to " + dt);
        }
    }
}
