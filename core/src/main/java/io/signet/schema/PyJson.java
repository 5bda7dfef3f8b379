package io.signet.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * JSON as Python's {@code json} module reads and writes it, for the cold paths (signatures,
 * MLmodel files, examples, conformance cases): objects keep their key order, integers are Long
 * (BigInteger past 64 bits), fractions are Double, {@code NaN}/{@code Infinity} are accepted.
 * {@link #dumps} writes {@code json.dumps} defaults: {@code ", "} and {@code ": "} separators,
 * non-ASCII escaped, floats in Python's repr.
 */
public final class PyJson {
    // INCLUDE_SOURCE_IN_LOCATION off: jackson-core 2.15 defaults it on and quotes the document in messages
    private static final ObjectMapper MAPPER = JsonMapper.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(DeserializationFeature.USE_LONG_FOR_INTS)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();
    /**
     * {@link #loads}' reader: Jackson's {@code USE_LONG_FOR_INTS} forces every integer into a long and
     * fails on Python's unbounded ints (2**63), so ints are read natively (Integer, Long or
     * BigInteger) and Integers widened to Long afterwards.
     */
    private static final ObjectMapper LOADS = JsonMapper.builder()
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .build();

    private PyJson() {
    }

    /** The shared reader (thread-safe, configured as above). */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /**
     * Parses JSON text into plain values.
     *
     * @throws JsonProcessingException with the line and column of the problem
     */
    public static Object loads(final String text) throws JsonProcessingException {
        return widenInts(LOADS.readValue(text, Object.class));
    }

    @SuppressWarnings("unchecked")
    private static Object widenInts(final Object v) {
        if (v instanceof Integer) {
            return ((Integer) v).longValue();
        }
        if (v instanceof Map) {
            for (final Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
                e.setValue(widenInts(e.getValue()));
            }
        } else if (v instanceof List) {
            final List<Object> l = (List<Object>) v;
            for (int i = 0; i < l.size(); i++) {
                l.set(i, widenInts(l.get(i)));
            }
        }
        return v;
    }

    /** {@code json.dumps(value)}. */
    public static String dumps(final Object value) {
        final StringBuilder sb = new StringBuilder();
        write(sb, value);
        return sb.toString();
    }

    private static void write(final StringBuilder sb, final Object v) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Boolean) {
            sb.append((Boolean) v ? "true" : "false");
        } else if (v instanceof Double || v instanceof Float) {
            final double d = ((Number) v).doubleValue();
            if (Double.isNaN(d)) {
                sb.append("NaN");
            } else if (Double.isInfinite(d)) {
                sb.append(d > 0 ? "Infinity" : "-Infinity");
            } else {
                sb.append(PyRepr.floatRepr(d));
            }
        } else if (v instanceof BigDecimal) {
            sb.append(((BigDecimal) v).toPlainString());
        } else if (v instanceof Number || v instanceof BigInteger) {
            sb.append(v);
        } else if (v instanceof String) {
            writeString(sb, (String) v);
        } else if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                writeString(sb, String.valueOf(e.getKey()));
                sb.append(": ");
                write(sb, e.getValue());
            }
            sb.append('}');
        } else if (v instanceof Collection) {
            sb.append('[');
            boolean first = true;
            for (final Object x : (Collection<?>) v) {
                if (!first) {
                    sb.append(", ");
                }
                first = false;
                write(sb, x);
            }
            sb.append(']');
        } else if (v instanceof long[]) {
            sb.append('[');
            final long[] a = (long[]) v;
            for (int i = 0; i < a.length; i++) {
                if (i > 0) {
                    sb.append(", ");
                }
                sb.append(a[i]);
            }
            sb.append(']');
        } else {
            writeString(sb, v.toString());
        }
    }

    private static void writeString(final StringBuilder sb, final String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            final char c = s.charAt(i);
            switch (c) {
                case '"':
                    sb.append("\\\"");
                    break;
                case '\\':
                    sb.append("\\\\");
                    break;
                case '\n':
                    sb.append("\\n");
                    break;
                case '\r':
                    sb.append("\\r");
                    break;
                case '\t':
                    sb.append("\\t");
                    break;
                case '\b':
                    sb.append("\\b");
                    break;
                case '\f':
                    sb.append("\\f");
                    break;
                default:
                    if (c < 0x20 || c > 0x7e) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
            }
        }
        sb.append('"');
    }
}
