package io.signet.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.netty.buffer.Unpooled;
import io.signet.serving.ScoringResponse;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real server on a free loopback port, against MLflow 2.17.2's own answers: every serving case
 * of the small corpora and a fixed, seeded sample of each large one (src-test-data/serving and the
 * serving cases of src-test-data/conformance) goes over HTTP to {@code POST /invocations} of a
 * server holding the case's signature (one server per distinct signature). The answer must carry
 * MLflow's status and error code (or be a documented deviation where MLflow accepted), and exactly
 * the library's own message, path and error code for the same bytes; that sentence is then held
 * against MLflow's ({@link #sameSentence}): the ones the library words otherwise are printed and
 * bounded.
 */
class OracleEndToEndTest {
    /** Files with at most this many serving cases run whole; larger ones give a seeded sample of this size. */
    private static final int SAMPLE = 100;
    private static final long SEED = 20260514L;
    /** Library sentences worded otherwise than MLflow's in the sample at 47f76b6 (2.5% of the cases). */
    private static final int MAX_WORDING = 60;
    /**
     * The same under MLflow 3's rules against MLflow 3.6's sentences, measured at 408f657: 140 of 2,004 (7%), most
     * of them pandas 2's datetime parser texts (pandas 2 words 'Unknown string format', tz mixing and out-of-bounds
     * errors otherwise, and adds ', at position N') that Signet still words as pandas 1.5; verdicts agree.
     */
    private static final int MAX_WORDING_3 = 140;
    private static final String[] FILES = {
        "/serving/mlflow-serving-content.jsonl", "/serving/mlflow-serving-probes.jsonl",
        "/serving/mlflow-serving-labels.jsonl", "/serving/mlflow-serving-params.jsonl",
        "/serving/mlflow-serving-columns.jsonl", "/serving/mlflow-serving-datetimes.jsonl",
        "/serving/mlflow-serving-exact-rules.jsonl", "/serving/mlflow-serving-frames-unnamed.jsonl",
        "/serving/mlflow-serving-frames.jsonl", "/serving/mlflow-serving-heldout.jsonl",
        "/serving/mlflow-serving-nested.jsonl", "/serving/mlflow-serving-records-typed.jsonl",
        "/serving/mlflow-serving-records.jsonl", "/serving/mlflow-serving-tensors.jsonl",
        "/conformance/mlflow-2.17.2-cases.jsonl", "/conformance/signet-extra-cases.jsonl",
        "/conformance/signet-fuzz-cases.jsonl", "/conformance/signet-fuzz2-cases.jsonl",
        "/conformance/signet-mlflow3-cases.jsonl",
    };
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Servers servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new Servers();
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void everyAnswerIsMlflow2s() throws Exception {
        everyAnswerIsMlflows(io.signet.enforce.Profile.MLFLOW_2, "mlflow", MAX_WORDING);
    }

    /** The same sample under MLflow 3's rules against MLflow 3.6's verdicts (numpy 2 / pandas 2): no known list. */
    @Test
    void everyAnswerIsMlflow3s() throws Exception {
        everyAnswerIsMlflows(io.signet.enforce.Profile.MLFLOW_3, "mlflow3", MAX_WORDING_3);
    }

    private void everyAnswerIsMlflows(final io.signet.enforce.Profile profile, final String field, final int maxWording)
        throws Exception {
        final Map<String, SignetServer> bySignature = new HashMap<>();
        final io.signet.serving.ScoringContext ctx = new io.signet.serving.ScoringContext();
        final List<String> failures = new ArrayList<>();
        final List<String> wording = new ArrayList<>();
        final java.util.Set<String> knownDisagreements = knownDisagreements();
        int n = 0;
        int known = 0;
        int deviations = 0;
        try {
            for (final String file : FILES) {
                final List<OracleCase> cases = sample(OracleCase.read(file, field));
                assertTrue(cases.size() >= 40, file + ": " + cases.size() + " serving cases");
                for (final OracleCase c : cases) {
                    final String key = String.valueOf(c.signature);
                    SignetServer s = bySignature.get(key);
                    if (s == null) {
                        s = servers.start(servers.model("m", c.signature, profile));
                        bySignature.put(key, s);
                    }
                    final HttpResponse<String> r = servers.post(s, "/invocations", c.body, c.contentType);
                    final ScoringResponse lib = s.service().model().scorer().score(ctx, Unpooled.wrappedBuffer(c.body),
                        c.contentType);
                    String why = disagreement(c, r, lib);
                    if (why != null && profile == io.signet.enforce.Profile.MLFLOW_2 && c.file.startsWith("/conformance/")
                        && knownDisagreements.contains(c.file.substring("/conformance/".length()) + "\t" + c.id)
                        && !why.startsWith("HTTP")) {
                        // the library's own known disagreement (known-disagreements.tsv): the HTTP answer must still
                        // be the library's, which disagreement() checked before comparing with MLflow
                        known++;
                        why = null;
                    }
                    if (why != null) {
                        failures.add(c + ": " + why);
                    } else if (r.statusCode() != 200 && r.statusCode() != 415 && c.status != 200
                        && !sameSentence(lib.message(), c.message)) {
                        wording.add(c + ": '" + lib.message() + "', MLflow '" + c.message + "'");
                    }
                    deviations += c.status == 200 && r.statusCode() != 200 ? 1 : 0;
                    n++;
                }
            }
        } finally {
            for (final SignetServer s : bySignature.values()) {
                s.close();
            }
            ctx.close();
        }
        System.out.println("OracleEndToEndTest (" + profile.describe() + "): " + n + " cases over HTTP, " + bySignature.size() + " signatures, "
            + deviations + " documented deviations, " + known + " known library disagreements (in "
            + "known-disagreements.tsv), " + failures.size() + " disagreements, " + wording.size()
            + " sentences worded otherwise by the library");
        for (final String w : wording) {
            System.out.println("  wording: " + w.replace('\n', ' '));
        }
        assertTrue(n > 1500, "cases sent: " + n);
        assertEquals(Collections.emptyList(), failures);
        // the library's known wording differences (JSON decoder texts, numpy/pandas exception texts, a few
        // rule sentences), listed above: the HTTP layer adds none, and this ceiling catches new ones
        assertTrue(wording.size() <= maxWording, wording.size() + " sentences worded otherwise (at most "
            + maxWording + ")");
    }

