package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.Excerpt;
import io.signet.schema.DataType;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;

import java.util.Collection;

/**
 * Every sentence MLflow's enforcement says, in one place, worded as MLflow words it (the profile
 * chooses where versions differ). A payload value is quoted only through {@link Excerpt}: a bounded
 * excerpt, lists of names cut with "and N more", control characters escaped, so that no sentence
 * grows with the payload (each stays under {@link Excerpt#MESSAGE_BOUND} characters).
 */
public final class Sentences {
    /**
     * MLflow 3.6's answer to a column of timezone-aware datetime objects under pandas 2 (pandas refuses
     * {@code astype} from an aware to a naive dtype; MLflow 2.17.2 on pandas 1.5 converted them to UTC).
     */
    static final String AWARE_DATETIME_OBJECTS = "Please ensure that the input data of datetime column only contains "
        + "timezone-naive datetime objects. Error: Cannot use .astype to convert from timezone-aware dtype to "
        + "timezone-naive dtype. Use obj.tz_localize(None) or obj.tz_convert('UTC').tz_localize(None) instead.";

    private Sentences() {
    }

    // ------------------------------------------------------------------ input names

    /**
     * {@code Model is missing inputs ['b']. Note that there were extra inputs: ['y', 'z']}; the extra
     * list is left out when empty.
     */
    public static String missingInputs(final Collection<?> missing, final Collection<?> extra, final Profile p) {
        String msg = "Model is missing inputs " + Excerpt.names(missing) + ".";
        if (!extra.isEmpty()) {
            msg += " Note that there were extra inputs: " + Excerpt.names(extra)
                + (p.extraInputsSentenceEndsWithPeriod() ? "." : "");
        }
        return msg;
    }

    /** The count check of an unnamed column schema (two spaces after "inputs", as MLflow writes it). */
    public static String unnamedCount(final int declared, final int provided) {
        return "Model inference is missing inputs. The model signature declares " + declared
            + " inputs  but the provided value only has " + provided + " inputs. Note: the inputs were not named "
            + "in the signature so we can only verify their count.";
    }

    /** A required named column absent from the frame. */
    public static String requiredColumnMissing(final Object name) {
        return "The input column '" + Excerpt.str(name) + "' is required by the model signature but missing from "
            + "the input data.";
    }

    // ------------------------------------------------------------------ to a DataFrame

    /** The prefix MLflow puts before pandas' own error when {@code pd.DataFrame(dict)} fails. */
    public static final String CAST_FAILED = "This model contains a column-based signature, which suggests a "
        + "DataFrame input. There was an error casting the input data to a DataFrame: ";

    /** {@code pd.DataFrame(ndarray)} of more than two dimensions. */
    public static String notTwoD(final long[] shape) {
        return "Must pass 2-d input. shape=" + PyRepr.shape(shape);
    }

    /** Anything that is neither a DataFrame nor convertible to one. */
    public static String notAFrame(final Object input) {
        return "Expected input to be DataFrame. Found: " + PyRepr.typeName(input);
    }

    /** {@code pf_input[name].dtype} of a label the frame repeats (a DataFrame has no dtype). */
    public static final String FRAME_HAS_NO_DTYPE = "'DataFrame' object has no attribute 'dtype'";

    // ------------------------------------------------------------------ _enforce_mlflow_datatype

    /** Appended to the mismatch sentence for a float64 column with NaN and only integral values into an integer type. */
    public static final String MISSING_VALUES_HINT = " Hint: the type mismatch is likely caused by missing values. "
        + "Integer columns in python can not represent missing values and are therefore "
        + "encoded as floats. The best way to avoid this problem is to infer the model "
        + "schema based on a realistic data sample (training dataset) that includes missing "
        + "values. Alternatively, you can declare integer columns as doubles (float64) "
        + "whenever these columns may have missing values. See `Handling Integers With "
        + "Missing Values <https://www.mlflow.org/docs/latest/models.html#"
        + "handling-integers-with-missing-values>`_ for more details.";

    /** {@code Incompatible input types for column a. Can not safely convert float64 to int64.} (+ the hint). */
    public static String incompatible(final Object column, final DType from, final DataType to, final boolean hint) {
        return "Incompatible input types for column " + Excerpt.str(column) + ". Can not safely convert " + from
            + " to " + numpyStr(to.toNumpy()) + "." + (hint ? MISSING_VALUES_HINT : "");
    }

