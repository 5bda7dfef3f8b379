package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MLflow's {@code AnyType} from MLflow 2.19 on: accepts any value. MLflow 2.17.2 does not know it,
 * so {@link SignatureJson} refuses {@code "type": "any"} as 2.17.2 does; build it with the Java API.
 */
public final class AnyType implements ColumnType {
    /** The one instance: MLflow's {@code AnyType()} has no parameters. */
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
