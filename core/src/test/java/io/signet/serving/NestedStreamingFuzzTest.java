package io.signet.serving;

import io.signet.enforce.Mode;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The nested serving cases MLflow accepted (mlflow-serving-nested.jsonl), each mutated a few times at
 * one random spot inside the body (a leaf or container swapped for another JSON value, a key dropped
 * or added, a list emptied or grown), judged with and without the streaming frame path: same
 * response and, when accepted, the same decoded cells. The oracle files prove the exact path; this
 * widens the irregular nested cells the streaming path must abstain on (or take exactly).
 */
class NestedStreamingFuzzTest {
    private static final Object[] SWAPS = {null, 0L, 1L, 2L, -7L, 1.0, 0.0, 2.5, Double.NaN, true, false, "", "x",
        "1.5", new ArrayList<>(), new LinkedHashMap<>(), List.of(1L), List.of(1.5), Map.of("a", 1L)};

    @Test
    void mutatedNestedBodiesAnswerAsTheExactPath() throws IOException {
        final Random rnd = new Random(11);
        final List<String> failures = new ArrayList<>();
        int tried = 0;
        int streamed = 0;
        final ScoringContext probe = new ScoringContext();
        final ScoringContext ctxA = new ScoringContext();
        final ScoringContext ctxB = new ScoringContext();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
            NestedStreamingFuzzTest.class.getResourceAsStream("/serving/mlflow-serving-nested.jsonl"),
            StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                final Map<?, ?> c = (Map<?, ?>) read(line);
                if (!Boolean.TRUE.equals(((Map<?, ?>) c.get("mlflow")).get("ok"))) {
                    continue;
                }
                final ModelSignature sig = ModelSignature.fromDict((Map<?, ?>) c.get("signature"));
                final String body0 = c.containsKey("payload_raw") ? (String) c.get("payload_raw")
                    : PyJson.dumps(c.get("payload"));
                for (int k = 0; k < 6; k++) {
                    final Object doc = read(body0);
                    final Object mutated = mutate(doc, rnd, 0);
                    final String body = PyJson.dumps(mutated);
                    final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                    tried++;
                    probe.begin();
                    if (FastFramePath.applies(sig.inputs()) && new FastFramePath(sig.inputs(), Mode.MLFLOW,
                        Limits.DEFAULT, Json.rawFactory(Limits.DEFAULT)).tryInvoke(probe, bytes, 0, bytes.length,
                        new ScoringServer(sig))) {
                        streamed++;
                    }
                    final ScoringServer fast = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, true);
                    final ScoringResponse a = fast.invoke(ctxA, bytes, "application/json");
                    final String fa = FastPathEquivalenceTest.describe(ctxA, sig);
                    final ScoringServer exact = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, false);
                    final ScoringResponse b = exact.invoke(ctxB, bytes, "application/json");
                    final String fb = FastPathEquivalenceTest.describe(ctxB, sig);
                    final String ra = a.status() + " " + a.errorCode() + " " + a.message() + " " + a.pointer();
                    final String rb = b.status() + " " + b.errorCode() + " " + b.message() + " " + b.pointer();
                    if (!ra.equals(rb) || !Objects.equals(fa, fb)) {
                        failures.add(c.get("id") + " " + body + "\n  fast  " + ra + " " + fa + "\n  exact " + rb + " " + fb);
                    }
                }
            }
        }
        System.out.println("mutated nested bodies: " + tried + ", streamed: " + streamed);
        assertTrue(tried > 2000 && streamed > 200, tried + " tried, " + streamed + " streamed");
        assertTrue(failures.isEmpty(), failures.size() + " differences:\n"
            + String.join("\n", failures.subList(0, Math.min(20, failures.size()))));
    }

    private static Object read(final String s) throws IOException {
        try (var p = Json.factory(Limits.DEFAULT).createParser(s)) {
            p.nextToken();
            return PyValueReader.read(p);
        }
    }

    /** One change at a random spot below the top-level format key (containers descended at random). */
    @SuppressWarnings("unchecked")
    private static Object mutate(final Object v, final Random rnd, final int depth) {
        if (depth == 1 && v instanceof Map && ((Map<?, ?>) v).containsKey("data")) {
            // dataframe_split: the cells only (a null label in "columns" is an exact-path matter of its own)
            ((Map<Object, Object>) v).put("data", mutate(((Map<?, ?>) v).get("data"), rnd, depth + 1));
            return v;
        }
        if (v instanceof Map && !((Map<?, ?>) v).isEmpty()) {
            final Map<Object, Object> m = (Map<Object, Object>) v;
            final List<Object> keys = new ArrayList<>(m.keySet());
            if (depth >= 3 && rnd.nextInt(6) == 0) {
                if (rnd.nextBoolean()) {
                    m.remove(keys.get(rnd.nextInt(keys.size())));
                } else {
                    m.put(rnd.nextBoolean() ? "zz" : String.valueOf(keys.get(0)) + "x", swap(rnd));
                }
                return v;
            }
            final Object k = keys.get(rnd.nextInt(keys.size()));
            if (depth >= 3 && rnd.nextInt(4) == 0) {
                m.put(k, swap(rnd));
            } else {
                m.put(k, mutate(m.get(k), rnd, depth + 1));
            }
            return v;
        }
        if (v instanceof List && !((List<?>) v).isEmpty()) {
            final List<Object> l = (List<Object>) v;
            if (depth >= 3 && rnd.nextInt(8) == 0) {
                if (rnd.nextBoolean()) {
                    l.clear();
                } else {
                    l.add(l.get(0));
                }
                return v;
            }
            final int i = rnd.nextInt(l.size());
            if (depth >= 3 && rnd.nextInt(4) == 0) {
                l.set(i, swap(rnd));
            } else {
                l.set(i, mutate(l.get(i), rnd, depth + 1));
            }
            return v;
        }
        return depth >= 3 ? swap(rnd) : v;
    }

    private static Object swap(final Random rnd) {
        final Object x = SWAPS[rnd.nextInt(SWAPS.length)];
        if (x instanceof List) {
            return new ArrayList<>((List<?>) x);
        }
        return x instanceof Map ? new LinkedHashMap<>((Map<?, ?>) x) : x;
    }
}
