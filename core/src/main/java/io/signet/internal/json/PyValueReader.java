package io.signet.internal.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one JSON value into Signet's Java model of Python values (null, Boolean, Long/BigInteger,
 * Double, String, ArrayList, LinkedHashMap with last-wins duplicate keys), as {@code json.loads}
 * does. Cold path: envelopes, params, column data, LLM payloads.
 */
public final class PyValueReader {
    private PyValueReader() {
    }

    /** Reads the value whose first token is the parser's current token. */
    public static Object read(final JsonParser p) throws IOException {
        final JsonToken t = p.currentToken();
        if (t == null) {
            throw new IOException("no current token");
        }
        switch (t) {
            case START_OBJECT: {
                final Map<String, Object> m = new LinkedHashMap<>();
                JsonToken k;
                while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
                    final String name = p.currentName();
                    p.nextToken();
                    m.put(name, read(p));
                }
                if (k != JsonToken.END_OBJECT) {
                    throw new IOException("unexpected " + k);
                }
                return m;
            }
            case START_ARRAY: {
                final List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(read(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                switch (p.getNumberType()) {
                    case INT:
                    case LONG:
                        return p.getLongValue();
                    default:
                        return p.getBigIntegerValue();
                }
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NULL:
                return null;
            default:
                throw new IOException("unexpected token " + t);
        }
    }
}
