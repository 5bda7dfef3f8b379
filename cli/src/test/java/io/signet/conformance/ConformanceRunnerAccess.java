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
        final CaseResult r = ConformanceRunner.runCase(c);
        final Map<?, ?> ref = (Map<?, ?>) c.get("mlflow");
        if (ConformanceRunner.agrees(r, ref)) {
            return null;
        }
        return "mlflow " + ref.get("ok") + " " + ref.get("http_status") + " " + ref.get("error_code") + " / signet "
            + r.ok + " " + r.httpStatus + " " + r.errorCode + " " + r.message;
    }
}
