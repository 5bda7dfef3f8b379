package io.signet.schema;

import java.util.Objects;

/** A named, typed property of an {@link ObjectType}. */
public final class Property implements Comparable<Property> {
    private final String name;
    private final ColumnType type;
    private final boolean required;

    /** A property of an Object with its name, type and requiredness. */
    public Property(final String name, final ColumnType type, final boolean required) {
        this.name = Objects.requireNonNull(name, "name");
        this.type = Objects.requireNonNull(type, "type");
        this.required = required;
    }

    /** The property's name. */
    public String name() {
        return name;
    }

    /** The property's type. */
    public ColumnType type() {
        return type;
    }

    /** True when a dict must hold the property. */
    public boolean required() {
        return required;
    }

    /** {@code name: type (required)}, unquoted as MLflow prints it. */
    public String repr() {
        return name + ": " + type.repr() + (required ? " (required)" : " (optional)");
    }

    @Override
    public int compareTo(final Property o) {
        return name.compareTo(o.name);
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof Property)) {
            return false;
        }
        final Property p = (Property) o;
        return name.equals(p.name) && type.equals(p.type) && required == p.required;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, required);
    }

    @Override
    public String toString() {
        return repr();
    }
}
