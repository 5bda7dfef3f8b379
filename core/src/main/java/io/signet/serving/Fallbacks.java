package io.signet.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often a server's streaming path handed a request to the exact path, per cause; thread-safe,
 * counted only when a streaming attempt gives up (never on an accepted request). An UNEXPECTED cause
 * is a bug in the streaming path: the last such exception is kept for diagnosis.
 */
final class Fallbacks {
    private final LongAdder[] counts = new LongAdder[ScoringServer.Fallback.values().length];
    private volatile Throwable lastUnexpected;

    Fallbacks() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void count(final ScoringServer.Fallback why, final Throwable cause) {
        counts[why.ordinal()].increment();
        if (cause != null) {
            lastUnexpected = cause;
        }
    }

    long get(final ScoringServer.Fallback why) {
        return counts[why.ordinal()].sum();
    }

    Throwable lastUnexpected() {
        return lastUnexpected;
    }
}
