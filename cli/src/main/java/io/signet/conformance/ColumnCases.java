package io.signet.conformance;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.schema.ModelSignature;
import io.signet.schema.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The in-process (pyfunc) path for cases whose inputs schema is column-based or absent: the
 * case's typed {@code input} is built into the value model ({@link Inputs}), enforced with
 * {@link ColumnEnforcer}, then the params with {@link ParamsEnforcer}, in pyfunc's order.
 */
public final class ColumnCases {
    private ColumnCases() {
    }

    /** Runs one case in MLflow-compatible mode. */
    public static CaseResult run(final Map<String, Object> c, final ModelSignature sig) {
        return run(c, sig, Mode.MLFLOW, Profile.MLFLOW_2);
    }

    /** Runs one case in the given mode. */
    public static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Mode mode) {
        return run(c, sig, mode, Profile.MLFLOW_2);
    }

    /** Runs one case in the given mode with the profile's rules. */
    public static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Mode mode,
                                 final Profile profile) {
        final Object data;
        try {
            data = Inputs.build(c.get("input"), profile);
        } catch (final RuntimeException e) {
            return CaseResult.rejected("BAD_INPUT", ConformanceRunner.INPUT_NOT_BUILT + e.getMessage(), "input");
        }
        try {
            final Schema in = sig == null ? null : sig.inputs();
            if (in != null) {
                final ColumnEnforcer enforcer = ColumnEnforcer.compile(in, mode, profile);
                try (ColumnBatch result = enforcer.enforceInput(data)) {
                    // the converted frame is what MLflow hands to the model
                    assert result != null;
                }
            }
            final Object params;
            try {
                params = params(c.get("params"), profile);
            } catch (final IllegalArgumentException e) {
                // numpy raising while the case's params are built (np.bytes_ of a non-ASCII str)
                return CaseResult.rejected("BAD_INPUT", "the case params could not be built: " + e.getMessage(),
                    "params");
            }
            ParamsEnforcer.compile(sig == null ? null : sig.params(), profile).enforce(params);
            return CaseResult.accepted();
        } catch (final SchemaEnforcementException e) {
            return CaseResult.of(e);
        }
    }

    /** The case's params: a dict of typed descriptions, built. */
    static Object params(final Object p, final Profile profile) {
        if (p instanceof Map) {
            final Map<Object, Object> m = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) p).entrySet()) {
                m.put(e.getKey(), Inputs.build(e.getValue(), profile));
            }
            return m;
        }
        return Inputs.build(p, profile);
    }
}
