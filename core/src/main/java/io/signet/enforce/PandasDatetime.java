package io.signet.enforce;

/**
 * Phase-1 forwarder to {@link io.signet.py.PandasDatetime}, the one datetime parser, for the
 * serving classes the scoring-context work is changing (FastFramePath, ScoringServer); removed when
 * they call the rule book directly.
 */
public final class PandasDatetime {
    /** {@link io.signet.py.PandasDatetime#TZ_NUMBER}. */
    public static final String TZ_NUMBER = io.signet.py.PandasDatetime.TZ_NUMBER;

    private PandasDatetime() {
    }

    /** {@link io.signet.py.PandasDatetime#natSpelling}. */
    public static Boolean natSpelling(final String text) {
        return io.signet.py.PandasDatetime.natSpelling(text);
    }

    /** {@link io.signet.py.PandasDatetime#utcOffsetSeconds}. */
    public static Integer utcOffsetSeconds(final String text) {
        return io.signet.py.PandasDatetime.utcOffsetSeconds(text);
    }

    /** {@link io.signet.py.PandasDatetime#zoneError}. */
    public static String zoneError(final Object[] cells) {
        return io.signet.py.PandasDatetime.zoneError(cells);
    }
}
