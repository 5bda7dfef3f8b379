package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonTokenId;
import io.signet.enforce.Mode;
import io.signet.internal.json.DecodedTensor;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.internal.json.PyValueReader;
import io.signet.internal.json.TensorReader;
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
 * <p>It says yes, or no in the two cases where its answer is provably the exact path's (JSON the
 * parser refuses, a shape that does not match: {@link #read}); whenever a request is not plainly
 * valid otherwise (a value numpy cannot cast, LLM keys, row format, dataframes, unknown or duplicate
 * keys) it hands over and {@link ScoringServer} judges the request on the exact MLflow path, so
 * verdicts and messages never depend on which path ran.
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
     * Reads and checks the body into the context's tensor slots: {@link ScoringResponse#OK} when
     * accepted (the context then hands out the tensors and params); a rejection when the exact path
     * would answer exactly it and this path knows that for certain ({@link #read} says which); null to
     * let the exact path judge.
     */
    ScoringResponse tryInvoke(final ScoringContext ctx, final byte[] body, final int off, final int len,
                              final ScoringServer server) {
        try {
            final ScoringResponse r = read(ctx, body, off, len, server);
            if (r != null) {
                if (!r.ok()) {
                    ctx.answeredBy(ScoringContext.Path.FAST_TENSORS);
                }
                return r;
            }
            fallbacks.count(ScoringServer.Fallback.DECLINED, null);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            fallbacks.count(ScoringServer.Fallback.MALFORMED, null);
        } catch (io.signet.internal.json.PayloadException e) {
            fallbacks.count(ScoringServer.Fallback.REJECTED, null);
        } catch (IOException | RuntimeException e) {
            // a bug in this path, never the request's fault: counted and kept, so tests fail on it
            fallbacks.count(ScoringServer.Fallback.UNEXPECTED, e);
        }
        return null;
    }

    /**
     * One pass over the body. Two rejections are answered here, each only where the exact path's answer
     * is provably the same:
     * <ul>
     *   <li>JSON the parser refuses, when nothing before it was skipped unread (every token up to the
     *       failure was read as the exact path's {@code json.loads} reads it, so the same parser fails at
     *       the same token, with the same location and pointer) and none of the exact path's whole-body
     *       checks could have answered first ({@link #syntaxAnswerIsExact});</li>
     *   <li>a shape that does not match its TensorSpec, when the whole body was read: the envelope is
     *       valid, every value cast, so the exact path reaches {@code _enforce_tensor_spec} with the same
     *       arrays, in schema order, and words the same violation.</li>
     * </ul>
     */
    private ScoringResponse read(final ScoringContext ctx, final byte[] body, final int off, final int len,
                                 final ScoringServer server) throws IOException {
        final TensorReader reader = ctx.reader;
        boolean skipped = false;
        try (JsonParser p = factory.createParser(body, off, len)) {
            try {
                if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_OBJECT) {
                    return null;
                }
                int formats = 0;
                long seen = 0;
                String key0 = null;
                Object params = null;
                boolean hasParams = false;
                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                    final String key = p.currentName();
                    final int t = p.nextToken() == null ? JsonTokenId.ID_NO_TOKEN : p.currentTokenId();
                    switch (key) {
                        case "inputs":
                        case "instances":
                            if (++formats > 1) {
                                return null;
                            }
                            key0 = key;
                            if (t == JsonTokenId.ID_START_ARRAY && (!named || specs.length == 1)) {
                                final DecodedTensor out = ctx.slot(0);
                                reader.read(p, specs[0].dtype(), out, mode == Mode.STRICT, limits, true,
                                    intOverflowRaises);
                                if (out.rank() == 1 && out.dim(0) == 0) {
                                    return null; // [] stays a Python list in MLflow
                                }
                                seen |= 1;
                            } else {
                                if (t != JsonTokenId.ID_START_OBJECT || key.equals("instances")) {
                                    return null;
                                }
                                while (p.nextToken() != null && p.currentTokenId() == JsonTokenId.ID_FIELD_NAME) {
                                    final int i = indexOf(p.currentName());
                                    if (i < 0 || (seen & (1L << i)) != 0) {
                                        return null;
                                    }
                                    if (p.nextToken() == null || p.currentTokenId() != JsonTokenId.ID_START_ARRAY) {
                                        return null;
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
                            return null;
                        default:
                            // skipped tokens are not read as the exact path reads them (a string's length, say)
                            skipped = true;
                            p.skipChildren();
                    }
                }
                if (p.currentTokenId() != JsonTokenId.ID_END_OBJECT || p.nextToken() != null || formats != 1) {
                    return null;
                }
                final io.signet.enforce.TensorViolations v = ctx.violations;
                for (int i = 0; i < specs.length; i++) {
                    if ((seen & (1L << i)) == 0) {
                        return null;
                    }
                }
                for (int i = 0; i < specs.length; i++) {
                    final DecodedTensor t = ctx.slot(i);
                    if (t.hasFixedWidth()) {
                        // the tensor helper's _enforce_tensor_spec over the off-heap memory
                        v.reset();
                        if (!enforcer.checkSpec(i, t.view(ctx.view(i)), v)) {
                            return shapeRejection(v, key0);
                        }
                    } else if (!shapeMatches(t, specs[i])) {
                        return null;
                    }
                }
                server.acceptParams(ctx, hasParams, params);
                ctx.acceptTensors(ScoringContext.Path.FAST_TENSORS, specs.length, names);
                return ScoringResponse.OK;
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                if (!skipped && syntaxAnswerIsExact(p, body, off, len)) {
                    fallbacks.answered(Fallbacks.FastAnswer.SYNTAX);
                    return ScoringResponse.of(io.signet.internal.json.Json.syntax(p, e, limits));
                }
                throw e;
            }
        }
    }

    /**
     * MLflow's answer to the first violation when it is a shape mismatch (the exact path checks the same
     * arrays in the same order with the same rules and words it through the same two calls); null for any
     * other violation (a strict value scan, ...), which the exact path words.
     */
    private ScoringResponse shapeRejection(final io.signet.enforce.TensorViolations v, final String key) {
        if (v.count() == 0 || v.code(0) != io.signet.enforce.TensorViolations.SHAPE) {
            return null;
        }
        fallbacks.answered(Fallbacks.FastAnswer.SHAPE);
        return ScoringResponse.of(ScoringServer.underKey(io.signet.mlflow.ServingSchemas.violation(v), key));
    }

    /**
     * Whether the exact path, reading the same bytes, would meet this same parse failure first: its
     * whole-body checks pass (size under maxExactPathBytes, well-formed UTF-8 throughout, which this path
     * checks only inside strings as met) and its value count (maxJsonValues, which only it counts)
     * cannot have run out before the failure, since each value starts at its own byte before it.
     */
    private boolean syntaxAnswerIsExact(final JsonParser p, final byte[] body, final int off, final int len) {
        final long before = p instanceof io.signet.internal.json.RawJsonParser
            ? ((io.signet.internal.json.RawJsonParser) p).rawPtr() - off : len;
        return len <= limits.maxExactPathBytes() && before <= limits.maxJsonValues()
            && io.signet.internal.json.Utf8.check(body, off, len) == null;
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
