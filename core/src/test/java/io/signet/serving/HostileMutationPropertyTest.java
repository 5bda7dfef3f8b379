package io.signet.serving;

import io.signet.json.Json;
import io.signet.json.Limits;
import io.signet.json.PyValueReader;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyJson;
import io.signet.schema.SignatureJson;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every serving oracle case (src-test-data/serving, about 10,400 bodies with MLflow's verdicts),
 * mutated the way a hostile client would: cut short, a slice repeated, a value nested past the depth
 * limit, numbers and strings past their limits, ill-formed UTF-8, the content type swapped. Whatever
 * comes of it, the answer is 200, 400, 413 or 415 with a message of at most 1 KB, and nothing is
 * thrown. A jqwik property draws a case and a seeded chain of mutations per try; a plain test mutates
 * every case once.
 */
class HostileMutationPropertyTest {
    private static final String[] FILES = {"probes", "content", "tensors", "columns", "frames", "frames-unnamed",
        "params", "heldout", "datetimes", "exact-rules", "labels", "nested", "records", "records-typed"};

    /** One oracle case: its signature, body and content type. */
    static final class Case {
        final String id;
        final String signature;
        final byte[] body;
        final String contentType;
        final Object payload;

        Case(final String id, final String signature, final byte[] body, final String contentType,
             final Object payload) {
            this.id = id;
            this.signature = signature;
            this.body = body;
            this.contentType = contentType;
            this.payload = payload;
        }
    }

    static final List<Case> CASES = load();
    private static final Map<String, ScoringServer> SERVERS = new HashMap<>();
    private final ScoringContext ctx = new ScoringContext();

    private static List<Case> load() {
        final List<Case> cases = new ArrayList<>();
        for (final String f : FILES) {
            try (BufferedReader in = new BufferedReader(new InputStreamReader(
                HostileMutationPropertyTest.class.getResourceAsStream("/serving/mlflow-serving-" + f + ".jsonl"),
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
                    if (!(c.get("signature") instanceof Map)) {
                        continue;
                    }
                    final Object payload = c.containsKey("payload_raw") ? null : c.get("payload");
                    final String body = c.containsKey("payload_raw") ? String.valueOf(c.get("payload_raw"))
                        : PyJson.dumps(c.get("payload"));
                    cases.add(new Case(String.valueOf(c.get("id")), PyJson.dumps(c.get("signature")),
                        body.getBytes(StandardCharsets.UTF_8), c.get("content_type") == null ? "application/json"
                        : String.valueOf(c.get("content_type")), payload));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return cases;
    }

    static ScoringServer server(final Case c) {
        return SERVERS.computeIfAbsent(c.signature, s -> {
            try {
                return new ScoringServer(SignatureJson.fromDict((Map<?, ?>) PyJson.loads(s)));
            } catch (Exception e) {
                return null; // a signature MLflow refused: no server to send to
            }
        });
    }

    // ------------------------------------------------------------------ mutations

    private static final String[] CONTENT_TYPES = {"application/json", "text/csv", "text/plain", null,
        "application/json; charset=latin-1", "application/json; q=1", "text/csv; charset=utf-8", ""};
    private static final byte[][] ILL_FORMED = {{(byte) 0xC0, (byte) 0x80}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
        {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {(byte) 0xF5}, {(byte) 0xFF, (byte) 0xFE},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}, {0}};

    /** A mutated request: body and content type. */
    static final class Request {
        byte[] body;
        String contentType;
        final List<String> applied = new ArrayList<>();

        Request(final byte[] body, final String contentType) {
            this.body = body;
            this.contentType = contentType;
        }
    }

    static byte[] splice(final byte[] b, final int at, final int cut, final byte[] insert) {
        final byte[] out = new byte[b.length - cut + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at + cut, out, at + insert.length, b.length - at - cut);
        return out;
    }

    /** Applies one mutation chosen by {@code r} (with {@code cheap}, one that does not grow the body). */
    static void mutate(final Request q, final Case c, final Random r, final boolean cheap) {
        final byte[] b = q.body;
        final int at = b.length == 0 ? 0 : r.nextInt(b.length + 1);
        final int[] cheapKinds = {0, 1, 5, 6};
        switch (cheap ? cheapKinds[r.nextInt(cheapKinds.length)] : r.nextInt(9)) {
            case 0: // truncation
                q.body = Arrays.copyOf(b, at);
                q.applied.add("truncate@" + at);
                break;
            case 1: { // duplication of a slice
                final int from = b.length == 0 ? 0 : r.nextInt(b.length);
                final int len = Math.min(b.length - from, 1 + r.nextInt(64));
                q.body = splice(b, at, 0, Arrays.copyOfRange(b, from, from + len));
                q.applied.add("duplicate " + from + "+" + len + "@" + at);
                break;
            }
            case 2: { // deep nesting, as a value where a value stands (structural) or as bytes anywhere
                final int depth = new int[] {63, 65, 100, 1_000, 100_000}[r.nextInt(5)];
                final String deep = r.nextBoolean() ? "[".repeat(depth) + "1" + "]".repeat(depth)
                    : "{\"a\": ".repeat(depth) + "1" + "}".repeat(depth);
                q.body = structural(c, r, deep, b, at);
                q.applied.add("nest " + depth);
                break;
            }
            case 3: { // huge numbers
                final String[] nums = {"1" + "0".repeat(400), "9".repeat(1_001), "1e400", "-1e99999", "18446744073709551616",
                    "-9223372036854775809", "1" + "0".repeat(20) + ".5", "4.9e-325", "NaN", "-Infinity"};
                final String n = nums[r.nextInt(nums.length)];
                q.body = structural(c, r, n, b, at);
                q.applied.add("number " + n.length());
                break;
            }
            case 4: { // huge strings: past the limit, or under it but far past any message's excerpt
                final int len = r.nextInt(8) == 0 ? (1 << 20) + 1 : 1 + r.nextInt(100_000);
                final String s = "\"\\u001b[31m" + "s".repeat(len) + "\"";   // a terminal escape first
                q.body = structural(c, r, s, b, at);
                q.applied.add("string " + len);
                break;
            }
            case 5: { // ill-formed UTF-8 (or a NUL), inside a string when there is one
                final byte[] bad = ILL_FORMED[r.nextInt(ILL_FORMED.length)];
                int pos = at;
                for (int i = Math.min(at, b.length - 1); i >= 0; i--) {
                    if (b[i] == '"') {
                        pos = i + 1;
                        break;
                    }
                }
                q.body = splice(b, pos, 0, bad);
                q.applied.add("bytes " + java.util.HexFormat.of().formatHex(bad) + "@" + pos);
                break;
            }
            case 6: // swapped content type
                q.contentType = CONTENT_TYPES[r.nextInt(CONTENT_TYPES.length)];
                q.applied.add("content-type " + q.contentType);
                break;
            case 7: { // many keys: an object of repeated and distinct keys where a value stands
                final int n = new int[] {10, 1_000, 17_000}[r.nextInt(3)];
                final StringBuilder sb = new StringBuilder("{");
                for (int i = 0; i < n; i++) {
                    sb.append(i > 0 ? ", " : "").append("\"k").append(r.nextBoolean() ? i : 0).append("\": ").append(i);
                }
                q.body = structural(c, r, sb.append('}').toString(), b, at);
                q.applied.add("keys " + n);
                break;
            }
            default: { // a long list where a value stands (a split row of n cells is n columns: quadratic in the
                // old exact path, whose 300,000-cell rows are the hostile family split-wide-row)
                final int n = new int[] {100, 1_000, 5_000}[r.nextInt(3)];
                q.body = structural(c, r, "[" + "1, ".repeat(n) + "1]", b, at);
                q.applied.add("list " + n);
                break;
            }
        }
    }

    /**
     * The body with one value of the case's payload replaced by {@code json} (a JSON payload), else
     * {@code json} spliced in at {@code at} (a raw body: CSV, malformed JSON).
     */
    static byte[] structural(final Case c, final Random r, final String json, final byte[] b, final int at) {
        if (c.payload == null || r.nextInt(4) == 0) {
            return splice(b, at, 0, json.getBytes(StandardCharsets.UTF_8));
        }
        final String marker = "\u0000SIGNET-MUTATION\u0000";
        final Object mutated = replaceOne(c.payload, r, marker);
        final String text = PyJson.dumps(mutated);
        final String quoted = PyJson.dumps(marker);
        final int i = text.indexOf(quoted);
        final String out = i < 0 ? text : text.substring(0, i) + json + text.substring(i + quoted.length());
        return out.getBytes(StandardCharsets.UTF_8);
    }

    /** A copy of {@code v} with one node (chosen by {@code r}, the root included) replaced by {@code with}. */
    @SuppressWarnings("unchecked")
    static Object replaceOne(final Object v, final Random r, final Object with) {
        if (r.nextInt(4) == 0 || !(v instanceof Map || v instanceof List) || (v instanceof Map && ((Map<?, ?>) v).isEmpty())
            || (v instanceof List && ((List<?>) v).isEmpty())) {
            return with;
        }
        if (v instanceof Map) {
            final Map<Object, Object> m = new LinkedHashMap<>((Map<Object, Object>) v);
            final Object[] keys = m.keySet().toArray();
            final Object k = keys[r.nextInt(keys.length)];
            m.put(k, replaceOne(m.get(k), r, with));
            return m;
        }
        final List<Object> l = new ArrayList<>((List<Object>) v);
        final int i = r.nextInt(l.size());
        l.set(i, replaceOne(l.get(i), r, with));
        return l;
    }

    // ------------------------------------------------------------------ the verdict

    /**
     * Whether messages are bounded yet on every path: false until the rule book (issue 12) lands, whose
     * Excerpt bounds and escapes every quoted value on the exact path (today 'extra inputs', split's
     * Got {keys}, params and CSV cell errors and the 'Failed to convert data' excerpt echo the payload or
     * its control characters). Until then those findings are counted and printed, not asserted.
     */
    static final boolean ECHO_BOUNDED = false;

    /** What is wrong with an answer: null, or a problem and whether it is an echo (length, control characters). */
    static final class Problem {
        final String text;
        final boolean echo;

        Problem(final String text, final boolean echo) {
            this.text = text;
            this.echo = echo;
        }
    }

    /** Null when the answer is acceptable, else what is wrong. */
    Problem judge(final Case c, final Request q) {
        final ScoringServer s = server(c);
        if (s == null) {
            return null;
        }
        final ScoringResponse r;
        try {
            r = s.invoke(ctx, q.body, q.contentType);
        } catch (Throwable t) {
            return new Problem("threw " + t, false);
        }
        final int st = r.status();
        if (st != 200 && st != 400 && st != 413 && st != 415) {
            return new Problem("status " + st + ": " + Json.excerpt(r.message(), 300), false);
        }
        if (st == 400 && (r.errorCode() == null || r.location() == null)) {
            return new Problem("400 without a code or location: " + r, false);
        }
        if (s.fallbacks(ScoringServer.Fallback.UNEXPECTED) > 0) {
            return new Problem("unexpected fallback: " + s.lastUnexpectedFallback(), false);
        }
        if (r.message() != null && r.message().length() > 1024) {
            return new Problem("message of " + r.message().length() + " chars: " + Json.excerpt(r.message(), 200), true);
        }
        if (r.message() != null) {
            for (int i = 0; i < r.message().length(); i++) {
                final char ch = r.message().charAt(i);
                if (ch < 0x20 && ch != '\n' && ch != '\t' || ch == 0x7F) {
                    return new Problem("raw control character " + (int) ch + " in: " + Json.excerpt(r.message(), 200),
                        true);
                }
            }
        }
        return null;
    }

    /** True when the problem fails the test now (echoes only once messages are bounded on every path). */
    static boolean fails(final Problem p) {
        return p != null && (!p.echo || ECHO_BOUNDED);
    }

    static String describe(final Case c, final Request q, final String problem) {
        return c.id + " " + q.applied + ": " + problem;
    }

    @Property(tries = 1000, seed = "17")
    void anyMutationOfAnyOracleCaseIsAnsweredWithinBounds(@ForAll @IntRange(min = 0, max = Integer.MAX_VALUE) final int seed) {
        final Random r = new Random(seed);
        final Case c = CASES.get(r.nextInt(CASES.size()));
        final Request q = new Request(c.body, c.contentType);
        final int k = 1 + r.nextInt(3);
        for (int i = 0; i < k; i++) {
            mutate(q, c, r, false);
        }
        final Problem p = judge(c, q);
        if (p != null && p.echo && !ECHO_BOUNDED) {
            System.out.println("echo (rule book): " + describe(c, q, p.text));
        }
        assertTrue(!fails(p), describe(c, q, p == null ? null : p.text));
    }

    @Test
    void everyOracleCaseMutatedOnce() {
        assertTrue(CASES.size() > 10_000, "cases: " + CASES.size());
        final Random r = new Random(17);
        final List<String> problems = new ArrayList<>();
        int echoes = 0;
        for (final Case c : CASES) {
            final Request q = new Request(c.body, c.contentType);
            mutate(q, c, r, true);
            final Problem p = judge(c, q);
            echoes += p != null && p.echo ? 1 : 0;
            if (fails(p)) {
                problems.add(describe(c, q, p.text));
            }
        }
        System.out.println(CASES.size() + " cases mutated once: " + problems.size() + " problems, " + echoes
            + " echoes");
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n",
            problems.subList(0, Math.min(40, problems.size()))));
    }
}
