package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The rejections the tensor streaming path answers itself (broken JSON, a shape that does not match
 * its TensorSpec) are the exact path's answers to the byte: status, error code, message (which for
 * broken JSON carries line, column and char), pointer and location, under both profiles and both
 * modes; and the look-alikes it must hand over (a key skipped unread before the failure, ill-formed
 * UTF-8 anywhere, a value limit the exact path would meet first, a value numpy refuses) are handed
 * over. Which path answered is asserted, never a time.
 */
class FastRejectionsTest {
    private static final String F32_2 = ScoringServerTest.F32_2;
    private static final String NAMED = ScoringServerTest.NAMED;
    private static final String U8_IMG = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", "
        + "\"shape\": [-1, 4, 4, 1]}}]";
    private static final String NAMED_ONE = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float64\", "
        + "\"shape\": [-1, 3]}, \"name\": \"x\"}]";

    private final ScoringContext fastCtx = new ScoringContext();
    private final ScoringContext exactCtx = new ScoringContext();

    /** A body of the benchmark's kind: {@code n} uint8 images h x w x 1 (the serve bench's u8 body, smaller). */
    static String images(final int n, final int h, final int w, final long seed) {
        final Random r = new Random(seed);
        final StringBuilder sb = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int y = 0; y < h; y++) {
                sb.append(y == 0 ? "[" : ", [");
                for (int x = 0; x < w; x++) {
                    sb.append(x == 0 ? "[" : ", [").append(r.nextInt(256)).append(']');
                }
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }

    /** Shape mismatches: answered on the streaming path, the exact path's sentence and pointer. */
    @Test
    void shapeMismatchesAreAnsweredOnTheStreamingPath() {
        final String[][] cases = {
            {F32_2, "{\"inputs\": [1, 2]}", "Shape of input (2,) does not match expected shape (-1, 2).", "/inputs"},
            {F32_2, "{\"instances\": [[1, 2, 3]]}", "Shape of input (1, 3) does not match expected shape (-1, 2).",
                "/instances"},
            {F32_2, "{\"inputs\": [[1.5, 2.25, 3]], \"params\": {\"k\": 1}}",
                "Shape of input (1, 3) does not match expected shape (-1, 2).", "/inputs"},
            {F32_2, "{\"inputs\": [[[1, 2]]]}", "Shape of input (1, 1, 2) does not match expected shape (-1, 2).",
                "/inputs"},
            {NAMED, "{\"inputs\": {\"a\": [[1, 2, 3]], \"b\": [3]}}", null, "/inputs/a"},
            {NAMED, "{\"inputs\": {\"b\": [[3]], \"a\": [[1, 2]]}}", null, "/inputs/b"},
            {NAMED_ONE, "{\"inputs\": [[1, 2]]}", null, "/inputs/x"},
            {U8_IMG, images(3, 4, 3, 1), "Shape of input (3, 4, 3, 1) does not match expected shape (-1, 4, 4, 1).",
                "/inputs"},
            {U8_IMG, "{\"inputs\":\n  " + images(2, 5, 4, 2).substring(11), null, "/inputs"},
        };
        for (final Profile profile : Profile.values()) {
            for (final Mode mode : Mode.values()) {
                for (final String[] c : cases) {
                    final ScoringServer fast = server(c[0], profile, mode, Limits.DEFAULT, true);
                    final ScoringResponse r = same(fast, c[0], profile, mode, Limits.DEFAULT, c[1]);
                    final String what = profile + " " + mode + " " + c[1];
                    assertEquals(400, r.status(), what);
                    assertEquals("INVALID_PARAMETER_VALUE", r.errorCode(), what);
                    if (c[2] != null) {
                        assertEquals(c[2], r.message(), what);
                    } else {
                        assertTrue(r.message().startsWith("Shape of input ("), what + ": " + r.message());
                    }
                    assertEquals(c[3], r.pointer(), what);
                    assertEquals(ScoringContext.Path.FAST_TENSORS, fastCtx.answeredBy(), what);
                    assertEquals(ScoringContext.InputKind.NONE, fastCtx.inputKind(), what);
                    assertEquals(1, fast.fastAnswers(Fallbacks.FastAnswer.SHAPE), what);
                    assertNoFallback(fast, what);
                }
            }
        }
    }

