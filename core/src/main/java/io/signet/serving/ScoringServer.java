package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.json.Deviations;
import io.signet.json.Json;
import io.signet.json.Limits;
import io.signet.json.PayloadException;
import io.signet.json.PyValueReader;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.MapType;
import io.signet.schema.ModelSignature;
import io.signet.schema.ObjectType;
import io.signet.schema.ParamSchema;
import io.signet.schema.ParamSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * MLflow 2.17.2's scoring server ({@code POST /invocations}) for one model signature: content
 * type and charset, CSV and JSON bodies, the envelope ({@code dataframe_split},
 * {@code dataframe_records}, {@code instances}, {@code inputs}, {@code params}, unified LLM keys),
 * MLflow's schema-driven parsing and casting, then schema and params enforcement; every answer
 * carries MLflow's status and error code. Immutable and thread-safe: the request's state (decoded
 * inputs, params, scratch buffers) lives in the caller's {@link ScoringContext}.
 */
public final class ScoringServer {
    static final List<String> FORMATS = Arrays.asList("dataframe_split", "dataframe_records", "instances", "inputs");
    static final Set<String> LLM_KEYS = new LinkedHashSet<>(Arrays.asList("messages", "prompt", "input"));
    static final String FORMAT_SET = "{'instances', 'inputs', 'dataframe_split', 'dataframe_records'}";
    static final String REQUIRED_INPUT_FORMAT = "The input must be a JSON dictionary with exactly one of the input "
        + "fields " + FORMAT_SET;
    static final String SCORING_PROTOCOL_CHANGE_INFO = "IMPORTANT: The MLflow Model scoring protocol has changed in "
        + "MLflow version 2.0. If you are seeing this error, you are likely using an outdated scoring request format. "
        + "To resolve the error, either update your request format or adjust your MLflow Model's requirements file to "
        + "specify an older version of MLflow (for example, change the 'mlflow' requirement specifier to "
        + "'mlflow==1.30.0'). If you are making a request using the MLflow client (e.g. via "
        + "`mlflow.pyfunc.spark_udf()`), upgrade your MLflow client to a version >= 2.0 in order to use the new "
        + "request format. For more information about the updated MLflow Model scoring protocol in MLflow 2.0, see "
        + "https://mlflow.org/docs/latest/models.html#deploy-mlflow-models.";

    private final ModelSignature signature;
    private final Schema schema;
    private final ParamSchema params;
    private final Mode mode;
    private final Limits limits;
    private final JsonFactory factory;
    private final Enforcement enforcement;
    private final FastTensorPath fast;
    private final FastFramePath fastFrame;
    private final ParamsEnforcer paramsEnforcer;
    /** What the model gets when a request sends no params (MLflow fills the defaults): computed once. */
    private final ParamsEnforcer.Result noParams;
    /** The schema's input names (null entries for unnamed inputs), handed to contexts as tensor names. */
    private final String[] inputNames;
    private final Fallbacks fallbacks = new Fallbacks();

    /**
     * Why a streaming path handed a request to the exact path (which then judges it alone, so the
     * verdict never depends on the path). All but {@link #UNEXPECTED} are ordinary.
     */
    public enum Fallback {
        /** A body the streaming path does not read (LLM keys, row formats, nulls where pandas infers, ...). */
        DECLINED,
        /** A value the streaming path refused (the exact path words MLflow's answer). */
        REJECTED,
        /** JSON that Jackson refused, or a limit (the exact path words the answer). */
        MALFORMED,
        /** Any other exception inside the streaming path: a bug in Signet (tests fail on it). */
        UNEXPECTED
    }

    public ScoringServer(final ModelSignature signature, final Mode mode, final Limits limits) {
        this(signature, mode, limits, true);
    }

    /** {@code fastPaths} false: every request on the exact MLflow path (tests compare the two). */
    ScoringServer(final ModelSignature signature, final Mode mode, final Limits limits, final boolean fastPaths) {
        io.signet.AgronaAccess.check(); // a JVM without the flag fails here, once, never on a request
        this.signature = signature;
        this.schema = signature == null ? null : signature.inputs();
        this.params = signature == null ? null : signature.params();
        this.mode = mode;
        this.limits = limits;
        this.factory = Json.factory(limits);
        this.enforcement = new Enforcement(mode, limits);
        this.paramsEnforcer = ParamsEnforcer.compile(params);
        this.noParams = paramsEnforcer.enforce(null);
        this.inputNames = new String[schema == null ? 0 : schema.size()];
        for (int i = 0; i < inputNames.length; i++) {
            inputNames[i] = schema.input(i).name();
        }
        // the streaming paths read numeric tensors and frame rows straight from the bytes (exact or abstain)
        final JsonFactory rawFactory = Json.rawFactory(limits);
        this.fast = fastPaths && FastTensorPath.applies(schema)
            ? new FastTensorPath(schema, mode, limits, rawFactory, fallbacks) : null;
        this.fastFrame = fastPaths && FastFramePath.applies(schema) ? new FastFramePath(schema, mode, limits,
            rawFactory, fallbacks) : null;
    }

    /** MLflow-compatible mode, default limits. */
    public ScoringServer(final ModelSignature signature) {
        this(signature, Mode.MLFLOW, Limits.DEFAULT);
    }

    public ModelSignature signature() {
        return signature;
    }

    /** How many requests this server's streaming path handed to the exact path for that cause (for metrics). */
    public long fallbacks(final Fallback why) {
        return fallbacks.get(why);
    }

    /** The last exception behind an {@link Fallback#UNEXPECTED} fallback, or null (for diagnosis and tests). */
    public Throwable lastUnexpectedFallback() {
        return fallbacks.lastUnexpected();
    }

    public Limits limits() {
        return limits;
    }

    /**
     * Judges one request body with a private context, closed before returning (the inputs are not
     * handed out). A convenience for tests and one-off checks: a server loop keeps one
     * {@link ScoringContext} per worker and calls {@link #invoke(ScoringContext, byte[], String)}.
     *
     * @param body        the raw request bytes
     * @param contentType the Content-Type header as sent (null means {@code application/json})
     */
    public ScoringResponse invoke(final byte[] body, final String contentType) {
        try (ScoringContext ctx = new ScoringContext(0)) {
            return invoke(ctx, body, contentType);
        }
    }

