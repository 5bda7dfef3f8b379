package io.signet.json;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
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
 *
 * <p>It also holds the {@link Limits} Jackson has no word for, each checked at the token that would
 * break it, before any reader builds anything from it: {@code maxKeysPerObject} at each key,
 * {@code maxParamsElements} at each value inside the root object's {@code params}, and, with
 * {@code countValues} (the exact path, which makes a Java object of every value),
 * {@code maxJsonValues} at each value. A breach is a {@link StreamConstraintsException} whose message
 * is the limit's sentence ({@link Json#syntax} words it as a 400). Every way to advance the parser
 * goes through {@link #nextToken()} (Jackson's {@code nextFieldName} / {@code nextTextValue} shortcuts
 * are routed there), so no reader can step past a check.
 */
class Utf8JsonParser extends UTF8StreamJsonParser {
    private final boolean checkStrings;
    private final int maxKeys;
    private final long maxParams;
    private final long maxValues;
    private long values;
    private long paramsValues;
    /** True from the root object's {@code params} key until the root's next key. */
    private boolean inParams;

    Utf8JsonParser(final IOContext ctxt, final int features, final ObjectCodec codec, final ByteQuadsCanonicalizer sym,
                   final byte[] input, final int start, final int end, final boolean checkStrings, final Limits limits,
                   final boolean countValues) {
        super(ctxt, features, null, codec, sym, input, start, end, 0, false);
        this.checkStrings = checkStrings;
        this.maxKeys = limits.maxKeysPerObject();
        this.maxParams = limits.maxParamsElements();
        this.maxValues = countValues ? limits.maxJsonValues() : Long.MAX_VALUE;
    }

    @Override
    public JsonToken nextToken() throws IOException {
        final JsonToken t = super.nextToken();
        if (t == null) {
            return null;
        }
        switch (t.id()) {
            case JsonTokenId.ID_FIELD_NAME:
                // the object's index counts its keys so far, this one included from 0
                if (_parsingContext.getCurrentIndex() >= maxKeys) {
                    throw limit("maxKeysPerObject", maxKeys, "an object with more keys");
                }
                if (_parsingContext.getNestingDepth() == 1) {
                    inParams = "params".equals(_parsingContext.getCurrentName());
                }
                if (checkStrings) {
                    checkUtf8(_nameStartOffset);    // right after the name's opening quote
                }
                return t;
            case JsonTokenId.ID_END_OBJECT:
            case JsonTokenId.ID_END_ARRAY:
                return t;
            default:
                // params first: the more precise limit names a params list past both
                if (inParams && ++paramsValues > maxParams) {
                    throw limit("maxParamsElements", maxParams, "more values in params");
                }
                if (++values > maxValues) {
                    throw limit("maxJsonValues", maxValues, "more values");
                }
                if (checkStrings && t == JsonToken.VALUE_STRING) {
                    checkUtf8(_inputPtr);           // right after the opening quote: Jackson reads it lazily
                }
                return t;
        }
    }

    private StreamConstraintsException limit(final String name, final long value, final String detail) {
        return new StreamConstraintsException("Payload exceeds limit " + name + "=" + value + ": " + detail,
            currentTokenLocation());
    }

    // Jackson's shortcuts advance without nextToken(): routed through it, so every check sees every token

    @Override
    public String nextFieldName() throws IOException {
        return nextToken() == JsonToken.FIELD_NAME ? currentName() : null;
    }

    @Override
    public boolean nextFieldName(final SerializableString str) throws IOException {
        return nextToken() == JsonToken.FIELD_NAME && str.getValue().equals(currentName());
    }

    @Override
    public String nextTextValue() throws IOException {
        return nextToken() == JsonToken.VALUE_STRING ? getText() : null;
    }

    @Override
    public int nextIntValue(final int defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getIntValue() : defaultValue;
    }

    @Override
    public long nextLongValue(final long defaultValue) throws IOException {
        return nextToken() == JsonToken.VALUE_NUMBER_INT ? getLongValue() : defaultValue;
    }

    @Override
    public Boolean nextBooleanValue() throws IOException {
        final JsonToken t = nextToken();
        return t == JsonToken.VALUE_TRUE ? Boolean.TRUE : t == JsonToken.VALUE_FALSE ? Boolean.FALSE : null;
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
