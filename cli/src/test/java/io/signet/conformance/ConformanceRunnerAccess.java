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

    /**
     * Where the case records MLflow's refusal sentence ({@code mlflow3}'s under MLflow 3): null when Signet words it
     * the same, else both sentences.
     */
    public static String sentence(final Map<String, Object> c, final io.signet.enforce.Profile profile) {
        final Map<?, ?> ref = (Map<?, ?>) ConformanceRunner.reference(c, profile);
        if (ref.get("skipped") != null || Boolean.TRUE.equals(ref.get("ok")) || !(ref.get("message") instanceof String)) {
            return null;
        }
        final CaseResult r = ConformanceRunner.runCase(c, profile);
        return core((String) ref.get("message")).equals(r.message) ? null
            : "mlflow: " + ref.get("message") + "\n      signet: " + r.message;
    }

    /**
     * MLflow's core sentence: the predict wrapper ({@code Failed to predict data '<frame>'. Error: Failed to enforce
     * schema of data '<frame>' with schema '<schema>'. Error: <core>}) is not reproduced (README, "messages").
     */
    static String core(final String message) {
        if (!message.startsWith("Failed to predict data '")) {
            return message;
        }
        final int schema = message.lastIndexOf("' with schema '");
        final int error = schema < 0 ? -1 : message.indexOf("'. Error: ", schema);
        return error < 0 ? message : message.substring(error + "'. Error: ".length());
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