    /** Broken JSON met with every token before it read: MLflow's invalid-JSON 400, located, from the streaming path. */
    @Test
    void brokenJsonIsAnsweredOnTheStreamingPath() {
        final String u8 = images(6, 4, 4, 3);
        final String[][] cases = {
            {F32_2, "{\"inputs\": [[1, 2], [3, 4]"},
            {F32_2, "{\"inputs\": [[1, 2],, [3, 4]]}"},
            {F32_2, "{\"inputs\": [[1, 2], [3, 4]]]}"},
            {F32_2, "{\"inputs\": [[1.5e, 2]]}"},
            {F32_2, "{\"inputs\": [[1, 2]], \"params\": {\"a\": tru}}"},
            {F32_2, "{\"inputs\" [[1, 2]]}"},
            {F32_2, "{\"inputs\": [[1, 2]] \"params\": {}}"},
            // the raw scanner crossed line breaks before the failure: lines and columns as Jackson counts them
            {F32_2, "{\"inputs\":\n [[1, 2],\r\n [3, 4]],\n \"params\": {,}}"},
            {F32_2, "{\"inputs\": [[1, 2], [3, 4]],\n\n\"params\": [1, 2,]}"},
            {NAMED, "{\"inputs\": {\"a\": [[1, 2]], \"b\": [3, 4}}"},
            {NAMED, "{\"inputs\": {\"a\": [[1, 2]]\n, \"b\": [3] \"c\"}}"},
            {U8_IMG, u8.substring(0, u8.length() / 2)},
            {U8_IMG, u8.substring(0, u8.length() - 1)},
            {U8_IMG, u8.replace("], [", "], , [")},
        };
        for (final Profile profile : Profile.values()) {
            for (final Mode mode : Mode.values()) {
                for (final String[] c : cases) {
                    final ScoringServer fast = server(c[0], profile, mode, Limits.DEFAULT, true);
                    final ScoringResponse r = same(fast, c[0], profile, mode, Limits.DEFAULT, c[1]);
                    final String what = profile + " " + mode + " " + c[1];
                    assertEquals(400, r.status(), what);
                    assertEquals("BAD_REQUEST", r.errorCode(), what);
                    assertTrue(r.message().startsWith("Invalid input. Ensure that input is a valid JSON formatted "
                        + "string. Error: '"), what + ": " + r.message());
                    assertTrue(r.message().matches(".*' at line \\d+ column \\d+ \\(char \\d+\\)"), r.message());
                    assertEquals(ScoringContext.Path.FAST_TENSORS, fastCtx.answeredBy(), what);
                    assertEquals(1, fast.fastAnswers(Fallbacks.FastAnswer.SYNTAX), what);
                    assertNoFallback(fast, what);
                }
            }
        }
        // the line and column after a raw-scanned array that crossed line breaks (CR LF counts once)
        final ScoringResponse r = server(F32_2, Profile.MLFLOW_3, Mode.MLFLOW, Limits.DEFAULT, true)
            .invoke(fastCtx, bytes("{\"inputs\":\n [[1, 2],\r\n [3, 4]],\n \"params\": {,}}"), null);
        assertEquals(4, r.line(), r.message());
        assertEquals(ScoringContext.Path.FAST_TENSORS, fastCtx.answeredBy());
    }