    /**
     * Judges one request body; after a 200 the context hands out the inputs the model gets and its
     * params (valid until the context's next request or close). Never throws for anything a request
     * holds: an unexpected failure inside Signet, {@link Error}s included, is answered 500
     * {@code INTERNAL_ERROR} and the server and context stay usable.
     *
     * @param ctx         the caller's context (one per worker; not shared between threads)
     * @param body        the raw request bytes (read, never kept)
     * @param contentType the Content-Type header as sent (null means {@code application/json})
     * @throws NullPointerException  when ctx or body is null
     * @throws IllegalStateException when ctx is closed
     */
    public ScoringResponse invoke(final ScoringContext ctx, final byte[] body, final String contentType) {
        ctx.begin();
        return answer(ctx, body, 0, body.length, contentType);
    }

    /**
     * As {@link #invoke(ScoringContext, byte[], String)} for the body between the buffer's position and
     * limit (neither is changed). A heap buffer is read in place. A direct buffer is copied once, in
     * bulk, into the context's reusable body scratch: Jackson's byte parser, which the streaming
     * scanners read straight from, needs an array, and the body may be read twice (a streaming attempt,
     * then the exact path); one memcpy is cheaper than Jackson's InputStream route (8 KB chunks copied
     * per parse) and allocates nothing after warm-up.
     */
    public ScoringResponse invoke(final ScoringContext ctx, final ByteBuffer body, final String contentType) {
        ctx.begin();
        final int len = body.remaining();
        if (body.hasArray()) {
            return answer(ctx, body.array(), body.arrayOffset() + body.position(), len, contentType);
        }
        if (len > limits.maxDocumentBytes()) {
            // the size alone decides (after the content type): nothing is copied
            final ScoringResponse ct = contentTypeProblem(contentType);
            return ct != null ? ct : tooLarge();
        }
        final byte[] b = ctx.bodyScratch(len);
        body.duplicate().get(b, 0, len);
        return answer(ctx, b, 0, len, contentType);
    }

    /**
     * As {@link #invoke(ScoringContext, byte[], String)} for a body read from {@code in} (not closed)
     * into the context's reusable body scratch, never past {@link Limits#maxDocumentBytes()} + 1 bytes:
     * a longer body is answered with the limit's 400 without reading the rest. A failing stream is a
     * 400 {@code BAD_REQUEST} naming the exception.
     */
    public ScoringResponse invoke(final ScoringContext ctx, final InputStream in, final String contentType) {
        ctx.begin();
        final ScoringResponse ct = contentTypeProblem(contentType);
        if (ct != null) {
            return ct;
        }
        try {
            return readAndAnswer(ctx, in, contentType);
        } catch (Throwable e) { // an Error out of the caller's stream: the worker survives
            ctx.forgetInputs();
            return ScoringResponse.internalError(e);
        }
    }

