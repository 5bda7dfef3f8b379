package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Ill-formed UTF-8 anywhere in a body (JSON strings and keys on every streaming path and on the exact
 * path, CSV cells and headers) is a 400 with CPython's sentence and the byte offset, as MLflow decodes
 * the body before parsing it (MLflow itself answers 500 there: the decode is outside its error
 * handler); the same bytes well-formed are accepted. Before: all of these but 0xFF answered 200.
 */
class Utf8BodiesTest {
    private final ScoringContext ctx = new ScoringContext();

    private static final String COLS = "[{\"type\": \"long\", \"name\": \"x\"}, {\"type\": \"string\", \"name\": \"s\"}]";
    private static final String OBJ = "[{\"type\": \"object\", \"name\": \"o\", \"properties\": {\"a\": {\"type\": "
        + "\"string\"}}}]";
    private static final String MAP = "[{\"type\": \"map\", \"name\": \"m\", \"values\": {\"type\": \"string\"}}]";
    private static final String STR_TENSOR = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"str\", \"shape\": [-1]}}]";
    private static final String F32 = "[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"float32\", \"shape\": [-1]}}]";
    private static final String PARAMS = "[{\"name\": \"p\", \"type\": \"string\", \"default\": \"d\", \"shape\": null}]";

    /** Ill-formed sequences, CPython's reason and what Signet adds, and a well-formed sequence of the same length. */
    private static final String[][] BAD = {
        {"c080", "invalid start byte (an overlong encoding)", "c2a9"},
        {"e08080", "invalid continuation byte (an overlong encoding)", "e282ac"},
        {"eda080", "invalid continuation byte (an encoded surrogate)", "ed9fbf"},
        {"edbfbf", "invalid continuation byte (an encoded surrogate)", "ee8080"},
        {"f4908080", "invalid continuation byte (a code point past U+10FFFF)", "f09f9880"},
        {"f5808080", "invalid start byte (a code point past U+10FFFF)", "f48fbfbf"},
        {"f0808080", "invalid continuation byte (an overlong encoding)", "f0908080"},
        {"80", "invalid start byte", "41"},
        {"ff", "invalid start byte", "42"},
    };

    /** Where the bytes go: a signature, a content type and a body with {@code @} where they stand. */
    private static final String[][] PLACES = {
        {COLS, "application/json", "{\"dataframe_split\": {\"columns\": [\"x\", \"s\"], \"data\": [[1, \"a@\"]]}}"},
        {COLS, "application/json", "{\"dataframe_split\": {\"columns\": [\"x\", \"s\", \"k@\"], \"data\": [[1, \"a\", 2]]}}"},
        {COLS, "application/json", "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a@\"}]}"},
        {COLS, "application/json", "{\"dataframe_records\": [{\"x\": 1, \"s\": \"a\", \"k@\": 2}]}"},
        {COLS, "application/json", "{\"inputs\": {\"x\": [1], \"s\": [\"@\"]}}"},
        {COLS, "application/json", "{\"instances\": [{\"x\": 1, \"s\": \"@\"}]}"},
        {OBJ, "application/json", "{\"dataframe_records\": [{\"o\": {\"a\": \"@\"}}]}"},
        {MAP, "application/json", "{\"dataframe_records\": [{\"m\": {\"a\": \"b\", \"@\": \"c\"}}]}"},
        {MAP, "application/json", "{\"dataframe_split\": {\"columns\": [\"m\"], \"data\": [[{\"@\": \"c\"}]]}}"},
        {STR_TENSOR, "application/json", "{\"inputs\": [\"a\", \"@\"]}"},
        {F32, "application/json", "{\"inputs\": [1.5], \"z@\": 1}"},
        {F32, "application/json", "{\"inputs\": [1.5], \"params\": {\"p\": \"@\"}}"},
        {F32, "application/json; charset=utf-8", "{\"inputs\": [1.5], \"params\": {\"q@\": 1}}"},
        {COLS, "text/csv", "x,s\n1,a@\n"},
        {COLS, "text/csv", "x,s,@\n1,a,2\n"},
    };

