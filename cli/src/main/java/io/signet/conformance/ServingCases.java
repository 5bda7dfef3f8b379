package io.signet.conformance;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyJson;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Serving cases: the body ({@code payload} serialised as Python's {@code json.dumps} would, or
 * {@code payload_raw} verbatim) and {@code content_type} go through {@link ScoringServer} in
 * MLflow-compatible mode; the response's status, error code, message, location and deviation
 * become the case result.
 */
final class ServingCases {
    private ServingCases() {
    }

    static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Profile profile) {
        final String body = c.containsKey("payload_raw") ? String.valueOf(c.get("payload_raw"))
            : PyJson.dumps(c.get("payload"));
        final Object ct = c.get("content_type");
        final ScoringServer server = new ScoringServer(sig, profile, Mode.MLFLOW, Limits.DEFAULT);
        final ScoringResponse r = server.invoke(body.getBytes(StandardCharsets.UTF_8),
            ct == null ? "application/json" : String.valueOf(ct));
        final CaseResult res = r.ok() ? CaseResult.accepted()
            : CaseResult.rejected(r.errorCode(), r.message(), r.location());
        res.httpStatus = r.status();
        res.deviation = io.signet.enforce.Deviation.codeOf(r.deviation());
        return res;
    }
}
