package io.signet.validate;

import io.signet.enforce.Mode;

/** The options of a batch validation that change verdicts. */
public final class ValidationOptions {
    public final Mode mode;
    public final boolean rejectNan;
    public final boolean rejectInf;
    public final int maxErrors;

    public ValidationOptions(final Mode mode, final boolean rejectNan, final boolean rejectInf, final int maxErrors) {
        this.mode = mode;
        this.rejectNan = rejectNan;
        this.rejectInf = rejectInf;
        this.maxErrors = maxErrors;
    }
}
