package io.signet.internal.json;

import io.signet.json.Limits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.json.JsonReadFeature;

import java.io.IOException;

/**
 * Jackson set up as Python's {@code json.loads} reads (NaN/Infinity accepted, duplicate keys:
 * last wins) with the fast double and big-number parsers on; and the mapping of Jackson's
 * failures to located 400s.
 */
public final class Json {
    private static final int EXCERPT = 40;

    private Json() {
    }

    /**
     * A factory for these limits (cheap; callers keep one per {@link Limits}). Its byte-array parsers
     * read UTF-8 only and check the whole body first: ill-formed UTF-8 anywhere is thrown from
     * {@code createParser} as the {@link PayloadException} of {@link Utf8#check}.
     *
     * @throws IllegalStateException (one sentence naming both) when the jackson-core on the classpath is
     *         outside the supported versions (2.15 through 2.21)
     */
    public static JsonFactory factory(final Limits limits) {
        return new RawJsonFactory(builder(limits), RawJsonFactory.Kind.EXACT, limits);
    }

    private static com.fasterxml.jackson.core.JsonFactoryBuilder builder(final Limits limits) {
        io.signet.internal.JacksonSupport.check(); // before any Jackson API newer than 2.0: one sentence, not a LinkageError later
        return (com.fasterxml.jackson.core.JsonFactoryBuilder) JsonFactory.builder()
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .enable(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .streamReadConstraints(limits.streamReadConstraints());
    }

    /**
     * As {@link #factory}, but its byte-array parsers let {@link TensorReader} read numeric tensor
     * arrays straight from the bytes ({@link RawArrayScanner}, which reads exactly what the token
     * path would or abstains). Same features, limits, errors and locations.
     */
    public static JsonFactory rawFactory(final Limits limits) {
        return new RawJsonFactory(builder(limits), RawJsonFactory.Kind.STREAMING, limits);
    }

    /**
     * Jackson's token path with the streaming paths' checks (UTF-8 only, strings checked as met), for
     * the tests that hold the raw scanners to what the token path reads.
     */
    public static JsonFactory tokenFactory(final Limits limits) {
        return new RawJsonFactory(builder(limits), RawJsonFactory.Kind.TOKENS, limits);
    }

    /** JSON pointer of the parser's current position ({@code /inputs/3/1}). */
    public static String pointer(final JsonParser p) {
        return p.getParsingContext().pathAsPointer().toString();
    }

    /** A located 400 for a failure at the parser's current token. */
    public static PayloadException at(final JsonParser p, final int status, final String errorCode,
                                      final String message, final String deviation) {
        final JsonLocation loc = p.currentTokenLocation();
        return new PayloadException(status, errorCode, message, pointer(p), loc.getLineNr(), loc.getColumnNr(),
            loc.getByteOffset(), deviation);
    }

    /** A located BAD_REQUEST at the current token. */
    public static PayloadException badRequest(final JsonParser p, final String message) {
        return at(p, 400, PayloadException.BAD_REQUEST, message, null);
    }

    /**
     * Maps a Jackson failure to MLflow's JSON-decode 400 (or to a named-limit 400), without
     * echoing the payload.
     */
    public static PayloadException syntax(final JsonParser p, final IOException e, final Limits limits) {
        JsonLocation loc = null;
        if (e instanceof JsonProcessingException) {
            loc = ((JsonProcessingException) e).getLocation();
        }
        if (loc == null && p != null) {
            loc = p.currentLocation();
        }
        final String ptr = p == null ? null : safePointer(p);
        final long line = loc == null ? -1 : loc.getLineNr();
        final long col = loc == null ? -1 : loc.getColumnNr();
        final long off = loc == null ? -1 : loc.getByteOffset();
        if (e instanceof StreamConstraintsException) {
            return new PayloadException(400, PayloadException.BAD_REQUEST,
                limitMessage(((StreamConstraintsException) e).getOriginalMessage(), limits), ptr, line, col, off, null);
        }
        String why = e instanceof JsonProcessingException ? ((JsonProcessingException) e).getOriginalMessage()
            : e.getMessage();
        why = excerpt(why == null ? e.getClass().getSimpleName() : withoutSource(why), 200);
        return new PayloadException(400, PayloadException.BAD_REQUEST,
            "Invalid input. Ensure that input is a valid JSON formatted string. Error: '" + why + "' at line " + line
                + " column " + col + " (char " + off + ")", ptr, line, col, off, null);
    }

    /**
     * Jackson words a location inside its message as {@code [Source: REDACTED (...); line: 1, column: 12]}:
     * the source description names a Jackson setting, not the request, so it is cut to {@code line 1 column 12}.
     */
    static String withoutSource(final String why) {
        final int at = why.indexOf("[Source: ");
        if (at < 0) {
            return why;
        }
        final int line = why.indexOf("line: ", at);
        final int end = why.indexOf(']', at);
        if (line < 0 || end < line) {
            return why;
        }
        return why.substring(0, at) + why.substring(line, end).replace("line: ", "line ").replace(", column: ", " column ")
            + withoutSource(why.substring(end + 1));
    }

    private static String safePointer(final JsonParser p) {
        try {
            return pointer(p);
        } catch (RuntimeException ex) {
            return null;
        }
    }

    static String limitMessage(final String jackson, final Limits limits) {
        final String m = jackson == null ? "" : jackson;
        if (m.startsWith("Payload exceeds limit ")) {
            return m; // Signet's own limits (Utf8JsonParser), already worded
        }
        if (m.contains("nesting depth")) {
            return "Payload exceeds limit maxNestingDepth=" + limits.maxNestingDepth();
        }
        if (m.contains("String value length") || m.contains("Name length")) {
            return "Payload exceeds limit maxStringLength=" + limits.maxStringLength();
        }
        if (m.contains("Number value length")) {
            return "Payload exceeds limit maxNumberLength=" + limits.maxNumberLength();
        }
        if (m.contains("Document length")) {
            return "Payload exceeds limit maxDocumentBytes=" + limits.maxDocumentBytes();
        }
        return "Payload exceeds a parser limit: " + excerpt(m, 200);
    }

    /** At most {@code max} characters of {@code s}, with an ellipsis when cut. */
    public static String excerpt(final String s, final int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        return s.substring(0, max) + "...";
    }

    /** A short excerpt of a token's text, for messages. */
    public static String token(final String s) {
        return excerpt(s, EXCERPT);
    }
}
