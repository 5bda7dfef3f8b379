package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's {@code SparkMLVector}: enforced as an array of doubles. */
public final class SparkMLVector extends ArrayType {
    /** The one instance: MLflow's {@code SparkMLVector()} has no parameters. */
    public static final SparkMLVector INSTANCE = new SparkMLVector();

    private SparkMLVector() {
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
        return o instanceof SparkMLVector;
    }

    @Override
    public int hashCode() {
        return 7;
    }
}
