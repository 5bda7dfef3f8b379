package io.signet.serving;

import io.signet.conformance.ConformanceRunnerAccess;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Serving cases whose verdicts were produced by running MLflow 2.17.2 itself (the oracle in
 * ../shared/mlflow-oracle): hand-written probes of the parsing rules, and randomly generated
 * {@code dataframe_split} bodies for random named column schemas (which exercise the streaming
 * frame path against pandas' casting). Every case must agree on ok, status and error code, or carry
 * a deviation where MLflow accepted.
 */
class ServingDifferentialTest {
    private static void run(final String resource) throws IOException {
        final List<String> failures = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            ServingDifferentialTest.class.getResourceAsStream(resource), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                // Signet's own reader: integers past 64 bits stay BigInteger (PyJson's mapper refuses them)
                final Map<String, Object> c;
                try (com.fasterxml.jackson.core.JsonParser p = io.signet.json.Json.factory(io.signet.json.Limits.DEFAULT)
                    .createParser(line)) {
                    p.nextToken();
                    @SuppressWarnings("unchecked") final Map<String, Object> m =
                        (Map<String, Object>) io.signet.json.PyValueReader.read(p);
                    c = m;
                }
                final String verdict = ConformanceRunnerAccess.verdict(c);
                if (verdict != null) {
                    failures.add(c.get("id") + ": " + verdict);
                }
                n++;
            }
        }
        assertTrue(n > 50, "cases read: " + n);
        assertTrue(failures.isEmpty(), failures.size() + " disagreements:\n" + String.join("\n", failures));
    }

    @Test
    void handWrittenProbes() throws IOException {
        run("/serving/mlflow-serving-probes.jsonl");
    }

    @Test
    void randomDataframeSplits() throws IOException {
        run("/serving/mlflow-serving-frames.jsonl");
    }
}
