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
    /** Whose rules apply ({@code --mlflow}, else the model's {@code mlflow_version}). */
    private final Profile profile;

    public ValidationOptions(final Mode mode, final boolean rejectNan, final boolean rejectInf, final int maxErrors) {
        this(mode, rejectNan, rejectInf, maxErrors, Profile.MLFLOW_2);
    }

    public ValidationOptions(final Mode mode, final boolean rejectNan, final boolean rejectInf, final int maxErrors,
                             final Profile profile) {
        this.mode = mode;
        this.rejectNan = rejectNan;
        this.rejectInf = rejectInf;
        this.maxErrors = Math.min(maxErrors, MAX_KEPT_PROBLEMS);
        this.profile = java.util.Objects.requireNonNull(profile, "profile");
    }

    /** Whose rules apply. */
    public Profile profile() {
        return profile;
    }
}
