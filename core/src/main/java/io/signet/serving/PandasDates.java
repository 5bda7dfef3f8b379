package io.signet.serving;

import io.signet.py.PandasDatetime;

/**
 * Phase-1 forwarder to {@link PandasDatetime}, the one datetime parser, for {@link ScoringServer}'s
 * frame casts (changed by the scoring-context work); removed when the server casts through the rule book.
 */
final class PandasDates {
    private PandasDates() {
    }

    /** {@link PandasDatetime#parse}. */
    static long parse(final String s) {
        return PandasDatetime.parse(s);
    }

    /** {@link PandasDatetime#failure}. */
    static String failure(final String s, final int i, final boolean numberBefore, final RuntimeException e) {
        return PandasDatetime.failure(s, i, numberBefore, e);
    }
}
