package io.signet.internal.tensor;

import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * numpy's ISO 8601 datetime strings ({@code np.datetime64("2021-01-01T10:00:00.123")}): parsed
 * into a count of a unit since the epoch, with the unit numpy would pick from the string.
 *
 * <p>Accepted: {@code YYYY}, {@code YYYY-MM}, {@code YYYY-MM-DD}, then {@code T} or a space and
 * {@code hh}, {@code hh:mm}, {@code hh:mm:ss}, {@code hh:mm:ss.f...} (1-18 fraction digits), an
 * optional {@code Z} or {@code ±hh:mm} offset (numpy converts to UTC), and {@code NaT}. A string of
 * digits alone is a year (numpy reads {@code "20230606"} as the year 20230606).
 */
public final class NpDatetime {
    /** numpy's NaT: {@code Long.MIN_VALUE} in any unit. */
    public static final long NAT = Long.MIN_VALUE;

    /** The parsed value: a count of {@link #unit} since 1970-01-01T00:00 (NAT for "NaT"). */
    public final long value;
    /** The unit numpy infers from the string: Y, M, D, h, m, s, ms, us, ns, ps, fs, as. */
    public final String unit;

    /** A count of a unit ({@code np.datetime64(value, unit)}). */
    public static NpDatetime of(final long value, final String unit) {
        return new NpDatetime(value, unit);
    }

    private NpDatetime(final long value, final String unit) {
        this.value = value;
        this.unit = unit;
    }

