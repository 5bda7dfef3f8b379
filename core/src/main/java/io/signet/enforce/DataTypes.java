package io.signet.enforce;

import io.signet.schema.DataType;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;

/**
 * MLflow 2.17.2's {@code _enforce_mlflow_datatype} verdict table and sentences, for every path that
 * judges a column against a {@link DataType} (the in-process {@link ColumnEnforcer}, the scoring
 * server's exact path). Callers hold the column their own way and scan it where the table asks
 * ({@link #ZERO_ONE}, the missing-values hint); the table and the words are here.
 */
public final class DataTypes {
    /** The column's dtype is the type's own. */
    public static final int OK = 0;
    /** A safe upcast. */
    public static final int UPCAST = 1;
    /** int64 into float/double: accepted when every value is 0, 1 or null (the caller scans). */
    public static final int ZERO_ONE = 2;
    /** Not convertible. */
    public static final int REJECT = 3;

    /** Appended to the mismatch sentence for a float64 column with NaN and only integral values into an integer type. */
    public static final String MISSING_VALUES_HINT = " Hint: the type mismatch is likely caused by missing values. "
        + "Integer columns in python can not represent missing values and are therefore "
        + "encoded as floats. The best way to avoid this problem is to infer the model "
        + "schema based on a realistic data sample (training dataset) that includes missing "
        + "values. Alternatively, you can declare integer columns as doubles (float64) "
        + "whenever these columns may have missing values. See `Handling Integers With "
        + "Missing Values <https://www.mlflow.org/docs/latest/models.html#"
        + "handling-integers-with-missing-values>`_ for more details.";

    private DataTypes() {
    }

    /**
     * numpy's {@code np.isscalar} for the Java value model: Python numbers, str, bool, bytes and numpy
     * scalars ({@link NpScalar}); None, lists, dicts, arrays, dates are not scalars.
     */
    public static boolean isScalar(final Object v) {
        return v instanceof Number || v instanceof String || v instanceof Boolean || v instanceof byte[]
            || v instanceof NpScalar;
    }

    /**
     * MLflow's upcast table for a column of numpy dtype {@code from} (after {@code infer_objects}):
     * same kind and not narrower; uint to int only when strictly wider; (u)int to float64 up to 32
     * bits (itemsize &lt;= 6); int64 to float32/float64 when all values are 0 or 1 ({@link #ZERO_ONE});
     * str/binary accept object (binary also bytes); datetime accepts any datetime64 unit; everything
     * else is rejected.
     */
    public static int upcast(final DType from, final DataType to) {
        final DType t = to.toNumpy();
        if (from.equals(t)) {
            return OK;
        }
        if (to == DataType.STRING || to == DataType.BINARY) {
            return from.kind() == DType.Kind.OBJECT || to == DataType.BINARY && from.kind() == DType.Kind.BYTES
                ? OK : REJECT;
        }
        if (to == DataType.DATETIME) {
            return from.kind() == DType.Kind.DATETIME ? UPCAST : REJECT;
        }
        final boolean up;
        if (from.kind() == t.kind()) {
            up = from.itemSize() <= t.itemSize();
        } else if (from.kind() == DType.Kind.UINT && t.kind() == DType.Kind.INT) {
            up = from.itemSize() < t.itemSize();
        } else if ((from.kind() == DType.Kind.INT || from.kind() == DType.Kind.UINT) && t.equals(DType.FLOAT64)) {
            up = from.itemSize() <= 6;
        } else {
            up = false;
        }
        if (up) {
            return UPCAST;
        }
        if (from.equals(DType.INT64) && (to == DataType.FLOAT || to == DataType.DOUBLE)) {
            return ZERO_ONE;
        }
        return REJECT;
    }

    /** Whether the missing-values hint applies to a rejected column (the caller knows about NaN and integral values). */
    public static boolean hintApplies(final DType from, final DataType to) {
        return from.equals(DType.FLOAT64) && (to == DataType.INTEGER || to == DataType.LONG);
    }

