package io.signet.cli;

import io.signet.schema.ModelSignature;

import java.util.Map;

/**
 * The {@code signature:} block of an MLmodel file, byte for byte as MLflow writes it
 * ({@code yaml.safe_dump(model_dict, default_flow_style=False)}, PyYAML 6): keys sorted, each
 * JSON string single-quoted and folded at the first single space past column 80, continuation
 * lines indented by 4.
 */
final class MlmodelYaml {
    private static final int BEST_WIDTH = 80;
    private static final int VALUE_INDENT = 4;

    private MlmodelYaml() {
    }

    /** {@code signature:\n  inputs: '...'\n  outputs: null\n  params: null\n}. */
    static String signatureBlock(final ModelSignature sig) {
        final StringBuilder sb = new StringBuilder("signature:\n");
        // MLflow's to_dict() keys (inputs, outputs, params) are already in the sorted order safe_dump uses.
        for (final Map.Entry<String, Object> e : sig.toDict().entrySet()) {
            sb.append("  ").append(e.getKey()).append(':');
            final Object v = e.getValue();
            if (v == null) {
                sb.append(" null");
            } else {
                sb.append(' ');
                singleQuoted(sb, (String) v, 2 + e.getKey().length() + 2);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /** PyYAML's {@code Emitter.write_single_quoted(text, split=True)} for a text without line breaks. */
    static void singleQuoted(final StringBuilder out, final String text, final int startColumn) {
        out.append('\'');
        int column = startColumn + 1;
        boolean spaces = false;
        int start = 0;
        final int len = text.length();
        for (int end = 0; end <= len; end++) {
            final char ch = end < len ? text.charAt(end) : 0;
            final boolean none = end == len;
            if (spaces) {
                if (none || ch != ' ') {
                    if (start + 1 == end && column > BEST_WIDTH && start != 0 && end != len) {
                        out.append('\n').append(" ".repeat(VALUE_INDENT));
                        column = VALUE_INDENT;
                    } else {
                        out.append(text, start, end);
                        column += end - start;
                    }
                    start = end;
                }
            } else if (none || ch == ' ' || ch == '\'') {
                if (start < end) {
                    out.append(text, start, end);
                    column += end - start;
                    start = end;
                }
            }
            if (!none && ch == '\'') {
                out.append("''");
                column += 2;
                start = end + 1;
            }
            if (!none) {
                spaces = ch == ' ';
            }
        }
        out.append('\'');
    }
}
