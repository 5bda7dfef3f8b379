package io.signet.spark;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a check found: rows checked and invalid, violations per MLflow error code and per deviation
 * code, the schema violations (which make every row invalid), and MLflow's own sample check when
 * asked for ({@link CheckOptions#sample(int)}).
 */
public final class Summary {
    /** MLflow's own check of the first rows as one frame: its verdict and first sentence. */
    public static final class Sample {
        public final int rows;
        public final boolean accepted;
        public final String message;

        Sample(final int rows, final boolean accepted, final String message) {
            this.rows = rows;
            this.accepted = accepted;
            this.message = message;
        }
    }

    private final long rowsChecked;
    private final long rowsInvalid;
    private final Map<String, Long> perCode;
    private final Map<String, Long> perDeviation;
    private final List<Violation> schemaViolations;
    private final Sample sample;

    Summary(final long rowsChecked, final long rowsInvalid, final Map<String, Long> perCode,
            final Map<String, Long> perDeviation, final List<Violation> schemaViolations, final Sample sample) {
        this.rowsChecked = rowsChecked;
        this.rowsInvalid = rowsInvalid;
        this.perCode = Collections.unmodifiableMap(new TreeMap<>(perCode));
        this.perDeviation = Collections.unmodifiableMap(new TreeMap<>(perDeviation));
        this.schemaViolations = Collections.unmodifiableList(schemaViolations);
        this.sample = sample;
    }

    public long rowsChecked() {
        return rowsChecked;
    }

    public long rowsInvalid() {
        return rowsInvalid;
    }

    public long rowsValid() {
        return rowsChecked - rowsInvalid;
    }

    /** Violations per MLflow error code ({@code INVALID_PARAMETER_VALUE}, ...), sorted by code. */
    public Map<String, Long> violationsPerErrorCode() {
        return perCode;
    }

    /** Violations per Signet deviation code (strict-mode findings MLflow would accept), sorted. */
    public Map<String, Long> violationsPerDeviation() {
        return perDeviation;
    }

    /** Violations of the whole dataset (missing columns, a type MLflow never converts): every row is invalid. */
    public List<Violation> schemaViolations() {
        return schemaViolations;
    }

    /** MLflow's own sample check, or null when not asked for. */
    public Sample sample() {
        return sample;
    }

    /** Invalid rows MLflow's sample check lets through: all of them when it accepts, else none. */
    public long missedBySample() {
        return sample == null || !sample.accepted ? 0 : rowsInvalid;
    }

    /** The summary as JSON ({@code rows_checked}, {@code rows_invalid}, {@code violations_per_error_code}, ...). */
    public String toJson() {
        final StringBuilder sb = new StringBuilder("{\n");
        sb.append("  \"rows_checked\": ").append(rowsChecked).append(",\n");
        sb.append("  \"rows_invalid\": ").append(rowsInvalid).append(",\n");
        sb.append("  \"rows_valid\": ").append(rowsValid()).append(",\n");
        sb.append("  \"violations_per_error_code\": ").append(counts(perCode)).append(",\n");
        sb.append("  \"violations_per_deviation\": ").append(counts(perDeviation)).append(",\n");
        sb.append("  \"schema_violations\": [");
        for (int i = 0; i < schemaViolations.size(); i++) {
            final Violation v = schemaViolations.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("    {\"input\": ").append(str(v.input)).append(", \"path\": ")
                .append(str(v.path)).append(", \"error_code\": ").append(str(v.errorCode)).append(", \"message\": ")
                .append(str(v.message)).append(", \"deviation\": ").append(str(v.deviation)).append('}');
        }
        sb.append(schemaViolations.isEmpty() ? "]" : "\n  ]");
        if (sample != null) {
            sb.append(",\n  \"mlflow_sample\": {\"rows\": ").append(sample.rows).append(", \"accepted\": ")
                .append(sample.accepted).append(", \"message\": ").append(str(sample.message))
                .append(", \"invalid_rows_missed\": ").append(missedBySample()).append('}');
        }
        return sb.append("\n}\n").toString();
    }

    private static String counts(final Map<String, Long> m) {
        final StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (final Map.Entry<String, Long> e : m.entrySet()) {
            sb.append(first ? "" : ", ").append(str(e.getKey())).append(": ").append(e.getValue());
            first = false;
        }
        return sb.append('}').toString();
    }

    static String str(final String s) {
        if (s == null) {
            return "null";
        }
        final StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if (ch == '"' || ch == '\\') {
                sb.append('\\').append(ch);
            } else if (ch < 0x20) {
                sb.append(String.format("\\u%04x", (int) ch));
            } else {
                sb.append(ch);
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public String toString() {
        return "rows checked " + rowsChecked + ", invalid " + rowsInvalid + ", per error code " + perCode
            + (perDeviation.isEmpty() ? "" : ", per deviation " + perDeviation)
            + (schemaViolations.isEmpty() ? "" : ", schema violations " + schemaViolations);
    }
}