    private ScoringResponse readAndAnswer(final ScoringContext ctx, final InputStream in, final String contentType) {
        final long max = limits.maxDocumentBytes();
        int n = 0;
        byte[] b = ctx.bodyScratch(0);
        try {
            for (;;) {
                if (n == b.length) {
                    if (n > max) {
                        return tooLarge();
                    }
                    b = ctx.bodyScratch((int) Math.min(Math.max(8192L, (long) n * 2), max + 1));
                }
                final int r = in.read(b, n, b.length - n);
                if (r < 0) {
                    break;
                }
                n += r;
            }
        } catch (IOException | RuntimeException e) {
            return ScoringResponse.of(PayloadException.badRequest("Could not read the request body: "
                + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + Json.excerpt(e.getMessage(), 200)),
                null));
        }
        if (n > max) {
            return tooLarge();
        }
        return answer(ctx, b, 0, n, contentType);
    }

    private ScoringResponse tooLarge() {
        return ScoringResponse.of(PayloadException.badRequest("Payload exceeds limit maxDocumentBytes="
            + limits.maxDocumentBytes(), null));
    }

    /** Judges; a failure inside Signet of any kind is a 500 and the context hands nothing out. */
    private ScoringResponse answer(final ScoringContext ctx, final byte[] body, final int off, final int len,
                                   final String contentType) {
        ScoringResponse r;
        try {
            r = judge(ctx, body, off, len, contentType);
            final PayloadException dev = ctx.deviations.first();
            if (dev != null && r.ok()) {
                // MLflow would accept, storing a wrapped or truncated value: Signet's documented deviation
                r = ScoringResponse.of(dev);
            }
        } catch (Throwable e) { // Errors too (StackOverflowError, OutOfMemoryError): the server thread survives
            r = ScoringResponse.internalError(e);
        }
        if (!r.ok()) {
            ctx.forgetInputs();
        }
        ctx.deviations.clear();
        return r;
    }

    private ScoringResponse judge(final ScoringContext ctx, final byte[] body, final int off, final int len,
                                  final String contentType) {
        if (isPlainJson(contentType) && len <= limits.maxDocumentBytes()) {
            try {
                return json(ctx, body, off, len);
            } catch (PayloadException e) {
                return ScoringResponse.of(e);
            }
        }
        final ScoringResponse problem = contentTypeProblem(contentType);
        if (problem != null) {
            return problem;
        }
        if (len > limits.maxDocumentBytes()) {
            return tooLarge();
        }
        final String mime = mime(contentType);
        try {
            if (mime.equals("text/csv")) {
                final Frame f = Csv.parse(new String(body, off, len, StandardCharsets.UTF_8), schema);
                final Object input;
                try {
                    input = predict(ctx, f, null, false);
                } catch (PayloadException e) {
                    throw e.pointer() == null ? e.withPointer("") : e;
                }
                return accepted(ctx, input);
            }
            if (mime.equals("application/json")) {
                return json(ctx, body, off, len);
            }
        } catch (PayloadException e) {
            return ScoringResponse.of(e);
        }
        return ScoringResponse.unsupported("This predictor only supports the following content types: Types: "
            + "['text/csv', 'application/json']. Got '" + Json.excerpt(contentType, 200) + "'.");
    }

    private static String mime(final String contentType) {
        final String ct = contentType == null ? "application/json" : contentType;
        final int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).strip();
    }

    /**
     * MLflow's 415 for a content type's parameters (a charset other than UTF-8, unknown parameters),
     * else null; the media type is judged after the size.
     */
    static ScoringResponse contentTypeProblem(final String contentType) {
        if (isPlainJson(contentType)) {
            return null;
        }
        final String ct = contentType == null ? "application/json" : contentType;
        final String[] parts = ct.split(";", -1);
        final Map<String, String> prm = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            final String pair = parts[i].strip();
            final int eq = pair.indexOf('=');
            prm.put(eq < 0 ? pair : pair.substring(0, eq), eq < 0 ? "" : pair.substring(eq + 1));
        }
        final String charset = prm.getOrDefault("charset", "utf-8").toLowerCase(java.util.Locale.ROOT);
        if (!charset.equals("utf-8")) {
            return ScoringResponse.unsupported("The scoring server only supports UTF-8");
        }
        final Set<String> unexpected = new LinkedHashSet<>(prm.keySet());
        unexpected.remove("charset");
        if (!unexpected.isEmpty()) {
            return ScoringResponse.unsupported("Unrecognized content type parameters: " + String.join(", ", unexpected)
                + ". " + SCORING_PROTOCOL_CHANGE_INFO);
        }
        return null;
    }

    /** {@code application/json} alone or with {@code charset=utf-8}: judged without splitting the header. */
    static boolean isPlainJson(final String ct) {
        if (ct == null || ct.equals("application/json")) {
            return true;
        }
        final String prefix = "application/json; charset=";
        return ct.length() == prefix.length() + 5 && ct.startsWith(prefix)
            && ct.regionMatches(true, prefix.length(), "utf-8", 0, 5);
    }

    private static boolean bom(final byte[] body, final int off, final int len) {
        return len >= 3 && (body[off] & 0xFF) == 0xEF && (body[off + 1] & 0xFF) == 0xBB
            && (body[off + 2] & 0xFF) == 0xBF;
    }

    private ScoringResponse json(final ScoringContext ctx, final byte[] body, final int off, final int len) {
        if (bom(body, off, len)) {
            // flask decodes the body as utf-8 (not utf-8-sig): json.loads refuses the BOM
            throw new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. Ensure that input is a valid JSON formatted "
                + "string. Error: 'Unexpected UTF-8 BOM (decode using utf-8-sig)' at line 1 column 1 (char 0)", "", 1, 1,
                0, null);
        }
        if (fast != null && fast.tryInvoke(ctx, body, off, len, this)) {
            return ScoringResponse.OK;
        }
        if (fastFrame != null && fastFrame.tryInvoke(ctx, body, off, len, this)) {
            return ScoringResponse.OK;
        }
        // the exact path decides alone: forget what an abandoned fast attempt may have noted
        ctx.deviations.clear();
        final Deviations dev = ctx.deviations;
        final Object doc = decode(body, off, len);
        if (doc instanceof List) {
            throw PayloadException.badRequest("Invalid input. " + REQUIRED_INPUT_FORMAT + ". Received a list.", "");
        }
        if (!(doc instanceof Map)) {
            throw PayloadException.badRequest("Invalid input. " + REQUIRED_INPUT_FORMAT
                + ". Received unexpected input type '" + Numpy.typeRepr(doc) + ".", "");
        }
        @SuppressWarnings("unchecked") final Map<String, Object> m = (Map<String, Object>) doc;
        boolean llm = false;
        for (final String k : m.keySet()) {
            llm |= LLM_KEYS.contains(k);
        }
        if (llm) {
            final Map<String, Object> data = new LinkedHashMap<>();
            final Map<String, Object> prms = new LinkedHashMap<>();
            for (final Map.Entry<String, Object> e : m.entrySet()) {
                if (params != null && params.param(e.getKey()) != null) {
                    prms.put(e.getKey(), e.getValue());
                } else {
                    data.put(e.getKey(), e.getValue());
                }
            }
            try {
                return accepted(ctx, predict(ctx, data, prms, true));
            } catch (PayloadException e) {
                throw e.pointer() == null ? e.withPointer("") : e;
            }
        }
        final List<String> keys = new ArrayList<>();
        for (final String k : m.keySet()) {
            if (FORMATS.contains(k)) {
                keys.add(k);
            }
        }
        if (keys.size() != 1) {
            throw PayloadException.badRequest(REQUIRED_INPUT_FORMAT + ". Received dictionary with input fields: "
                + PyRepr.repr(keys) + ". " + SCORING_PROTOCOL_CHANGE_INFO, "");
        }
        final String key = keys.get(0);
        final Object value = m.get(key);
        final Object data;
        switch (key) {
            case "inputs":
                data = castSchemaType(value, "/inputs", dev);
                break;
            case "instances":
                data = parseInstances(value, dev);
                break;
            case "dataframe_split":
                data = castDf(Dataframes.split(value), "/dataframe_split", dev);
                break;
            default:
                data = castDf(Dataframes.records(value), "/dataframe_records", dev);
                break;
        }
        final Object input;
        try {
            input = predict(ctx, data, m.containsKey("params") ? m.get("params") : null, false);
        } catch (PayloadException e) {
            throw e.pointer() == null ? e.withPointer("/" + key) : e.pointer().startsWith("/params")
                || e.pointer().startsWith("/" + key) ? e : e.withPointer("/" + key + e.pointer());
        }
        return accepted(ctx, input);
    }

    private Object decode(final byte[] body, final int off, final int len) {
        JsonParser p = null;
        try {
            p = factory.createParser(body, off, len);
            if (bom(body, off, len)) {
                throw PayloadException.badRequest("Invalid input. Ensure that input is a valid JSON formatted string. "
                    + "Error: 'Unexpected UTF-8 BOM (decode using utf-8-sig)' at line 1 column 1 (char 0)", "");
            }
            if (p.nextToken() == null) {
                throw PayloadException.badRequest("Invalid input. Ensure that input is a valid JSON formatted string. "
                    + "Error: 'Expecting value: line 1 column 1 (char 0)'", "");
            }
            final Object v = PyValueReader.read(p);
            if (p.nextToken() != null) {
                throw Json.badRequest(p, "Invalid input. Ensure that input is a valid JSON formatted string. Error: "
                    + "'Extra data'");
            }
            return v;
        } catch (IOException e) {
            throw Json.syntax(p, e, limits);
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // nothing to release
                }
            }
        }
    }

    // ------------------------------------------------------------ predict: schema, then params

    /**
     * {@code pyfunc.predict}'s enforcement: the schema, then the params (into the context).
     *
     * @return what the model gets as input: a {@link Frame} for column schemas, the arrays (an
     *         {@link NdArray} or a dict of them) for tensor schemas, the data itself without a schema
     */
    Object predict(final ScoringContext ctx, final Object data, final Object requestParams, final boolean llm) {
        final Object input = schema == null ? data : enforcement.enforce(data, schema, ctx.deviations);
        final ParamsEnforcer.Result p = enforceParams(requestParams);
        ctx.params(p.params(), p.warnings());
        return input;
    }

    /** Params of a request accepted on a streaming path: the defaults when none were sent. */
    void acceptParams(final ScoringContext ctx, final boolean sent, final Object requestParams) {
        final ParamsEnforcer.Result p = sent ? enforceParams(requestParams) : noParams;
        ctx.params(p.params(), p.warnings());
    }

    /**
     * An accepted request judged on the exact path: what the model gets moves into the context (the
     * seam): a frame into its {@link io.signet.column.ColumnBatch} (the schema's columns, in schema
     * order), arrays into its off-heap tensor slots.
     */
    private ScoringResponse accepted(final ScoringContext ctx, final Object input) {
        if (schema == null) {
            ctx.acceptNothing(ScoringContext.Path.EXACT);
        } else if (input instanceof Frame && !schema.isTensorSpec()) {
            acceptFrame(ctx, (Frame) input);
        } else {
            acceptArrays(ctx, input);
        }
        return ScoringResponse.OK;
    }

    private void acceptFrame(final ScoringContext ctx, final Frame f) {
        final io.signet.column.ColumnBatch b = ctx.frame.batch;
        try {
            b.clear();
            for (int i = 0; i < schema.size(); i++) {
                final Object name = schema.hasInputNames() ? schema.inputNames().get(i) : f.names.get(i);
                final int c = f.indexOf(name);
                if (c < 0) {
                    continue;
                }
                final List<Object> cells = new ArrayList<>(f.rows);
                for (final Object v : f.cells.get(c)) {
                    cells.add(v instanceof NpScalar ? ((NpScalar) v).value() : v);
                }
                final DType dt = f.dtypes.get(c);
                if (dt.kind() == DType.Kind.OBJECT) {
                    b.addValues(name, cells);
                } else {
                    b.addValues(name, dt, cells);
                }
            }
            ctx.acceptColumns(ScoringContext.Path.EXACT);
        } catch (RuntimeException e) {
            // a value the column batch cannot hold (numpy arrays in cells, ...): the verdict stands
            b.clear();
            ctx.acceptNothing(ScoringContext.Path.EXACT);
        }
    }

    /** The arrays the model gets (one, or one per named input) into the context's tensor slots, schema order. */
    private void acceptArrays(final ScoringContext ctx, final Object input) {
        final int n = schema.size();
        for (int i = 0; i < n; i++) {
            final Object a = input instanceof Map ? ((Map<?, ?>) input).get(inputNames[i]) : i == 0 ? input : null;
            if (!(a instanceof io.signet.tensor.NdArray) || !toSlot(ctx, i, (io.signet.tensor.NdArray) a)) {
                ctx.acceptNothing(ScoringContext.Path.EXACT);
                return;
            }
        }
        ctx.acceptTensors(ScoringContext.Path.EXACT, n, inputNames);
    }

    /** One array into slot i (values in C order); false when it has no off-heap layout Signet holds. */
    private static boolean toSlot(final ScoringContext ctx, final int i, final io.signet.tensor.NdArray a) {
        final Object[] flat;
        if (a instanceof NdArray) {
            flat = ((NdArray) a).values();
        } else {
            return false;
        }
        final DType dt = a.dtype();
        try {
            ctx.slot(i).fill(dt, a.shape(), flat);
        } catch (RuntimeException e) {
            return false;
        }
        if (dt.kind() == DType.Kind.OBJECT) {
            ctx.objects(i, flat);
        }
        return true;
    }

    /** MLflow's {@code _enforce_params_schema} of the request's params (null: none sent). */
    ParamsEnforcer.Result enforceParams(final Object requestParams) {
        if (params != null && requestParams instanceof Map) {
            for (final ParamSpec spec : params.params()) {
                final Object value = ((Map<?, ?>) requestParams).get(spec.name());
                if (spec.shape() != null && value instanceof List) {
                    try {
                        Numpy.infer(value, "/params/" + spec.name());
                    } catch (PayloadException e) {
                        // numpy's ValueError on a ragged list is not an MlflowException: the server's generic 400
                        throw PayloadException.badRequest("Encountered an unexpected error while evaluating the "
                            + "model. Verify that the serialized input Dataframe is compatible with the model for "
                            + "inference.", "/params/" + spec.name());
                    }
                }
            }
        }
        try {
            return paramsEnforcer.enforce(requestParams);
        } catch (SchemaEnforcementException e) {
            throw new PayloadException(400, e.errorCode(), e.getMessage(), e.path() == null ? "/params"
                : e.path().startsWith("/") ? "/params" + e.path() : "/params/" + e.path(), -1, -1, -1,
                io.signet.enforce.Deviation.codeOf(e.deviation()));
        } catch (RuntimeException e) {
            throw PayloadException.badRequest("Encountered an unexpected error while evaluating the model. Verify "
                + "that the serialized input Dataframe is compatible with the model for inference.", "/params");
        }
    }
    // ------------------------------------------------------------ inputs / instances

    /** {@code _cast_schema_type}. */
    Object castSchemaType(final Object input0, final String ptr, final Deviations dev) {
        Object input = input0;
        final Map<Object, InputSpec> types = new LinkedHashMap<>();
        if (schema != null && schema.hasInputNames()) {
            for (final InputSpec s : schema.inputs()) {
                types.put(s.label(), s); // input_dict(): keyed by the name as MLflow holds it (0 is not "0")
            }
        }
        boolean wrapped = false;
        if (schema != null) {
            boolean anyDict = false;
            if (input instanceof List) {
                for (final Object x : (List<?>) input) {
                    anyDict |= x instanceof Map;
                }
            }
            if (types.size() == 1 && input instanceof List && !anyDict) {
                final Map<Object, Object> w = new LinkedHashMap<>();
                w.put(types.keySet().iterator().next(), input);
                input = w;
                wrapped = true;
            } else if (!schema.hasInputNames() && !(input instanceof List || Numpy.isScalar(input))) {
                throw PayloadException.badRequest("Invalid input. Failed to parse input data. This model contains an "
                    + "un-named  model signature which expects a single n-dimensional array or a single value as input, "
                    + "however, an input of type " + Numpy.typeRepr(input) + " was found.", ptr);
            }
        }
        if (input instanceof Map) {
            final Map<Object, Object> r = new LinkedHashMap<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) input).entrySet()) {
                r.put(e.getKey(), convert(e.getValue(), types.get(e.getKey()),
                    wrapped ? ptr : ptr + "/" + e.getKey(), dev));
            }
            return r;
        }
        if (input instanceof List) {
            final List<?> l = (List<?>) input;
            boolean allDicts = true;
            for (final Object x : l) {
                allDicts &= x instanceof Map;
            }
            if (allDicts) {
                final List<Object> rows = new ArrayList<>();
                for (int i = 0; i < l.size(); i++) {
                    final Map<String, Object> r = new LinkedHashMap<>();
                    for (final Map.Entry<?, ?> e : ((Map<?, ?>) l.get(i)).entrySet()) {
                        r.put((String) e.getKey(), convert(e.getValue(), types.get(e.getKey()),
                            ptr + "/" + i + "/" + e.getKey(), dev));
                    }
                    rows.add(r);
                }
                return rows;
            }
            return convert(input, schema == null ? null : schema.input(0), ptr, dev);
        }
        final InputSpec spec = schema == null ? null : schema.input(0);
        try {
            return convert(input, spec, ptr, dev);
        } catch (PayloadException e) {
            throw PayloadException.badRequest("Invalid input. Failed to convert data `"
                + Json.excerpt(PyRepr.str(input), 100) + "` to type `" + (spec == null ? "None" : spec.repr())
                + "` defined in the model signature.", ptr);
        }
    }

    /** {@code convert_data_type}. */
    Object convert(final Object data, final InputSpec spec, final String ptr, final Deviations dev) {
        if (spec == null) {
            return Numpy.infer(data, ptr);
        }
        if (spec instanceof TensorSpec) {
            return Numpy.cast(data, ((TensorSpec) spec).dtype(), ptr, mode, limits, dev);
        }
        final ColumnType t = ((ColSpec) spec).type();
        if (t instanceof DataType) {
            final DType np = ((DataType) t).toNumpy();
            if (data instanceof List) {
                return Numpy.cast(data, np, ptr, mode, limits, dev);
            }
            final NdArray a = Numpy.cast(java.util.Collections.singletonList(data), np, ptr, mode, limits, dev);
            return new NpScalar(a.dtype, a.values()[0]);
        }
        try {
            if (t instanceof ArrayType) {
                final Object enforced = Enforcement.enforceType(data, t, true);
                return Numpy.inferObjectOrArray(enforced, ptr);
            }
            if (t instanceof ObjectType || t instanceof MapType) {
                return Enforcement.enforceType(data, t, true);
            }
        } catch (PayloadException e) {
            if (PayloadException.BAD_REQUEST.equals(e.errorCode())) {
                throw e;
            }
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), ptr);
        }
        return data;
    }

    /** {@code parse_instances_data}. */
    Object parseInstances(final Object value, final Deviations dev) {
        Object data;
        if (value instanceof List && !((List<?>) value).isEmpty() && ((List<?>) value).get(0) instanceof Map) {
            final Map<Object, InputSpec> types = new LinkedHashMap<>();
            if (schema != null && schema.hasInputNames()) {
                for (final InputSpec s : schema.inputs()) {
                    types.put(s.label(), s); // input_dict(): keyed by the name as MLflow holds it (0 is not "0")
                }
            }
            final Map<String, List<Object>> cols = new LinkedHashMap<>();
            final List<?> rows = (List<?>) value;
            for (int i = 0; i < rows.size(); i++) {
                final Object row = rows.get(i);
                if (!(row instanceof Map)) {
                    throw PayloadException.badRequest("Invalid input. Ensure that the input is a valid JSON-formatted "
                        + "string.\nError: AttributeError(\"'" + PyRepr.typeName(row)
                        + "' object has no attribute 'items'\")", "/instances/" + i);
                }
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) row).entrySet()) {
                    cols.computeIfAbsent((String) e.getKey(), k -> new ArrayList<>())
                        .add(convert(e.getValue(), types.get(e.getKey()), "/instances/" + i + "/" + e.getKey(), dev));
                }
            }
            final Map<String, Object> r = new LinkedHashMap<>();
            for (final Map.Entry<String, List<Object>> e : cols.entrySet()) {
                try {
                    r.put(e.getKey(), Numpy.stack(e.getValue(), "/instances"));
                } catch (PayloadException ex) {
                    throw PayloadException.badRequest("Invalid input. Ensure that the input is a valid JSON-formatted "
                        + "string.\nError: ValueError('" + ex.getMessage().replaceFirst("^Invalid input\\. ", "")
                        + "')", "/instances");
                }
            }
            data = r;
        } else {
            data = castSchemaType(value, "/instances", dev);
        }
        if (data instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) data;
            final List<Object> check = new ArrayList<>();
            for (final Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() instanceof NdArray || e.getValue() instanceof List) {
                    check.add(e.getKey());
                }
            }
            if (schema != null && schema.hasInputNames()) {
                final List<Object> keep = new ArrayList<>();
                final List<Object> required = schema.requiredInputNames();
                for (final InputSpec s : schema.inputs()) {
                    final boolean isArray = s instanceof ColSpec && ((ColSpec) s).type() instanceof ArrayType;
                    if (!isArray && required.contains(s.label()) && check.contains(s.label()) && !keep.contains(s.label())) {
                        keep.add(s.label());
                    }
                }
                check.retainAll(keep);
            }
            long expected = -1;
            for (final Object k : check) {
                final Object v = m.get(k);
                final long len = v instanceof NdArray ? ((NdArray) v).length() : ((List<?>) v).size();
                if (expected < 0) {
                    expected = len;
                } else if (len != expected) {
                    throw PayloadException.badRequest("Invalid input. The length of values for each input/column name "
                        + "are not the same", "/instances");
                }
            }
        }
        return data;
    }

    // ------------------------------------------------------------ dataframes

    /** {@code cast_df_types_according_to_schema}. */
    Frame castDf(final Frame f, final String ptr, final Deviations dev) {
        if (schema == null) {
            return f;
        }
        final List<Object> names = new ArrayList<>();
        final List<Object> types = new ArrayList<>();
        if (schema.hasInputNames()) {
            names.addAll(schema.inputNames()); // zip(input_names(), input_types())
            for (final InputSpec s : schema.inputs()) {
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        } else if (schema.isTensorSpec() && schema.size() == 1) {
            for (final Object n : f.names) {
                names.add(n);
                types.add(((TensorSpec) schema.input(0)).dtype());
            }
        } else {
            final int n = Math.min(schema.size(), f.columns());
            for (int i = 0; i < n; i++) {
                names.add(f.names.get(i));
                final InputSpec s = schema.input(i);
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        }
        for (int i = 0; i < names.size(); i++) {
            // pdf[name] selects every column carrying the label: a repeated label gives a DataFrame, which
            // astype casts column by column and which has no .map (binary, bytes, Array, Object, Map)
            final List<Integer> same = new ArrayList<>();
            for (int k = 0; k < f.columns(); k++) {
                if (java.util.Objects.equals(f.names.get(k), names.get(i))) {
                    same.add(k);
                }
            }
            for (final int c : same) {
                castColumn(f, c, types.get(i), same.size() > 1, ptr, dev);
            }
        }
        return f;
    }

    private void castColumn(final Frame f, final int c, final Object t, final boolean dup, final String ptr,
                            final Deviations dev) {
        final Object[] col = f.cells.get(c);
        final String colPtr = ptr;
        String typeName = t instanceof DType ? t.toString() : t instanceof DataType
            ? pandasName((DataType) t) : ((ColumnType) t).repr();
        if (t instanceof ColumnType && !(t instanceof DataType)) {
            typeName = ((ColumnType) t).str();
        }
        try {
            if (dup && (t == DataType.BINARY || t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES
                || t instanceof ColumnType && !(t instanceof DataType))) {
                throw new CastFailure("AttributeError(\"'DataFrame' object has no attribute 'map'\")");
            }
            if (t == DataType.BINARY) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = decodeBase64Lenient((String) col[j]);
                }
                f.cells.set(c, r);
                f.dtypes.set(c, DType.OBJECT);
            } else if (t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = ((String) col[j]).getBytes(StandardCharsets.UTF_8);
                }
                f.cells.set(c, r);
                f.dtypes.set(c, DType.OBJECT);
            } else if (schema.isTensorSpec() && col.length == 0) {
                throw new CastFailure("IndexError('single positional indexer is out-of-bounds')");
            } else if (schema.isTensorSpec() && col[0] instanceof List && !dup) {
                return;
            } else if (t instanceof ColumnType && !(t instanceof DataType)) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    try {
                        r[j] = Enforcement.enforceType(col[j], (ColumnType) t, true);
                    } catch (PayloadException e) {
                        throw new CastFailure("MlflowException(" + PyRepr.repr(e.getMessage()) + ")");
                    }
                }
                f.cells.set(c, r);
            } else {
                final DType target = t instanceof DType ? (DType) t
                    : t == DataType.STRING ? DType.OBJECT : ((DataType) t).toNumpy();
                astype(f, c, target, ptr, dev);
            }
        } catch (CastFailure e) {
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + f.names.get(c) + " to type '" + typeName + "'. Error: '" + e.getMessage()
                + "'", colPtr + "/" + f.names.get(c));
        } catch (PayloadException e) {
            if (e.deviation() != null) {
                throw new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. Data is not compatible with model "
                    + "signature. Failed to convert column " + f.names.get(c) + " to type '" + typeName + "'. "
                    + e.getMessage().replaceFirst("^Invalid input\\. ", ""), colPtr + "/" + f.names.get(c), -1, -1,
                    -1, e.deviation());
            }
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + f.names.get(c) + " to type '" + typeName + "'. Error: '"
                + e.getMessage().replaceFirst("^Invalid input\\. ", "") + "'", colPtr + "/" + f.names.get(c));
        }
    }

    private static String pandasName(final DataType t) {
        return t == DataType.STRING || t == DataType.BINARY ? "<class 'object'>" : t.toNumpy().toString();
    }

    private void astype(final Frame f, final int c, final DType target, final String ptr, final Deviations dev) {
        final Object[] col = f.cells.get(c);
        if (target.kind() == DType.Kind.OBJECT) {
            // astype(object) keeps the values as they are
            f.dtypes.set(c, DType.OBJECT);
            return;
        }
        if (target.kind() == DType.Kind.STR) {
            // a str tensor dtype: astype(str) makes Python str() of every cell
            final Object[] r = new Object[col.length];
            for (int i = 0; i < col.length; i++) {
                final Object v = col[i];
                r[i] = v instanceof Double && ((Double) v).isNaN() ? "nan" : PyRepr.str(v);
            }
            f.cells.set(c, r);
            f.dtypes.set(c, DType.OBJECT);
            return;
        }
        final DType from = f.dtypes.get(c);
        if (from.kind() == DType.Kind.DATETIME) {
            // a column an earlier cast made datetime64[ns] (a repeated label is cast once per schema entry):
            // pandas' DatetimeArray.astype keeps int64 (the nanoseconds) and bool, refuses other numbers
            if (target.kind() == DType.Kind.FLOAT || target.kind() == DType.Kind.TIMEDELTA) {
                throw new CastFailure("TypeError('Cannot cast DatetimeArray to dtype " + target + "')");
            }
            if ((target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT) && target.itemSize() != 8) {
                throw new CastFailure("TypeError('cannot astype a datetimelike from [" + from + "] to [" + target
                    + "]')");
            }
        }
        if (target.kind() == DType.Kind.BOOL) {
            // astype(bool): Python truthiness of every cell (None is False, NaN is True)
            final Object[] r = new Object[col.length];
            for (int i = 0; i < col.length; i++) {
                r[i] = truthy(col[i]);
            }
            f.cells.set(c, r);
            f.dtypes.set(c, target);
            return;
        }
        if (target.kind() == DType.Kind.DATETIME) {
            // pandas astype('datetime64[ns]'): numbers (and bools) are nanoseconds, strings are parsed
            final Object[] r = new Object[col.length];
            // pandas keeps a column of non-negative ints with one past int64 as uint64 (float64 with a float or
            // None among them): such a column is cast blindly (2**63 becomes NaT), any other holds Python objects,
            // converted one by one with a bounds check
            final DType held = from.kind() == DType.Kind.OBJECT ? unsignedNumericColumn(col) : from;
            for (int i = 0; i < col.length; i++) {
                final Object v = col[i];
                if (v == null || v instanceof Double && ((Double) v).isNaN()) {
                    r[i] = io.signet.tensor.NpDatetime.NAT;
                } else if (v instanceof Boolean && from.kind() == DType.Kind.BOOL) {
                    r[i] = (Boolean) v ? 1L : 0L;
                } else if (v instanceof Long) {
                    r[i] = v;
                } else if (v instanceof java.math.BigInteger) {
                    final java.math.BigInteger b = (java.math.BigInteger) v;
                    if (held.kind() == DType.Kind.OBJECT) {
                        throw new CastFailure("OutOfBoundsDatetime('Out of bounds nanosecond timestamp')");
                    }
                    // uint64 is viewed as int64, a float64 past int64 becomes NaT: MLflow stores a wrong datetime
                    r[i] = held.kind() == DType.Kind.FLOAT ? io.signet.tensor.NpDatetime.NAT : b.longValue();
                    dev.note(datetimeOverflow(b.toString(), r[i], ptr, f, c));
                } else if (v instanceof Double) {
                    final double d = (Double) v;
                    if (Double.isInfinite(d)) {
                        throw new CastFailure("OverflowError('cannot convert float infinity to integer')");
                    }
                    if (d >= 0x1p63 || d < -0x1p63) {
                        if (held.kind() == DType.Kind.OBJECT) {
                            // element-wise conversion of an object column checks bounds
                            throw new CastFailure("OutOfBoundsDatetime('Out of bounds nanosecond timestamp')");
                        }
                        // a float64 column casts blindly: numpy stores int64's minimum, which is NaT
                        r[i] = io.signet.tensor.NpDatetime.NAT;
                        dev.note(datetimeOverflow(PyRepr.repr(v), r[i], ptr, f, c));
                    } else {
                        r[i] = (long) d;
                    }
                } else if (v instanceof String) {
                    try {
                        r[i] = PandasDates.parse((String) v);
                    } catch (RuntimeException e) {
                        throw new CastFailure(PandasDates.failure((String) v, i, numberBefore(col, i), e));
                    }
                } else {
                    throw new CastFailure("TypeError(\"<class '" + PyRepr.typeName(v) + "'> is not convertible to "
                        + "datetime\")");
                }
            }
            if (from.kind() == DType.Kind.OBJECT) {
                // to_datetime of strings with different UTC offsets, or aware and naive ones
                final String zones = io.signet.enforce.PandasDatetime.zoneError(col);
                if (zones != null) {
                    throw new CastFailure(zones);
                }
            }
            f.cells.set(c, r);
            // pandas 1.5 keeps datetimes in nanoseconds whatever unit astype asked for
            f.dtypes.set(c, DType.datetime64("ns"));
            return;
        }
        if (target.kind() == DType.Kind.TIMEDELTA) {
            final NdArray a = Numpy.cast(new ArrayList<>(Arrays.asList(col)), target, "", mode, limits, dev);
            f.cells.set(c, a.values());
            f.dtypes.set(c, DType.timedelta64("ns"));
            return;
        }
        if (from.kind() == DType.Kind.FLOAT && (target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT)) {
            for (final Object v : col) {
                final double d = v == null ? Double.NaN : ((Number) v).doubleValue();
                if (Double.isNaN(d) || Double.isInfinite(d)) {
                    throw new CastFailure("IntCastingNaNError('Cannot convert non-finite values (NA or inf) to "
                        + "integer')");
                }
            }
            if (target.kind() == DType.Kind.UINT) {
                for (final Object v : col) {
                    if (((Number) v).doubleValue() < 0) {
                        throw new CastFailure("ValueError('Cannot losslessly cast from " + from + " to " + target + "')");
                    }
                }
            }
        }
        final List<Object> l = new ArrayList<>(Arrays.asList(col));
        if (from.kind() == DType.Kind.FLOAT && (target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT)) {
            // a float column is cast in C (no Python int in between, so no OverflowError): a value past the
            // target's range is stored wrapped, 1e39 into int32 as -2147483648, and MLflow accepts it
            final int bits = target.itemSize() * 8;
            final double hi = target.kind() == DType.Kind.UINT ? Math.scalb(1.0, bits) : Math.scalb(1.0, bits - 1);
            final double lo = target.kind() == DType.Kind.UINT ? 0 : -hi;
            for (int i = 0; i < l.size(); i++) {
                final double d = ((Number) l.get(i)).doubleValue();
                final double t = d < 0 ? Math.ceil(d) : Math.floor(d);
                if (t >= hi || t < lo) {
                    dev.note(new PayloadException(400, PayloadException.BAD_REQUEST,
                        "Invalid input. " + PyRepr.repr(d) + " does not fit in " + target
                            + " (MLflow would silently wrap it around)", ptr + "/" + f.names.get(c), -1, -1, -1,
                        io.signet.enforce.Deviation.NARROWING_OVERFLOW.code()));
                    l.set(i, 0.0);
                }
            }
        }
        if (target.kind() == DType.Kind.FLOAT) {
            for (int i = 0; i < l.size(); i++) {
                if (l.get(i) instanceof Double && ((Double) l.get(i)).isNaN()) {
                    l.set(i, null);
                }
            }
        }
        if (from.kind() != DType.Kind.OBJECT && target.kind() == DType.Kind.BOOL) {
            // numeric astype(bool): truthiness
            for (int i = 0; i < l.size(); i++) {
                final Object v = l.get(i);
                l.set(i, v instanceof Number ? ((Number) v).doubleValue() != 0 : v);
            }
        }
        for (final Object v : l) {
            if (v instanceof Map || v instanceof List) {
                throw new CastFailure("TypeError(\"" + (target.kind() == DType.Kind.FLOAT
                    ? "float() argument must be a string or a real number, not '" + PyRepr.typeName(v) + "'"
                    : "int() argument must be a string, a bytes-like object or a real number, not '"
                    + PyRepr.typeName(v) + "'") + "\")");
            }
        }
        if ((target.kind() == DType.Kind.INT || target.kind() == DType.Kind.UINT) && !target.equals(DType.UINT64)) {
            for (int i = 0; i < l.size(); i++) {
                final Object v = l.get(i);
                if (v instanceof java.math.BigInteger && ((java.math.BigInteger) v).signum() >= 0
                    && ((java.math.BigInteger) v).bitLength() <= 64) {
                    // pandas holds it in a uint64 column and astype wraps it silently
                    dev.note(new PayloadException(400, PayloadException.BAD_REQUEST,
                        "Invalid input. " + v + " does not fit in " + target + " (MLflow would silently wrap it around)",
                        ptr + "/" + f.names.get(c), -1, -1, -1, io.signet.enforce.Deviation.NARROWING_OVERFLOW.code()));
                    l.set(i, ((java.math.BigInteger) v).longValue());
                }
            }
        }
        final NdArray a = Numpy.cast(l, target, "", mode, limits, dev);
        f.cells.set(c, a.values());
        f.dtypes.set(c, target);
    }

    /**
     * The dtype pandas gives an object-typed {@link Frame} column holding an int past int64: uint64 when every
     * cell is a non-negative int below 2**64, float64 when floats or None are among them too, else object.
     */
    private static DType unsignedNumericColumn(final Object[] col) {
        boolean big = false;
        boolean floats = false;
        for (final Object v : col) {
            if (v == null || v instanceof Double) {
                floats = true;
            } else if (v instanceof java.math.BigInteger) {
                final java.math.BigInteger b = (java.math.BigInteger) v;
                if (b.signum() < 0 || b.bitLength() > 64) {
                    return DType.OBJECT;
                }
                big = true;
            } else if (!(v instanceof Long) || (Long) v < 0) {
                return DType.OBJECT;
            }
        }
        return !big ? DType.OBJECT : floats ? DType.FLOAT64 : DType.UINT64;
    }

    private static PayloadException datetimeOverflow(final String value, final Object stored, final String ptr,
                                                     final Frame f, final int c) {
        final long ns = (Long) stored;
        return new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. " + value + " is outside the range of "
            + "datetime64[ns] (MLflow would silently store " + (ns == io.signet.tensor.NpDatetime.NAT ? "NaT"
            : ns + " nanoseconds") + ")", ptr + "/" + f.names.get(c), -1, -1, -1,
            io.signet.enforce.Deviation.NARROWING_OVERFLOW.code());
    }

    private static boolean truthy(final Object v) {
        if (v == null) {
            return false;
        }
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            final double d = ((Number) v).doubleValue();
            return d != 0 || Double.isNaN(d);
        }
        if (v instanceof String) {
            return !((String) v).isEmpty();
        }
        if (v instanceof Map) {
            return !((Map<?, ?>) v).isEmpty();
        }
        if (v instanceof List) {
            return !((List<?>) v).isEmpty();
        }
        return true;
    }

    /** Python's {@code base64.decodebytes}: non-alphabet characters are skipped, padding is required. */
    static byte[] decodeBase64Lenient(final String s) {
        int q = 0;
        int pads = 0;
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if (ch == '=') {
                if (q % 4 >= 2) {
                    pads++;
                    if (q % 4 + pads == 4) {
                        break;
                    }
                }
            } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/') {
                if (pads > 0) {
                    pads = 0;
                }
                q++;
            }
        }
        if (q % 4 == 1) {
            throw new CastFailure("Error('Invalid base64-encoded string: number of data characters (" + q
                + ") cannot be 1 more than a multiple of 4')");
        }
        if (q % 4 != 0 && q % 4 + pads < 4) {
            throw new CastFailure("Error('Incorrect padding')");
        }
        return decodeBase64Chars(s);
    }

    private static byte[] decodeBase64Chars(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/' || ch == '=') {
                sb.append(ch);
            }
        }
        String t = sb.toString();
        final int eq = t.indexOf('=');
        if (eq >= 0) {
            t = t.substring(0, eq);
        }
        t = t.substring(0, t.length() - (t.length() % 4 == 1 ? 1 : 0));
        try {
            return Base64.getDecoder().decode(t + "===".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A pandas/numpy failure while casting a column, carrying the Python repr of the exception. */
    /** A number (not NaN) among the cells before row {@code i}: pandas' object path then re-raises its TypeError. */
    private static boolean numberBefore(final Object[] col, final int i) {
        for (int j = 0; j < i; j++) {
            final Object v = col[j];
            if (v instanceof Long || v instanceof java.math.BigInteger
                || v instanceof Double && !((Double) v).isNaN()) {
                return true;
            }
        }
        return false;
    }

    static final class CastFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CastFailure(final String repr) {
            super(repr, null, false, false);
        }
    }
}