    /**
     * "file\tid" of the conformance cases on which the library knowingly disagrees with MLflow
     * (src-test-data/conformance/known-disagreements.tsv; every other case agrees, ConformanceCorpusTest).
     */
    private static java.util.Set<String> knownDisagreements() throws java.io.IOException {
        try (java.io.InputStream in = OracleEndToEndTest.class.getResourceAsStream("/conformance/known-disagreements.tsv")) {
            final java.util.Set<String> known = new java.util.HashSet<>();
            for (final String l : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).split("\n")) {
                final String[] f = l.split("\t");
                if (!l.isBlank() && !l.startsWith("#") && f.length >= 2) {
                    known.add(f[0] + "\t" + f[1]);
                }
            }
            return known;
        }
    }

    /** All cases of a small file; a seeded sample of a large one (the same cases every run). */
    static List<OracleCase> sample(final List<OracleCase> all) {
        if (all.size() <= SAMPLE * 2) {
            return all;
        }
        final List<OracleCase> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(SEED));
        return copy.subList(0, SAMPLE);
    }

    /**
     * Null when the HTTP answer is MLflow's status and error code (or a documented deviation from an
     * MLflow acceptance) and carries exactly the library's own answer for the same bytes.
     */
    static String disagreement(final OracleCase c, final HttpResponse<String> r, final ScoringResponse lib)
        throws Exception {
        final int got = r.statusCode();
        if (got != lib.status()) {
            return "HTTP " + got + ", library " + lib;
        }
        if (got == 200) {
            return c.status == 200 ? null : "200, MLflow " + c.status + " " + c.errorCode + ": " + c.message;
        }
        if (got == 415) {
            if (c.status != 415) {
                return "415 " + r.body() + ", MLflow " + c.status;
            }
            // the oracle did not record 415 texts (null); where it did, they must match
            return r.body().equals(lib.message()) && (c.message == null || r.body().equals(c.message)) ? null
                : "415 text '" + r.body() + "', MLflow '" + c.message + "'";
        }
        final JsonNode b = JSON.readTree(r.body());
        final String code = b.path("error_code").asText(null);
        final String msg = b.path("message").asText(null);
        if (!String.valueOf(msg).equals(lib.message()) || !String.valueOf(code).equals(lib.errorCode())
            || !b.path("path").asText("").equals(lib.pointer() == null ? "" : lib.pointer())) {
            return "HTTP body " + r.body() + " is not the library's " + lib;
        }
        if (c.status == 200) {
            return b.hasNonNull("deviation") ? null : got + " " + code + " '" + msg + "' without a deviation, MLflow 200";
        }
        if (got != c.status || !String.valueOf(code).equals(c.errorCode)) {
            return got + " " + code + " '" + msg + "', MLflow " + c.status + " " + c.errorCode + " '" + c.message + "'";
        }
        return null;
    }

    /**
     * MLflow's message wraps the core sentence ({@code Failed to predict data '<payload>'. Error: ...}):
     * Signet's message must be that core sentence, i.e. a suffix of MLflow's message after an
     * "Error: " (or the whole message); where Signet cut a quoted value short (its excerpts end in
     * "...", "and N more" or "(N chars)"), the part before the cut must appear in MLflow's message.
     * Python's exception wrappers ({@code ValueError("...")}) are not part of the sentence, and the
     * order of a Python set's items (parameter errors, extra inputs) is the hash's, not MLflow's choice.
     */
    static boolean sameSentence(final String signet, final String mlflow) {
        if (signet == null || mlflow == null) {
            return signet == null && mlflow == null;
        }
        if (suffix(signet, mlflow) || suffix(unwrap(signet), unwrap(mlflow))) {
            return true;
        }
        final int cut = cutAt(signet);
        if (cut > 0 && mlflow.contains(signet.substring(0, cut))) {
            return true;
        }
        if (signet.contains("{(") || signet.contains("extra inputs")) {
            final int i = mlflow.length() - signet.length();
            return i >= 0 && sorted(mlflow.substring(i)).equals(sorted(signet));
        }
        return false;
    }

    private static boolean suffix(final String signet, final String mlflow) {
        return mlflow.equals(signet) || mlflow.endsWith("Error: " + signet) || mlflow.endsWith(" " + signet)
            || mlflow.endsWith("\n" + signet);
    }

    private static String unwrap(final String s) {
        return s.replaceAll("[A-Za-z]*(Error|Exception)\\((['\"])(.*?)\\2\\)", "$3");
    }

    private static String sorted(final String s) {
        final char[] c = s.toCharArray();
        java.util.Arrays.sort(c);
        return new String(c);
    }

    private static int cutAt(final String s) {
        int best = -1;
        for (final String mark : new String[] {"...", " and ", " more", " chars)"}) {
            final int i = s.indexOf(mark);
            if (i > 0 && (best < 0 || i < best)) {
                best = i;
            }
        }
        return best;
    }
}
