package io.signet.schema;

import io.signet.py.PyRepr;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** MLflow's {@code ParamSchema}: parameter specs with unique names. */
public final class ParamSchema {
    private final List<ParamSpec> params;

    /** A params schema of the given specs, in order. */
    public ParamSchema(final List<ParamSpec> params) {
        final Set<String> seen = new HashSet<>();
        final List<Object> dups = new ArrayList<>();
        for (final ParamSpec p : params) {
            if (!seen.add(p.name())) {
                dups.add(p.name());
            }
        }
        if (!dups.isEmpty()) {
            throw SignatureException.invalid("Duplicated parameters found in schema: " + PyRepr.repr(dups));
        }
        this.params = Collections.unmodifiableList(new ArrayList<>(params));
    }

    /** The param specs, in order. */
    public List<ParamSpec> params() {
        return params;
    }

    /** The spec of that name, or null. */
    public ParamSpec param(final String name) {
        for (final ParamSpec p : params) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    /** MLflow's {@code repr()} of the params schema. */
    public String repr() {
        final StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < params.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(params.get(i).repr());
        }
        return sb.append(']').toString();
    }

    /** MLflow's {@code to_dict()}: one map a param, as written into an MLmodel file. */
    public List<Map<String, Object>> toJson() {
        final List<Map<String, Object>> r = new ArrayList<>();
        for (final ParamSpec p : params) {
            r.add(p.toJson());
        }
        return r;
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ParamSchema && ((ParamSchema) o).params.equals(params);
    }

    @Override
    public int hashCode() {
        return params.hashCode();
    }

    @Override
    public String toString() {
        return repr();
    }
}
