package io.signet.enforce;

import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.InputSpec;
import io.signet.schema.ObjectType;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;

import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * MLflow 2.17.2's {@code _enforce_schema} decisions for an input that is not yet a DataFrame when
 * the schema is column-based, for every path (the in-process {@link ColumnEnforcer#toFrame} and the
 * scoring server's exact path): when a dict is one row, and the sentences of the conversion. How
 * the frame is then built stays with each path's frame type.
 */
public final class ColumnInputs {
    /** The prefix MLflow puts before pandas' own error when {@code pd.DataFrame(dict)} fails. */
    public static final String CAST_FAILED = "This model contains a column-based signature, which suggests a "
        + "DataFrame input. There was an error casting the input data to a DataFrame: ";

    private ColumnInputs() {
    }

    /**
     * Whether a dict becomes one row ({@code pd.DataFrame([dict])}) rather than columns: when the schema
     * has an Array or Object column (not Map), or every value is None, a scalar or a list of str; or
     * (how serving casts transformers' {@code Dict[str, str]}) every value is a 0-d str array.
     *
     * @param isScalar {@code np.isscalar} in the caller's value model
     * @param isList   a Python list (not a numpy array) in the caller's value model
     * @param isStr0d  a 0-d numpy str array in the caller's value model
     */
    public static boolean dictIsOneRow(final Map<?, ?> m, final Schema schema, final Predicate<Object> isScalar,
                                       final Predicate<Object> isList, final Predicate<Object> isStr0d) {
        for (final InputSpec s : schema.inputs()) {
            final ColumnType t = ((ColSpec) s).type();
            if (t instanceof ArrayType || t instanceof ObjectType) {
                return true;
            }
        }
        boolean scalarish = true;
        for (final Object v : m.values()) {
            if (!(v == null || isScalar.test(v) || isList.test(v) && allStrings((List<?>) v))) {
                scalarish = false;
                break;
            }
        }
        if (scalarish || m.isEmpty()) {
            return scalarish;
        }
        for (final Object v : m.values()) {
            if (!isStr0d.test(v)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allStrings(final List<?> l) {
        for (final Object o : l) {
            if (!(o instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** {@code pd.DataFrame(ndarray)} of more than two dimensions. */
    public static String notTwoD(final long[] shape) {
        return "Must pass 2-d input. shape=" + PyRepr.shape(shape);
    }

    /** Anything that is neither a DataFrame nor convertible to one. */
    public static String notAFrame(final Object input) {
        return "Expected input to be DataFrame. Found: " + PyRepr.typeName(input);
    }
}
