package io.signet.enforce;

import io.signet.schema.Excerpt;
import io.signet.schema.ParamSchema;
import io.signet.schema.ParamSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.SignatureException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MLflow 2.17.2's {@code _enforce_params_schema}: compiled once from a {@link ParamSchema} (or
 * none), immutable and thread-safe. Absent params get their defaults; each given param is converted
 * by {@link ParamSpec#validate}; all invalid params are reported in one
 * {@code Invalid parameters found: {...}} error; unknown params (and any params for a model without
 * a params schema) are dropped with MLflow's warning, returned in {@link Result#warnings()} rather
 * than logged.
 */
public final class ParamsEnforcer {
    private final ParamSchema schema;
    private final Profile profile;

    private ParamsEnforcer(final ParamSchema schema, final Profile profile) {
        this.schema = schema;
        this.profile = profile;
    }

    /** @param schema the model's params schema, or null when it has none (MLflow 2.17.2's rules) */
    public static ParamsEnforcer compile(final ParamSchema schema) {
        return new ParamsEnforcer(schema, Profile.MLFLOW_2);
    }

    /**
     * @param schema  the model's params schema, or null when it has none
     * @param profile the MLflow whose rules apply (MLflow 3's object params and codes are the profile's
     *                questions {@link Profile#objectParams()} and {@link Profile#paramErrorsAreInvalidParameterValue()};
     *                the params themselves were read with the profile's rules)
     */
    public static ParamsEnforcer compile(final ParamSchema schema, final Profile profile) {
        return new ParamsEnforcer(schema, profile);
    }

    /** The MLflow profile whose rules apply. */
    public Profile profile() {
        return profile;
    }

    /** The enforced params (null when MLflow passes None on) and the warnings MLflow would log. */
    public static final class Result {
        private final Map<String, Object> params;
        private final List<String> warnings;

        Result(final Map<String, Object> params, final List<String> warnings) {
            this.params = params == null ? null : Collections.unmodifiableMap(params);
            this.warnings = Collections.unmodifiableList(warnings);
        }

        /** The params handed to the model; null when none were given and there is no schema. */
        public Map<String, Object> params() {
            return params;
        }

        /** MLflow's warning lines (without the logger prefix). */
        public List<String> warnings() {
            return warnings;
        }
    }

    /**
     * Enforces params given as a Python-like value (normally a {@code Map}; anything else is MLflow's
     * {@code Parameters must be a dictionary} error when the model has a params schema).
     *
     * @throws SchemaEnforcementException with MLflow's message and INVALID_PARAMETER_VALUE
     */
    public Result enforce(final Object params) {
        final List<String> warnings = new ArrayList<>();
        if (schema == null) {
            if (params == null || params instanceof Map && ((Map<?, ?>) params).isEmpty()) {
                return new Result(params == null ? null : new LinkedHashMap<>(), warnings);
            }
            final String info = params instanceof Map
                ? "Ignoring provided params: " + Excerpt.names(((Map<?, ?>) params).keySet())
                : "Ignoring invalid params (not a dictionary).";
            warnings.add("`params` can only be specified at inference time if the model signature defines a params "
                + "schema. This model does not define a params schema. " + info);
            return new Result(new LinkedHashMap<>(), warnings);
        }
        final Object given = params == null ? new LinkedHashMap<>() : params;
        if (!(given instanceof Map)) {
            throw SchemaEnforcementException.invalid("Parameters must be a dictionary. Got type '"
                + PyRepr.typeName(given) + "'.", null);
        }
        Map<?, ?> in = (Map<?, ?>) given;
        boolean nonString = false;
        for (final Object k : in.keySet()) {
            nonString |= !(k instanceof String);
        }
        if (nonString) {
            warnings.add("Keys in parameters should be of type `str`, but received non-string keys."
                + "Converting all keys to string...");
            final Map<Object, Object> conv = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : in.entrySet()) {
                conv.put(PyRepr.str(e.getKey()), e.getValue());
            }
            in = conv;
        }
        final Set<String> allowed = new LinkedHashSet<>();
        for (final ParamSpec p : schema.params()) {
            allowed.add(p.name());
        }
        final List<Object> ignored = new ArrayList<>();
        for (final Object k : in.keySet()) {
            if (!allowed.contains(k)) {
                ignored.add(k);
            }
        }
        if (!ignored.isEmpty()) {
            final StringBuilder set = new StringBuilder("{");
            boolean first = true;
            for (final String a : allowed) {
                set.append(first ? "" : ", ").append(PyRepr.repr(a));
                first = false;
            }
            warnings.add("Unrecognized params " + Excerpt.names(ignored) + " are ignored for inference. Supported params "
                + "are: " + set.append('}') + ". To enable them, please add corresponding schema in ModelSignature.");
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<?, ?> e : in.entrySet()) {
            if (allowed.contains(e.getKey())) {
                out.put((String) e.getKey(), e.getValue());
            }
        }
        final StringBuilder invalid = new StringBuilder();
        for (final ParamSpec spec : schema.params()) {
            if (out.containsKey(spec.name())) {
                try {
                    out.put(spec.name(), spec.validate(out.get(spec.name()), profile));
                } catch (final SignatureException e) {
                    invalid.append(invalid.length() == 0 ? "" : ", ").append('(').append(PyRepr.repr(spec.name()))
                        .append(", ").append(PyRepr.repr(e.getMessage())).append(')');
                }
            } else {
                out.put(spec.name(), spec.defaultValue());
            }
        }
        if (invalid.length() > 0) {
            throw SchemaEnforcementException.invalid("Invalid parameters found: {" + invalid + "}", "params");
        }
        return new Result(out, warnings);
    }
}
