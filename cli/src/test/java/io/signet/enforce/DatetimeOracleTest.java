package io.signet.enforce;

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
 * In-process datetime columns judged by MLflow 2.17.2 itself (gen_datetime_cases.py beside the serving oracle
 * files): object columns mixing naive and timezone-aware strings, different UTC offsets, numbers, Python
 * datetime and date objects, NaT spellings and out-of-range strings, through pandas'
 * {@code astype('datetime64[ns]')} in {@code _enforce_mlflow_datatype}. Every case must agree on ok; a
 * failure must carry MLflow's core message exactly (including its {@code DataType.datetime}).
 */
class DatetimeOracleTest {
    @Test
    void inProcessDatetimeColumnsAgreeWithMlflow() throws IOException {
        final List<String> failures = new ArrayList<>();
        int n = 0;
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            DatetimeOracleTest.class.getResourceAsStream("/serving/mlflow-python-datetimes.jsonl"),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                @SuppressWarnings("unchecked") final Map<String, Object> c =
                    (Map<String, Object>) io.signet.py.PyJson.loads(line);
                final String verdict = ConformanceRunnerAccess.verdict(c);
                if (verdict != null) {
                    failures.add(c.get("id") + ": " + verdict);
                } else if (!Boolean.TRUE.equals(((Map<?, ?>) c.get("mlflow")).get("ok"))) {
                    final String error = String.valueOf(((Map<?, ?>) c.get("mlflow")).get("error"));
                    final String core = error.substring(error.lastIndexOf("Error: ") + 7);
                    final String message = ConformanceRunnerAccess.message(c);
                    if (!core.equals(message)) {
                        failures.add(c.get("id") + ": message " + message + " / MLflow " + core);
                    }
                }
                n++;
            }
        }
        assertTrue(n > 200, "cases read: " + n);
        assertTrue(failures.isEmpty(), failures.size() + " disagreements:\n" + String.join("\n", failures));
    }
}
