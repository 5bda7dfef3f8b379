package io.signet.schema;

import io.signet.py.PyRepr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/** MLflow's {@code Object}: a dict with named, typed properties, kept sorted by name as MLflow does. */
public final class ObjectType implements ColumnType {
    private final List<Property> properties;

    /** MLflow's {@code Object(properties)}. */
    public ObjectType(final List<Property> properties) {
        if (properties.isEmpty()) {
            throw SignatureException.invalid("Creating Object with empty properties is not allowed.");
        }
        final Set<String> seen = new LinkedHashSet<>();
        final Set<String> dups = new LinkedHashSet<>();
        for (final Property p : properties) {
            if (!seen.add(p.name())) {
                dups.add(p.name());
            }
        }
        if (!dups.isEmpty()) {
            throw SignatureException.invalid("Found duplicated property names: " + PyRepr.repr(dups));
        }
        final List<Property> sorted = new ArrayList<>(properties);
        Collections.sort(sorted);
        this.properties = Collections.unmodifiableList(sorted);
    }

    /** The properties, sorted by name. */
    public List<Property> properties() {
        return properties;
    }

    /** The property of that name, or null. */
    public Property property(final String name) {
        for (final Property p : properties) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    @Override
    public String repr() {
        final StringBuilder sb = new StringBuilder("{");
        for (int i = 0; i < properties.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(properties.get(i).repr());
        }
        return sb.append('}').toString();
    }

    @Override
    public Map<String, Object> toJson() {
        final Map<String, Object> props = new LinkedHashMap<>();
        for (final Property p : properties) {
            final Map<String, Object> d = new LinkedHashMap<>(p.type().toJson());
            d.put("required", p.required());
            props.put(p.name(), d);
        }
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "object");
        m.put("properties", props);
        return m;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ObjectType && ((ObjectType) o).properties.equals(properties);
    }

    @Override
    public int hashCode() {
        return properties.hashCode();
    }

    @Override
    public String toString() {
        return repr();
    }

    /** A named, typed property of an {@link ObjectType}. */
    public static final class Property implements Comparable<Property> {
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
}
