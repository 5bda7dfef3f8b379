package io.signet.internal.json;

import io.signet.json.Limits;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

import java.io.IOException;

/**
 * A {@link JsonFactory} whose byte-array parsers read UTF-8 only, as MLflow decodes every body
 * (Jackson's own factory would detect UTF-16 and UTF-32 from a BOM or zero bytes and answer 200 to a
 * body MLflow refuses). With {@code wholeBody} (the exact path's factory, {@link Json#factory}) the
 * body is first held to {@link Limits#maxExactPathBytes} and checked as a whole, so ill-formed UTF-8
 * anywhere is the 400 of {@link Utf8#check}
 * (thrown as a {@link PayloadException} from {@code createParser}) at the offending byte, before
 * anything is parsed, as MLflow decodes before it parses; its parsers are Jackson's token path and
 * count every value against {@code maxJsonValues} (the exact path makes a Java object of each). The
 * streaming paths' factory ({@link Json#rawFactory}) skips that pass and makes {@link RawJsonParser}s,
 * which check strings and names as they meet them (a failure sends the body to the exact path).
 */
final class RawJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    /** What the factory's byte-array parsers are. */
    enum Kind {
        /** The exact path's: the body held to maxExactPathBytes and checked whole, Jackson's token path, values counted. */
        EXACT,
        /** The streaming paths': {@link RawJsonParser}, strings checked as met. */
        STREAMING,
        /** Jackson's token path with the streaming paths' checks: what the raw scanners are tested against. */
        TOKENS
    }

    private final Kind kind;
    private final Limits limits;

    RawJsonFactory(final JsonFactoryBuilder b, final Kind kind, final Limits limits) {
        super(b);
        this.kind = kind;
        this.limits = limits;
        if (!JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            throw new IllegalStateException("RawJsonParser needs canonicalized field names");
        }
    }

    @Override
    protected JsonParser _createParser(final byte[] data, final int offset, final int len, final IOContext ctxt)
        throws IOException {
        final ByteQuadsCanonicalizer names = _byteSymbolCanonicalizer.makeChild(_factoryFeatures);
        if (kind == Kind.TOKENS) {
            return new Utf8JsonParser(ctxt, _parserFeatures, _objectCodec, names, data, offset, offset + len, true, limits,
                false);
        }
        if (kind == Kind.EXACT) {
            LimitChecks.checkExactPathBytes(limits, len);
            final PayloadException bad = Utf8.check(data, offset, len);
            if (bad != null) {
                throw bad;
            }
            return new Utf8JsonParser(ctxt, _parserFeatures, _objectCodec, names, data, offset, offset + len, false, limits,
                true);
        }
        return new RawJsonParser(ctxt, _parserFeatures, _objectCodec, names, data, offset, offset + len, limits);
    }
}
