package io.signet.conformance;

import io.signet.enforce.Profile;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs every case of every corpus file (MLflow's own cases and Signet's) through the conformance
 * runner: each must agree with MLflow 2.17.2's recorded verdict, except the cases listed, with a
 * reason, in {@code known-disagreements.tsv}; a listed case that agrees now fails too, so the list
 * only shrinks by someone removing a line on purpose.
 *
 * <p>Each case, read once, is also run with MLflow 3's rules ({@link Profile#MLFLOW_3}) against its
 * {@code mlflow3} verdict (MLflow 3.6 on numpy 2.3 / pandas 2.3): every case must agree (a case MLflow
 * 3.6 could not run, {@code mlflow3.skipped}, is skipped), except the known disagreements, whose
 * reason (the runner cannot build the case's input) holds under both profiles.
 */
class ConformanceCorpusTest {
    private static Path dir() {
        return io.signet.testdata.TestData.root().resolve("conformance");
    }

    /** "file\tid" to reason, from known-disagreements.tsv (comments and blank lines skipped). */
    static Map<String, String> known() throws IOException {
        final Map<String, String> m = new TreeMap<>();
        for (final String l : Files.readAllLines(dir().resolve("known-disagreements.tsv"), StandardCharsets.UTF_8)) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            final String[] f = l.split("\t", -1);
            assertEquals(3, f.length, "file<TAB>id<TAB>reason: " + l);
            assertTrue(!f[2].isBlank(), "every known disagreement says why: " + l);
            assertTrue(Files.isRegularFile(dir().resolve(f[0])), "no such corpus file: " + l);
            m.put(f[0] + "\t" + f[1], f[2]);
        }
        return m;
    }

    @Test
    void everyCaseAgreesExceptTheKnownDisagreements() throws IOException {
        final Map<String, String> known = known();
        final List<String> problems = new ArrayList<>();
        final Map<String, String> seenKnown = new TreeMap<>();
        final ConformanceRunner.Summary total = new ConformanceRunner.Summary();
        final List<String> failures3 = new ArrayList<>();
        int agree3 = 0;
        int cases = 0;
        try (var files = Files.list(dir())) {
            for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                final String name = f.getFileName().toString();
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                final ByteArrayOutputStream err = new ByteArrayOutputStream();
                final ConformanceRunner.Summary s;
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                     PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
                     PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    s = ConformanceRunner.run(in, po, pe);
                }
                total.passed += s.passed;
                total.failed += s.failed;
                total.skipped += s.skipped;
                assertEquals(0, s.internalErrors, f + ": Signet threw on some cases:\n" + err.toString(StandardCharsets.UTF_8));
                final Map<String, Map<String, Object>> refs = new TreeMap<>();
                for (final String l : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                    if (!l.isBlank()) {
                        @SuppressWarnings("unchecked") final Map<String, Object> c =
                            (Map<String, Object>) ConformanceRunner.readCase(l);
                        refs.put(String.valueOf(c.get("id")), c);
                        // the same parsed case under MLflow 3's rules
                        final Map<?, ?> ref3 = (Map<?, ?>) ConformanceRunner.reference(c, Profile.MLFLOW_3);
                        if (ref3 != null && ref3.get("skipped") == null) {
                            final CaseResult r3 = ConformanceRunner.runCase(c, Profile.MLFLOW_3);
                            if (r3.skipped == null && ConformanceRunner.agrees(r3, ref3)) {
                                agree3++;
                            } else if (!known.containsKey(name + "\t" + c.get("id"))) { // the runner's own gaps: both
                                failures3.add(f.getFileName() + " " + c.get("id") + ": Signet " + r3.ok + " "
                                    + r3.httpStatus + " " + r3.errorCode + " " + r3.message + " / MLflow 3.6 "
                                    + ref3.get("ok") + " " + ref3.get("http_status") + " " + ref3.get("error_code"));
                            }
                        }
                    }
                }
                cases += refs.size();
                int results = 0;
                for (final String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (l.isBlank()) {
                        continue;
                    }
                    results++;
                    final Map<?, ?> r = (Map<?, ?>) ConformanceRunner.readCase(l);
                    final String id = String.valueOf(r.get("id"));
                    final Object ref = ConformanceRunner.reference(refs.get(id), Profile.MLFLOW_2);
                    final boolean agrees = r.get("skipped") == null && ref instanceof Map
                        && ConformanceRunner.agrees(result(r), (Map<?, ?>) ref);
                    final String key = name + "\t" + id;
                    if (known.containsKey(key)) {
                        seenKnown.put(key, "");
                        if (agrees) {
                            problems.add(name + " " + id + ": agrees with MLflow now; remove it from known-disagreements.tsv");
                        }
                    } else if (!agrees) {
                        problems.add(name + " " + id + ": Signet " + (Boolean.TRUE.equals(r.get("ok")) ? "accepts" : "refuses ("
                            + r.get("http_status") + " " + r.get("error_code") + ": " + r.get("message") + ")")
                            + ", MLflow " + (ref instanceof Map && Boolean.TRUE.equals(((Map<?, ?>) ref).get("ok"))
                            ? "accepts" : "refuses") + (r.get("skipped") != null ? " (skipped: " + r.get("skipped") + ")" : ""));
                    }
                }
                assertEquals(refs.size(), results, f + ": one result line per case");
            }
        }
        assertTrue(failures3.isEmpty(), failures3.size() + " case(s) disagree with MLflow 3.6:\n  "
            + String.join("\n  ", failures3.subList(0, Math.min(40, failures3.size()))));
        assertTrue(agree3 > 7800, "cases agreeing with MLflow 3.6: " + agree3);
        for (final String k : known.keySet()) {
            if (!seenKnown.containsKey(k)) {
                problems.add(k.replace('\t', ' ') + ": listed in known-disagreements.tsv, but no such case");
            }
        }
        assertTrue(cases > 6000, "cases read: " + cases);
        if (!problems.isEmpty()) {
            fail(problems.size() + " case(s) break the ratchet:\n  " + String.join("\n  ", problems));
        }
        // README's sample of `signet conformance src-test-data/conformance/*.jsonl`
        assertEquals(List.of("total: " + total), io.signet.cli.ReadmeSamples.sample("conformance-total"),
            "README's conformance total (paste the line above into README)");
    }

    private static CaseResult result(final Map<?, ?> r) {
        final CaseResult cr = new CaseResult();
        cr.ok = Boolean.TRUE.equals(r.get("ok"));
        cr.httpStatus = r.get("http_status") == null ? null : ((Number) r.get("http_status")).intValue();
        cr.errorCode = (String) r.get("error_code");
        cr.deviation = (String) r.get("deviation");
        return cr;
    }

    @Test
    void caseLinesOfAnySizeAreRead() throws IOException {
        // a 21 M character string: past Jackson's default 20 M limit, which made the runner skip the line
        final String big = "x".repeat(21_000_000);
        final String line = "{\"id\": \"big\", \"signature\": {\"inputs\": \"[{\\\"type\\\": \\\"string\\\", \\\"name\\\": "
            + "\\\"s\\\", \\\"required\\\": true}]\"}, \"payload\": {\"dataframe_split\": {\"columns\": [\"s\"], \"data\": [[\""
            + big + "\"]]}}, \"mlflow\": {\"path\": \"serving\", \"ok\": false, \"http_status\": 400, \"error_code\": "
            + "\"BAD_REQUEST\"}}";
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final ConformanceRunner.Summary s;
        try (PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            s = ConformanceRunner.run(new BufferedReader(new StringReader(line)), po, pe);
        }
        assertEquals(1, s.total, err.toString(StandardCharsets.UTF_8));
        assertEquals(1, s.withVerdict);
        final Map<?, ?> r = (Map<?, ?>) ConformanceRunner.readCase(out.toString(StandardCharsets.UTF_8).strip());
        assertEquals("big", r.get("id"));
        // the body (21 MB) is over the scoring server's 1 Mi-char string limit: 400 BAD_REQUEST, as the case records
        assertEquals(400L, r.get("http_status"), r.toString());
        assertEquals(1, s.passed, err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void mlflow3ComparesWithTheMlflow3VerdictWhereACaseHasOne() throws IOException {
        final String both = "{\"id\": \"a\", \"signature\": {\"inputs\": \"[{\\\"type\\\": \\\"long\\\", \\\"name\\\": "
            + "\\\"x\\\", \\\"required\\\": true}]\"}, \"payload\": {\"dataframe_split\": {\"columns\": [\"x\"], \"data\": "
            + "[[1]]}}, \"mlflow\": {\"path\": \"serving\", \"ok\": true, \"http_status\": 200}, \"mlflow3\": {\"path\": "
            + "\"serving\", \"ok\": false, \"http_status\": 400, \"error_code\": \"BAD_REQUEST\"}}";
        final String only2 = both.replace("\"id\": \"a\"", "\"id\": \"b\"").replaceAll(", \"mlflow3\": \\{[^}]*\\}", "");
        final String skipped3 = both.replace("\"id\": \"a\"", "\"id\": \"c\"")
            .replaceAll("\"mlflow3\": \\{[^}]*\\}", "\"mlflow3\": {\"skipped\": \"numpy 2 has no float_\"}");
        final String cases = both + "\n" + only2 + "\n" + skipped3 + "\n";
        final ConformanceRunner.Summary two = ConformanceRunner.run(new BufferedReader(new StringReader(cases)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Profile.MLFLOW_2);
        assertEquals("3 passed, 0 failed, 0 skipped", two.toString());
        final ConformanceRunner.Summary three = ConformanceRunner.run(new BufferedReader(new StringReader(cases)),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), Profile.MLFLOW_3);
        assertEquals("1 passed, 1 failed, 1 skipped", three.toString(), "a: against mlflow3 (fails), b: mlflow, c: skipped");
    }
}