    /**
     * Parses like {@code np.datetime64(text)}.
     *
     * @throws IllegalArgumentException with numpy's wording ({@code Error parsing datetime string "x" at position n})
     */
    public static NpDatetime parse(final String text) {
        final String s = text;
        if (s.equalsIgnoreCase("nat") || s.isEmpty()) {
            return new NpDatetime(NAT, "");
        }
        // numpy skips leading whitespace; positions in messages count it
        int p = 0;
        while (p < s.length() && isSpace(s.charAt(p))) {
            p++;
        }
        if (p == s.length()) {
            throw error(text, p);
        }
        boolean neg = false;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            neg = s.charAt(0) == '-';
            p++;
        }
        final int ys = p;
        while (p < s.length() && isDigit(s.charAt(p))) {
            p++;
        }
        if (p == ys) {
            throw error(text, p);
        }
        if (p - ys > 18) {
            throw error(text, p);
        }
        long year = Long.parseLong(s.substring(ys, p));
        if (neg) {
            year = -year;
        }
        if (p == s.length()) {
            return new NpDatetime(year - 1970, "Y");
        }
        if (s.charAt(p) != '-') {
            throw error(text, p);
        }
        p++;
        final int month = twoDigits(s, p, text);
        p += 2;
        if (month < 1 || month > 12) {
            throw outOfRange("Month", text);
        }
        if (p == s.length()) {
            return new NpDatetime((year - 1970) * 12 + (month - 1), "M");
        }
        if (s.charAt(p) != '-') {
            throw error(text, p);
        }
        p++;
        final int day = twoDigits(s, p, text);
        p += 2;
        if (day < 1 || day > daysInMonth(year, month)) {
            throw outOfRange("Day", text);
        }
        final long days = daysFromCivil(year, month, day);
        if (p == s.length()) {
            return new NpDatetime(days, "D");
        }
        return timeOfDay(text, p, days);
    }

    /**
     * The rest of {@code np.datetime64(text)} after a date of {@code days} since the epoch: {@code text}
     * at {@code at} holds the separator, the time (to the hour, minute, second or a fraction, which
     * decides the unit) and an optional zone offset.
     */
    private static NpDatetime timeOfDay(final String text, final int at, final long days) {
        final String s = text;
        int p = at;
        final char sep = s.charAt(p);
        if (sep != 'T' && sep != ' ') {
            throw error(text, p);
        }
        p++;
        final int hour = twoDigits(s, p, text);
        p += 2;
        if (hour > 23) {
            throw outOfRange("Hours", text);
        }
        long secsOfDay = hour * 3600L;
        String unit = "h";
        long fraction = 0; // in attoseconds scale decided below
        int fracDigits = 0;
        if (p < s.length() && s.charAt(p) == ':') {
            p++;
            final int minute = twoDigits(s, p, text);
            p += 2;
            if (minute > 59) {
                throw outOfRange("Minutes", text);
            }
            secsOfDay += minute * 60L;
            unit = "m";
            if (p < s.length() && s.charAt(p) == ':') {
                p++;
                final int second = twoDigits(s, p, text);
                p += 2;
                if (second > 59) {
                    throw outOfRange("Seconds", text);
                }
                secsOfDay += second;
                unit = "s";
                if (p < s.length() && s.charAt(p) == '.') {
                    p++;
                    final int fs = p;
                    while (p < s.length() && isDigit(s.charAt(p)) && p - fs < 18) {
                        fraction = fraction * 10 + (s.charAt(p) - '0');
                        p++;
                    }
                    fracDigits = p - fs;
                    // a bare '.' still makes the unit ms (numpy: "07." is 07.000)
                    unit = fracDigits <= 3 ? "ms" : fracDigits <= 6 ? "us" : fracDigits <= 9 ? "ns"
                        : fracDigits <= 12 ? "ps" : fracDigits <= 15 ? "fs" : "as";
                }
            }
        }
        final long offsetMinutes = zoneOffsetMinutes(text, p);
        final long totalSecs = days * 86400L + secsOfDay - offsetMinutes * 60L;
        return new NpDatetime(inUnit(totalSecs, unit, fraction, fracDigits), unit);
    }

    /**
     * The zone offset, in minutes, after the time at {@code at} ({@code Z}, {@code +hh[:]mm}, {@code -hh});
     * 0 when there is none. numpy skips whitespace after the time (anything after that whitespace is an
     * error) and after the offset.
     */
    private static long zoneOffsetMinutes(final String text, final int at) {
        final String s = text;
        int p = at;
        long offsetMinutes = 0;
        // numpy skips whitespace after the time; anything after that whitespace is an error
        final int beforeSpace = p;
        while (p < s.length() && isSpace(s.charAt(p))) {
            p++;
        }
        if (p < s.length() && p > beforeSpace) {
            throw error(text, p);
        }
        if (p < s.length()) {
            final char c = s.charAt(p);
            if (c == 'Z') {
                p++;
            } else if (c == '+' || c == '-') {
                final int sign = c == '-' ? -1 : 1;
                p++;
                final int oh = twoDigits(s, p, text);
                p += 2;
                int om = 0;
                if (p < s.length() && s.charAt(p) == ':') {
                    p++;
                }
                if (p < s.length()) {
                    om = twoDigits(s, p, text);
                    p += 2;
                }
                offsetMinutes = sign * (oh * 60L + om);
            }
            while (p < s.length() && isSpace(s.charAt(p))) {
                p++;
            }
            if (p != s.length()) {
                throw error(text, p);
            }
        }
        return offsetMinutes;
    }

    /** {@code totalSecs} (and a fraction of {@code fracDigits} digits) counted in {@code unit}. */
    private static long inUnit(final long totalSecs, final String unit, final long fraction, final int fracDigits) {
        switch (unit) {
            case "h":
                return Math.floorDiv(totalSecs, 3600L);
            case "m":
                return Math.floorDiv(totalSecs, 60L);
            case "s":
                return totalSecs;
            default: {
                final int digits = unit.equals("ms") ? 3 : unit.equals("us") ? 6 : unit.equals("ns") ? 9
                    : unit.equals("ps") ? 12 : unit.equals("fs") ? 15 : 18;
                long f = fraction;
                for (int i = fracDigits; i < digits; i++) {
                    f *= 10;
                }
                // numpy's int64 arithmetic wraps silently ("...07.1234567891" is a ps value past 2262)
                return totalSecs * pow10(digits) + f;
            }
        }
    }

    /** True when this is NaT. */
    public boolean isNat() {
        return value == NAT;
    }

    /**
     * This instant in another unit, as numpy's {@code astype} does for a finer unit (exact) or a
     * coarser one (floor).
     *
     * @throws ArithmeticException when it overflows int64
     */
    public long to(final String targetUnit) {
        if (isNat()) {
            return NAT;
        }
        return convert(value, unit, targetUnit);
    }

    /** Converts a count between numpy units (floor toward -inf when coarsening). */
    public static long convert(final long v, final String from, final String to) {
        if (from.equals(to)) {
            return v;
        }
        if (isCalendar(from) || isCalendar(to)) {
            // go through days; months and years are calendar units
            final long days = toDays(v, from);
            return fromDays(days, to, v, from);
        }
        final int a = linearIndex(from);
        final int b = linearIndex(to);
        // work in a common integer ratio
        if (b > a) {
            return Math.multiplyExact(v, ratio(a, b));
        }
        return Math.floorDiv(v, ratio(b, a));
    }

    private static boolean isCalendar(final String u) {
        return u.equals("Y") || u.equals("M");
    }

    private static final String[] LINEAR = {"W", "D", "h", "m", "s", "ms", "us", "ns", "ps", "fs", "as"};
    private static final long[] STEP = {1, 7, 24, 60, 60, 1000, 1000, 1000, 1000, 1000, 1000};

    private static int linearIndex(final String u) {
        for (int i = 0; i < LINEAR.length; i++) {
            if (LINEAR[i].equals(u)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown datetime unit " + u);
    }

    /** How many of unit {@code fine} make one of unit {@code coarse} (fine index greater). */
    private static long ratio(final int coarse, final int fine) {
        long r = 1;
        for (int i = coarse + 1; i <= fine; i++) {
            r = Math.multiplyExact(r, STEP[i]);
        }
        return r;
    }

    private static long toDays(final long v, final String unit) {
        if (unit.equals("Y")) {
            return daysFromCivil(1970 + v, 1, 1);
        }
        if (unit.equals("M")) {
            final long y = 1970 + Math.floorDiv(v, 12);
            final int m = (int) Math.floorMod(v, 12) + 1;
            return daysFromCivil(y, m, 1);
        }
        return convert(v, unit, "D");
    }

    private static long fromDays(final long days, final String to, final long v, final String from) {
        if (to.equals("Y") || to.equals("M")) {
            final long[] ymd = civilFromDays(days);
            return to.equals("Y") ? ymd[0] - 1970 : (ymd[0] - 1970) * 12 + ymd[1] - 1;
        }
        if (isCalendar(from)) {
            return convert(days, "D", to);
        }
        return convert(v, from, to);
    }

    /**
     * What {@code np.datetime64(text).item()} gives: a {@link LocalDate} for day-or-coarser units,
     * a {@link LocalDateTime} for hour to microsecond units, a Long where Python's datetime cannot
     * hold it (a year outside 1..9999, nanoseconds or finer), null for NaT.
     */
    public Object item() {
        if (isNat()) {
            return null;
        }
        switch (unit) {
            case "Y":
            case "M":
            case "W":
            case "D": {
                final long days = toDays(value, unit.equals("W") ? "W" : unit);
                final long[] ymd = civilFromDays(unit.equals("W") ? Math.multiplyExact(value, 7) : days);
                if (ymd[0] < 1 || ymd[0] > 9999) {
                    return value;
                }
                return LocalDate.of((int) ymd[0], (int) ymd[1], (int) ymd[2]);
            }
            case "h":
            case "m":
            case "s":
            case "ms":
            case "us": {
                final long us = convert(value, unit, "us");
                final long days = Math.floorDiv(us, 86_400_000_000L);
                final long rem = Math.floorMod(us, 86_400_000_000L);
                final long[] ymd = civilFromDays(days);
                if (ymd[0] < 1 || ymd[0] > 9999) {
                    return value;
                }
                return LocalDateTime.of((int) ymd[0], (int) ymd[1], (int) ymd[2], 0, 0)
                    .plusNanos(rem * 1000L);
            }
            default:
                return value;
        }
    }

    private static long pow10(final int n) {
        long r = 1;
        for (int i = 0; i < n; i++) {
            r *= 10;
        }
        return r;
    }

    private static boolean isDigit(final char c) {
        return c >= '0' && c <= '9';
    }

    private static int twoDigits(final String s, final int p, final String text) {
        if (p + 2 > s.length() || !isDigit(s.charAt(p)) || !isDigit(s.charAt(p + 1))) {
            throw error(text, Math.min(p, s.length()));
        }
        return (s.charAt(p) - '0') * 10 + (s.charAt(p + 1) - '0');
    }

    private static boolean isSpace(final char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private static IllegalArgumentException outOfRange(final String what, final String text) {
        return new IllegalArgumentException(what + " out of range in datetime string \"" + text + "\"");
    }

    private static IllegalArgumentException error(final String text, final int pos) {
        return new IllegalArgumentException("Error parsing datetime string \"" + text + "\" at position " + pos);
    }

    private static int daysInMonth(final long y, final int m) {
        switch (m) {
            case 2:
                return (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) ? 29 : 28;
            case 4:
            case 6:
            case 9:
            case 11:
                return 30;
            default:
                return 31;
        }
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
    public static long daysFromCivil(final long y0, final int m, final int d) {
        final long y = m <= 2 ? y0 - 1 : y0;
        final long era = Math.floorDiv(y, 400);
        final long yoe = y - era * 400;
        final long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        final long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** {year, month, day} of a day count since 1970-01-01. */
    public static long[] civilFromDays(final long z0) {
        final long z = z0 + 719468;
        final long era = Math.floorDiv(z, 146097);
        final long doe = z - era * 146097;
        final long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        final long y = yoe + era * 400;
        final long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        final long mp = (5 * doy + 2) / 153;
        final long d = doy - (153 * mp + 2) / 5 + 1;
        final long m = mp < 10 ? mp + 3 : mp - 9;
        return new long[] {m <= 2 ? y + 1 : y, m, d};
    }
}
