package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyJson;
import io.signet.schema.SignatureJson;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ScoringServerTest {
    /** The test's worker context (JUnit runs a class's tests on one thread). */
    private final ScoringContext ctx = new ScoringContext();

    static ModelSignature sig(final String inputs) {
        return sig(inputs, null);
    }

    static ModelSignature sig(final String inputs, final String params) {
        try {
            final String json = "{\"inputs\": " + PyJson.dumps(inputs)
                + (params == null ? "" : ", \"params\": " + PyJson.dumps(params)) + "}";
            return SignatureJson.fromDict((Map<?, ?>) PyJson.loads(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static ScoringResponse call(final ModelSignature s, final String body) {
        return call(s, body, "application/json");
    }

    static ScoringResponse call(final ModelSignature s, final String body, final String ct) {
        return new ScoringServer(s, Mode.MLFLOW, Limits.DEFAULT).invoke(body.getBytes(StandardCharsets.UTF_8), ct);
    }

    static final String F32_2 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2]}}]";
    static final String NAMED = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1, 2]}, "
        + "\"name\": \"a\"}, {\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1]}, \"name\": \"b\"}]";
    static final String COLS = "[{\"type\": \"long\", \"name\": \"x\", \"required\": true}, "
        + "{\"type\": \"string\", \"name\": \"s\", \"required\": true}]";

    @Test
    void contentTypeRules() {
        final ModelSignature s = sig(F32_2);
        final ScoringResponse r = call(s, "{}", "application/json; charset=latin-1");
        assertEquals(415, r.status());
        assertNull(r.errorCode());
        assertEquals("The scoring server only supports UTF-8", r.message());
        assertEquals(415, call(s, "{}", "application/json; foo=bar").status());
        assertTrue(call(s, "{}", "application/json; foo=bar").message().startsWith("Unrecognized content type parameters: foo."));
        assertEquals("This predictor only supports the following content types: Types: ['text/csv', 'application/json']. "
            + "Got 'Application/JSON'.", call(s, "{}", "Application/JSON").message());
        assertEquals(200, call(s, "{\"inputs\": [[1, 2]]}", "application/json; charset=UTF-8").status());
    }

    @Test
    void malformedJsonIsLocatedBadRequest() {
        final ScoringResponse r = call(null, "{\"inputs\": [1, 2,, 3]}");
        assertEquals(400, r.status());
        assertEquals("BAD_REQUEST", r.errorCode());
        assertTrue(r.message().startsWith("Invalid input. Ensure that input is a valid JSON formatted string."), r.message());
        assertEquals(1, r.line());
        assertEquals(17 + io.signet.testing.JacksonVersions.SYNTAX_ERROR_SHIFT, r.byteOffset());
        assertEquals("/inputs/2", r.pointer());
    }

    @Test
    void jacksonLocationsAreWordedAsLineAndColumnNotAsItsSourceSetting() {
        final ScoringResponse r = call(null, "{\"inputs\": [1, 2");
        assertEquals("Invalid input. Ensure that input is a valid JSON formatted string. Error: 'Unexpected end-of-input: "
            + "expected close marker for Array (start marker at line 1 column 12)' at line 1 column 17 (char 16)",
            r.message());
        final ScoringResponse nested = call(null, "{\"inputs\": [1, 2]]");
        assertFalse(nested.message().contains("Source"), nested.message());
        assertTrue(nested.message().contains("(for Object starting at line 1 column 1)"), nested.message());
    }

    @Test
    void envelopeErrors() {
        assertEquals("Invalid input. The input must be a JSON dictionary with exactly one of the input fields "
            + "{'instances', 'inputs', 'dataframe_split', 'dataframe_records'}. Received a list.", call(null, "[1]").message());
        assertEquals("Invalid input. The input must be a JSON dictionary with exactly one of the input fields "
            + "{'instances', 'inputs', 'dataframe_split', 'dataframe_records'}. Received unexpected input type "
            + "'<class 'int'>.", call(null, "1").message());
        final ScoringResponse two = call(null, "{\"inputs\": [1], \"instances\": [1]}");
        assertEquals("BAD_REQUEST", two.errorCode());
        assertTrue(two.message().contains("Received dictionary with input fields: ['inputs', 'instances']."));
        assertTrue(call(null, "{\"params\": {}}").message().contains("Received dictionary with input fields: []."));
        assertEquals("Invalid input. Dataframe split format must be a dictionary. Got list.",
            call(null, "{\"dataframe_split\": []}").message());
        assertEquals("Invalid input. Dataframe records format must be a list of records. Got dictionary.",
            call(null, "{\"dataframe_records\": {}}").message());
    }

    @Test
    void tensorShapeErrorIsInvalidParameterValue() {
        final ScoringResponse r = call(sig(F32_2), "{\"inputs\": [1, 2]}");
        assertEquals(400, r.status());
        assertEquals("INVALID_PARAMETER_VALUE", r.errorCode());
        assertEquals("Shape of input (2,) does not match expected shape (-1, 2).", r.message());
    }

    @Test
    void raggedTensorIsNumpysValueErrorWithLocation() {
        final ScoringResponse r = call(sig(F32_2), "{\"inputs\": [[1, 2], [3]]}");
        assertEquals("BAD_REQUEST", r.errorCode());
        assertTrue(r.message().startsWith("Invalid input. setting an array element with a sequence."), r.message());
        assertEquals("/inputs/1", r.pointer());
    }

    @Test
    void nonNumericStringIsFloatsValueError() {
        final ScoringResponse r = call(sig(F32_2), "{\"inputs\": [[1, \"x\"]]}");
        assertEquals("BAD_REQUEST", r.errorCode());
        assertEquals("Invalid input. could not convert string to float: 'x'", r.message());
        assertEquals("/inputs/0/1", r.pointer());
    }

    @Test
    void acceptedTensorIsDecodedOffHeap() {
        final ModelSignature s = sig(F32_2);
        final ScoringServer server = new ScoringServer(s);
        final ScoringResponse r = server.invoke(ctx, "{\"inputs\": [[1.5, 2], [NaN, \"3\"]], \"other\": 1}"
            .getBytes(StandardCharsets.UTF_8), null);
        assertTrue(r.ok());
        assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
        assertEquals(1, ctx.tensorCount());
        assertEquals(2, ctx.tensorRank(0));
        assertEquals(2, ctx.tensorDim(0, 0));
        assertEquals(1.5, ctx.tensorElement(0, 0));
        assertTrue(Double.isNaN((Double) ctx.tensorElement(0, 2)));
        assertEquals(3.0, ctx.tensorElement(0, 3));
        final io.signet.tensor.TensorView v = ctx.tensor(0);
        assertEquals(2, v.rank());
        assertEquals(1.5, v.getDouble(v.offsetOf(0)));
        assertEquals(3.0, v.getDouble(v.offsetOf(3)));
    }

    @Test
    void namedTensors() {
        final ModelSignature s = sig(NAMED);
        final ScoringServer server = new ScoringServer(s);
        final ScoringResponse r = server.invoke(ctx, "{\"inputs\": {\"b\": [1, 2, 255], \"a\": [[1, 2]]}}"
            .getBytes(StandardCharsets.UTF_8), null);
        assertTrue(r.ok(), r.toString());
        assertEquals(ScoringContext.InputKind.TENSORS, ctx.inputKind());
        assertEquals("b", ctx.tensorName(1));
        assertEquals(255L, ctx.tensorElement(1, 2));
        assertEquals("Model is missing inputs ['b'].", call(s, "{\"inputs\": {\"a\": [[1, 2]]}}").message());
        assertEquals("Model is missing inputs ['a', 'b'].", call(s, "{\"inputs\": [[1, 2]]}").message());
    }

    @Test
    void narrowingOverflowIsADeviationInMlflowMode() {
        final ScoringResponse r = call(sig(NAMED), "{\"inputs\": {\"a\": [[1, 2]], \"b\": [300]}}");
        assertEquals(400, r.status());
        assertEquals(io.signet.enforce.Deviation.NARROWING_OVERFLOW, r.deviation());
        assertEquals(io.signet.enforce.ErrorCode.BAD_REQUEST, r.code());
        assertEquals("/inputs/b/0", r.pointer());
        final ScoringResponse trunc = call(sig(NAMED), "{\"inputs\": {\"a\": [[1, 2]], \"b\": [1.7]}}");
        assertTrue(trunc.ok(), "MLflow truncates 1.7 into uint8 on purpose");
        final ScoringResponse strict = new ScoringServer(sig(NAMED), Mode.STRICT, Limits.DEFAULT)
            .invoke("{\"inputs\": {\"a\": [[1, 2]], \"b\": [1.7]}}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(io.signet.enforce.Deviation.NARROWING_TRUNCATION, strict.deviation());
    }

    @Test
    void columnsAndCasting() {
        final ModelSignature s = sig(COLS);
        assertTrue(call(s, "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[1, \"a\"], [2.0, \"b\"]]}}").ok());
        final ScoringResponse bad = call(s, "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[\"q\", \"a\"]]}}");
        assertEquals("BAD_REQUEST", bad.errorCode());
        assertTrue(bad.message().startsWith("Invalid input. Data is not compatible with model signature. Failed to "
            + "convert column x to type 'int64'."), bad.message());
        final ScoringResponse missing = call(s, "{\"dataframe_records\": [{\"x\": 1}]}");
        assertEquals("INVALID_PARAMETER_VALUE", missing.errorCode());
        assertEquals("Model is missing inputs ['s'].", missing.message());
        final ScoringServer server = new ScoringServer(s);
        final ScoringResponse incompatible = server.invoke(ctx, "{\"inputs\": {\"x\": [1.5], \"s\": [\"a\"]}}"
            .getBytes(StandardCharsets.UTF_8), null);
        assertTrue(incompatible.ok(), "inputs casts 1.5 into int64 before enforcement: " + incompatible);
        assertEquals(ScoringContext.InputKind.COLUMNS, ctx.inputKind(), "accepted column requests hand out a ColumnBatch");
        assertEquals(1, ctx.columns().column(ctx.columns().indexOf("x")).getLong(0));
        assertEquals("a", ctx.columns().column(ctx.columns().indexOf("s")).getString(0));
    }

    @Test
    void llmKeysAndParams() {
        final ModelSignature s = sig("[{\"type\": \"string\", \"name\": \"prompt\", \"required\": true}]",
            "[{\"name\": \"temperature\", \"type\": \"double\", \"default\": 0.5}]");
        assertTrue(call(s, "{\"prompt\": \"hi\", \"temperature\": 0.1, \"extra\": 1}").ok());
        final ScoringResponse r = call(s, "{\"prompt\": \"hi\", \"temperature\": \"hot\"}");
        assertEquals("INVALID_PARAMETER_VALUE", r.errorCode());
        assertTrue(r.message().startsWith("Invalid parameters found: {('temperature', "), r.message());
        final ScoringResponse notDict = call(s, "{\"inputs\": [\"a\"], \"params\": [1]}");
        assertEquals("Parameters must be a dictionary. Got type 'list'.", notDict.message());
    }

    @Test
    void csv() {
        assertEquals("Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid CSV-formatted Pandas "
            + "DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: 'No columns to parse from file'",
            call(null, "", "text/csv").message());
        assertTrue(call(sig(COLS), "x,s\n1,a\n2,b\n", "text/csv").ok());
        assertEquals(400, call(sig(F32_2), "0,1\n1,2\n", "text/csv").status());
    }

    @Test
    void limitsAreNamed() {
        final ScoringServer small = new ScoringServer(sig(F32_2), Mode.MLFLOW, Limits.DEFAULT.withMaxNestingDepth(3));
        final ScoringResponse r = small.invoke("{\"inputs\": [[[[1]]]]}".getBytes(StandardCharsets.UTF_8), null);
        assertEquals(400, r.status());
        assertTrue(r.message().contains("maxNestingDepth=3"), r.message());
        final ScoringServer few = new ScoringServer(sig(F32_2), Mode.MLFLOW, Limits.DEFAULT.withMaxElementsPerTensor(3));
        final ScoringResponse e = few.invoke("{\"inputs\": [[1, 2], [3, 4]]}".getBytes(StandardCharsets.UTF_8), null);
        assertTrue(e.message().contains("maxElementsPerTensor=3"), e.message());
        assertEquals("/inputs/1/1", e.pointer());
        final ScoringServer tiny = new ScoringServer(sig(F32_2), Mode.MLFLOW, Limits.DEFAULT.withMaxDocumentBytes(10));
        assertTrue(tiny.invoke("{\"inputs\": [[1, 2]]}".getBytes(StandardCharsets.UTF_8), null).message()
            .contains("maxDocumentBytes=10"));
        assertFalse(tiny.invoke("{\"inputs\": [[1, 2]]}".getBytes(StandardCharsets.UTF_8), null).ok());
    }

    @Test
    void dataframeSplitIsStreamedIntoAColumnBatch() {
        final ScoringServer server = new ScoringServer(sig(COLS));
        final ScoringResponse r = server.invoke(ctx, ("{\"dataframe_split\": {\"columns\": [\"s\", \"x\", \"extra\"], "
            + "\"index\": [0, 1], \"data\": [[\"a\", 1, \"q\"], [\"b\", 2.9, null]]}}").getBytes(StandardCharsets.UTF_8),
            null);
        assertTrue(r.ok(), r.toString());
        assertEquals(ScoringContext.Path.FAST_FRAME, ctx.path());
        final io.signet.column.ColumnBatch b = ctx.columns();
        assertEquals(2, b.rowCount());
        assertEquals(2, b.column(b.indexOf("x")).getLong(1), "2.9 truncates into the long column as astype does");
        assertEquals("b", b.column(b.indexOf("s")).getString(1));
        // anything unusual goes to the exact path, with the same verdict MLflow gives
        final ScoringResponse nul = server.invoke(ctx, ("{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], "
            + "\"data\": [[null, \"a\"]]}}").getBytes(StandardCharsets.UTF_8), null);
        assertEquals("BAD_REQUEST", nul.errorCode());
        assertEquals(ScoringContext.InputKind.NONE, ctx.inputKind(), "a rejected request hands nothing out");
    }

    @Test
    void streamingFallbacksAreCountedByCause() {
        final ScoringServer server = new ScoringServer(sig(NAMED));
        final String[] bodies = {
            "{\"inputs\": {\"a\": [[1, 2]], \"b\": [3]}}",      // accepted: nothing counted
            "{\"inputs\": [[1, 2]]}",                              // unnamed body for named inputs: declined
            "{\"inputs\": {\"a\": [[1, 2]], \"b\": [\"x\"]}}",   // a value numpy refuses: rejected
            "{\"inputs\": {\"a\": [[1, 2]], \"b\": [3]",         // JSON Jackson refuses: malformed
        };
        for (final String b : bodies) {
            server.invoke(ctx, b.getBytes(StandardCharsets.UTF_8), null);
        }
        assertEquals(1, server.fallbacks(ScoringServer.Fallback.DECLINED));
        assertEquals(1, server.fallbacks(ScoringServer.Fallback.REJECTED));
        assertEquals(1, server.fallbacks(ScoringServer.Fallback.MALFORMED));
        assertEquals(0, server.fallbacks(ScoringServer.Fallback.UNEXPECTED));
        assertNull(server.lastUnexpectedFallback());
        // an unnamed tensor schema given a dict: declined (it used to be a NullPointerException, swallowed)
        final ScoringServer unnamed = new ScoringServer(sig(F32_2));
        assertEquals(400, unnamed.invoke(ctx, "{\"inputs\": {\"x\": [[1, 2]]}}".getBytes(StandardCharsets.UTF_8),
            null).status());
        assertEquals(1, unnamed.fallbacks(ScoringServer.Fallback.DECLINED));
        assertEquals(0, unnamed.fallbacks(ScoringServer.Fallback.UNEXPECTED));
    }
}
