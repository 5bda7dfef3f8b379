package io.signet.serving;

import java.util.concurrent.atomic.LongAdder;

/**
 * How often a server's streaming path handed a request to the exact path, per cause, and how often it
 * answered a rejection itself, per kind; thread-safe, a hand-over counted only when a streaming attempt
 * gives up (never on an accepted request). An UNEXPECTED cause
 * is a bug in the streaming path: the last such exception is kept for diagnosis.
 */
final class Fallbacks {
    private final LongAdder[] counts = new LongAdder[ScoringServer.Fallback.values().length];
    private volatile Throwable lastUnexpected;
    private final LongAdder[] answered = new LongAdder[FastAnswer.values().length];

    /** A rejection a streaming path answered itself, worded exactly as the exact path words it. */
    enum FastAnswer {
        /** JSON the parser refused (MLflow's invalid-JSON 400, located), or one of Jackson's limits met there. */
        SYNTAX,
        /** A tensor whose shape does not match its TensorSpec (MLflow's INVALID_PARAMETER_VALUE). */
        SHAPE
    }

    Fallbacks() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
        for (int i = 0; i < answered.length; i++) {
            answered[i] = new LongAdder();
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

    void answered(final FastAnswer what) {
        answered[what.ordinal()].increment();
    }

    long answeredCount(final FastAnswer what) {
        return answered[what.ordinal()].sum();
    }

    Throwable lastUnexpected() {
        return lastUnexpected;
    }
}
