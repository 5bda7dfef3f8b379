package io.signet.serving;

import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.Mode;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.Excerpt;
import io.signet.schema.ModelSignature;
import io.signet.schema.Schema;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 17's echo families: a message quotes the payload only through a bounded excerpt, however big
 * the payload. Each family gets a payload of 10,000 names or values (about 100 KB), under the
 * default maxKeysPerObject and maxParamsElements that refuse bigger ones before any rule runs; the answer is MLflow's verdict and MLflow's
 * wording up to the cut, and the message stays under {@link Excerpt#MESSAGE_BOUND} characters.
 */
class EchoBoundTest {
    private static final int BIG = 10_000;

    private static ScoringResponse call(final String inputs, final String params, final String body, final String ct) {
        return ScoringServerTest.call(ScoringServerTest.sig(inputs, params), body, ct);
    }

    private static void bounded(final ScoringResponse r, final int status, final String start) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.message().startsWith(start), r.message());
        assertTrue(r.message().length() < Excerpt.MESSAGE_BOUND, r.message().length() + " chars");
        assertTrue(r.pointer() == null || r.pointer().length() < Excerpt.MESSAGE_BOUND, r.pointer());
    }

    private static String keys(final String prefix, final String value) {
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < BIG; i++) {
            sb.append(i > 0 ? ", " : "").append('"').append(prefix).append(i).append("\": ").append(value);
        }
        return sb.append('}').toString();
    }

    @Test
    void extraInputsAreCutWithHowManyMore() {
        final ScoringResponse r = call("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]", null,
            "{\"inputs\": " + keys("x", "[1]") + "}", "application/json");
        bounded(r, 400, "Model is missing inputs ['a']. Note that there were extra inputs: ['x0', 'x1', ");
        assertTrue(r.message().endsWith(" more]"), r.message());
        // in-process, the same sentence through the same rule
        final Map<Object, Object> in = new LinkedHashMap<>();
        for (int i = 0; i < BIG; i++) {
            in.put("x" + i, List.of(1L));
        }
        final SchemaEnforcementException e = assertThrows(SchemaEnforcementException.class,
            () -> ColumnEnforcer.compile(new Schema(List.of(new ColSpec(DataType.LONG, "a", true))), Mode.MLFLOW)
                .enforceInput(in));
        assertEquals(r.message(), e.getMessage());
    }

    @Test
    void splitKeysAreCut() {
        final ScoringResponse r = call("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]", null,
            "{\"dataframe_split\": " + keys("k", "1") + "}", "application/json");
        bounded(r, 400, "Invalid input. Dataframe split format must have 'data' field and optionally 'columns' and "
            + "'index' fields. Got {'k0', 'k1', ");
    }

    @Test
    void paramConversionErrorsQuoteAnExcerpt() {
        final String big = "[" + "1, ".repeat(BIG) + "1]";
        ScoringResponse r = call("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]",
            "[{\"name\": \"p\", \"type\": \"long\", \"default\": 1}]",
            "{\"inputs\": {\"a\": [1]}, \"params\": {\"p\": " + big + "}}", "application/json");
        bounded(r, 400, "Invalid parameters found: {('p', \"Value should be a scalar for param 'p': long (default: 1) "
            + "with shape None, got [1, 1, 1, ");
        r = call("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]",
            "[{\"name\": \"t\", \"type\": \"datetime\", \"default\": \"2020-01-01\"}]",
            "{\"inputs\": {\"a\": [1]}, \"params\": {\"t\": \"" + "x".repeat(BIG * 10) + "\"}}", "application/json");
        bounded(r, 400, "Invalid parameters found: {('t', \"Failed to convert value xxx");
    }

    @Test
    void undeclaredObjectPropertiesAreCut() {
        final ScoringResponse r = call("[{\"type\": \"object\", \"name\": \"o\", \"required\": true, \"properties\": "
                + "{\"a\": {\"type\": \"long\", \"required\": true}}}]", null,
            "{\"dataframe_records\": [{\"o\": " + keys("p", "1").replace("{", "{\"a\": 1, ") + "}]}",
            "application/json");
        bounded(r, 400, "Invalid input. Data is not compatible with model signature. Failed to convert column o to "
            + "type '{a: long (required)}'. Error: 'MlflowException(\"Invalid properties not defined in the schema "
            + "found: {'p0', 'p1', ");
    }

    @Test
    void csvCellErrorsQuoteAnExcerpt() {
        final ScoringResponse r = call("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]", null,
            "a\n" + "9".repeat(BIG) + "x\n", "text/csv");
        bounded(r, 400, "Failed to parse input as a Pandas DataFrame. Ensure that the input is a valid "
            + "CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: "
            + "'invalid literal for int() with base 10: '9999");
        final ScoringResponse h = call("[{\"type\": \"long\", \"name\": \"" + "h".repeat(BIG) + "\", \"required\": "
            + "true}]", null, "h".repeat(BIG) + "\nx\n", "text/csv");
        bounded(h, 400, "Failed to parse input as a Pandas DataFrame.");
    }

    @Test
    void unsupportedContentTypesAreCut() {
        final StringBuilder ct = new StringBuilder("application/json");
        for (int i = 0; i < BIG; i++) {
            ct.append("; p").append(i).append("=x");
        }
        bounded(call(LONG, null, "{}", ct.toString()), 415, "Unrecognized content type parameters: p0, p1, p2");
        bounded(call(LONG, null, "{}", "text/" + "x".repeat(BIG * 10)), 415,
            "This predictor only supports the following content types: Types: ['text/csv', 'application/json']. "
                + "Got 'text/xxx");
    }

    @Test
    void castFailuresNameTheColumnByAnExcerpt() {
        final String label = "c".repeat(BIG * 10);
        final ScoringResponse r = call("[{\"type\": \"long\", \"name\": \"" + label + "\", \"required\": true}]",
            null, "{\"dataframe_split\": {\"columns\": [\"" + label + "\"], \"data\": [[\"x\"]]}}",
            "application/json");
        bounded(r, 400, "Invalid input. Data is not compatible with model signature. Failed to convert column ccc");
    }

    private static final String LONG = "[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]";

    @Test
    void messagesNeverDriveATerminal() {
        final ModelSignature s = ScoringServerTest.sig("[{\"type\": \"long\", \"name\": \"a\", \"required\": true}]");
        final ScoringResponse r = ScoringServerTest.call(s, "{\"inputs\": {\"\\u001b[2Jx\": [1]}}");
        assertEquals("Model is missing inputs ['a']. Note that there were extra inputs: ['\\x1b[2Jx']", r.message());
    }
}
