package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** MLflow's {@code Map}: string keys, values of one type. */
public final class MapType implements ColumnType {
    private final ColumnType values;

    /** MLflow's {@code Map(values)}: str keys, values of the given type. */
    public MapType(final ColumnType values) {
        this.values = Objects.requireNonNull(values, "values");
    }

    /** The value type. */
    public ColumnType values() {
        return values;
    }

    /** MLflow formats the value type with {@code str()}: {@code Map(str -> DataType.string)}. */
    @Override
    public String repr() {
        return "Map(str -> " + values.str() + ")";
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "map");
        m.put("values", values.toJson());
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof MapType && ((MapType) o).values.equals(values);
    }

    @Override
    public int hashCode() {
        return 31 * values.hashCode() + 2;
    }

    @Override
    public String toString() {
        return repr();
    }
}
