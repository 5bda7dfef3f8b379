package io.signet.serving;

import io.signet.enforce.PandasDatetime;
import io.signet.schema.PyRepr;
import io.signet.tensor.NpDatetime;

/**
 * The date strings pandas' {@code astype('datetime64[ns]')} accepts on an object column (the
 * common forms): ISO 8601 as numpy reads it, {@code YYYY} and {@code YYYYMMDD} digit strings, the
 * dateutil forms of {@link PandasDatetime}, and exactly {@code ''}, {@code NaT}, {@code nat},
 * {@code NAT}, {@code nan}, {@code NaN}, {@code NAN} as NaT (no stripping, no other case: {@code ' '},
 * {@code 'Nat'}, {@code ' NaT'} are refused). Shorter bare numbers are pandas' "Given date string ...
 * not likely a datetime".
 */
final class PandasDates {
    private PandasDates() {
    }

    /** A string pandas refuses: {@code type} is the Python exception class, the message has no position. */
    static final class Refused extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        final String type;

        Refused(final String type, final String message) {
            super(message, null);
            this.type = type;
        }
    }

    /** Nanoseconds since the epoch (NaT as {@link NpDatetime#NAT}); {@link Refused} when pandas fails. */
    static long parse(final String s0) {
        final Boolean nat = PandasDatetime.natSpelling(s0);
        if (nat == Boolean.TRUE) {
            return NpDatetime.NAT;
        }
        if (s0.equals("now") || s0.equals("today")) {
            return PandasDatetime.parseNs(s0);
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
        if (s.matches("[0-9]+")) {
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
        if (s.matches("\\d{5,}-.*")) {
            throw refused(s0); // numpy reads a 5-digit year, pandas' parser leaves it to dateutil, which refuses it
        }
        final NpDatetime t;
        try {
            t = NpDatetime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
        } catch (final IllegalArgumentException e) {
            // not ISO: pandas' dateutil forms (month names, 2020/01/01, 13/05/2020, AM/PM, a bare time, offsets)
            final Object r = PandasDatetime.parse(s);
            if (r == PandasDatetime.NAT) {
                return NpDatetime.NAT;
            }
            if (!(r instanceof java.time.LocalDateTime)) {
                throw refused(s0);
            }
            final java.time.LocalDateTime d = (java.time.LocalDateTime) r;
            try {
                return PandasDatetime.parseNs(s);
            } catch (final ArithmeticException x) {
                throw outOfBounds(d.getYear() + String.format("-%02d-%02d %02d:%02d:%02d", d.getMonthValue(),
                    d.getDayOfMonth(), d.getHour(), d.getMinute(), d.getSecond()));
            }
        }
        return inBounds(t, s);
    }

    private static long inBounds(final NpDatetime t, final String s) {
        try {
            return t.to("ns");
        } catch (final ArithmeticException e) {
            throw outOfBounds(fields(s));
        }
    }

    private static Refused refused(final String s0) {
        final String[] r = PandasDatetime.refusal(s0);
        return new Refused(r[0], r[1]);
    }

    private static Refused outOfBounds(final String when) {
        return new Refused("OutOfBoundsDatetime", "Out of bounds nanosecond timestamp: " + when);
    }

    private static final java.util.regex.Pattern ISO_FIELDS = java.util.regex.Pattern.compile(
        "(-?\\d+)(?:-(\\d{2})(?:-(\\d{2})(?:[T ](\\d{2})(?::(\\d{2})(?::(\\d{2}))?)?)?)?)?.*");

    /** numpy's parsed fields as pandas prints them in its bounds message ({@code 1000-01-01 00:00:00}). */
    private static String fields(final String s) {
        final java.util.regex.Matcher m = ISO_FIELDS.matcher(s.length() == 8 && s.matches("[0-9]+")
            ? s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6) : s);
        if (!m.matches()) {
            return s;
        }
        final long y = Long.parseLong(m.group(1));
        return y + String.format("-%02d-%02d %02d:%02d:%02d", f(m, 2, 1), f(m, 3, 1), f(m, 4, 0), f(m, 5, 0),
            f(m, 6, 0));
    }

    private static int f(final java.util.regex.Matcher m, final int g, final int dflt) {
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
            d = io.signet.json.PyNum.parseFloat(s);
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
     * dateutil's error; both carry the row.
     */
    static String failure(final String s, final int i, final boolean numberBefore, final RuntimeException e) {
        final String text = io.signet.json.Json.excerpt(s, 60);
        if (!(e instanceof Refused)) {
            return "ParserError('Unknown string format: " + text + " present at position " + i + "')";
        }
        final Refused r = (Refused) e;
        if (numberBefore && !r.type.equals("OutOfBoundsDatetime")) {
            return "TypeError(" + PyRepr.repr("invalid string coercion to datetime for \"" + text + "\" at position "
                + i) + ")";
        }
        final String msg = (s.length() == text.length() ? r.getMessage() : r.getMessage().replace(s, text))
            + " present at position " + i;
        // dateutil's ParserError has its own repr: the message in single quotes, nothing escaped
        return r.type + "(" + (r.type.equals("ParserError") ? "'" + msg + "'" : PyRepr.repr(msg)) + ")";
    }
}
