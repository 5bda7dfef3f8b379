package io.signet.tensor;

import io.signet.tensor.NpyFile.NpyLimits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signet's verdict on every header of src-test-data/npy-headers/headers.jsonl against numpy's own
 * (gen_headers.py records what numpy 1.24 and numpy 2.3 decide). Signet accepts a header exactly when
 * both numpys accept it with the same result and the dtype and shape are ones Signet supports (then
 * with the same dtype, order and shape); it refuses everything else. Every refusal is located inside
 * the bytes and has a bounded, printable message.
 */
class NpyHeaderDifferentialTest {
    static final Path FIXTURE = Path.of("..", "src-test-data", "npy-headers", "headers.jsonl");
    /** -Dnpy.headers=FILE runs the test over another output of gen_headers.py (an extended search). */
    private static final Path INPUT = Path.of(System.getProperty("npy.headers", FIXTURE.toString()));
    private static final Pattern PLAIN_DATETIME = Pattern.compile("[<>][Mm]8(\\[(Y|M|W|D|h|m|s|ms|us|ns|ps|fs|as)])?");

    static byte[] bytesOf(final JsonNode rec) {
        if (rec.has("npy")) {
            return Base64.getDecoder().decode(rec.get("npy").asText());
        }
        final byte[] z = Base64.getDecoder().decode(rec.get("npyz").asText());
        final Inflater inf = new Inflater();
        inf.setInput(z);
        final byte[] out = new byte[1 << 20];
        try {
            final int n = inf.inflate(out);
            return java.util.Arrays.copyOf(out, n);
        } catch (final DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inf.end();
        }
    }

    /** Why Signet refuses a header numpy accepts, or null when Signet must accept it. */
    static String policy(final JsonNode v) {
        if (!"str".equals(v.get("t").asText())) {
            return "non-string descr";
        }
        if (commaString(v.get("ds").asText())) {
            return "comma-string descr";
        }
        final String d = v.get("d").asText();
        final String k = v.get("k").asText();
        final int item = v.get("i").asInt();
        if (v.get("st").asBoolean() || v.get("o").asBoolean() || "VO".contains(k)) {
            return "structured, void or object dtype";
        }
        if (item <= 0) {
            return "zero-sized dtype";
        }
        if ("f".equals(k) && item > 8 || "c".equals(k) && item > 16) {
            return "long double";
        }
        if ("Mm".contains(k) && !PLAIN_DATETIME.matcher(d).matches()) {
            return "datetime unit with a multiple";
        }
        if (item > NpyLimits.DEFAULT.maxItemBytes()) {
            return "maxItemBytes";
        }
        final JsonNode sh = v.get("sh");
        if (sh.size() > TensorView.MAX_RANK) {
            return "rank";
        }
        long count = 1;
        for (final JsonNode dim : sh) {
            final java.math.BigInteger b = new java.math.BigInteger(dim.asText());
            if (b.signum() < 0) {
                return "negative dimension";
            }
            if (b.bitLength() > 63) {
                return "overflow";
            }
            try {
                count = Math.multiplyExact(count, b.longValueExact());
            } catch (final ArithmeticException e) {
                return "overflow";
            }
        }
        try {
            Math.multiplyExact(count, item);
        } catch (final ArithmeticException e) {
            return "overflow";
        }
        if (count > NpyLimits.DEFAULT.maxElements()) {
            return "maxElements";
        }
        return null;
    }

    /**
     * numpy's rule for reading a descr string as a comma string (_check_for_commastring in
     * descriptor.c): a digit first (after an optional byte order), an empty tuple first, or a comma
     * outside square brackets. Signet refuses those descrs even where numpy makes a plain dtype of them.
     */
    static boolean commaString(final String s) {
        if (s.isEmpty()) {
            return false;
        }
        final boolean order = "<>|=".indexOf(s.charAt(0)) >= 0;
        if (Character.isDigit(s.charAt(0)) && s.charAt(0) < 0x80
            || s.length() > 1 && order && s.charAt(1) >= '0' && s.charAt(1) <= '9') {
            return true;
        }
        if (s.startsWith("()") || s.length() > 3 && order && s.startsWith("()", 1)) {
            return true;
        }
        int depth = 0;
        for (final char c : s.toCharArray()) {
            if (c == ',' && depth == 0) {
                return true;
            }
            depth += c == '[' ? 1 : c == ']' ? -1 : 0;
        }
        return false;
    }

