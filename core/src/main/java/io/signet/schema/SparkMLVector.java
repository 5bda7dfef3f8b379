package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow's {@code SparkMLVector}: an {@code Array(double)} in every rule, with its own name and JSON.
 * Callers know its one instance, {@link ArrayType#SPARK_ML_VECTOR}. Nothing but that field creates
 * it, so this class is only ever initialized from ArrayType's initializer (no cycle between two
 * threads' class initializations).
 */
final class SparkMLVector extends ArrayType {
    SparkMLVector() {
        super(DataType.DOUBLE);
    }

    @Override
    public String repr() {
        return "SparkML vector";
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "sparkml_vector");
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o == this;
    }

    @Override
    public int hashCode() {
        return 7;
    }
}
