package io.signet.enforce;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The strings pandas 1.5's {@code Series.astype('datetime64[ns]')} reads that numpy's ISO parser
 * does not: surrounding blanks, the NaT spellings {@code nan}, {@code now} and {@code today}, a
 * UTC offset ({@code Z}, {@code +05:00}, {@code -0700}: converted to UTC), and the common
 * {@code dateutil} forms (year first or month first with {@code - / .} separators, unpadded
 * fields, {@code YYYYMMDD}, month names, a time with AM/PM, a bare time on today's date).
 * A subset: rarer dateutil forms are refused.
 */
public final class PandasDatetime {
    private PandasDatetime() {
    }

    /** Marker for NaT. */
    public static final Object NAT = new Object();

    private static final String TIME = "(?:[T ]+(\\d{1,2})(?::(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?)?\\s*([AaPp][Mm])?)?";
    private static final String TZ = "\\s*(Z|[+-]\\d{2}:?\\d{2})?";
    private static final Pattern YMD = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})" + TIME + TZ);
    private static final Pattern MDY = Pattern.compile("(\\d{1,2})([-/.])(\\d{1,2})\\2(\\d{4})" + TIME + TZ);
    private static final Pattern COMPACT = Pattern.compile("(\\d{4})(\\d{2})(\\d{2})" + TIME + TZ);
    private static final Pattern MON_D_Y = Pattern.compile("([A-Za-z]{3,9})\\.? (\\d{1,2}),? (\\d{4})" + TIME + TZ);
    private static final Pattern D_MON_Y = Pattern.compile("(\\d{1,2}) ([A-Za-z]{3,9})\\.?,? (\\d{4})" + TIME + TZ);
    private static final Pattern ONLY_TIME = Pattern.compile("(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.(\\d{1,9}))?)?\\s*([AaPp][Mm])?");
    private static final String[] MONTHS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};

    /** The parsed time (UTC), {@link #NAT}, or null when pandas would refuse the string too. */
    public static Object parse(final String text) {
        final String s = text.trim();
        final String low = s.toLowerCase(Locale.ROOT);
        if (s.isEmpty() || low.equals("nan") || low.equals("nat")) {
            return NAT;
        }
        if (low.equals("now") || low.equals("today")) {
            return LocalDateTime.now(ZoneOffset.UTC);
        }
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

    /** {@link #parse} as nanoseconds since the epoch (NaT as int64's minimum); throws when pandas refuses. */
    public static long parseNs(final String text) {
        final Object r = parse(text);
        if (r == NAT) {
            return Long.MIN_VALUE;
        }
        if (!(r instanceof LocalDateTime)) {
            throw new IllegalArgumentException("Unknown string format: " + text);
        }
        final LocalDateTime t = (LocalDateTime) r;
        return Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
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
        if (tz != null && !tz.equals("Z")) {
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
}
