package io.signet.schema;

import io.signet.tensor.DType;

import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's scalar data types and their numpy equivalents. */
public enum DataType implements ColumnType {
    /** {@code boolean}: numpy bool. */
    BOOLEAN(DType.BOOL),
    /** {@code integer}: numpy int32. */
    INTEGER(DType.INT32),
    /** {@code long}: numpy int64. */
    LONG(DType.INT64),
    /** {@code float}: numpy float32. */
    FLOAT(DType.FLOAT32),
    /** {@code double}: numpy float64. */
    DOUBLE(DType.FLOAT64),
    /** {@code string}: numpy str (object columns of str in pandas). */
    STRING(DType.STR),
    /** {@code binary}: numpy bytes (object columns of bytes in pandas). */
    BINARY(DType.BYTES),
    /** {@code datetime}: numpy datetime64[ns]. */
    DATETIME(DType.datetime64("ns"));

    private final DType numpy;
    private final String mlflowName;

    DataType(final DType numpy) {
        this.numpy = numpy;
        this.mlflowName = name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The name in MLflow's JSON ({@code long}). */
    public String mlflowName() {
        return mlflowName;
    }

    /** {@code DataType.to_numpy()}. */
    public DType toNumpy() {
        return numpy;
    }

    /** Parses an MLflow type name; null when it is not one. */
    public static DataType byName(final String name) {
        for (final DataType t : values()) {
            if (t.mlflowName.equals(name)) {
                return t;
            }
        }
        return null;
    }

    /** Python's list of names, as MLflow prints it in "Unsupported type" messages. */
    static String namesList(final boolean withBinary) {
        final StringBuilder sb = new StringBuilder("[");
        boolean first = true;
        for (final DataType t : values()) {
            if (!withBinary && t == BINARY) {
                continue;
            }
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append('\'').append(t.mlflowName).append('\'');
        }
        return sb.append(']').toString();
    }

    @Override
    public String repr() {
        return mlflowName;
    }

    @Override
    public String str() {
        return "DataType." + mlflowName;
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", mlflowName);
        return m;
    }
}
