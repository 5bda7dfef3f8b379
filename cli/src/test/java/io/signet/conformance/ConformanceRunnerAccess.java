package io.signet.conformance;

import java.util.Map;

/** Test access to the runner's per-case verdict (null when Signet agrees with the recorded MLflow verdict). */
public final class ConformanceRunnerAccess {
    private ConformanceRunnerAccess() {
    }

    /** Signet's message for the case (null when it accepts). */
    public static String message(final Map<String, Object> c) {
        return ConformanceRunner.runCase(c).message;
    }

    public static String verdict(final Map<String, Object> c) {
        return verdict(c, io.signet.enforce.Profile.MLFLOW_2);
    }

    /**
     * The case under the profile's rules against its verdict ({@code mlflow3} for MLflow 3 where the case
     * has one, else {@code mlflow}): null when Signet agrees (a case MLflow 3.6 could not run agrees).
     */
    public static String verdict(final Map<String, Object> c, final io.signet.enforce.Profile profile) {
        final Map<?, ?> ref = (Map<?, ?>) ConformanceRunner.reference(c, profile);
        if (ref.get("skipped") != null) {
            return null;
        }
        final CaseResult r = ConformanceRunner.runCase(c, profile);
        if (ConformanceRunner.agrees(r, ref)) {
            return null;
        }
        return "mlflow " + ref.get("ok") + " " + ref.get("http_status") + " " + ref.get("error_code") + " / signet "
            + r.ok + " " + r.httpStatus + " " + r.errorCode + " " + r.message;
    }
}
