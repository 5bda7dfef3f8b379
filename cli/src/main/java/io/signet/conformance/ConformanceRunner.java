package io.signet.conformance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonFactory;
import io.signet.internal.json.Json;
import io.signet.json.Limits;
import io.signet.internal.json.PyValueReader;
import io.signet.enforce.Profile;
import io.signet.schema.ModelSignature;
import io.signet.py.PyJson;
import io.signet.schema.Schema;
import io.signet.schema.SignatureException;
import io.signet.schema.TensorSpec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Runs conformance cases (the format of the shared MLflow corpus) through Signet in
 * MLflow-compatible mode: one JSON result line per case on {@code out}, and, when the cases carry
 * MLflow's verdicts, the summary line {@code N passed, N failed, N skipped} on {@code err}. Under
 * {@link Profile#MLFLOW_3} a case is run with MLflow 3.6's rules and compared with its
 * {@code mlflow3} verdict where it has one (else {@code mlflow}); a case MLflow 3.6 itself could not
 * run ({@code mlflow3.skipped}) counts as skipped. Case lines of any size are read (the corpus holds
 * strings past Jackson's default 20 MB limit, which used to skip them silently).
 */
public final class ConformanceRunner {
    /** How a result starts when the runner could not build the case's input (a gap of the runner, not a verdict). */
    static final String INPUT_NOT_BUILT = "the case input could not be built: ";

    /**
     * The case reader: Python's json.loads values with no size limits. Case files are trusted test
     * data, and a limit here would silently turn a case into a "malformed" skip.
     */
    private static final JsonFactory CASES = Json.factory(Limits.DEFAULT.withMaxDocumentBytes(Long.MAX_VALUE)
        .withMaxStringLength(Integer.MAX_VALUE).withMaxNumberLength(Integer.MAX_VALUE).withMaxNestingDepth(1000));

    /** Counts of one run. */
    public static final class Summary {
        public int total;
        public int passed;
        public int failed;
        public int skipped;
        public int withVerdict;
        public int internalErrors;

        @Override
        public String toString() {
            return passed + " passed, " + failed + " failed, " + skipped + " skipped";
        }
    }

    private ConformanceRunner() {
    }

    /** Runs every case read from {@code in} with MLflow 2.17.2's rules; a line that is not a case is reported, not fatal. */
    public static Summary run(final BufferedReader in, final PrintStream out, final PrintStream err) throws IOException {
        return run(in, out, err, Profile.MLFLOW_2);
    }

    /** Reads one case line (any size) as Python values. */
    static Object readCase(final String line) throws IOException {
        try (JsonParser p = CASES.createParser(line)) {
            if (p.nextToken() == null) {
                throw new IOException("empty line");
            }
            final Object v = PyValueReader.read(p);
            if (p.nextToken() != null) {
                throw new IOException("trailing data after the case object");
            }
            return v;
        }
    }

    /** The verdict a case is compared with under the profile: {@code mlflow3} for MLflow 3 where present, else {@code mlflow}. */
    static Object reference(final Map<String, Object> c, final Profile profile) {
        if (profile == Profile.MLFLOW_3 && c.get("mlflow3") instanceof Map) {
            return c.get("mlflow3");
        }
        return c.get("mlflow");
    }

    /** Runs every case read from {@code in} with the profile's rules; a line that is not a case is reported, not fatal. */
    public static Summary run(final BufferedReader in, final PrintStream out, final PrintStream err,
                              final Profile profile) throws IOException {
        final Summary s = new Summary();
        String line;
        int lineNo = 0;
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            final Map<String, Object> c;
            try {
                final Object v = readCase(line);
                if (!(v instanceof Map)) {
                    err.println("line " + lineNo + ": not a JSON object, skipped");
                    continue;
                }
                @SuppressWarnings("unchecked") final Map<String, Object> m = (Map<String, Object>) v;
                c = m;
            } catch (final IOException e) {
                final String why = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
                    : e.getMessage();
                err.println("line " + lineNo + ": malformed JSON (" + Json.excerpt(why, 200) + "), skipped");
                continue;
            }
            final String id = String.valueOf(c.get("id"));
            final CaseResult r = runCase(c, profile);
            out.println(PyJson.dumps(r.toJson(id)));
            s.total++;
            if ("INTERNAL_ERROR".equals(r.errorCode) && r.message != null && r.message.startsWith("Signet failed")) {
                s.internalErrors++;
                err.println("case " + id + ": " + r.message);
            }
            if (r.skipped != null) {
                s.skipped++;
            }
            final Object ref = reference(c, profile);
            if (ref instanceof Map) {
                s.withVerdict++;
                if (r.skipped == null && ((Map<?, ?>) ref).get("skipped") != null) {
                    s.skipped++; // MLflow itself could not run the case (numpy 2 has no dtype float_)
                } else if (r.skipped == null) {
                    if (agrees(r, (Map<?, ?>) ref)) {
                        s.passed++;
                    } else {
                        s.failed++;
                    }
                }
            }
        }
        out.flush();
        if (s.withVerdict > 0) {
            err.println(s);
        }
        return s;
    }

    /** The scoring rule of the shared corpus: same ok; for serving also same status and error code. */
    static boolean agrees(final CaseResult r, final Map<?, ?> ref) {
        if (r.message != null && r.message.startsWith(INPUT_NOT_BUILT)) {
            return false; // the runner's own gap, never an agreement, whatever MLflow answered
        }
        final boolean refOk = Boolean.TRUE.equals(ref.get("ok"));
        if (r.ok != refOk) {
            return r.deviation != null && refOk && !r.ok;
        }
        if ("serving".equals(ref.get("path"))) {
            final Object st = ref.get("http_status");
            final Long want = st instanceof Number ? ((Number) st).longValue() : null;
            final Long got = r.httpStatus == null ? null : (long) r.httpStatus;
            if (!Objects.equals(want, got)) {
                return false;
            }
            return refOk || Objects.equals(ref.get("error_code"), r.errorCode);
        }
        return true;
    }

    /**
     * A signature whose inputs, outputs and params are all null or "" is a model logged without a
     * signature (how the corpus's cases are run: no ModelSignature is built, nothing is enforced).
     */
    private static boolean anySignatureField(final Map<?, ?> s) {
        for (final String k : new String[] {"inputs", "outputs", "params"}) {
            final Object v = s.get(k);
            if (v != null && !"".equals(v)) {
                return true;
            }
        }
        return false;
    }

    /** One case with MLflow 2.17.2's rules. */
    public static CaseResult runCase(final Map<String, Object> c) {
        return runCase(c, Profile.MLFLOW_2);
    }

    /** One case with the profile's rules: the signature first (MLflow refuses some at load time), then the input. */
    public static CaseResult runCase(final Map<String, Object> c, final Profile profile) {
        final ModelSignature sig;
        try {
            final Object s = c.get("signature");
            sig = s instanceof Map && anySignatureField((Map<?, ?>) s) ? ModelSignature.fromDict((Map<?, ?>) s, profile)
                : null;
        } catch (final SignatureException e) {
            return CaseResult.rejected(e.errorCode(), e.getMessage(), "signature");
        } catch (final RuntimeException e) {
            return CaseResult.rejected("INTERNAL_ERROR", "signature could not be read: " + e, "signature");
        }
        try {
            if (c.containsKey("payload") || c.containsKey("payload_raw")) {
                return ServingCases.run(c, sig, profile);
            }
            if (c.containsKey("input")) {
                final Schema in = sig == null ? null : sig.inputs();
                if (in != null && in.input(0) instanceof TensorSpec) {
                    return TensorCases.run(c, sig, profile);
                }
                return ColumnCases.run(c, sig, io.signet.enforce.Mode.MLFLOW, profile);
            }
            return CaseResult.skipped("case has neither payload nor input");
        } catch (final RuntimeException | StackOverflowError e) {
            final CaseResult r = CaseResult.rejected("INTERNAL_ERROR", "Signet failed on this case: " + e, null);
            r.httpStatus = c.containsKey("input") ? null : 500;
            return r;
        }
    }
}
