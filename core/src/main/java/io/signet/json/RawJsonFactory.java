package io.signet.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.io.IOContext;

import java.io.IOException;

/**
 * A {@link JsonFactory} whose byte-array parsers are {@link RawJsonParser}s when the bytes are
 * plainly UTF-8 (no BOM, no UTF-16/32 zero bytes up front, the encodings Jackson would detect
 * otherwise); anything else gets Jackson's usual parser, which the raw scanner leaves alone.
 */
final class RawJsonFactory extends JsonFactory {
    private static final long serialVersionUID = 1L;

    RawJsonFactory(final JsonFactoryBuilder b) {
        super(b);
    }

    @Override
    protected JsonParser _createParser(final byte[] data, final int offset, final int len, final IOContext ctxt)
        throws IOException {
        if (len >= 2 && plainUtf8(data[offset], data[offset + 1])
            && JsonFactory.Feature.CANONICALIZE_FIELD_NAMES.enabledIn(_factoryFeatures)) {
            return new RawJsonParser(ctxt, _parserFeatures, _objectCodec,
                _byteSymbolCanonicalizer.makeChild(_factoryFeatures), data, offset, offset + len);
        }
        return super._createParser(data, offset, len, ctxt);
    }

    private static boolean plainUtf8(final byte b0, final byte b1) {
        return b0 != 0 && b1 != 0 && b0 != (byte) 0xEF && b0 != (byte) 0xFE && b0 != (byte) 0xFF;
    }
}
