package io.signet.serve;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.util.AsciiString;
import io.signet.serving.ScoringResponse;

import java.nio.charset.StandardCharsets;

/** Response bodies and their content types; JSON written by hand (a few fixed shapes). */
final class Responses {
    static final AsciiString JSON = AsciiString.cached("application/json");
    static final AsciiString TEXT = AsciiString.cached("text/plain; charset=utf-8");
    static final AsciiString PROMETHEUS = AsciiString.cached("text/plain; version=0.0.4; charset=utf-8");

    /** Validation mode's answer to a conforming request. */
    private static final ByteBuf CONFORMS = constant("{\"conforms\": true}");
    /** MLflow's /ping and /health body. */
    private static final ByteBuf NEWLINE = constant("\n");

    private Responses() {
    }

    private static ByteBuf constant(final String s) {
        return Unpooled.unreleasableBuffer(Unpooled.directBuffer(s.length()).writeBytes(
            s.getBytes(StandardCharsets.UTF_8)).asReadOnly());
    }

    static ByteBuf conforms() {
        return CONFORMS.duplicate();
    }

    static ByteBuf newline() {
        return NEWLINE.duplicate();
    }

    static ByteBuf utf8(final ByteBufAllocator alloc, final CharSequence s) {
        return ByteBufUtil.writeUtf8(alloc, s);
    }

    /** MLflow's error document {@code {"error_code": ..., "message": ...}}. */
    static String mlflowError(final String errorCode, final String message) {
        final StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"error_code\": ");
        string(sb, errorCode);
        sb.append(", \"message\": ");
        string(sb, message);
        return sb.append('}').toString();
    }

    /**
     * The KServe v2 error document {@code {"error": ...}}, with Signet's structured location beside it
     * ({@code error_code}, {@code path}, {@code deviation}) when known.
     */
    static String v2Error(final String message, final String errorCode, final String path, final String deviation) {
        final StringBuilder sb = new StringBuilder(64 + message.length());
        sb.append("{\"error\": ");
        string(sb, message);
        if (errorCode != null) {
            sb.append(", \"error_code\": ");
            string(sb, errorCode);
        }
        if (path != null) {
            sb.append(", \"path\": ");
            string(sb, path);
        }
        if (deviation != null) {
            sb.append(", \"deviation\": ");
            string(sb, deviation);
        }
        return sb.append('}').toString();
    }

    static String v2Error(final ScoringResponse r, final String pathPrefix) {
        return v2Error(r.message() == null ? "rejected" : r.message(), r.errorCode(),
            r.pointer() == null ? null : pathPrefix + r.pointer(), r.deviation() == null ? null : r.deviation().code());
    }

    /** A JSON string literal (as Python's json.dumps writes it: non-ASCII escaped). */
    static StringBuilder string(final StringBuilder sb, final String s) {
        if (s == null) {
            return sb.append("null");
        }
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
        return sb.append('"');
    }
}