    /** {@code Failed to convert column a from type object to DataType.double.} (an f-string of the DataType). */
    public static String conversionFailed(final Object column, final DType from, final DataType to) {
        return "Failed to convert column " + Excerpt.str(column) + " from type " + from + " to DataType."
            + to.mlflowName() + ".";
    }

    /** pandas' TypeError from {@code pd.to_numeric} for the cell at {@code position}, which MLflow passes on. */
    public static String invalidObjectType(final int position) {
        return "Invalid object type at position " + position;
    }

    /** pandas' TypeError for a cell {@code astype('datetime64[ns]')} cannot take, passed on by MLflow. */
    public static String notConvertibleToDatetime(final String classRepr) {
        return classRepr + " is not convertible to datetime";
    }

    /** pandas' TypeError for a string after a number in an object column cast to datetime64[ns]. */
    public static String invalidStringCoercion(final String s, final int row) {
        return "invalid string coercion to datetime for \"" + Excerpt.text(s, 60) + "\" at position " + row;
    }

    /** pandas' RuntimeError (a bare re-raise) when its object path meets a number or a date among zoned strings. */
    public static final String NO_ACTIVE_EXCEPTION = "No active exception to reraise";

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

    // ------------------------------------------------------------------ _enforce_type

    /** {@code _enforce_datatype} given a non-scalar. */
    public static String expectedScalar(final Object data) {
        return "Expected data to be scalar, got " + PyRepr.typeName(data);
    }

    /** {@code _enforce_datatype} when the one-element Series fails ({@code f"{data}"}: a numpy scalar as its value). */
    public static String scalarFailed(final Object data, final DataType t) {
        return "Failed to enforce schema of data `" + Excerpt.str(data) + "` with dtype `" + t.mlflowName() + "`";
    }

    /** {@code _enforce_array} given neither a list nor an array. */
    public static String expectedList(final Object data) {
        return "Expected data to be list or numpy array, got " + PyRepr.typeName(data);
    }

    /** {@code _enforce_object} given a non-dict. */
    public static String expectedDict(final Object data, final String objectRepr) {
        return "Failed to enforce schema of '" + Excerpt.str(data) + "' with type '" + Excerpt.text(objectRepr)
            + "'. Expected data to be dictionary, got " + PyRepr.typeName(data);
    }

    /** Required properties absent from an Object value (a Python set, sorted here). */
    public static String missingProperties(final Collection<?> names) {
        return "Missing required properties: " + Excerpt.set(names);
    }

    /** Properties an Object type does not declare (a Python set). */
    public static String invalidProperties(final Collection<?> names) {
        return "Invalid properties not defined in the schema found: " + Excerpt.set(names);
    }

    /** A property value that fails: MLflow drops the inner sentence. */
    public static String propertyFailed(final Object key, final Object typeName, final Object value) {
        return "Failed to enforce schema for key `" + Excerpt.str(key) + "`. Expected type " + typeName
            + ", received type " + PyRepr.typeName(value);
    }

    /** Python's TypeError for {@code len()} of a 0-d array (MLflow 3's optional shortcut of {@code _enforce_array}). */
    public static final String UNSIZED = "len() of unsized object";

    /** numpy's TypeError for iterating a 0-d array. */
    public static final String ITERATE_0D = "iteration over a 0-d array";

    /** numpy's ValueError for the truth of an array of more than one element ({@code data == {}} of an array). */
    public static final String AMBIGUOUS_TRUTH = "The truth value of an array with more than one element is ambiguous. "
        + "Use a.any() or a.all()";

    /** {@code _enforce_map} given a non-dict. */
    public static String expectedMap(final Object data) {
        return "Expected data to be a dict, got " + PyRepr.typeName(data);
    }

    /** {@code _enforce_map} given a dict with a non-str key. */
    public static final String MAP_KEYS_NOT_STR = "Expected all keys in the map type data are string type.";

    /** {@code _enforce_type} given a type it does not know. */
    public static String invalidDataType(final String typeRepr) {
        return "Invalid data type: " + typeRepr;
    }
}
