package io.signet.enforce;

import io.signet.py.PyRepr;
import java.util.ArrayList;
import java.util.List;

/**
 * A reusable, bounded collector of column-schema violations: MLflow's sentence, a path
 * ({@code ['a'][3]}), the row (-1 for a whole column) and the deviation code (null when MLflow
 * rejects too). The caller owns it and calls {@link #reset()} between checks. Recording happens
 * only on failure, so a passing check allocates nothing here.
 */
public final class ColumnViolations {
    private final int limit;
    private final List<String> messages = new ArrayList<>();
    private final List<String> paths = new ArrayList<>();
    private final List<Deviation> deviations = new ArrayList<>();
    private final List<Integer> rows = new ArrayList<>();
    private int total;

    /** @param limit how many violations to keep (more are counted, not kept) */
    public ColumnViolations(final int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1");
        }
        this.limit = limit;
    }

    /** Violations of one request, keeping at most 16. */
    public ColumnViolations() {
        this(100);
    }

    /** Forgets every violation, keeping the memory, before the next check. */
    public void reset() {
        messages.clear();
        paths.clear();
        deviations.clear();
        rows.clear();
        total = 0;
    }

    /** Records one violation; false when the limit is reached (stop looking). */
    public boolean add(final String message, final String path, final int row, final Deviation deviation) {
        total++;
        if (messages.size() < limit) {
            messages.add(message);
            paths.add(path);
            rows.add(row);
            deviations.add(deviation);
        }
        return messages.size() < limit;
    }

    /** True when nothing was reported since the last {@link #reset()}. */
    public boolean isEmpty() {
        return total == 0;
    }

    /** True once the retained list holds as many as it keeps (later ones are only counted). */
    public boolean full() {
        return messages.size() >= limit;
    }

    /** Kept violations. */
    public int size() {
        return messages.size();
    }

    /** All violations seen, including those beyond the limit. */
    public int total() {
        return total;
    }

    /** MLflow's message for violation {@code i}. */
    public String message(final int i) {
        return messages.get(i);
    }

    /**
     * The path this class reports for a whole column: Python's subscript of its label, as MLflow
     * quotes it ({@code ['a']}, {@code [0]} for an integer label).
     *
     * @param label the column's label (a String, or a Long for MLflow 3's integer column names)
     * @return the path
     */
    public static String columnPath(final Object label) {
        return "[" + PyRepr.repr(label) + "]";
    }

    /** Where violation {@code i} is: the column's path ({@code ['a']}), or null for the whole input. */
    public String path(final int i) {
        return paths.get(i);
    }

    /** The row of violation {@code i}, or -1 when it is about the whole column. */
    public int row(final int i) {
        return rows.get(i);
    }

    /** The README deviation of violation {@code i}, or null when MLflow gives the same verdict. */
    public Deviation deviation(final int i) {
        return deviations.get(i);
    }

    /** The first violation as the exception MLflow would raise (its message, its error code). */
    public SchemaEnforcementException toException() {
        if (messages.isEmpty()) {
            throw new IllegalStateException("no violation");
        }
        return new SchemaEnforcementException(messages.get(0), ErrorCode.INVALID_PARAMETER_VALUE,
            paths.get(0), deviations.get(0));
    }

    @Override
    public String toString() {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < messages.size(); i++) {
            sb.append(paths.get(i) == null ? "" : paths.get(i) + ": ").append(messages.get(i));
            if (deviations.get(i) != null) {
                sb.append(" [").append(deviations.get(i)).append(']');
            }
            sb.append('\n');
        }
        if (total > messages.size()) {
            sb.append("... and ").append(total - messages.size()).append(" more\n");
        }
        return sb.toString();
    }
}
