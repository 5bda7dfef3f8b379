package io.signet.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.core.json.UTF8StreamJsonParser;
import com.fasterxml.jackson.core.sym.ByteQuadsCanonicalizer;

import java.io.IOException;

/**
 * Jackson's UTF-8 byte-array parser, reading UTF-8 only (Jackson's detection of UTF-16 and UTF-32
 * is never used: MLflow decodes every body as UTF-8) and, with {@code checkStrings}, refusing what
 * Jackson's decoder lets through: Jackson checks only that continuation bytes are 10xxxxxx, so
 * overlong forms, encoded surrogates and code points past U+10FFFF would reach the model. Each string
 * value and field name is checked when its token is returned, its ASCII eight bytes at a time and
 * {@link Utf8#sequence} only at a byte of 0x80 or more; an ill-formed one is a
 * {@link JsonParseException} at that byte. Without {@code checkStrings} the caller has checked the
 * whole body ({@link Utf8#check}).
 */
class Utf8JsonParser extends UTF8StreamJsonParser {
    private final boolean checkStrings;

    Utf8JsonParser(final IOContext ctxt, final int features, final ObjectCodec codec, final ByteQuadsCanonicalizer sym,
                   final byte[] input, final int start, final int end, final boolean checkStrings) {
        super(ctxt, features, null, codec, sym, input, start, end, 0, false);
        this.checkStrings = checkStrings;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        final JsonToken t = super.nextToken();
        if (!checkStrings) {
            return t;
        }
        if (t == JsonToken.VALUE_STRING) {
            checkUtf8(_inputPtr);               // right after the opening quote: Jackson reads it lazily
        } else if (t == JsonToken.FIELD_NAME) {
            checkUtf8(_nameStartOffset);        // right after the name's opening quote
        }
        return t;
    }

    /** The string whose content starts at {@code from}: a located parse error at its first ill-formed UTF-8. */
    private void checkUtf8(final int from) throws JsonParseException {
        final byte[] b = _inputBuffer;
        final int end = _inputEnd;
        int i = from;
        while (i < end) {
            if (i + 8 <= end) {
                final int n = Swar.plainStringBytes(Swar.word(b, i));
                i += n;
                if (n == 8) {
                    continue;
                }
            }
            final int c = b[i];
            if (c == '"') {
                return;
            }
            if (c == '\\') {
                i += 2;                          // the escaped byte is ASCII or Jackson refuses it
            } else if (c >= 0) {
                i++;                             // a control character: Jackson refuses it when it reads the string
            } else {
                final int n = Utf8.sequence(b, i, end);
                if (n == 0) {
                    throw new JsonParseException(this, "Invalid UTF-8: " + Utf8.pythonError(b, 0, i, end));
                }
                i += n;
            }
        }
    }
}
