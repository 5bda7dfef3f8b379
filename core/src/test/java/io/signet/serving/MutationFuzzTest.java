package io.signet.serving;

import io.signet.internal.json.Json;
import io.signet.json.Limits;
import io.signet.internal.json.PyValueReader;
import io.signet.schema.ModelSignature;
import io.signet.py.PyJson;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every oracle-checked serving case, truncated or with one byte replaced (structural characters or
 * random bytes), must give an answer: 200, 415, or a 400 with an error code and a location; never an
 * exception. (A 75,000-mutation run of the same generator found nothing; this keeps a fast sample.)
 */
class MutationFuzzTest {
    private static final String[] FILES = {"probes", "content", "tensors", "columns", "frames", "params", "heldout",
        "datetimes"};

    @Test
    void mutatedPayloadsNeverThrowAndAlwaysLocateTheirError() throws IOException {
        final Random rnd = new Random(3);
        final List<String> problems = new ArrayList<>();
        int n = 0;
        for (final String f : FILES) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                MutationFuzzTest.class.getResourceAsStream("/serving/mlflow-serving-" + f + ".jsonl"),
                StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (line.isBlank()) {
                        continue;
                    }
                    final Map<?, ?> c;
                    try (var p = Json.factory(Limits.DEFAULT).createParser(line)) {
                        p.nextToken();
                        c = (Map<?, ?>) PyValueReader.read(p);
                    }
                    final ModelSignature sig;
                    try {
                        sig = c.get("signature") instanceof Map ? ModelSignature.fromDict((Map<?, ?>) c.get("signature"))
                            : null;
                    } catch (RuntimeException e) {
                        continue;
                    }
                    final String body = c.containsKey("payload_raw") ? String.valueOf(c.get("payload_raw"))
                        : PyJson.dumps(c.get("payload"));
                    final String ct = c.get("content_type") == null ? "application/json"
                        : String.valueOf(c.get("content_type"));
                    final byte[] b0 = body.getBytes(StandardCharsets.UTF_8);
                    if (b0.length == 0) {
                        continue;
                    }
                    final ScoringServer s = new ScoringServer(sig);
                    for (int k = 0; k < 3; k++) {
                        byte[] b = b0.clone();
                        final int mode = rnd.nextInt(3);
                        if (mode == 0) {
                            b = Arrays.copyOf(b, rnd.nextInt(b.length));
                        } else if (mode == 1) {
                            b[rnd.nextInt(b.length)] = (byte) "[]{}\",:01-.eEtfn x".charAt(rnd.nextInt(18));
                        } else {
                            b[rnd.nextInt(b.length)] = (byte) rnd.nextInt(256);
                        }
                        n++;
                        try {
                            final ScoringResponse r = s.invoke(b, ct);
                            if (!r.ok() && r.status() == 400 && (r.errorCode() == null || r.location() == null)) {
                                problems.add(c.get("id") + ": unlocated " + r);
                            } else if (!r.ok() && r.status() != 400 && r.status() != 415) {
                                problems.add(c.get("id") + ": status " + r);
                            }
                        } catch (RuntimeException e) {
                            problems.add(c.get("id") + ": threw " + e);
                        }
                    }
                }
            }
        }
        assertTrue(n > 3000, "mutations: " + n);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }
}
