package io.signet.py;

import io.signet.py.Excerpt;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.signet.internal.tensor.NpDatetime;

/**
 * pandas 1.5's datetime parser, the one copy: what {@code Series.astype('datetime64[ns]')} and
 * {@code to_datetime} make of a string ({@link #parse}) and of any cell of an object column
 * ({@link #cell}), the time-zone rule over a column ({@link #zoneError}), and pandas' and dateutil's
 * error texts.
 *
 * <p>Strings: ISO 8601 as numpy reads it, {@code YYYY} and {@code YYYYMMDD} digit strings, pandas'
 * exact NaT spellings ({@code ''}, {@code NaT}, {@code nat}, {@code NAT}, {@code nan}, {@code NaN},
 * {@code NAN}; no stripping, no other case), {@code now} and {@code today}, a UTC offset ({@code Z},
 * {@code z}, {@code UTC}, {@code GMT}, {@code +05:00}, {@code -0700}: converted to UTC), and the
 * common {@code dateutil} forms (year first or month first with {@code - / .} separators, unpadded
 * fields, month names, a time with AM/PM, a bare time on today's date). A subset: rarer dateutil
 * forms are refused.
 */
public final class PandasDatetime {
    private PandasDatetime() {
    }

    /** Marker for NaT. */
    public static final Object NAT = new Object();

