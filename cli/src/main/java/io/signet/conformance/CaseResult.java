package io.signet.conformance;

import io.signet.enforce.SchemaEnforcementException;

import java.util.LinkedHashMap;
import java.util.Map;

/** Signet's verdict on one conformance case, in the runner's output format. */
public final class CaseResult {
    public boolean ok;
    public Integer httpStatus;
    public String errorCode;
    public String message;
    public String path;
    public String deviation;
    public String skipped;

    public static CaseResult accepted() {
        final CaseResult r = new CaseResult();
        r.ok = true;
        return r;
    }

    public static CaseResult rejected(final String errorCode, final String message, final String path) {
        final CaseResult r = new CaseResult();
        r.ok = false;
        r.errorCode = errorCode;
        r.message = message;
        r.path = path;
        return r;
    }

    public static CaseResult of(final SchemaEnforcementException e) {
        final CaseResult r = rejected(e.errorCode(), e.getMessage(), e.path());
        r.deviation = io.signet.enforce.Deviation.codeOf(e.deviation());
        return r;
    }

    public static CaseResult skipped(final String reason) {
        final CaseResult r = new CaseResult();
        r.ok = false;
        r.skipped = reason;
        return r;
    }

    /** The output line's fields, in the documented order. */
    public Map<String, Object> toJson(final String id) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("ok", ok);
        m.put("http_status", httpStatus == null ? null : (Object) (long) httpStatus);
        m.put("error_code", errorCode);
        m.put("message", message);
        m.put("path", path);
        m.put("deviation", deviation);
        m.put("skipped", skipped);
        return m;
    }
}
