package io.signet.mlflow;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's {@code _enforce_schema} as the scoring server runs it before {@code predict}, on
 * what its parsing made of the body (frames, dicts, lists, arrays of the value model): column
 * schemas by {@link ColumnSchemas}, tensor schemas by {@link TensorSchemaEnforcer} (arrays, dicts of
 * arrays) and {@link TensorFrames} (frames).
 * Every failure is a 400 {@code INVALID_PARAMETER_VALUE} at the input or column it concerns.
 * Immutable: one per served model.
 */
public final class ServingSchemas {
    private final boolean strict;
    private final Limits limits;
    private final Profile profile;
    private volatile TensorSchemaEnforcer tensors;

    public ServingSchemas(final boolean strict, final Limits limits, final Profile profile) {
        this.strict = strict;
        this.limits = limits;
        this.profile = profile;
    }

    static PayloadException fail(final String msg) {
        return PayloadException.invalid(msg, null);
    }

    static PayloadException fail(final String msg, final String ptr) {
        return PayloadException.invalid(msg, ptr);
    }

    // ---------------------------------------------------------------- _enforce_schema

    /**
     * Enforces; returns what the model gets: the frame for column schemas, the arrays for tensor
     * schemas (one {@link NdArray}, or a dict of them by input name). Casts note their deviations
     * into {@code dev} (the request's).
     */
    public Object enforce(final Object input, final Schema schema, final io.signet.internal.json.Deviations dev) {
        if (schema.isTensorSpec()) {
            return enforceTensorSchema(input, schema, dev);
        }
        try {
            // the batch handed out is the frame as parsed and cast (what the streaming path decodes too); the
            // rule book's converted frame (numpy scalars inside nested cells, as MLflow's) only decides
            final DataFrame pf = ColumnSchemas.toFrame(input, schema);
            ColumnSchemas.enforce(pf, schema, profile);
            // handed out as the streaming path decodes cells: nested values with plain leaves
            for (int c = 0; c < pf.columnCount(); c++) {
                if (pf.dtype(c).kind() == DType.Kind.OBJECT) {
                    final Object[] cells = pf.cells(c);
                    for (int r = 0; r < cells.length; r++) {
                        cells[r] = io.signet.py.Batches.plain(cells[r]);
                    }
                }
            }
            return pf;
        } catch (MlflowException e) {
            throw located(e, schema);
        }
    }

    /** The rule book's failure as the server's 400, pointing at the column (and the cell of a nested column). */
    private static PayloadException located(final MlflowException e, final Schema schema) {
        if (e.column() == MlflowException.NO_COLUMN) {
            return new PayloadException(400, e.code().name(), e.getMessage(), null, -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
        }
        boolean nestedCell = false;
        for (final InputSpec s : schema.inputs()) {
            if (java.util.Objects.equals(s.name(), e.column()) && !(((ColSpec) s).type() instanceof DataType)) {
                nestedCell = e.row() >= 0;
            }
        }
        if (!schema.hasInputNames() && e.row() >= 0 && e.inner() != null) {
            nestedCell = true;
        }
        return new PayloadException(400, e.code().name(), e.getMessage(), "/" + e.column()
            + (nestedCell ? "/" + e.row() : ""), -1, -1, -1, io.signet.enforce.Deviation.codeOf(e.deviation()));
    }

    // ---------------------------------------------------------------- tensors

    /** The schema's compiled tensor rules (one schema per server: compiled once, then reused). */
    private TensorSchemaEnforcer tensorRules(final Schema schema) {
        TensorSchemaEnforcer t = tensors;
        if (t == null || t.schema() != schema) {
            // MLflow mode: the serving exact path reports MLflow's first violation (strict scans run elsewhere)
            t = TensorSchemaEnforcer.compile(schema, Mode.MLFLOW, profile);
            tensors = t;
        }
        return t;
    }

    /** The first recorded violation as the server's 400, pointing at the named input it concerns. */
    public static PayloadException violation(final TensorViolations v) {
        final TensorSpec s = v.spec(0);
        final boolean atInput = v.code(0) != TensorViolations.MISSING_INPUTS && s != null && s.name() != null;
        return fail(v.message(0), atInput ? "/" + s.name() : null);
    }

    /** Returns the arrays the model gets (see {@link #enforce}); null when a frame's arrays are not all built. */
    Object enforceTensorSchema(final Object pf, final Schema schema, final io.signet.internal.json.Deviations dev) {
        final TensorSchemaEnforcer enf = tensorRules(schema);
        final TensorViolations v = new TensorViolations(1);
        Object input = pf;
        if (pf instanceof DataFrame) {
            // _enforce_tensor_input's DataFrame branch: the rule book's, casts and all; deviations into the request's
            checkElements((DataFrame) pf);
            try {
                input = TensorFrames.enforce(enf, (DataFrame) pf, strict ? Mode.STRICT : Mode.MLFLOW, dev, v);
            } catch (SchemaEnforcementException e) {
                throw fail(e.getMessage());
            }
        } else {
            // _enforce_tensor_schema for a dict of arrays or one array
            enf.checkInput(pf, v);
        }
        if (!v.isEmpty()) {
            throw violation(v);
        }
        return input;
    }

    /**
     * Each column's scalars (a list or ndarray cell counts its elements) against {@link Limits#maxElementsPerTensor}:
     * the array cast from a column holds no more.
     */
    private void checkElements(final DataFrame f) {
        for (int c = 0; c < f.columnCount(); c++) {
            long n = 0;
            for (final Object cell : f.cells(c)) {
                n += cell instanceof List ? ((List<?>) cell).size()
                    : cell instanceof io.signet.tensor.NdArray ? ((io.signet.tensor.NdArray) cell).size() : 1;
            }
            if (n > limits.maxElementsPerTensor()) {
                throw PayloadException.badRequest("Payload exceeds limit maxElementsPerTensor="
                    + limits.maxElementsPerTensor(), "");
            }
        }
    }
}
