package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.testing.Allocations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The limits Jackson has no word for (keys per object, params elements, JSON values on the exact
 * path) and the frame builders' checks (columns, cells, CSV field length): each breach is a 400 that
 * names the limit, found at the token that breaks it, before anything is built from the body; one
 * under the limit is judged as usual; the streaming and exact paths agree.
 */
class LimitsTest {
    private final ScoringContext ctx = new ScoringContext();

    private static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]";
    private static final String NAMED = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, "
        + "\"name\": \"a\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}, \"name\": \"b\"}]";
    private static final String COLS = "[{\"type\": \"long\", \"name\": \"x\"}, {\"type\": \"string\", \"name\": \"s\"}]";
    private static final String MAP = "[{\"type\": \"map\", \"name\": \"m\", \"values\": {\"type\": \"long\"}}]";
    private static final String PARAMS = "[{\"name\": \"p\", \"type\": \"long\", \"default\": [1], \"shape\": [-1]}, "
        + "{\"name\": \"q\", \"type\": \"string\", \"default\": \"d\", \"shape\": null}]";

    private ScoringResponse[] both(final String inputs, final String params, final Limits limits, final String body) {
        final ModelSignature sig = ScoringServerTest.sig(inputs, params);
        final byte[] b = body.getBytes(StandardCharsets.UTF_8);
        final ScoringServer fast = new ScoringServer(sig, Mode.MLFLOW, limits, true);
        final ScoringServer exact = new ScoringServer(sig, Mode.MLFLOW, limits, false);
        final ScoringResponse[] r = {fast.invoke(ctx, b, "application/json"), exact.invoke(ctx, b, "application/json")};
        assertEquals(0, fast.fallbacks(ScoringServer.Fallback.UNEXPECTED), String.valueOf(fast.lastUnexpectedFallback()));
        return r;
    }

    private void refused(final String inputs, final String params, final Limits limits, final String body,
                         final String message, final long byteOffset) {
        for (final ScoringResponse r : both(inputs, params, limits, body)) {
            assertEquals(400, r.status(), body);
            assertEquals("BAD_REQUEST", r.errorCode(), body);
            assertEquals(message, r.message(), body);
            assertTrue(r.location().endsWith(", byte " + byteOffset + ")"), body + ": " + r.location());
        }
    }

    private void accepted(final String inputs, final String params, final Limits limits, final String body) {
        for (final ScoringResponse r : both(inputs, params, limits, body)) {
            assertTrue(r.ok(), body + ": " + r);
        }
    }

    @Test
    void keysPerObjectIsCountedInEveryObjectOnEveryPath() {
        final Limits three = Limits.DEFAULT.withMaxKeysPerObject(3);
        final String m = "Payload exceeds limit maxKeysPerObject=3: an object with more keys";
        // the envelope
        accepted(F32, null, three, "{\"inputs\": [1.5], \"a\": 1, \"b\": 2}");
        refused(F32, null, three, "{\"inputs\": [1.5], \"a\": 1, \"b\": 2, \"c\": 3}", m, 34);
        // named inputs
        refused(NAMED, null, three, "{\"inputs\": {\"a\": [1], \"b\": [2], \"c\": [3], \"d\": [4]}}", m, 42);
        // a records row and a Map cell
        accepted(COLS, null, three, "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"t\": 3}]}");
        refused(COLS, null, three, "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"t\": 3, \"u\": 4}]}", m, 50);
        refused(MAP, null, three, "{\"dataframe_records\": [{\"m\": {\"a\": 1, \"b\": 2, \"c\": 3, \"d\": 4}}]}", m, 54);
        // params
        refused(F32, PARAMS, three, "{\"inputs\": [1.5], \"params\": {\"p\": [1], \"q\": \"x\", \"r\": 1, \"s\": 2}}", m,
            57);
    }

    @Test
    void paramsElementsCountEveryValueOfTheParamsAtEveryLevel() {
        final Limits six = Limits.DEFAULT.withMaxParamsElements(6);
        // {dict, list, 1, 2, 3, "x"}: six values
        accepted(F32, PARAMS, six, "{\"inputs\": [1.5], \"params\": {\"p\": [1, 2, 3], \"q\": \"x\"}}");
        refused(F32, PARAMS, six, "{\"inputs\": [1.5], \"params\": {\"p\": [1, 2, 3, 4], \"q\": \"x\"}}",
            "Payload exceeds limit maxParamsElements=6: more values in params", 53);
        // values outside the params are not counted against it
        accepted(F32, PARAMS, six, "{\"params\": {\"p\": [1, 2, 3], \"q\": \"x\"}, \"inputs\": [1, 2, 3, 4, 5, 6, 7]}");
    }

    @Test
    void jsonValuesBoundWhatTheExactPathHoldsAsJavaObjects() {
        final Limits ten = Limits.DEFAULT.withMaxJsonValues(10);
        final ModelSignature sig = ScoringServerTest.sig(F32);
        final byte[] eleven = "{\"inputs\": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]}".getBytes(StandardCharsets.UTF_8);
        // the streaming path holds the tensor off-heap: not counted
        assertTrue(new ScoringServer(sig, Mode.MLFLOW, ten, true).invoke(ctx, eleven, null).ok());
        // the exact path would hold 12 Java objects (the envelope, the list, ten numbers)
        final ScoringResponse r = new ScoringServer(sig, Mode.MLFLOW, ten, false).invoke(ctx, eleven, null);
        assertEquals("Payload exceeds limit maxJsonValues=10: more values", r.message());
        assertTrue(r.location().endsWith(", byte 36)"), r.location());
        // a body the streaming path declines (ragged) is refused by the limit before numpy's error
        final ScoringResponse ragged = new ScoringServer(sig, Mode.MLFLOW, ten, true).invoke(ctx,
            "{\"inputs\": [1, 2, 3, 4, 5, 6, 7, 8, 9, [10]]}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals("Payload exceeds limit maxJsonValues=10: more values", ragged.message());
    }

    @Test
    void theExactPathReadsBodiesUpToItsOwnSize() {
        final Limits small = Limits.DEFAULT.withMaxExactPathBytes(64);
        final ModelSignature sig = ScoringServerTest.sig(F32);
        final String big = "{\"inputs\": [" + "1.5, ".repeat(20) + "1.5]}";
        // the streaming path holds the tensor off-heap: a body past the exact path's size is accepted
        assertTrue(new ScoringServer(sig, Mode.MLFLOW, small, true).invoke(ctx, big.getBytes(StandardCharsets.UTF_8),
            null).ok());
        // declined by the streaming path (ragged): refused by size before anything is parsed
        final String ragged = big.replace("1.5]}", "[1.5]]}");
        final ScoringResponse r = new ScoringServer(sig, Mode.MLFLOW, small, true).invoke(ctx,
            ragged.getBytes(StandardCharsets.UTF_8), null);
        assertEquals("Payload exceeds limit maxExactPathBytes=64: a body of " + ragged.length() + " bytes on the exact "
            + "path (CSV, or JSON the streaming paths do not take)", r.message());
        // CSV is always read on the exact path
        final ScoringResponse csv = new ScoringServer(ScoringServerTest.sig(COLS), Mode.MLFLOW, small, true).invoke(ctx,
            ("x,s\n" + "1,a\n".repeat(20)).getBytes(StandardCharsets.UTF_8), "text/csv");
        assertEquals(400, csv.status());
        assertTrue(csv.message().startsWith("Payload exceeds limit maxExactPathBytes=64: a body of 84 bytes"),
            csv.message());
    }

    @Test
    void aBreachCostsNothingInProportionToTheBody() {
        // 1,000,000 keys (16 MB) sent to a server allowing 100: the parser stops at the 101st key
        final StringBuilder sb = new StringBuilder("{\"inputs\": [1.5]");
        for (int i = 0; i < 1_000_000; i++) {
            sb.append(", \"k").append(i).append("\": 1");
        }
        final byte[] body = sb.append('}').toString().getBytes(StandardCharsets.UTF_8);
        final Limits hundred = Limits.DEFAULT.withMaxKeysPerObject(100);
        for (final boolean fast : new boolean[] {true, false}) {
            final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32), Mode.MLFLOW, hundred, fast);
            final ScoringResponse[] r = new ScoringResponse[1];
            final long bytes = Allocations.steadyState(() -> r[0] = server.invoke(ctx, body, null), 3);
            assertEquals("Payload exceeds limit maxKeysPerObject=100: an object with more keys", r[0].message());
            assertTrue(bytes < 200_000, (fast ? "fast" : "exact") + " allocated " + bytes + " bytes for a "
                + body.length + "-byte body");
        }
    }
}
