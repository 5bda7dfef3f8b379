package io.signet.conformance;

import io.signet.enforce.Profile;
import io.signet.schema.PyJson;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Runs the shared MLflow corpus (and Signet's extra cases) through the conformance runner. A case
 * listed in {@code passing-ids.txt} that no longer agrees with MLflow fails the build, with its id.
 * Regenerate the list after an improvement with {@code -Dsignet.conformance.update=true}.
 *
 * <p>Each case, read once, is also run with MLflow 3's rules ({@link Profile#MLFLOW_3}) against its
 * {@code mlflow3} verdict (MLflow 3.6 on numpy 2.3 / pandas 2.3): every case must agree (a case MLflow
 * 3.6 could not run, {@code mlflow3.skipped}, is skipped).
 */
class ConformanceCorpusTest {
    private static Path dir() {
        return io.signet.testdata.TestData.root().resolve("conformance");
    }

    @Test
    void noCaseThatPassedBeforeFailsNow() throws IOException {
        final Set<String> passing = new TreeSet<>();
        final Map<String, String> failures = new HashMap<>();
        final List<String> failures3 = new java.util.ArrayList<>();
        int agree3 = 0;
        int cases = 0;
        try (var files = Files.list(dir())) {
            for (final Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".jsonl")).sorted()::iterator) {
                final ByteArrayOutputStream out = new ByteArrayOutputStream();
                final ByteArrayOutputStream err = new ByteArrayOutputStream();
                final ConformanceRunner.Summary s;
                try (BufferedReader in = Files.newBufferedReader(f, StandardCharsets.UTF_8);
                     PrintStream po = new PrintStream(out, true, StandardCharsets.UTF_8);
                     PrintStream pe = new PrintStream(err, true, StandardCharsets.UTF_8)) {
                    s = ConformanceRunner.run(in, po, pe);
                }
                assertEquals(0, s.internalErrors, f + ": Signet threw on some cases:\n" + err.toString(StandardCharsets.UTF_8));
                final List<String> lines = Files.readAllLines(f);
                final Map<String, Map<?, ?>> refs = new HashMap<>();
                for (final String l : lines) {
                    if (!l.isBlank()) {
                        @SuppressWarnings("unchecked") final Map<String, Object> c = (Map<String, Object>) PyJson.loads(l);
                        refs.put(String.valueOf(c.get("id")), (Map<?, ?>) c.get("mlflow"));
                        cases++;
                        // the same parsed case under MLflow 3's rules
                        final Map<?, ?> ref3 = (Map<?, ?>) ConformanceRunner.reference(c, Profile.MLFLOW_3);
                        if (ref3 != null && ref3.get("skipped") == null) {
                            final CaseResult r3 = ConformanceRunner.runCase(c, Profile.MLFLOW_3);
                            if (r3.skipped == null && ConformanceRunner.agrees(r3, ref3)) {
                                agree3++;
                            } else {
                                failures3.add(f.getFileName() + " " + c.get("id") + ": Signet " + r3.ok + " "
                                    + r3.httpStatus + " " + r3.errorCode + " " + r3.message + " / MLflow 3.6 "
                                    + ref3.get("ok") + " " + ref3.get("http_status") + " " + ref3.get("error_code"));
                            }
                        }
                    }
                }
                int results = 0;
                for (final String l : out.toString(StandardCharsets.UTF_8).split("\n")) {
                    if (l.isBlank()) {
                        continue;
                    }
                    results++;
                    final Map<?, ?> r = (Map<?, ?>) PyJson.loads(l);
                    final String id = String.valueOf(r.get("id"));
                    final CaseResult cr = new CaseResult();
                    cr.ok = Boolean.TRUE.equals(r.get("ok"));
                    cr.httpStatus = r.get("http_status") == null ? null : ((Number) r.get("http_status")).intValue();
                    cr.errorCode = (String) r.get("error_code");
                    cr.deviation = (String) r.get("deviation");
                    final Map<?, ?> ref = refs.get(id);
                    if (r.get("skipped") == null && ref != null && ConformanceRunner.agrees(cr, ref)) {
                        passing.add(id);
                    } else {
                        failures.put(id, String.valueOf(r.get("message")));
                    }
                }
                assertEquals(refs.size(), results, f + ": one result line per case");
            }
        }
        assertTrue(cases > 0);
        assertTrue(failures3.isEmpty(), failures3.size() + " case(s) disagree with MLflow 3.6:\n  "
            + String.join("\n  ", failures3.subList(0, Math.min(40, failures3.size()))));
        assertTrue(agree3 > 7800, "cases agreeing with MLflow 3.6: " + agree3);
        final Path list = dir().resolve("passing-ids.txt");
        if (Boolean.getBoolean("signet.conformance.update")) {
            Files.write(list, passing);
            return;
        }
        final Set<String> before = new HashSet<>(Files.readAllLines(list));
        before.removeIf(String::isBlank);
        final Set<String> regressed = new TreeSet<>(before);
        regressed.removeAll(passing);
        if (!regressed.isEmpty()) {
            final StringBuilder sb = new StringBuilder("cases that agreed with MLflow before and do not now:\n");
            for (final String id : regressed) {
                sb.append("  ").append(id).append(": ").append(failures.get(id)).append('\n');
            }
            fail(sb.toString());
        }
    }
}
