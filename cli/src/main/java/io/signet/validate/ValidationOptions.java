package io.signet.validate;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;

/** The options of a batch validation that change verdicts. */
public final class ValidationOptions {
    /**
     * Most problems kept per file whatever {@code --max-errors} asks (the rest are counted): a run's
     * memory is bounded by this times the files in flight, not by the option (100,000,000 took 6.4 GB).
     */
    public static final int MAX_KEPT_PROBLEMS = 10_000;

    public final Mode mode;
    public final boolean rejectNan;
    public final boolean rejectInf;
    public final int maxErrors;
    /** The MLflow generation whose rules apply: 2 or 3 ({@code --mlflow}). */
    public final int mlflow;

    public ValidationOptions(final Mode mode, final boolean rejectNan, final boolean rejectInf, final int maxErrors) {
        this(mode, rejectNan, rejectInf, maxErrors, 2);
    }

    public ValidationOptions(final Mode mode, final boolean rejectNan, final boolean rejectInf, final int maxErrors,
                             final int mlflow) {
        this.mode = mode;
        this.rejectNan = rejectNan;
        this.rejectInf = rejectInf;
        this.maxErrors = Math.min(maxErrors, MAX_KEPT_PROBLEMS);
        this.mlflow = mlflow;
    }

    /** {@link #mlflow} as core's profile. */
    public Profile profile() {
        return mlflow == 3 ? Profile.MLFLOW_3 : Profile.MLFLOW_2;
    }
}