    private static final String TIME = "(?:[T ]+(\\d{1,2})(?::(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?)?\\s*([AaPp][Mm])?)?";
    private static final String TZ = "\\s*(Z|z|UTC|GMT|[+-]\\d{2}:?\\d{2})?";
    private static final Pattern YMD = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME + TZ);
    private static final Pattern MDY = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})" + TIME + TZ);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME + TZ);
    private static final Pattern MON_D_Y = Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2}),? (\\d{4})" + TIME + TZ);
    private static final Pattern D_MON_Y = Pattern.compile("(\\d{1,2}) ([A-Za-z]{3,9})\\.?,? (\\d{4})" + TIME + TZ);
    private static final Pattern ONLY_TIME = Pattern.compile("(\\d{1,2}):(\\d{1,2})(?::(\\d{1,2})(?:\\.(\\d{1,9}))?)?\\s*([AaPp][Mm])?");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /** pandas' {@code nat_strings}, compared before any parsing. */
    private static final java.util.Set<String> NAT_STRINGS = java.util.Set.of("NaT", "nat", "NAT", "nan", "NaN", "NAN");

    /**
     * How pandas' {@code to_datetime} takes a NaT-like string, before any parsing: TRUE for exactly
     * {@code ''}, {@code NaT}, {@code nat}, {@code NAT}, {@code nan}, {@code NaN}, {@code NAN} (NaT); FALSE for
     * one it refuses although numpy or a trim would take it (blanks, {@code ' NaT'}, {@code 'Nat'},
     * {@code 'Today'}, {@code ' now'}); null for anything else (parse it). {@code now}/{@code today} are
     * read only in lowercase and without blanks.
     */
    public static Boolean natSpelling(final String text) {
        if (text.isEmpty() || NAT_STRINGS.contains(text)) {
            return Boolean.TRUE;
        }
        if (text.equals("now") || text.equals("today")) {
            return null;
        }
        final String low = text.strip().toLowerCase(Locale.ROOT);
        return low.isEmpty() || low.equals("nan") || low.equals("nat") || low.equals("now") || low.equals("today")
            ? Boolean.FALSE : null;
    }

    /** dateutil's reading of a string: the parsed time (UTC), {@link #NAT}, or null when pandas would refuse it too. */
    public static Object parseDateutil(final String text) {
        final Boolean nat = natSpelling(text);
        if (nat != null) {
            return nat ? NAT : null;
        }
        if (text.equals("now") || text.equals("today")) {
            return LocalDateTime.now(ZoneOffset.UTC);
        }
        final String s = text.trim();
        try {
            Matcher m = YMD.matcher(s);
            if (m.matches()) {
                return build(num(m, 1), num(m, 3), num(m, 4), m, 5);
            }
            m = COMPACT.matcher(s);
            if (m.matches()) {
                return build(num(m, 1), num(m, 2), num(m, 3), m, 4);
            }
            m = MDY.matcher(s);
            if (m.matches()) {
                int mo = num(m, 1);
                int d = num(m, 3);
                if (mo > 12 && d <= 12) { // dateutil swaps an impossible month with the day
                    final int t = mo;
                    mo = d;
                    d = t;
                }
                return build(num(m, 4), mo, d, m, 5);
            }
            m = MON_D_Y.matcher(s);
            if (m.matches() && month(m.group(1)) > 0) {
                return build(num(m, 3), month(m.group(1)), num(m, 2), m, 4);
            }
            m = D_MON_Y.matcher(s);
            if (m.matches() && month(m.group(2)) > 0) {
                return build(num(m, 3), month(m.group(2)), num(m, 1), m, 4);
            }
            m = ONLY_TIME.matcher(s);
            if (m.matches()) {
                final LocalTime t = time(m, 1);
                return t == null ? null : LocalDate.now(ZoneOffset.UTC).atTime(t);
            }
        } catch (final DateTimeException | NumberFormatException e) {
            return null;
        }
        return null;
    }

    /**
     * dateutil's message for a string {@link #parseDateutil} refuses (without pandas' position suffix), as
     * {@code {type, message}}: a field out of range in one of the forms read here, checked in Python's
     * {@code datetime} order ({@code year 12345 is out of range}, {@code month must be in 1..12},
     * {@code day is out of range for month}, {@code hour must be in 0..23}, {@code minute must be in 0..59},
     * {@code second must be in 0..59}, then {@code : text}); pandas' own {@code Invalid date specified (13/13)}
     * for a month-first date whose two first fields both exceed 12; {@code String does not contain a date}
     * for blanks; else {@code Unknown string format: text}.
     */
    public static String[] refusal(final String text) {
        final String s = text.trim();
        if (s.isEmpty()) {
            return new String[] {"ParserError", "String does not contain a date: " + text};
        }
        String field = null;
        try {
            Matcher m = YMD.matcher(s);
            if (m.matches()) {
                field = badField(num(m, 1), num(m, 3), num(m, 4), m, 5);
            } else if ((m = COMPACT.matcher(s)).matches()) {
                field = badField(num(m, 1), num(m, 2), num(m, 3), m, 4);
            } else if ((m = MDY.matcher(s)).matches()) {
                int mo = num(m, 1);
                int d = num(m, 3);
                if (mo > 12 && d > 12 && m.group(5) == null && m.group(10) == null) {
                    return new String[] {"DateParseError", "Invalid date specified (" + mo + "/" + d + ")"};
                }
                if (mo > 12 && d <= 12) {
                    final int t = mo;
                    mo = d;
                    d = t;
                }
                field = badField(num(m, 4), mo, d, m, 5);
            } else if ((m = MON_D_Y.matcher(s)).matches() && month(m.group(1)) > 0) {
                field = badField(num(m, 3), month(m.group(1)), num(m, 2), m, 4);
            } else if ((m = D_MON_Y.matcher(s)).matches() && month(m.group(2)) > 0) {
                field = badField(num(m, 3), month(m.group(2)), num(m, 1), m, 4);
            } else if (s.matches("[0-9]{5,}-[0-9]{1,2}-[0-9]{1,2}([T ].*)?")) {
                field = "year " + s.substring(0, s.indexOf('-')).replaceFirst("^0+(?=.)", "") + " is out of range";
            } else if (s.matches("[0-9]{5,7}")) {
                field = "year " + Integer.parseInt(s) + " is out of range"; // dateutil reads a lone number as a year
            }
        } catch (final NumberFormatException e) {
            field = null;
        }
        return field == null ? new String[] {"ParserError", "Unknown string format: " + text}
            : new String[] {"ParserError", field + ": " + text};
    }

    /** The first field Python's datetime(...) refuses, or null (then dateutil's failure was another one). */
    private static String badField(final int y, final int mo, final int d, final Matcher m, final int g) {
        if (y < 1 || y > 9999) {
            return "year " + y + " is out of range";
        }
        if (mo < 1 || mo > 12) {
            return "month must be in 1..12";
        }
        if (d < 1 || d > java.time.YearMonth.of(y, mo).lengthOfMonth()) {
            return "day is out of range for month";
        }
        if (m.group(g) == null || m.group(g + 4) != null) {
            return null;
        }
        final int h = Integer.parseInt(m.group(g));
        final int mi = m.group(g + 1) == null ? 0 : Integer.parseInt(m.group(g + 1));
        final int sec = m.group(g + 2) == null ? 0 : Integer.parseInt(m.group(g + 2));
        if (h > 23) {
            return "hour must be in 0..23";
        }
        if (mi > 59) {
            return "minute must be in 0..59";
        }
        return sec > 59 ? "second must be in 0..59" : null;
    }

    /** {@link #parseDateutil} as nanoseconds since the epoch (NaT as int64's minimum); throws when pandas refuses. */
    static long parseNs(final String text) {
        final Object r = parseDateutil(text);
        if (r == NAT) {
            return Long.MIN_VALUE;
        }
        if (!(r instanceof LocalDateTime)) {
            throw new IllegalArgumentException("Unknown string format: " + text);
        }
        final LocalDateTime t = (LocalDateTime) r;
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
    }

    /**
     * The UTC offset (seconds) of a date string pandas reads as timezone-aware: {@code Z}, {@code z},
     * {@code UTC}, {@code GMT} or {@code ±hh}, {@code ±hhmm}, {@code ±hh:mm} after a time (blanks around
     * allowed); null for a naive string (a date only, no offset). Only meaningful for a string that parsed.
     */
    public static Integer utcOffsetSeconds(final String text) {
        int end = text.length();
        while (end > 0 && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end == 0) {
            return null;
        }
        final char last = text.charAt(end - 1);
        final int prefix;
        int seconds = 0;
        if (last == 'Z' || last == 'z') {
            prefix = end - 1;
        } else if (end >= 3 && (text.startsWith("UTC", end - 3) || text.startsWith("GMT", end - 3))) {
            prefix = end - 3;
        } else if (last >= '0' && last <= '9') {
            int i = end;
            while (i > 0 && isDigit(text.charAt(i - 1))) {
                i--;
            }
            final int sign;
            if (end - i == 2 && i > 0 && text.charAt(i - 1) == ':') { // ±hh:mm
                final int j = i - 1;
                if (j < 3 || !isDigit(text.charAt(j - 1)) || !isDigit(text.charAt(j - 2)) || isDigit(text.charAt(j - 3))) {
                    return null;
                }
                sign = j - 3;
                seconds = two(text, j - 2) * 3600 + two(text, i) * 60;
            } else if (end - i == 2) { // ±hh
                sign = i - 1;
                seconds = two(text, i) * 3600;
            } else if (end - i == 4) { // ±hhmm
                sign = i - 1;
                seconds = two(text, i) * 3600 + two(text, i + 2) * 60;
            } else {
                return null;
            }
            if (sign < 1 || text.charAt(sign) != '+' && text.charAt(sign) != '-') {
                return null;
            }
            seconds = text.charAt(sign) == '-' ? -seconds : seconds;
            prefix = sign;
        } else {
            return null;
        }
        // the offset follows a time: "2020-01-02" is a date, not 2020-01 at -02:00
        int p = prefix;
        while (p > 0 && Character.isWhitespace(text.charAt(p - 1))) {
            p--;
        }
        if (p == 0) {
            return null;
        }
        final char before = text.charAt(p - 1);
        final boolean afterTime = isDigit(before) || p >= 2 && (before == 'M' || before == 'm')
            && "AaPp".indexOf(text.charAt(p - 2)) >= 0;
        boolean hasTime = false;
        for (int i = 0; i < p && !hasTime; i++) {
            final char ch = text.charAt(i);
            hasTime = ch == ':' || ch == 'T';
        }
        return afterTime && hasTime ? seconds : null;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static int two(final String s, final int at) {
        return (s.charAt(at) - '0') * 10 + s.charAt(at + 1) - '0';
    }

    /** pandas' message when an aware value follows a naive one, or one with another offset. */
    public static final String TZ_AWARE = "ValueError('Tz-aware datetime.datetime cannot be converted to datetime64 unless "
        + "utc=True')";
    /** pandas' message when a naive value follows an aware one. */
    public static final String TZ_MIX = "ValueError('Cannot mix tz-aware with tz-naive values')";
    /** pandas' re-raise outside an exception handler, when the object path meets a number or a date. */
    public static final String TZ_NUMBER = "RuntimeError('No active exception to reraise')";

    /** pandas 2's refusal of an aware column for a naive dtype. */
    public static final String TZ_NAIVE_DTYPE = "ValueError('cannot supply both a tz and a timezone-naive dtype (i.e. "
        + "datetime64[ns])')";

    /**
     * {@link #zoneError(Object[])} for pandas 1.5; for pandas 2, whose {@code astype('datetime64[ns]')}
     * keeps the offset it read: a column with any aware string fails, {@link #TZ_NAIVE_DTYPE} when every
     * other cell is NaT, else {@link #TZ_MIX} (a naive string, a number, a datetime beside it).
     */
    public static String zoneError(final Object[] cells, final boolean pandas2) {
        if (!pandas2) {
            return zoneError(cells);
        }
        boolean aware = false;
        boolean other = false;
        for (final Object v0 : cells) {
            final Object v = v0 instanceof io.signet.internal.tensor.NpScalar
                && ((io.signet.internal.tensor.NpScalar) v0).dtype().kind() == io.signet.tensor.DType.Kind.STR
                ? ((io.signet.internal.tensor.NpScalar) v0).value() : v0;
            if (v instanceof String) {
                if (isNat((String) v)) {
                    continue;
                }
                if (utcOffsetSeconds((String) v) != null) {
                    aware = true;
                } else {
                    other = true;
                }
            } else if (v != null && !Py.isNaN(v) && v != io.signet.py.Timestamp.NAT) {
                other = true;
            }
        }
        return !aware ? null : other ? TZ_MIX : TZ_NAIVE_DTYPE;
    }

    /**
     * What pandas 1.5's {@code to_datetime} (so {@code astype('datetime64[ns]')}) of an object column makes
     * of its time zones, once every cell was read: null when they agree, else the error as Python's repr.
     * Strings are read first: if every aware one has the same UTC offset and no naive string is among them,
     * the column is converted to UTC. Otherwise (two offsets, or aware and naive strings) pandas re-reads
     * every cell as a Python datetime: a number or a date there fails ({@link #TZ_NUMBER}); then, in order,
     * a naive value after an aware one is {@link #TZ_MIX}, an aware one after a naive one or with another
     * offset {@link #TZ_AWARE}. None, NaN and the NaT spellings take no side; datetime objects
     * ({@link LocalDateTime}, naive) only count in the second reading.
     */
    public static String zoneError(final Object[] cells) {
        Integer first = null;
        boolean naiveString = false;
        boolean mixed = false;
        for (final Object v : cells) {
            if (!(v instanceof String) || isNat((String) v)) {
                continue;
            }
            final Integer z = utcOffsetSeconds((String) v);
            if (z == null) {
                naiveString = true;
            } else if (first == null) {
                first = z;
            } else if (!first.equals(z)) {
                mixed = true;
            }
        }
        if (first == null || !mixed && !naiveString) {
            return null;
        }
        for (final Object v : cells) {
            if (v != null && !(v instanceof String) && !(v instanceof LocalDateTime)
                && !(v instanceof Double && ((Double) v).isNaN()) && !(v instanceof Float && ((Float) v).isNaN())) {
                return TZ_NUMBER;
            }
        }
        boolean naive = false;
        Integer zone = null;
        for (final Object v : cells) {
            if (v == null || v instanceof String && isNat((String) v) || !(v instanceof String || v instanceof LocalDateTime)) {
                continue;
            }
            final Integer z = v instanceof String ? utcOffsetSeconds((String) v) : null;
            if (z == null) {
                naive = true;
                if (zone != null) {
                    return TZ_MIX;
                }
            } else if (naive || zone != null && !zone.equals(z)) {
                return TZ_AWARE;
            } else {
                zone = z;
            }
        }
        return null;
    }

    /** The strings pandas reads as NaT without parsing (and now/today, read before any offset is noted). */
    private static boolean isNat(final String v) {
        return natSpelling(v) != null || v.equals("now") || v.equals("today");
    }

    private static int num(final Matcher m, final int g) {
        return Integer.parseInt(m.group(g));
    }

    private static int month(final String name) {
        final String n = name.toLowerCase(Locale.ROOT);
        for (int i = 0; i < MONTHS.length; i++) {
            if (n.startsWith(MONTHS[i]) && (n.length() == 3 || fullName(i).startsWith(n))) {
                return i + 1;
            }
        }
        return 0;
    }

    private static String fullName(final int i) {
        return java.time.Month.of(i + 1).name().toLowerCase(Locale.ROOT);
    }

    /** Groups g..g+4: hour, minute, second, fraction, AM/PM (all optional); then g+5 the offset. */
    private static Object build(final int y, final int mo, final int d, final Matcher m, final int g) {
        final LocalDate date = LocalDate.of(y, mo, d);
        final LocalTime t = m.group(g) == null ? LocalTime.MIDNIGHT : time(m, g);
        if (t == null) {
            return null;
        }
        LocalDateTime dt = date.atTime(t);
        final String tz = m.group(g + 5);
        if (tz != null && tz.charAt(0) != 'Z' && tz.charAt(0) != 'z' && tz.charAt(0) != 'U' && tz.charAt(0) != 'G') {
            final String z = tz.replace(":", "");
            final int sign = z.charAt(0) == '-' ? -1 : 1;
            final int hh = Integer.parseInt(z.substring(1, 3));
            final int mm = Integer.parseInt(z.substring(3, 5));
            dt = dt.minusMinutes(sign * (hh * 60L + mm));
        }
        return dt;
    }

    private static LocalTime time(final Matcher m, final int g) {
        int h = Integer.parseInt(m.group(g));
        final int mi = m.group(g + 1) == null ? 0 : Integer.parseInt(m.group(g + 1));
        final int sec = m.group(g + 2) == null ? 0 : Integer.parseInt(m.group(g + 2));
        final String f = m.group(g + 3);
        final int nanos = f == null ? 0 : Integer.parseInt((f + "000000000").substring(0, 9));
        final String ampm = m.group(g + 4);
        if (ampm != null) {
            if (h < 1 || h > 12) {
                return null;
            }
            final boolean pm = ampm.toLowerCase(Locale.ROOT).equals("pm");
            h = h % 12 + (pm ? 12 : 0);
        }
        return LocalTime.of(h, mi, sec, nanos);
    }
    // ------------------------------------------------------------------ astype('datetime64[ns]') of a string

    /** A string pandas refuses: {@link #type()} is the Python exception class; the message has no position. */
    public static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final String type;

        Refused(final String type, final String message) {
            super(message, null);
            this.type = type;
        }

        /** The Python exception class: {@code ParserError}, {@code ValueError}, {@code OutOfBoundsDatetime}, ... */
        public String type() {
            return type;
        }
    }

    /**
     * {@code astype('datetime64[ns]')} of one string: nanoseconds since the epoch (NaT as
     * {@link Long#MIN_VALUE}).
     *
     * @throws Refused when pandas refuses it (shorter bare numbers are "not likely a datetime")
     */
    public static long parse(final String s0) {
        final Boolean nat = natSpelling(s0);
        if (nat == Boolean.TRUE) {
            return Long.MIN_VALUE;
        }
        if (s0.equals("now") || s0.equals("today")) {
            return parseNs(s0);
        }
        final String s = s0.strip();
        if (nat != null) {
            // a blank, or a spelling of NaT/now/today pandas does not read (numpy's parser would)
            throw new Refused("ParserError", (s.isEmpty() ? "String does not contain a date: " : "Unknown string format: ")
                + s0);
        }
        if (notLikelyDatetime(s)) {
            throw new Refused("ValueError", "Given date string " + s0 + " not likely a datetime");
        }
        if (allDigits(s)) {
            if (s.length() == 4) {
                return inBounds(NpDatetime.parse(s + "-01-01"), s);
            }
            if (s.length() == 8) {
                final NpDatetime t;
                try {
                    t = NpDatetime.parse(s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6));
                } catch (final IllegalArgumentException e) {
                    throw refused(s0);
                }
                return inBounds(t, s);
            }
            throw refused(s0);
        }
        if (FIVE_DIGIT_YEAR.matcher(s).matches()) {
            throw refused(s0); // numpy reads a 5-digit year, pandas' parser leaves it to dateutil, which refuses it
        }
        final NpDatetime t;
        try {
            t = NpDatetime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
        } catch (final IllegalArgumentException e) {
            // not ISO: pandas' dateutil forms (month names, 2020/01/01, 13/05/2020, AM/PM, a bare time, offsets)
            final Object r = parseDateutil(s);
            if (r == NAT) {
                return Long.MIN_VALUE;
            }
            if (!(r instanceof LocalDateTime)) {
                throw refused(s0);
            }
            final LocalDateTime d = (LocalDateTime) r;
            try {
                return parseNs(s);
            } catch (final ArithmeticException x) {
                throw outOfBounds(d.getYear() + String.format("-%02d-%02d %02d:%02d:%02d", d.getMonthValue(),
                    d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()));
            }
        }
        return inBounds(t, s);
    }

    private static final Pattern FIVE_DIGIT_YEAR = Pattern.compile("\\d{5,}-.*", Pattern.DOTALL);

    private static boolean allDigits(final String s) {
        for (int i = 0; i < s.length(); i++) {
            if (!isDigit(s.charAt(i))) {
                return false;
            }
        }
        return !s.isEmpty();
    }

    private static long inBounds(final NpDatetime t, final String s) {
        try {
            return t.to("ns");
        } catch (final ArithmeticException e) {
            throw outOfBounds(fields(s));
        }
    }

    private static Refused refused(final String s0) {
        final String[] r = refusal(s0);
        return new Refused(r[0], r[1]);
    }

    private static Refused outOfBounds(final String when) {
        return new Refused("OutOfBoundsDatetime", "Out of bounds nanosecond timestamp: " + when);
    }

    private static final Pattern ISO_FIELDS = Pattern.compile(
        "(-?\\d+)(?:-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2}))?)?)?)?)?.*", Pattern.DOTALL);

    /** numpy's parsed fields as pandas prints them in its bounds message ({@code 1000-01-01 00:00:00}). */
    private static String fields(final String s) {
        final Matcher m = ISO_FIELDS.matcher(s.length() == 8 && allDigits(s)
            ? s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6) : s);
        if (!m.matches()) {
            return s;
        }
        final long y = Long.parseLong(m.group(1));
        return y + String.format("-%02d-%02d %02d:%02d:%02d", f(m, 2, 1), f(m, 3, 1), f(m, 4, 0), f(m, 5, 0),
            f(m, 6, 0));
    }

    private static int f(final Matcher m, final int g, final int dflt) {
        return m.group(g) == null ? dflt : Integer.parseInt(m.group(g));
    }

    /**
     * pandas' {@code does_string_look_like_datetime} is false: a number below 1000 in Python float syntax
     * not starting with 0 (and the single letters a, m, p, t).
     */
    private static boolean notLikelyDatetime(final String s) {
        if (s.length() == 1 && "aAmMpPtT".indexOf(s.charAt(0)) >= 0) {
            return true;
        }
        if (s.charAt(0) == '0') {
            return false;
        }
        final double d;
        try {
            d = io.signet.internal.tensor.PyNum.parseFloat(s);
        } catch (final NumberFormatException e) {
            return false;
        }
        return !Double.isInfinite(d) && !Double.isNaN(d) && d < 1000;
    }

    /**
     * The exception pandas' {@code astype('datetime64[ns]')} raises for the string at row {@code i} of an
     * object column, as Python's repr: an out-of-range date is {@code OutOfBoundsDatetime}; any other
     * refusal sends pandas down its object path, which re-raises the first pass's
     * {@code TypeError('invalid string coercion ...')} when a number comes before the string, else
     * dateutil's error; both carry the row. The string is quoted as a bounded excerpt.
     */
    public static String failure(final String s, final int i, final boolean numberBefore, final RuntimeException e) {
        final String text = Excerpt.text(s, 60);
        if (!(e instanceof Refused)) {
            return "ParserError('Unknown string format: " + text + " present at position " + i + "')";
        }
        final Refused r = (Refused) e;
        if (numberBefore && !r.type.equals("OutOfBoundsDatetime")) {
            return "TypeError(" + io.signet.py.PyRepr.repr("invalid string coercion to datetime for \"" + text
                + "\" at position " + i) + ")";
        }
        final String msg = (s.equals(text) ? r.getMessage() : r.getMessage().replace(s, text))
            + " present at position " + i;
        // dateutil's ParserError has its own repr: the message in single quotes, nothing escaped
        return r.type + "(" + (r.type.equals("ParserError") ? "'" + msg + "'" : io.signet.py.PyRepr.repr(msg)) + ")";
    }

    // ------------------------------------------------------------------ cells of an object column

    /** {@link #cell}: pandas refuses the cell. */
    public static final Object FAIL = new Object();

    /**
     * What {@code astype('datetime64[ns]')} of an object column makes of one cell: a {@link Long} count of
     * nanoseconds, null for NaT, or {@link #FAIL}. An int or float cell is nanoseconds since the epoch (a
     * float truncated toward zero; int64's minimum is NaT, anything past int64 is out of bounds); numpy
     * datetimes convert their unit; Python dates and datetimes are naive times; strings go through
     * {@link #parse}; anything else fails.
     */
    public static Object cell(final Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof LocalDateTime) {
            return nanosOf((LocalDateTime) v);
        }
        if (v instanceof LocalDate) {
            return nanosOf(((LocalDate) v).atStartOfDay());
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).isNaT() ? null : (Object) ((Timestamp) v).nanos();
        }
        if (v instanceof io.signet.internal.tensor.NpScalar) {
            return npCell((io.signet.internal.tensor.NpScalar) v);
        }
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            final long x = ((Number) v).longValue();
            return x == Long.MIN_VALUE ? null : (Object) x;
        }
        if (v instanceof Double || v instanceof Float) {
            final double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                return null;
            }
            return d > -9.223372036854775808e18 && d < 9.223372036854775808e18 ? (Object) (long) d : FAIL;
        }
        if (v instanceof String) {
            try {
                final long ns = parse((String) v);
                return ns == Long.MIN_VALUE ? null : (Object) ns;
            } catch (final IllegalArgumentException | ArithmeticException e) {
                return FAIL;
            }
        }
        return FAIL;
    }

    private static Object npCell(final io.signet.internal.tensor.NpScalar s) {
        switch (s.dtype().kind()) {
            case INT:
            case UINT:
            case FLOAT:
            case STR:
                return cell(s.value());
            case DATETIME: {
                if (!(s.value() instanceof Number)) {
                    return cell(String.valueOf(s.value())); // a scalar built from its text
                }
                final long x = ((Number) s.value()).longValue();
                if (x == Long.MIN_VALUE) {
                    return null;
                }
                try {
                    return NpDatetime.convert(x, s.dtype().unit(), "ns");
                } catch (final ArithmeticException e) {
                    return FAIL;
                }
            }
            default:
                return FAIL;
        }
    }

    /** A naive datetime as nanoseconds since the epoch, or {@link #FAIL} outside datetime64[ns]. */
    private static Object nanosOf(final LocalDateTime t) {
        try {
            final long ns = Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L),
                t.getNano());
            return ns == Long.MIN_VALUE ? FAIL : (Object) ns;
        } catch (final ArithmeticException e) {
            return FAIL;
        }
    }

    /** The string reads as a date (numpy's ISO forms or pandas' own), whether or not datetime64[ns] holds it. */
    public static boolean reads(final String s) {
        if (natSpelling(s) != null) {
            return natSpelling(s);
        }
        if (!s.trim().matches("\\d{8}")) {
            try {
                NpDatetime.parse(s.replace(' ', 'T'));
                return true;
            } catch (final RuntimeException e) {
                // not ISO
            }
        }
        return parseDateutil(s) instanceof LocalDateTime;
    }
}
