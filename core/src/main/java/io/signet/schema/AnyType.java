package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's {@code AnyType} (newer MLflow versions): accepts any value. */
public final class AnyType implements ColumnType {
    public static final AnyType INSTANCE = new AnyType();

    private AnyType() {
    }

    @Override
    public String repr() {
        return "Any";
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "any");
        return m;
    }

    @Override
    public String toString() {
        return repr();
    }
}
