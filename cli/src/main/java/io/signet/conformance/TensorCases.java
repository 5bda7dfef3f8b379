package io.signet.conformance;

import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.mlflow.TensorFrames;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.schema.ModelSignature;
import io.signet.schema.Schema;
import io.signet.py.DataFrame;
import io.signet.internal.json.Deviations;
import io.signet.internal.json.PayloadException;

import java.util.Map;

/**
 * The in-process (pyfunc) path for cases whose input schema is tensor-based: decode the typed
 * input into Signet's arrays, then enforce as MLflow's {@code _enforce_schema} does: dicts of
 * arrays, single arrays, ragged/object arrays, and pandas DataFrames handed to a tensor schema
 * ({@code _reshape_and_cast_pandas_column_values}).
 */
final class TensorCases {
    private TensorCases() {
    }

    static CaseResult run(final Map<String, Object> c, final ModelSignature sig, final Profile profile) {
        try {
            return runChecked(c, sig, profile);
        } catch (final ArithmeticException e) {
            // numpy's datetime64 unit conversion wraps int64 silently ('0001' as datetime64[ns]); Signet refuses
            return CaseResult.of(SchemaEnforcementException.deviation("A datetime does not fit in the array's unit ("
                + e.getMessage() + "); numpy would silently wrap it.", "input", io.signet.enforce.Deviation.DATETIME_ASTYPE_OVERFLOW));
        }
    }

    private static CaseResult runChecked(final Map<String, Object> c, final ModelSignature sig, final Profile profile) {
        final Schema schema = sig.inputs();
        final TensorSchemaEnforcer enf = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW, profile);
        final Object input;
        try {
            input = Inputs.build(c.get("input"), profile);
        } catch (final IllegalArgumentException e) {
            return CaseResult.rejected("BUILD_ERROR", "the input could not be built: " + e.getMessage(), "input");
        }
        final TensorViolations v = new TensorViolations(1);
        if (input instanceof DataFrame) {
            try {
                frame(enf, (DataFrame) input, v);
            } catch (final SchemaEnforcementException e) {
                return CaseResult.of(e);
            }
        } else {
            enf.checkInput(input, v);
        }
        if (!v.isEmpty()) {
            return CaseResult.of(v.toException(0));
        }
        // pyfunc order: data first, then params (built as the column path builds them)
        final Object params;
        try {
            params = ColumnCases.params(c.get("params"), profile);
        } catch (final IllegalArgumentException e) {
            return CaseResult.rejected("BAD_INPUT", "the case params could not be built: " + e.getMessage(),
                "params");
        }
        try {
            ParamsEnforcer.compile(sig.params(), profile).enforce(params);
        } catch (final SchemaEnforcementException e) {
            return CaseResult.of(e);
        }
        return CaseResult.accepted();
    }

    // ------------------------------------------------------------------ DataFrame given to a tensor schema

    /**
     * A DataFrame given to a tensor schema: the rule book's {@link TensorFrames} (its numpy casts too);
     * what a cast stored silently, where MLflow accepts, is Signet's deviation.
     */
    static void frame(final TensorSchemaEnforcer enf, final DataFrame f, final TensorViolations v) {
        final Deviations dev = new Deviations();
        TensorFrames.enforce(enf, f, Mode.MLFLOW, dev, v);
        final PayloadException d = dev.first();
        if (v.isEmpty() && d != null) {
            throw SchemaEnforcementException.deviation(d.getMessage().replaceFirst("^Invalid input\\. ", ""), "inputs",
                io.signet.enforce.Deviation.of(d.deviation()));
        }
    }
}
