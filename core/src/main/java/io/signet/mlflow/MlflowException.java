package io.signet.mlflow;

import io.signet.enforce.Deviation;
import io.signet.enforce.ErrorCode;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.schema.PyRepr;

/**
 * MLflow's {@code MlflowException} as a rule raises it: MLflow's sentence, its error code, and where
 * it was found as facts (the column, the row, the path inside a nested value), so that each caller
 * renders its own location: {@code ['a'][3]} in-process, {@code /a/3} on the scoring server.
 */
public final class MlflowException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** {@link #column()} when the failure concerns no column (the frame, the input as a whole). */
    public static final Object NO_COLUMN = new Object() {
        @Override
        public String toString() {
            return "NO_COLUMN";
        }
    };

    private final ErrorCode code;
    private final transient Object column;
    private final int row;
    private final String inner;
    private final Deviation deviation;
    /** The Python class when numpy or pandas raised it inside the rule (not an MlflowException); else null. */
    private final String pythonType;

    MlflowException(final String message, final ErrorCode code, final Object column, final int row,
                    final String inner, final Deviation deviation) {
        this(message, code, column, row, inner, deviation, null);
    }

    private MlflowException(final String message, final ErrorCode code, final Object column, final int row,
                            final String inner, final Deviation deviation, final String pythonType) {
        super(message, null, false, false);
        this.pythonType = pythonType;
        this.code = code;
        this.column = column;
        this.row = row;
        this.inner = inner;
        this.deviation = deviation;
    }

    /** An {@code INVALID_PARAMETER_VALUE} failure concerning no column. */
    static MlflowException invalid(final String message) {
        return new MlflowException(message, ErrorCode.INVALID_PARAMETER_VALUE, NO_COLUMN, -1, null, null);
    }

    /** The same failure located at a column (and row, -1 for the column as a whole). */
    MlflowException at(final Object col, final int r) {
        return new MlflowException(getMessage(), code, col, r, inner, deviation, pythonType);
    }

    /** The same failure one level deeper inside a nested value ({@code ['key']} or {@code [3]} prepended). */
    MlflowException inside(final String step) {
        return new MlflowException(getMessage(), code, column, row, inner == null ? step : step + inner, deviation,
            pythonType);
    }

    /**
     * numpy's or pandas' own exception escaping a rule (MLflow catches it where it catches any
     * exception: {@code _enforce_schema} words it as {@code INVALID_PARAMETER_VALUE}, the scoring
     * server's column casts print its repr).
     */
    static MlflowException raised(final io.signet.py.PyError e) {
        return new MlflowException(e.getMessage(), ErrorCode.INVALID_PARAMETER_VALUE, NO_COLUMN, -1, null, null,
            e.type());
    }

    /** The Python class of a numpy / pandas exception ({@code ValueError}), or null for MLflow's own. */
    public String pythonType() {
        return pythonType;
    }

    /** MLflow's error code. */
    public ErrorCode code() {
        return code;
    }

    /** The column label, or {@link #NO_COLUMN}. */
    public Object column() {
        return column;
    }

    /** The row, or -1. */
    public int row() {
        return row;
    }

    /** The path inside a nested cell ({@code ['k'][0]}), or null. */
    public String inner() {
        return inner;
    }

    /** The README deviation, or null when MLflow raises too. */
    public Deviation deviation() {
        return deviation;
    }

    /** The in-process location: {@code ['a'][3]['k']} (null when it concerns no column). */
    public String path() {
        if (column == NO_COLUMN) {
            return inner;
        }
        return "[" + PyRepr.repr(column) + "]" + (row >= 0 ? "[" + row + "]" : "") + (inner == null ? "" : inner);
    }

    /** As the library's public exception, with the in-process location. */
    public SchemaEnforcementException toEnforcement() {
        return new SchemaEnforcementException(getMessage(), code, path(), deviation);
    }
}