    private static byte[] body(final String template, final String hex) {
        final int at = template.indexOf('@');
        final byte[] head = template.substring(0, at).getBytes(StandardCharsets.UTF_8);
        final byte[] mid = java.util.HexFormat.of().parseHex(hex);
        final byte[] tail = template.substring(at + 1).getBytes(StandardCharsets.UTF_8);
        final byte[] b = new byte[head.length + mid.length + tail.length];
        System.arraycopy(head, 0, b, 0, head.length);
        System.arraycopy(mid, 0, b, head.length, mid.length);
        System.arraycopy(tail, 0, b, head.length + mid.length, tail.length);
        return b;
    }

    @Test
    void illFormedUtf8AnywhereIsA400WithTheByteOffsetOnEveryPath() {
        final List<String> problems = new ArrayList<>();
        int checked = 0;
        for (final String[] place : PLACES) {
            final ModelSignature sig = ScoringServerTest.sig(place[0], place[0] == F32 ? PARAMS : null);
            for (final boolean fast : new boolean[] {true, false}) {
                final ScoringServer server = new ScoringServer(sig, Mode.MLFLOW, Limits.DEFAULT, fast);
                for (final String[] bad : BAD) {
                    final int at = place[2].substring(0, place[2].indexOf('@')).getBytes(StandardCharsets.UTF_8).length;
                    final ScoringResponse good = server.invoke(ctx, body(place[2], bad[2]), place[1]);
                    final ScoringResponse r = server.invoke(ctx, body(place[2], bad[0]), place[1]);
                    final String expected = "Invalid input. The request body is not valid UTF-8: 'utf-8' codec can't "
                        + "decode byte 0x" + bad[0].substring(0, 2) + " in position " + at + ": " + bad[1];
                    checked++;
                    if (!good.ok()) {
                        problems.add(place[2] + " well-formed " + bad[2] + ": " + good);
                    }
                    if (r.status() != 400 || !"BAD_REQUEST".equals(r.errorCode()) || !expected.equals(r.message())
                        || !r.location().endsWith(", byte " + at + ")")) {
                        problems.add((fast ? "fast " : "exact ") + place[2] + " " + bad[0] + ": " + r);
                    }
                }
                assertEquals(0, server.fallbacks(ScoringServer.Fallback.UNEXPECTED), String.valueOf(
                    server.lastUnexpectedFallback()));
            }
        }
        assertEquals(PLACES.length * 2 * BAD.length, checked);
        assertTrue(problems.isEmpty(), problems.size() + " problems:\n" + String.join("\n", problems));
    }

    @Test
    void utf16AndUtf32BodiesAreRefusedWithTheByteOffset() {
        final ScoringServer server = new ScoringServer(ScoringServerTest.sig(F32));
        final String json = "{\"inputs\": [1.5]}";
        // with a byte order mark: not UTF-8 at byte 0 (or 2 for UTF-32BE's 00 00 FE FF)
        assertEquals("Invalid input. The request body is not valid UTF-8: 'utf-8' codec can't decode byte 0xfe in "
            + "position 0: invalid start byte (a UTF-16 or UTF-32 byte order mark: the body must be UTF-8)",
            server.invoke(ctx, json.getBytes(StandardCharsets.UTF_16), null).message());
        final byte[] le = json.getBytes(StandardCharsets.UTF_16LE);
        final byte[] withBom = new byte[le.length + 2];
        withBom[0] = (byte) 0xFF;
        withBom[1] = (byte) 0xFE;
        System.arraycopy(le, 0, withBom, 2, le.length);
        assertEquals("Invalid input. The request body is not valid UTF-8: 'utf-8' codec can't decode byte 0xff in "
            + "position 0: invalid start byte (a UTF-16 or UTF-32 byte order mark: the body must be UTF-8)",
            server.invoke(ctx, withBom, null).message());
        // without one: NUL bytes, which UTF-8 allows but JSON does not (Jackson used to detect the encoding: 200)
        for (final String cs : new String[] {"UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE"}) {
            final ScoringResponse r = server.invoke(ctx, json.getBytes(Charset.forName(cs)), null);
            assertEquals(400, r.status(), cs);
            assertTrue(r.message().startsWith("Invalid input. Ensure that input is a valid JSON formatted string. "
                + "Error: 'Illegal character ((CTRL-CHAR, code 0))"), cs + ": " + r.message());
            assertTrue(r.location().contains(", byte "), cs + ": " + r.location());
        }
        final ScoringServer cols = new ScoringServer(ScoringServerTest.sig(COLS));
        assertEquals(400, cols.invoke(ctx, "x,s\n1,a\n".getBytes(StandardCharsets.UTF_16), "text/csv").status());
    }
}
