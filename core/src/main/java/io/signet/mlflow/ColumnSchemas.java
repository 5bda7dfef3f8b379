package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Pandas;
import io.signet.py.Py;
import io.signet.py.PyError;
import io.signet.py.Series;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.ObjectType;
import io.signet.schema.Schema;
import io.signet.tensor.DType;

import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_schema} for a column-based schema, the one copy, for every path
 * (in-process Java values, the scoring server's parsed bodies, frames from the hot path's batches):
 * the input becomes a DataFrame as MLflow makes it ({@link #toFrame}), the input names are checked
 * ({@link InputNames}), then each schema column is enforced ({@link Datatypes} for a DataType,
 * {@link Types} cell by cell for Array / Object / Map). Returns the frame MLflow hands to the model:
 * the schema's columns (named: in schema order, absent optional ones left out; unnamed: the first
 * N), each as its rule returned it.
 */
public final class ColumnSchemas {
    private ColumnSchemas() {
    }

    /**
     * {@code _enforce_schema(input, schema)} for a column schema.
     *
     * @throws MlflowException MLflow's sentence, located
     */
    public static DataFrame enforce(final Object input, final Schema schema, final Profile profile) {
        final DataFrame pf = toFrame(input, schema);
        if (schema.hasInputNames()) {
            final String missing = InputNames.missingInputs(schema.requiredInputNames(), pf.labels(),
                schema.inputNames(), profile);
            if (missing != null) {
                throw MlflowException.invalid(missing);
            }
            return named(pf, schema, profile);
        }
        final String count = InputNames.unnamedCount(schema.size(), pf.columnCount());
        if (count != null) {
            throw MlflowException.invalid(count);
        }
        return unnamed(pf, schema, profile);
    }

    /**
     * {@code _enforce_schema}'s conversion of an input to a DataFrame for a column schema: a scalar is
     * one row of one column; a dict is one row when the schema has an Array or Object column (not Map),
     * or every value is a scalar, None or a list of str, or every value is a 0-d str array; otherwise
     * {@code pd.DataFrame(dict)}, whose failure MLflow rewords; a list or an array is
     * {@code pd.DataFrame(data)}; anything else is refused.
     */
    public static DataFrame toFrame(final Object input, final Schema schema) {
        if (input instanceof DataFrame) {
            return (DataFrame) input;
        }
        try {
            if (Py.isScalar(input)) {
                return Pandas.fromScalar(input);
            }
            if (input instanceof Map) {
                final Map<?, ?> m = (Map<?, ?>) input;
                if (dictIsOneRow(m, schema)) {
                    return Pandas.fromRecords(Collections.singletonList(m));
                }
                try {
                    return Pandas.fromDict(m);
                } catch (final PyError e) {
                    throw MlflowException.invalid(Sentences.CAST_FAILED + e.getMessage());
                }
            }
            if (input instanceof List) {
                return Pandas.fromList((List<?>) input);
            }
            if (input instanceof NdArray) {
                final NdArray a = (NdArray) input;
                return a.rank() == 0 ? Pandas.fromList(Collections.singletonList(a)) : Pandas.fromArray(a);
            }
        } catch (final PyError e) {
            throw MlflowException.invalid(e.getMessage());
        }
        throw MlflowException.invalid(Sentences.notAFrame(input));
    }

    /**
     * Whether a dict becomes one row ({@code pd.DataFrame([dict])}) rather than columns: when the schema
     * has an Array or Object column (not Map), or every value is None, a scalar or a list of str; or
     * (how serving casts transformers' {@code Dict[str, str]}) every value is a 0-d str array.
     */
    static boolean dictIsOneRow(final Map<?, ?> m, final Schema schema) {
        for (final InputSpec s : schema.inputs()) {
            final ColumnType t = ((ColSpec) s).type();
            if (t instanceof ArrayType || t instanceof ObjectType) {
                return true;
            }
        }
        boolean scalarish = true;
        for (final Object v : m.values()) {
            if (!(v == null || Py.isScalar(v) || v instanceof List && allStrings((List<?>) v))) {
                scalarish = false;
                break;
            }
        }
        if (scalarish || m.isEmpty()) {
            return scalarish;
        }
        for (final Object v : m.values()) {
            if (!(v instanceof NdArray && ((NdArray) v).rank() == 0 && ((NdArray) v).dtype().kind() == DType.Kind.STR)) {
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

    /** {@code _enforce_named_col_schema}: each of {@code input_names()}, its spec from {@code input_dict()}. */
    private static DataFrame named(final DataFrame pf, final Schema schema, final Profile profile) {
        final DataFrame out = new DataFrame(pf.rowCount());
        for (int i = 0; i < schema.size(); i++) {
            final Object name = schema.lookupName(i);
            final InputSpec byName = schema.inputByLabel(name);
            final ColSpec s = (ColSpec) (byName != null ? byName : schema.input(i));
            final int c = pf.indexOf(name);
            if (c < 0) {
                if (s.required()) {
                    throw MlflowException.invalid(Sentences.requiredColumnMissing(name));
                }
                continue;
            }
            column(out, name, pf, c, s.type(), s.required(), profile);
        }
        return out;
    }

    private static DataFrame unnamed(final DataFrame pf, final Schema schema, final Profile profile) {
        final DataFrame out = new DataFrame(pf.rowCount());
        for (int i = 0; i < schema.size(); i++) {
            column(out, pf.label(i), pf, i, ((ColSpec) schema.input(i)).type(), true, profile);
        }
        return out;
    }

    /** One schema column: {@code _enforce_mlflow_datatype} for a DataType, {@code _enforce_type} per cell otherwise. */
    private static void column(final DataFrame out, final Object name, final DataFrame pf, final int c,
                               final ColumnType t, final boolean required, final Profile profile) {
        final int same = pf.count(name);
        if (same > 1) {
            // pf_input[name] of a repeated label is a DataFrame: _enforce_mlflow_datatype asks for its .dtype,
            // _enforce_type is given each of its column labels (iterating a DataFrame yields its labels)
            if (t instanceof DataType) {
                throw MlflowException.invalid(Sentences.FRAME_HAS_NO_DTYPE).at(name, -1);
            }
            final Object[] labels = new Object[same];
            for (int i = 0; i < same; i++) {
                try {
                    labels[i] = Types.enforce(name, t, required, profile);
                } catch (final MlflowException e) {
                    throw e.at(name, i);
                }
            }
            out.append(name, DType.OBJECT, labels);
            return;
        }
        if (t instanceof DataType) {
            final Series r = Datatypes.enforce(Series.of(pf, c), (DataType) t, profile);
            out.append(name, r.dtype(), r.cells());
            return;
        }
        final Object[] cells = new Object[pf.rowCount()];
        for (int r = 0; r < cells.length; r++) {
            try {
                cells[r] = Types.enforce(pf.item(c, r), t, required, profile);
            } catch (final MlflowException e) {
                throw e.at(name, r);
            }
        }
        out.append(name, DType.OBJECT, cells);
    }
}