    @Test
    void signetReadsEveryHeaderAsNumpyDoes() throws IOException {
        final ObjectMapper json = new ObjectMapper();
        int total = 0;
        int accepted = 0;
        int refusedByBoth = 0;
        int policy = 0;
        int numpyDiffer = 0;
        final List<String> wrong = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(INPUT, StandardCharsets.UTF_8)) {
            final JsonNode meta = json.readTree(r.readLine());
            String line;
            while ((line = r.readLine()) != null) {
                final JsonNode rec = json.readTree(line);
                final String id = "line " + (total + 2) + " (" + rec.get("family").asText() + ")";
                final byte[] b = bytesOf(rec);
                final JsonNode v124 = rec.get("np124");
                final JsonNode v23 = rec.has("np23") ? rec.get("np23") : v124;
                total++;
                if (rec.has("np23")) {
                    numpyDiffer++;
                }
                final boolean numpyAccepts = !v124.has("e") && v124.equals(v23);
                final String why = numpyAccepts ? policy(v124) : "numpy refuses";
                NpyFile.Header h = null;
                NpyFormatException refusal = null;
                try {
                    h = NpyFile.parseHeader("h" + (total + 1), b, b.length);
                } catch (final NpyFormatException e) {
                    refusal = e;
                } catch (final RuntimeException e) {
                    wrong.add(id + ": threw " + e);
                    continue;
                }
                if (refusal != null) {
                    final String m = refusal.getMessage();
                    if (refusal.offset() < 0 || refusal.offset() > b.length || m.length() > 1024
                        || m.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
                        wrong.add(id + ": unbounded or misplaced refusal: " + m);
                    }
                }
                if (numpyAccepts && why == null) {
                    if (h == null) {
                        wrong.add(id + ": numpy accepts " + v124 + ", Signet refuses: "
                            + refusal.getMessage());
                        continue;
                    }
                    final List<String> shape = new ArrayList<>();
                    for (final long d : h.shape()) {
                        shape.add(Long.toString(d));
                    }
                    final List<String> want = new ArrayList<>();
                    v124.get("sh").forEach(x -> want.add(x.asText()));
                    if (!h.dtype().descr().equals(v124.get("d").asText()) || h.fortran() != v124.get("f").asBoolean()
                        || !shape.equals(want)) {
                        wrong.add(id + ": numpy reads " + v124 + ", Signet "
                            + h.dtype().descr() + " " + h.fortran() + " " + shape);
                        continue;
                    }
                    accepted++;
                } else if (h != null) {
                    wrong.add(id + ": Signet accepts (" + h.dtype().descr() + " "
                        + java.util.Arrays.toString(h.shape()) + ") what numpy 1.24 / 2.3 decide as " + v124 + " / "
                        + v23 + (numpyAccepts ? " and Signet's policy refuses (" + why + ")" : ""));
                } else if (numpyAccepts) {
                    policy++;
                } else {
                    refusedByBoth++;
                }
            }
            assertEquals(meta.get("headers").asInt(), total, "the fixture's header count");
        }
        System.out.println("npy headers: " + total + " tested, " + (total - wrong.size()) + " agree (" + accepted
            + " accepted as numpy reads them, " + refusedByBoth + " refused as numpy refuses them, " + policy
            + " read by numpy but refused by Signet's documented limits); numpy 2.3 differs from 1.24 on "
            + numpyDiffer);
        assertTrue(wrong.isEmpty(), wrong.size() + " disagreements:\n" + String.join("\n",
            wrong.subList(0, Math.min(60, wrong.size()))));
        if (INPUT.equals(FIXTURE)) {
            assertTrue(accepted > 1000 && refusedByBoth > 1000, "the fixture exercises both verdicts");
        }
    }
}
