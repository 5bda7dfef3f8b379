package io.signet.schema;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** A column of a column-based schema: a type, an optional name, required or optional. */
public final class ColSpec implements InputSpec {
    private final ColumnType type;
    private final String name;
    private final boolean required;

    public ColSpec(final ColumnType type, final String name, final boolean required) {
        this.type = Objects.requireNonNull(type, "type");
        this.name = name;
        this.required = required;
    }

    public ColumnType type() {
        return type;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean required() {
        return required;
    }

    @Override
    public String repr() {
        final String r = type.repr() + (required ? " (required)" : " (optional)");
        return name == null ? r : PyRepr.repr(name) + ": " + r;
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> d = new LinkedHashMap<>(type.toJson());
        if (name != null) {
            d.put("name", name);
        }
        d.put("required", required);
        return d;
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof ColSpec)) {
            return false;
        }
        final ColSpec c = (ColSpec) o;
        return Objects.equals(name, c.name) && type.equals(c.type) && required == c.required;
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, name, required);
    }

    @Override
    public String toString() {
        return repr();
    }
}