    /** {@code Incompatible input types for column a. Can not safely convert float64 to int64.} (+ the hint). */
    public static String incompatible(final String column, final DType from, final DataType to, final boolean hint) {
        return "Incompatible input types for column " + column + ". Can not safely convert " + from + " to "
            + numpyStr(to.toNumpy()) + "." + (hint ? MISSING_VALUES_HINT : "");
    }

    /** {@code Failed to convert column a from type object to DataType.double.} (an f-string of the DataType). */
    public static String conversionFailed(final String column, final DType from, final DataType to) {
        return "Failed to convert column " + column + " from type " + from + " to DataType." + to.mlflowName() + ".";
    }

    /** {@link #toNumeric}: pandas raised a ValueError (MLflow rewords it with {@link #conversionFailed}). */
    public static final Object VALUE_ERROR = new Object();
    /** {@link #toNumeric}: pandas raised a TypeError, which MLflow passes on ({@link #invalidObjectType}). */
    public static final Object TYPE_ERROR = new Object();

    /**
     * {@code pd.to_numeric} of one cell of an object column (MLflow's decimal branch, which any object
     * column takes for {@code double}): None, numbers and bools as they are; anything sized with length 0
     * (empty str, bytes, list, dict) is NaN; str, bytes and numpy str scalars are parsed (int, float,
     * nan/inf spellings; no underscores), else {@link #VALUE_ERROR}; any other object (lists, dicts,
     * datetimes, arrays) is {@link #TYPE_ERROR}.
     */
    public static Object toNumeric(final Object v) {
        if (v == null || v instanceof Number || v instanceof Boolean) {
            return v;
        }
        Object x = v;
        if (x instanceof NpScalar) {
            final NpScalar s = (NpScalar) x;
            if (s.dtype().kind().isNumeric()) {
                return s.value();
            }
            if (s.dtype().kind() != DType.Kind.STR && s.dtype().kind() != DType.Kind.BYTES) {
                return TYPE_ERROR;
            }
            x = s.value();
        }
        if (x instanceof byte[]) {
            x = new String((byte[]) x, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
        if (x instanceof String && ((String) x).isEmpty()
            || x instanceof java.util.Collection && ((java.util.Collection<?>) x).isEmpty()
            || x instanceof java.util.Map && ((java.util.Map<?, ?>) x).isEmpty()) {
            return Double.NaN; // maybe_convert_numeric: anything sized with len 0 is a null
        }
        if (!(x instanceof String)) {
            return TYPE_ERROR;
        }
        final String s = ((String) x).trim();
        try {
            return Long.parseLong(s);
        } catch (final NumberFormatException e) {
            try {
                final String low = s.toLowerCase(java.util.Locale.ROOT);
                if (low.equals("nan") || low.equals("inf") || low.equals("-inf") || low.equals("+inf")
                    || low.equals("infinity") || low.equals("-infinity")) {
                    return Double.parseDouble(low.replace("inf", "Infinity").replace("infinityinity", "Infinity")
                        .replace("nan", "NaN"));
                }
                if (s.isEmpty() || !s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
                    return VALUE_ERROR;
                }
                return Double.parseDouble(s);
            } catch (final NumberFormatException e2) {
                return VALUE_ERROR;
            }
        }
    }

    /** pandas' TypeError from {@code pd.to_numeric} for the cell at {@code position}. */
    public static String invalidObjectType(final int position) {
        return "Invalid object type at position " + position;
    }

    /** numpy's str of the target dtype as MLflow prints it ({@code <U0} for str, {@code |S0} for bytes). */
    static String numpyStr(final DType t) {
        if (t.kind() == DType.Kind.STR) {
            return "<U0";
        }
        if (t.kind() == DType.Kind.BYTES) {
            return "|S0";
        }
        return t.toString();
    }
}
