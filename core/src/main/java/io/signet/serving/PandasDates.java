package io.signet.serving;

import io.signet.tensor.NpDatetime;

/**
 * The date strings pandas' {@code astype('datetime64[ns]')} accepts on an object column (the
 * common forms): ISO 8601 as numpy reads it, {@code YYYY} and {@code YYYYMMDD} digit strings,
 * {@code MM/DD/YYYY}, and {@code ''}/{@code nan}/{@code NaT} as NaT. Shorter or other bare numbers
 * are pandas' "Given date string ... not likely a datetime".
 */
final class PandasDates {
    private PandasDates() {
    }

    /** Nanoseconds since the epoch (NaT as {@link NpDatetime#NAT}). */
    static long parse(final String s0) {
        final String s = s0.strip();
        if (s.isEmpty() || s.equalsIgnoreCase("nan") || s.equalsIgnoreCase("nat")) {
            return NpDatetime.NAT;
        }
        if (s.matches("[0-9]+")) {
            if (s.length() == 4) {
                return NpDatetime.parse(s + "-01-01").to("ns");
            }
            if (s.length() == 8) {
                return NpDatetime.parse(s.substring(0, 4) + "-" + s.substring(4, 6) + "-" + s.substring(6)).to("ns");
            }
            throw new IllegalArgumentException("Given date string " + s + " not likely a datetime");
        }
        final java.util.regex.Matcher us = java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(s);
        if (us.matches()) {
            return NpDatetime.parse(String.format("%s-%02d-%02d", us.group(3), Integer.parseInt(us.group(1)),
                Integer.parseInt(us.group(2)))).to("ns");
        }
        final NpDatetime t;
        try {
            t = NpDatetime.parse(s.endsWith("Z") ? s.substring(0, s.length() - 1) : s);
        } catch (final IllegalArgumentException e) {
            // not ISO: pandas' dateutil forms (month names, 2020/01/01, AM/PM, a bare time, offsets)
            return io.signet.enforce.PandasDatetime.parseNs(s);
        }
        return t.to("ns");
    }
}
