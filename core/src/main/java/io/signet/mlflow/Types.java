package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.py.NdArray;
import io.signet.py.Py;
import io.signet.schema.AnyType;
import io.signet.schema.ArrayType;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;
import io.signet.py.PyRepr;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * MLflow 2.17.2's {@code _enforce_type} for one value, the one copy, for every path:
 * <ul>
 *   <li>DataType: {@link Datatypes#scalar} (a scalar judged as a one-element Series);</li>
 *   <li>Array: a list or numpy array, each element enforced as a required value;</li>
 *   <li>Object: a dict; missing required properties, then properties the type does not declare
 *       (both as sets), then each value, whose failure loses its inner message
 *       ({@code Failed to enforce schema for key `x`. Expected type long, received type str});</li>
 *   <li>Map: a dict with str keys, each value enforced;</li>
 *   <li>an optional (not required) None is accepted as None.</li>
 * </ul>
 * Returns the enforced value; failures are {@link MlflowException}s whose {@link MlflowException#inner()}
 * locates the value inside the cell.
 */
public final class Types {
    private Types() {
    }

    /** {@code _enforce_type(data, type, required)}. */
    public static Object enforce(final Object data, final ColumnType type, final boolean required,
                                 final Profile profile) {
        if (type instanceof DataType) {
            // M4: MLflow 3 also takes NaN, pd.NA and NaT for None (_is_none_or_nan)
            if (!required && (data == null || profile.optionalReachesNested() && noneOrNaN(data))) {
                return null;
            }
            if (!Py.isScalar(data)) {
                throw MlflowException.invalid(Sentences.expectedScalar(data));
            }
            return Datatypes.scalar(data, (DataType) type, profile);
        }
        if (type instanceof ArrayType) {
            return array(data, (ArrayType) type, required, profile);
        }
        if (type instanceof ObjectType) {
            return object(data, (ObjectType) type, required, profile);
        }
        if (type instanceof MapType) {
            return map(data, (MapType) type, required, profile);
        }
        if (type instanceof AnyType) {
            return data;
        }
        if (type == ArrayType.SPARK_ML_VECTOR) {
            // MLflow's class hierarchy makes a SparkML vector an Array(double)
            return array(data, new ArrayType(DataType.DOUBLE), required, profile);
        }
        throw MlflowException.invalid(Sentences.invalidDataType(type.repr()));
    }

    /** The elements of a list or numpy array as {@code for x in data} yields them; null for anything else. */
    static List<?> elements(final Object data) {
        if (data instanceof List) {
            return (List<?>) data;
        }
        if (data instanceof NdArray && ((NdArray) data).rank() > 0) {
            return ((NdArray) data).rows();
        }
        return null;
    }

    /**
     * MLflow 3's {@code _is_none_or_nan}: None, a Python float NaN (np.float64 is a float subclass;
     * np.float32 is not), pandas' NaT.
     */
    static boolean noneOrNaN(final Object v) {
        if (v == null || v == io.signet.py.Timestamp.NAT) {
            return true;
        }
        if (v instanceof Double) {
            return ((Double) v).isNaN();
        }
        return v instanceof io.signet.internal.tensor.NpScalar && ((io.signet.internal.tensor.NpScalar) v).dtype().equals(
            io.signet.tensor.DType.FLOAT64) && Py.isNaN(v);
    }

    /** {@code len(data)} of a list or an array: a 0-d array has none (Python's TypeError). */
    private static int len(final Object data) {
        if (data instanceof NdArray && ((NdArray) data).rank() == 0) {
            throw MlflowException.invalid(Sentences.UNSIZED);
        }
        return data instanceof List ? ((List<?>) data).size() : (int) ((NdArray) data).length();
    }

    private static Object array(final Object data, final ArrayType arr, final boolean required, final Profile profile) {
        final boolean three = profile.optionalReachesNested();
        if (three ? (!required || arr.items() instanceof AnyType) : !required) {
            // M4: MLflow 3 returns None and an empty list or array as they are (also when required, for Array(Any))
            if (data == null || three && (data instanceof List || data instanceof NdArray) && len(data) == 0) {
                return data;
            }
        }
        if (three && data instanceof NdArray && ((NdArray) data).rank() == 0) {
            // isinstance(data, np.ndarray) holds; len() (DataType items) or iterating (the others) does not
            if (arr.items() instanceof DataType) {
                throw MlflowException.invalid(Sentences.UNSIZED);
            }
            throw MlflowException.invalid(Sentences.ITERATE_0D);
        }
        final List<?> l = elements(data);
        if (l == null) {
            throw MlflowException.invalid(Sentences.expectedList(data));
        }
        if (profile.arrayLeavesAsOneSeries() && arr.items() instanceof DataType) {
            return l.isEmpty() ? data : leavesAsOneSeries(data, l, (DataType) arr.items(), profile);
        }
        final List<Object> r = new ArrayList<>(l.size());
        for (int i = 0; i < l.size(); i++) {
            // M4: MLflow 3 hands the array's own required down to its elements
            r.add(enforce(l.get(i), arr.items(), !three || required, profile));
        }
        return r;
    }

    /**
     * M5, MLflow 3's DataType items: {@code _enforce_mlflow_datatype("", pd.Series(data), t)} on the
     * whole list, then {@code .to_numpy(dtype=t.to_numpy())}, back to a list ({@code tolist()}: Python
     * values) when the input was one.
     */
    private static Object leavesAsOneSeries(final Object data, final List<?> l, final DataType t,
                                            final Profile profile) {
        try {
            final io.signet.py.Series s = Datatypes.enforce(io.signet.py.Pandas.series("", data), t, profile);
            final NdArray a = io.signet.py.Pandas.toNumpy(s, t.toNumpy());
            return data instanceof List ? a.toList() : a;
        } catch (final io.signet.py.PyError e) {
            throw MlflowException.raised(e);
        }
    }

    /**
     * MLflow 3's {@code data is None or data == {}}: an array is compared element-wise, and its truth
     * is then asked: one element gives its answer (False), more than one is numpy's ValueError.
     */
    private static boolean noneOrEmptyDict(final Object data) {
        if (data instanceof NdArray && ((NdArray) data).size() > 1) {
            throw MlflowException.invalid(Sentences.AMBIGUOUS_TRUTH);
        }
        return data == null || data instanceof Map && ((Map<?, ?>) data).isEmpty();
    }

    private static Object object(final Object data, final ObjectType obj, final boolean required,
                                 final Profile profile) {
        if (!required && (profile.optionalReachesNested() ? noneOrEmptyDict(data) : data == null)) {
            return data;
        }
        if (!(data instanceof Map)) {
            throw MlflowException.invalid(Sentences.expectedDict(data, obj.repr()));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        final TreeSet<String> missing = new TreeSet<>();
        for (final Property p : obj.properties()) {
            if (p.required() && !m.containsKey(p.name())) {
                missing.add(p.name());
            }
        }
        if (!missing.isEmpty()) {
            throw MlflowException.invalid(Sentences.missingProperties(missing));
        }
        final List<Object> invalid = new ArrayList<>();
        for (final Object k : m.keySet()) {
            if (!(k instanceof String) || obj.property((String) k) == null) {
                invalid.add(k);
            }
        }
        if (!invalid.isEmpty()) {
            throw MlflowException.invalid(Sentences.invalidProperties(invalid));
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            final Property p = obj.property((String) e.getKey());
            try {
                // M4: MLflow 3's _enforce_property passes the property's own required
                r.put(e.getKey(), enforce(e.getValue(), p.type(), !profile.optionalReachesNested() || p.required(),
                    profile));
            } catch (final MlflowException ex) {
                throw MlflowException.invalid(Sentences.propertyFailed(e.getKey(), p.type().toJson().get("type"),
                    e.getValue())).inside("[" + PyRepr.repr(e.getKey()) + "]" + (ex.inner() == null ? "" : ex.inner()));
            }
        }
        return r;
    }

    private static Object map(final Object data, final MapType map, final boolean required, final Profile profile) {
        final boolean three = profile.optionalReachesNested();
        if (three ? (!required || map.values() instanceof AnyType) && noneOrEmptyDict(data) : !required && data == null) {
            return data;
        }
        if (!(data instanceof Map)) {
            throw MlflowException.invalid(Sentences.expectedMap(data));
        }
        final Map<?, ?> m = (Map<?, ?>) data;
        for (final Object k : m.keySet()) {
            if (!(k instanceof String)) {
                throw MlflowException.invalid(Sentences.MAP_KEYS_NOT_STR);
            }
        }
        final Map<Object, Object> r = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : m.entrySet()) {
            // M4: MLflow 3 hands the map's own required down to its values
            r.put(e.getKey(), enforce(e.getValue(), map.values(), !three || required, profile));
        }
        return r;
    }
}
