package io.signet.serving;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.internal.json.Deviations;
import io.signet.internal.json.Json;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.internal.json.PyValueReader;
import io.signet.mlflow.CsvInput;
import io.signet.mlflow.FrameCasts;
import io.signet.mlflow.ServingInputs;
import io.signet.mlflow.ServingSchemas;
import io.signet.mlflow.SplitRecords;
import io.signet.enforce.Profile;
import io.signet.py.DataFrame;
import io.signet.py.NdArray;
import io.signet.py.Py;
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
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpScalar;

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
    private final Profile profile;
    private final Schema schema;
    private final ParamSchema params;
    private final Mode mode;
    private final Limits limits;
    private final JsonFactory factory;
    /** The rule book's parts the exact path runs: parsing of each body format, then {@code _enforce_schema}. */
    private final ServingInputs inputs;
    private final FrameCasts frameCasts;
    private final ServingSchemas enforcement;
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

    /** A server of MLflow 2.17.2's rules ({@link Profile#MLFLOW_2}). */
    public ScoringServer(final ModelSignature signature, final Mode mode, final Limits limits) {
        this(signature, Profile.MLFLOW_2, mode, limits, true);
    }

    /**
     * A server of the given MLflow profile: its rules on the exact path (the rule book) and its
     * abstentions on the streaming paths (numpy 2's integer ranges, pandas 2's tz-aware datetimes).
     */
    public ScoringServer(final ModelSignature signature, final Profile profile, final Mode mode, final Limits limits) {
        this(signature, profile, mode, limits, true);
    }

    /** {@code fastPaths} false: every request on the exact MLflow path (tests compare the two). */
    ScoringServer(final ModelSignature signature, final Mode mode, final Limits limits, final boolean fastPaths) {
        this(signature, Profile.MLFLOW_2, mode, limits, fastPaths);
    }

    /** {@code fastPaths} false: every request on the exact path of the profile's rules (tests compare the two). */
    ScoringServer(final ModelSignature signature, final Profile profile, final Mode mode, final Limits limits,
                  final boolean fastPaths) {
        io.signet.internal.AgronaAccess.check(); // a JVM without the flag fails here, once, never on a request
        this.signature = signature;
        this.profile = profile;
        this.schema = signature == null ? null : signature.inputs();
        this.params = signature == null ? null : signature.params();
        this.mode = mode;
        this.limits = limits;
        this.factory = Json.factory(limits);
        this.inputs = new ServingInputs(schema, mode == Mode.STRICT, limits, profile);
        this.frameCasts = new FrameCasts(schema, mode == Mode.STRICT, limits, profile);
        this.enforcement = new ServingSchemas(mode == Mode.STRICT, limits, profile);
        this.paramsEnforcer = ParamsEnforcer.compile(params, profile);
        this.noParams = paramsEnforcer.enforce(null);
        this.inputNames = new String[schema == null ? 0 : schema.size()];
        for (int i = 0; i < inputNames.length; i++) {
            inputNames[i] = schema.input(i).name();
        }
        // the streaming paths read numeric tensors and frame rows straight from the bytes (exact or abstain)
        final JsonFactory rawFactory = Json.rawFactory(limits);
        this.fast = fastPaths && FastTensorPath.applies(schema)
            ? new FastTensorPath(schema, profile, mode, limits, rawFactory, fallbacks) : null;
        this.fastFrame = fastPaths && FastFramePath.applies(schema) ? new FastFramePath(schema, profile, mode, limits,
            rawFactory, fallbacks) : null;
    }

    /** MLflow-compatible mode, default limits. */
    public ScoringServer(final ModelSignature signature) {
        this(signature, Mode.MLFLOW, Limits.DEFAULT);
    }

    /** The MLflow profile whose rules this server applies. */
    public Profile profile() {
        return profile;
    }

    /** The model signature this server enforces. */
    public ModelSignature signature() {
        return signature;
    }

    /** How many requests this server's streaming path handed to the exact path for that cause (for metrics). */
    public long fallbacks(final Fallback why) {
        return fallbacks.get(why);
    }

    /** How many rejections of that kind the streaming path answered itself (tests; metrics may expose it). */
    long fastAnswers(final Fallbacks.FastAnswer what) {
        return fallbacks.answeredCount(what);
    }

    /** The last exception behind an {@link Fallback#UNEXPECTED} fallback, or null (for diagnosis and tests). */
    public Throwable lastUnexpectedFallback() {
        return fallbacks.lastUnexpected();
    }

    /** The limits every request is read under. */
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
                io.signet.internal.json.LimitChecks.checkExactPathBytes(limits, len); // CSV is read into Java objects, several times its size
                // MLflow decodes the body as UTF-8 before pandas reads it (Java's decoder would replace bad bytes)
                final PayloadException notUtf8 = io.signet.internal.json.Utf8.check(body, off, len);
                if (notUtf8 != null) {
                    return ScoringResponse.of(notUtf8);
                }
                CsvShape.check(body, off, len, limits); // columns, cells and fields before any becomes an object
                final DataFrame f = CsvInput.parse(new String(body, off, len, StandardCharsets.UTF_8), schema, profile);
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
            // MLflow lists them all (a 790 KB header made a 790 KB answer): names up to about 200 chars, then a count
            final StringBuilder names = new StringBuilder();
            int listed = 0;
            for (final String name : unexpected) {
                if (listed > 0 && names.length() + name.length() > 200) {
                    break;
                }
                names.append(listed++ > 0 ? ", " : "").append(Json.excerpt(name, 100));
            }
            if (listed < unexpected.size()) {
                names.append(" and ").append(unexpected.size() - listed).append(" more");
            }
            return ScoringResponse.unsupported("Unrecognized content type parameters: " + names + ". "
                + SCORING_PROTOCOL_CHANGE_INFO);
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

    private ScoringResponse json(final ScoringContext ctx, final byte[] body, final int off0, final int len0) {
        // M6: MLflow 3 parses the bytes (json.loads detects UTF-8 with a BOM and drops that one BOM); a second
        // one is then the 'Unexpected UTF-8 BOM' error MLflow 2 gives for the first
        final boolean skip = profile.bodyBomAccepted() && bom(body, off0, len0);
        final int off = skip ? off0 + 3 : off0;
        final int len = skip ? len0 - 3 : len0;
        if (bom(body, off, len)) {
            // flask decodes the body as utf-8 (not utf-8-sig): json.loads refuses the BOM
            throw new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. Ensure that input is a valid JSON formatted "
                + "string. Error: 'Unexpected UTF-8 BOM (decode using utf-8-sig)' at line 1 column 1 (char 0)", "", 1, 1,
                0, null);
        }
        if (fast != null) {
            final ScoringResponse r = fast.tryInvoke(ctx, body, off, len, this);
            if (r != null) {
                return r; // accepted, or one of the rejections the streaming path words exactly
            }
        }
        if (fastFrame != null && fastFrame.tryInvoke(ctx, body, off, len, this)) {
            return ScoringResponse.OK;
        }
        // the exact path decides alone: forget what an abandoned fast attempt may have noted
        ctx.deviations.clear();
        ctx.answeredBy(ScoringContext.Path.EXACT);
        final Deviations dev = ctx.deviations;
        final Object doc = decode(body, off, len);
        if (doc instanceof List) {
            throw PayloadException.badRequest("Invalid input. " + REQUIRED_INPUT_FORMAT + ". Received a list.", "");
        }
        if (!(doc instanceof Map)) {
            throw PayloadException.badRequest("Invalid input. " + REQUIRED_INPUT_FORMAT
                + ". Received unexpected input type '" + Py.classRepr(doc) + ".", "");
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
                data = inputs.castSchemaType(value, "/inputs", dev);
                break;
            case "instances":
                data = inputs.parseInstances(value, dev);
                break;
            case "dataframe_split":
                data = frameCasts.castDf(SplitRecords.split(value), "/dataframe_split", dev);
                break;
            default:
                data = frameCasts.castDf(SplitRecords.records(value), "/dataframe_records", dev);
                break;
        }
        final Object input;
        try {
            input = predict(ctx, data, m.containsKey("params") ? m.get("params") : null, false);
        } catch (PayloadException e) {
            throw underKey(e, key);
        }
        return accepted(ctx, input);
    }

    /**
     * A failure of {@code predict} for the body's format key located under that key ({@code /inputs},
     * {@code /inputs/images}); one rule for the exact path and the streaming path's rejections.
     */
    static PayloadException underKey(final PayloadException e, final String key) {
        return e.pointer() == null ? e.withPointer("/" + key) : e.pointer().startsWith("/params")
            || e.pointer().startsWith("/" + key) ? e : e.withPointer("/" + key + e.pointer());
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
     * order), arrays into its off-heap tensor slots. Package-private: tests hand it what {@link #predict}
     * returned for an in-process frame (ndarray cells no JSON or CSV body makes).
     */
    ScoringResponse accepted(final ScoringContext ctx, final Object input) {
        if (schema == null) {
            ctx.acceptNothing(ScoringContext.Path.EXACT);
        } else if (input instanceof DataFrame && !schema.isTensorSpec()) {
            acceptFrame(ctx, (DataFrame) input);
        } else {
            acceptArrays(ctx, input);
        }
        return ScoringResponse.OK;
    }

    private void acceptFrame(final ScoringContext ctx, final DataFrame f) {
        final io.signet.column.ColumnBatch b = ctx.frame.batch;
        try {
            b.clear();
            for (int i = 0; i < schema.size(); i++) {
                final Object name = schema.hasInputNames() ? schema.inputNames().get(i) : f.label(i);
                final int c = f.indexOf(name);
                if (c < 0) {
                    continue;
                }
                final List<Object> cells = new ArrayList<>(f.rowCount());
                for (final Object v : f.cells(c)) {
                    cells.add(v instanceof NpScalar ? ((NpScalar) v).value() : v);
                }
                final DType dt = f.dtype(c);
                // the seam: an object column takes the dtype pandas infers for its values (the value model's)
                b.addValues(name, dt.kind() == DType.Kind.OBJECT ? io.signet.py.Pandas.infer(cells) : dt, cells);
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
        if (a instanceof NdArray && ((NdArray) a).hasElements()) {
            flat = ((NdArray) a).elements();
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
                        io.signet.py.Numpy.array(value);
                    } catch (io.signet.py.PyError e) {
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

}