    /** Where the streaming path cannot know the exact path meets the same failure first, it hands over. */
    @Test
    void lookAlikesAreHandedOver() {
        final List<Object[]> cases = new ArrayList<>();
        // a key skipped unread before the failure: the exact path reads it (a string's length, say)
        cases.add(new Object[] {F32_2, Limits.DEFAULT, bytes("{\"x\": \"y\", \"inputs\": [[1, 2]"),
            ScoringServer.Fallback.MALFORMED});
        cases.add(new Object[] {F32_2, Limits.DEFAULT.withMaxStringLength(3),
            bytes("{\"x\": \"long string\", \"inputs\": [[1, 2]"), ScoringServer.Fallback.MALFORMED});
        // ill-formed UTF-8 after the failure: the exact path checks the whole body first
        cases.add(new Object[] {F32_2, Limits.DEFAULT, concat(bytes("{\"inputs\": [[1, 2],, [\""),
            new byte[] {(byte) 0xFF}, bytes("\"]]}")), ScoringServer.Fallback.MALFORMED});
        // more values before the failure than the exact path reads (maxJsonValues, which only it counts)
        cases.add(new Object[] {F32_2, Limits.DEFAULT.withMaxJsonValues(5),
            bytes("{\"inputs\": [[1, 2], [3, 4], [5, 6]],,}"), ScoringServer.Fallback.MALFORMED});
        // a body larger than the exact path reads
        cases.add(new Object[] {F32_2, Limits.DEFAULT.withMaxExactPathBytes(16),
            bytes("{\"inputs\": [[1, 2], [3, 4]"), ScoringServer.Fallback.MALFORMED});
        // a value numpy refuses: the exact path words it (it may meet broken JSON later first)
        cases.add(new Object[] {F32_2, Limits.DEFAULT, bytes("{\"inputs\": [[1, \"x\"]]}"),
            ScoringServer.Fallback.REJECTED});
        cases.add(new Object[] {F32_2, Limits.DEFAULT, bytes("{\"inputs\": [[1, \"x\"], [3, 4],,]}"),
            ScoringServer.Fallback.REJECTED});
        // a missing named input is not a shape: declined
        cases.add(new Object[] {NAMED, Limits.DEFAULT, bytes("{\"inputs\": {\"a\": [[1, 2, 3]]}}"),
            ScoringServer.Fallback.DECLINED});
        for (final Profile profile : Profile.values()) {
            for (final Mode mode : Mode.values()) {
                for (final Object[] c : cases) {
                    final String sig = (String) c[0];
                    final Limits limits = (Limits) c[1];
                    final byte[] body = (byte[]) c[2];
                    final ScoringServer fast = server(sig, profile, mode, limits, true);
                    final ScoringResponse a = fast.invoke(fastCtx, body, null);
                    final ScoringResponse b = server(sig, profile, mode, limits, false).invoke(exactCtx, body, null);
                    final String what = profile + " " + mode + " " + new String(body, StandardCharsets.UTF_8);
                    assertEquals(text(b), text(a), what);
                    assertTrue(!a.ok(), what);
                    assertEquals(ScoringContext.Path.EXACT, fastCtx.answeredBy(), what);
                    assertEquals(1, fast.fallbacks((ScoringServer.Fallback) c[3]), what + ": " + text(a));
                    assertEquals(0, fast.fastAnswers(Fallbacks.FastAnswer.SYNTAX)
                        + fast.fastAnswers(Fallbacks.FastAnswer.SHAPE), what);
                }
            }
        }
    }

    /** An accepted body still says which path accepted it; after a fast rejection the context hands nothing out. */
    @Test
    void acceptedAfterRejectedOnOneContext() {
        final ScoringServer s = server(U8_IMG, Profile.MLFLOW_2, Mode.MLFLOW, Limits.DEFAULT, true);
        assertEquals(400, s.invoke(fastCtx, bytes(images(2, 4, 3, 5)), null).status());
        assertEquals(ScoringContext.Path.FAST_TENSORS, fastCtx.answeredBy());
        assertEquals(ScoringContext.InputKind.NONE, fastCtx.inputKind());
        assertTrue(s.invoke(fastCtx, bytes(images(2, 4, 4, 5)), null).ok());
        assertEquals(ScoringContext.Path.FAST_TENSORS, fastCtx.path());
        assertEquals(2, fastCtx.tensorDim(0, 0));
    }

    private ScoringResponse same(final ScoringServer fast, final String sig, final Profile profile, final Mode mode,
                                 final Limits limits, final String body) {
        final byte[] b = bytes(body);
        final ScoringResponse a = fast.invoke(fastCtx, b, "application/json");
        final ScoringResponse e = server(sig, profile, mode, limits, false).invoke(exactCtx, b, "application/json");
        assertEquals(text(e), text(a), profile + " " + mode + " " + body);
        assertEquals(ScoringContext.Path.EXACT, exactCtx.answeredBy());
        return a;
    }

    private static ScoringServer server(final String sig, final Profile profile, final Mode mode, final Limits limits,
                                        final boolean fastPaths) {
        final ModelSignature s = ScoringServerTest.sig(sig);
        return new ScoringServer(s, profile, mode, limits, fastPaths);
    }

    private static void assertNoFallback(final ScoringServer s, final String what) {
        for (final ScoringServer.Fallback f : ScoringServer.Fallback.values()) {
            assertEquals(0, s.fallbacks(f), what + ": " + f);
        }
    }

    /** Everything a response says, location included. */
    private static String text(final ScoringResponse r) {
        return r.status() + " " + r.errorCode() + " " + r.message() + " | " + r.pointer() + " | " + r.line() + ":"
            + r.column() + ":" + r.byteOffset() + " | " + r.deviation();
    }

    private static byte[] bytes(final String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(final byte[]... parts) {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (final byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
