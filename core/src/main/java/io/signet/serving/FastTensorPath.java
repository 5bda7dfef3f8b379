package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import io.signet.enforce.Mode;
import io.signet.json.DecodedTensor;
import io.signet.json.Limits;
import io.signet.json.PayloadException;
import io.signet.json.PyValueReader;
import io.signet.json.TensorReader;
import io.signet.schema.InputSpec;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;

import java.io.IOException;

/**
 * The one-pass streaming path for tensor signatures: {@code {"inputs": [...]}},
 * {@code {"inputs": {"a": [...], ...}}} and unnamed {@code instances}, decoded straight into the
 * context's off-heap {@link DecodedTensor}s and checked against the specs (shape; the dtype is the
 * declared one by construction), with no intermediate tree.
 *
 * <p>It only ever says yes: whenever a request is not plainly valid (any error, LLM keys, row
 * format, dataframes, unknown or duplicate keys) it returns false and {@link ScoringServer} judges
 * the request on the exact MLflow path, so verdicts and messages never depend on which path ran.
 */
final class FastTensorPath {
    private final TensorSpec[] specs;
    private final String[] names;
    private final boolean named;
    private final Mode mode;
    private final Limits limits;
    private final JsonFactory factory;
    private final io.signet.enforce.TensorSchemaEnforcer enforcer;

    private final Fallbacks fallbacks;

    FastTensorPath(final Schema schema, final Mode mode, final Limits limits, final JsonFactory factory) {
        this(schema, io.signet.enforce.Profile.MLFLOW_2, mode, limits, factory, new Fallbacks());
    }

    FastTensorPath(final Schema schema, final io.signet.enforce.Profile profile, final Mode mode, final Limits limits,
                   final JsonFactory factory, final Fallbacks fallbacks) {
        this.fallbacks = fallbacks;
        this.specs = new TensorSpec[schema.size()];
        this.names = new String[schema.size()];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = (TensorSpec) schema.input(i);
            names[i] = specs[i].name();
        }
        this.named = schema.hasInputNames();
        this.mode = mode;
        this.limits = limits;
        this.factory = factory;
        this.enforcer = io.signet.enforce.TensorSchemaEnforcer.compile(schema, mode, profile);
        this.intOverflowRaises = profile.numpyRaisesOnIntOverflow();
    }

    /** M9: numpy 2 raises on an int past the dtype's range (MLflow 3's error, before any shape check). */
    private final boolean intOverflowRaises;

    static boolean applies(final Schema schema) {
        if (schema == null || !schema.isTensorSpec()) {
            return false;
        }
        for (final InputSpec s : schema.inputs()) {
            if (!TensorReader.supports(((TensorSpec) s).dtype())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Reads and checks the body into the context's tensor slots; true when accepted (the context then
     * hands out the tensors and params), false to let the exact path judge.
     */
    boolean tryInvoke(final ScoringContext ctx, final byte[] body, final int off, final int len,
                      final ScoringServer server) {
        try {
            if (read(ctx, body, off, len, server)) {
                return true;
            }
            fallbacks.count(ScoringServer.Fallback.DECLINED, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            fallbacks.count(ScoringServer.Fallback.MALFORMED, null);
        } catch (io.signet.json.PayloadException e) {
            fallbacks.count(ScoringServer.Fallback.REJECTED, null);
        } catch (IOException | RuntimeException e) {
            // a bug in this path, never the request's fault: counted and kept, so tests fail on it
            fallbacks.count(ScoringServer.Fallback.UNEXPECTED, e);
        }
        return false;
    }

    private boolean read(final ScoringContext ctx, final byte[] body, final int off, final int len,
                         final ScoringServer server) throws IOException {
        final TensorReader reader = ctx.reader;
        try (JsonParser p = factory.createParser(body, off, len)) {
            if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
                return false;
            }
            int formats = 0;
            long seen = 0;
            Object params = null;
            boolean hasParams = false;
            while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                final String key = p.currentName();
                final int t = p.nextToken() == null ? JsonTokenId.ID_NO_TOKEN : p.currentTokenId();
                switch (key) {
                    case "inputs":
                    case "instances":
                        if (++formats > 1) {
                            return false;
                        }
                        if (t == JsonTokenId.ID_START_ARRAY && (!named || specs.length == 1)) {
                            final DecodedTensor out = ctx.slot(0);
                            reader.read(p, specs[0].dtype(), out, mode == Mode.STRICT, limits, true, intOverflowRaises);
                            if (out.rank() == 1 && out.dim(0) == 0) {
                                return false; // [] stays a Python list in MLflow
                            }
                            seen |= 1;
                        } else {
                            if (t != JsonTokenId.ID_START_OBJECT || key.equals("instances")) {
                                return false;
                            }
                            while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                                final int i = indexOf(p.currentName());
                                if (i < 0 || (seen & (1L << i)) != 0) {
                                    return false;
                                }
                                if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                                    return false;
                                }
                                reader.read(p, specs[i].dtype(), ctx.slot(i), mode == Mode.STRICT, limits, true,
                                    intOverflowRaises);
                                seen |= 1L << i;
                            }
                        }
                        break;
                    case "params":
                        params = PyValueReader.read(p);
                        hasParams = true;
                        break;
                    case "dataframe_split":
                    case "dataframe_records":
                    case "messages":
                    case "prompt":
                    case "input":
                        return false;
                    default:
                        p.skipChildren();
                }
            }
            if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || p.nextToken() != null || formats != 1) {
                return false;
            }
            final io.signet.enforce.TensorViolations v = ctx.violations;
            for (int i = 0; i < specs.length; i++) {
                if ((seen & (1L << i)) == 0) {
                    return false;
                }
                final DecodedTensor t = ctx.slot(i);
                if (t.hasFixedWidth()) {
                    // the tensor helper's _enforce_tensor_spec over the off-heap memory
                    v.reset();
                    if (!enforcer.checkSpec(i, t.view(ctx.view(i)), v)) {
                        return false;
                    }
                } else if (!shapeMatches(t, specs[i])) {
                    return false;
                }
            }
            server.acceptParams(ctx, hasParams, params);
            ctx.acceptTensors(ScoringContext.Path.FAST_TENSORS, specs.length, names);
            return true;
        }
    }

    private int indexOf(final String name) {
        for (int i = 0; i < names.length; i++) {
            if (name.equals(names[i])) { // an unnamed input has a null name
                return i;
            }
        }
        return -1;
    }

    private static boolean shapeMatches(final DecodedTensor t, final TensorSpec spec) {
        final long[] expected = spec.shape();
        if (expected.length == 1 && expected[0] == -1 && spec.dtype().kind() == io.signet.tensor.DType.Kind.OBJECT) {
            return true;
        }
        if (t.rank() != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            if (expected[i] != -1 && expected[i] != t.dim(i)) {
                return false;
            }
        }
        return true;
    }
}
