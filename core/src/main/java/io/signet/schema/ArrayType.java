package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** MLflow's {@code Array}: a list whose items all have one type. */
public class ArrayType implements ColumnType {
    /**
     * MLflow's {@code SparkMLVector()}: enforced as {@code Array(double)}, written as
     * {@code {"type": "sparkml_vector"}}, repr {@code SparkML vector}. The one instance: compare with ==.
     */
    public static final ArrayType SPARK_ML_VECTOR = new SparkMLVector();

    private final ColumnType items;

    /** MLflow's {@code Array(items)}. */
    public ArrayType(final ColumnType items) {
        this.items = Objects.requireNonNull(items, "items");
    }

    /** The element type. */
    public ColumnType items() {
        return items;
    }

    @Override
    public String repr() {
        return "Array(" + items.repr() + ")";
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "array");
        m.put("items", items.toJson());
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o != null && o.getClass() == ArrayType.class && ((ArrayType) o).items.equals(items);
    }

    @Override
    public int hashCode() {
        return 31 * items.hashCode() + 1;
    }

    @Override
    public String toString() {
        return repr();
    }
}
