package io.signet.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.enforce.ParamsEnforcer;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.json.Limits;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.InputSpec;
import io.signet.schema.ModelSignature;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.serving.ScoringContext;
import io.signet.serving.ScoringResponse;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * KServe v2 (Open Inference Protocol) against an MLflow signature, the way MLServer's MLflow
 * runtime hands a v2 request to MLflow: a tensor signature decodes each input as
 * {@code np.array(data, dtype=<datatype>).reshape(shape)} (unnamed: exactly one input; named: a
 * dict by input name), then MLflow's {@code _enforce_tensor_spec} judges shape (-1 matches any
 * size) and dtype; a column signature makes each input one DataFrame column named after it, of
 * the datatype's dtype ({@code BYTES}: strings, or base64 / ISO datetimes / JSON documents as the
 * input's or the signature's content type says), then MLflow's {@code _enforce_schema} judges the
 * frame. Request {@code parameters} (other than {@code content_type} and {@code headers}) are the
 * model's params.
 *
 * <p>Signet's own checks first, each worded with a path: the request's structure, a known
 * datatype, shape entries non-negative integers, the flat {@code data} length against the shape
 * (numpy's "cannot reshape" sentence), {@code BYTES} elements strings. Values are cast with the
 * same narrowing rules as {@code /invocations}: a tensor's flat data goes through the library's
 * scoring server as an {@code inputs} body of the spec's dtype, so a value MLflow would wrap is
 * rejected with the same deviation. Column values must fit their datatype exactly (an integer in
 * range, a number, a boolean, a string): Signet does not truncate or wrap them. Column inputs must
 * all have the same number of rows.
 */
final class V2Protocol implements AutoCloseable {
    private static final String[] DATATYPES = {"BOOL", "UINT8", "UINT16", "UINT32", "UINT64", "INT8", "INT16", "INT32",
        "INT64", "FP16", "FP32", "FP64", "BYTES"};
    private static final DType[] DTYPES = {DType.BOOL, DType.UINT8, DType.UINT16, DType.UINT32, DType.UINT64, DType.INT8,
        DType.INT16, DType.INT32, DType.INT64, DType.FLOAT16, DType.FLOAT32, DType.FLOAT64, DType.STR};

    /** What {@code POST /v2/models/{name}/infer} answers. */
    static final class Verdict {
        private final int status;
        private final String errorCode;
        private final String body;

        Verdict(final int status, final String errorCode, final String body) {
            this.status = status;
            this.errorCode = errorCode;
            this.body = body;
        }

        boolean ok() {
            return status == 200;
        }

        int status() {
            return status;
        }

        String errorCode() {
            return errorCode;
        }

        String body() {
            return body;
        }
    }

    /** A request error with its location; becomes a 400 {@code {"error": ...}}. */
    private static final class Bad extends Exception {
        private static final long serialVersionUID = 1L;
        final String errorCode;
        final String path;
        final String deviation;

        Bad(final String message, final String errorCode, final String path, final String deviation) {
            super(message, null, false, false);
            this.errorCode = errorCode;
            this.path = path;
            this.deviation = deviation;
        }
    }

    /** One entry of {@code inputs}, with where its {@code data} array lies in the body. */
    private static final class Input {
        int index;
        String name;
        long[] shape;
        String datatype;
        DType dtype;
        String contentType;
        int dataStart = -1;
        int dataEnd;
        boolean nested;
        long count;
        boolean allStrings = true;
        int maxChars;
    }

    /** Shape and dtype only: what MLflow's tensor-spec check reads before any element. */
    private static final class Header implements NdArray {
        private final DType dtype;
        private final long[] shape;

        Header(final DType dtype, final long[] shape) {
            this.dtype = dtype;
            this.shape = shape;
        }

        @Override
        public DType dtype() {
            return dtype;
        }

        @Override
        public int rank() {
            return shape.length;
        }

        @Override
        public long dim(final int i) {
            return shape[i];
        }

        @Override
        public String pyRepr() {
            return "array(<" + dtype + " " + shapeRepr(shape) + ">)";
        }
    }

    private final String name;
    private final Schema schema;
    private final boolean tensors;
    private final TensorSchemaEnforcer tensorEnforcer;
    private final ColumnEnforcer columnEnforcer;
    private final ParamsEnforcer params;
    /** The tensor schema with every shape flattened to (-1,): casts v2's flat data with MLflow's rules. */
    private final Scorer flat;
    private final JsonFactory factory;
    private final String metadata;
    private final String readiness;

    V2Protocol(final String name, final ModelSignature signature, final Limits limits) {
        this(name, signature, io.signet.enforce.Profile.MLFLOW_2, limits);
    }

    V2Protocol(final String name, final ModelSignature signature, final io.signet.enforce.Profile profile,
               final Limits limits) {
        this.name = name;
        this.schema = signature == null ? null : signature.inputs();
        this.tensors = schema != null && schema.isTensorSpec();
        this.tensorEnforcer = tensors ? TensorSchemaEnforcer.compile(schema, Mode.MLFLOW, profile) : null;
        this.columnEnforcer = schema != null && !tensors ? ColumnEnforcer.compile(schema, Mode.MLFLOW, profile) : null;
        this.params = ParamsEnforcer.compile(signature == null ? null : signature.params(), profile);
        this.flat = tensors ? new Scorer(new ModelSignature(flatten(schema), null, null), profile, limits) : null;
        this.factory = JsonFactory.builder().streamReadConstraints(limits.streamReadConstraints()).build();
        this.metadata = metadataJson(name, signature);
        this.readiness = "{\"name\": " + Responses.string(new StringBuilder(), name) + ", \"ready\": true}";
    }

    private static Schema flatten(final Schema s) {
        final List<InputSpec> specs = new ArrayList<>();
        for (final InputSpec in : s.inputs()) {
            final TensorSpec t = (TensorSpec) in;
            specs.add(new TensorSpec(t.dtype(), new long[] {-1}, t.name()));
        }
        return new Schema(specs);
    }

    String metadata() {
        return metadata;
    }

    String readiness() {
        return readiness;
    }

    static String serverMetadata() {
        return "{\"name\": \"signet\", \"version\": \"" + ServeMain.VERSION + "\", \"extensions\": []}";
    }

    // ------------------------------------------------------------------ metadata

    /** MLServer's {@code to_metadata_tensors}: v2 datatype, shape and content type per signature input. */
    private static String metadataJson(final String name, final ModelSignature sig) {
        final StringBuilder sb = new StringBuilder(256).append("{\"name\": ");
        Responses.string(sb, name).append(", \"versions\": [], \"platform\": \"mlflow\", \"inputs\": ");
        tensorsMetadata(sb, sig == null ? null : sig.inputs(), "input-");
        sb.append(", \"outputs\": ");
        tensorsMetadata(sb, sig == null ? null : sig.outputs(), "output-");
        if (sig != null && sig.inputs() != null) {
            sb.append(", \"parameters\": {\"content_type\": \"").append(sig.inputs().isTensorSpec()
                ? sig.inputs().hasInputNames() ? "dict" : "np" : "pd").append("\"}");
        }
        return sb.append('}').toString();
    }

    private static void tensorsMetadata(final StringBuilder sb, final Schema s, final String prefix) {
        sb.append('[');
        if (s != null) {
            for (int i = 0; i < s.size(); i++) {
                final InputSpec in = s.input(i);
                final String n = in.name() != null ? in.name() : prefix + i;
                final long[] shape = in instanceof TensorSpec ? ((TensorSpec) in).shape() : new long[] {-1, 1};
                sb.append(i == 0 ? "" : ", ").append("{\"name\": ");
                Responses.string(sb, n).append(", \"datatype\": \"").append(datatypeOf(in))
                    .append("\", \"shape\": [");
                for (int k = 0; k < shape.length; k++) {
                    sb.append(k == 0 ? "" : ", ").append(shape[k]);
                }
                sb.append("], \"parameters\": {\"content_type\": \"").append(contentTypeOf(in)).append("\"}}");
            }
        }
        sb.append(']');
    }

    static String datatypeOf(final InputSpec in) {
        if (in instanceof TensorSpec) {
            final DType d = ((TensorSpec) in).dtype();
            for (int i = 0; i < DTYPES.length - 1; i++) {
                if (DTYPES[i].equals(d)) {
                    return DATATYPES[i];
                }
            }
            return "BYTES";
        }
        final ColumnType t = ((ColSpec) in).type();
        if (!(t instanceof DataType)) {
            return "BYTES";
        }
        switch ((DataType) t) {
            case BOOLEAN:
                return "BOOL";
            case INTEGER:
                return "INT32";
            case LONG:
                return "INT64";
            case FLOAT:
                return "FP32";
            case DOUBLE:
                return "FP64";
            default:
                return "BYTES";
        }
    }

    static String contentTypeOf(final InputSpec in) {
        if (in instanceof TensorSpec) {
            return "np";
        }
        final ColumnType t = ((ColSpec) in).type();
        if (!(t instanceof DataType)) {
            return "pd_json";
        }
        switch ((DataType) t) {
            case STRING:
                return "str";
            case BINARY:
                return "base64";
            case DATETIME:
                return "datetime";
            default:
                return "np";
        }
    }

    // ------------------------------------------------------------------ infer

    Verdict infer(final ScoringContext sc, final ByteBuf body) {
        final byte[] bytes = ByteBufUtil.getBytes(body, body.readerIndex(), body.readableBytes(), false);
        try {
            final List<Input> inputs = new ArrayList<>();
            final Map<String, Object> prm = new LinkedHashMap<>();
            final String id = parse(bytes, inputs, prm);
            if (schema != null) {
                if (tensors) {
                    checkTensors(sc, bytes, inputs);
                } else {
                    checkColumns(bytes, inputs);
                }
            }
            try {
                params.enforce(prm.isEmpty() ? null : prm);
            } catch (SchemaEnforcementException e) {
                final String ep = e.path() == null ? "" : e.path().replaceFirst("^/?params", "");
                throw new Bad(e.getMessage(), e.errorCode(), "/parameters" + (ep.isEmpty() || ep.startsWith("/") ? ep
                    : "/" + ep), code(e.deviation()));
            }
            final StringBuilder sb = new StringBuilder(96).append("{\"model_name\": ");
            Responses.string(sb, name);
            if (id != null) {
                Responses.string(sb.append(", \"id\": "), id);
            }
            return new Verdict(200, null, sb.append(", \"parameters\": {\"conforms\": true}, \"outputs\": []}")
                .toString());
        } catch (Bad e) {
            return new Verdict(400, e.errorCode, Responses.v2Error(e.getMessage(), e.errorCode, e.path, e.deviation));
        } catch (RuntimeException e) {
            return new Verdict(500, "INTERNAL_ERROR", Responses.v2Error("Signet failed on this request: "
                + e.getClass().getName() + (e.getMessage() == null ? "" : ": " + excerpt(e.getMessage())),
                "INTERNAL_ERROR", null, null));
        }
    }

    /** Reads the request; returns its id (or null); fills inputs and the model params. */
    private String parse(final byte[] b, final List<Input> inputs, final Map<String, Object> prm) throws Bad {
        String id = null;
        boolean sawInputs = false;
        try (JsonParser p = factory.createParser(b)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw bad("The request must be a JSON object with an \"inputs\" list", "");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String key = p.currentName();
                final JsonToken t = p.nextToken();
                switch (key) {
                    case "id":
                        if (t != JsonToken.VALUE_STRING) {
                            throw bad("\"id\" must be a string", "/id");
                        }
                        id = p.getText();
                        break;
                    case "parameters":
                        if (t != JsonToken.START_OBJECT) {
                            throw bad("\"parameters\" must be an object", "/parameters");
                        }
                        modelParams(p, prm);
                        break;
                    case "inputs":
                        if (t != JsonToken.START_ARRAY) {
                            throw bad("\"inputs\" must be a list", "/inputs");
                        }
                        sawInputs = true;
                        while (p.nextToken() != JsonToken.END_ARRAY) {
                            inputs.add(input(p, inputs.size()));
                        }
                        break;
                    default:
                        p.skipChildren();
                        break;
                }
            }
            if (p.nextToken() != null) {
                throw bad("Extra data after the request object", "");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            String m = String.valueOf(e.getOriginalMessage());
            final int marker = m.indexOf(" (start marker at");
            m = marker < 0 ? m : m.substring(0, marker);
            final int nl = m.indexOf('\n');
            m = nl < 0 ? m : m.substring(0, nl);
            final com.fasterxml.jackson.core.JsonLocation at = e.getLocation();
            throw bad("Invalid JSON: " + excerpt(m) + (at == null ? "" : " at line " + at.getLineNr() + ", column "
                + at.getColumnNr()), "");
        } catch (IOException e) {
            throw bad("Invalid JSON: " + excerpt(e.getMessage()), "");
        }
        if (!sawInputs) {
            throw bad("The request must have an \"inputs\" list", "/inputs");
        }
        return id;
    }

    private Input input(final JsonParser p, final int index) throws IOException, Bad {
        final String at = "/inputs/" + index;
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw bad("Each input must be an object with name, shape, datatype and data", at);
        }
        final Input in = new Input();
        in.index = index;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String key = p.currentName();
            final JsonToken t = p.nextToken();
            switch (key) {
                case "name":
                    if (t != JsonToken.VALUE_STRING) {
                        throw bad("\"name\" must be a string", at + "/name");
                    }
                    in.name = p.getText();
                    break;
                case "datatype":
                    if (t != JsonToken.VALUE_STRING) {
                        throw bad("\"datatype\" must be a string", at + "/datatype");
                    }
                    in.datatype = p.getText();
                    break;
                case "shape":
                    in.shape = shape(p, at + "/shape");
                    break;
                case "parameters":
                    if (t != JsonToken.START_OBJECT) {
                        throw bad("\"parameters\" must be an object", at + "/parameters");
                    }
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        final String k = p.currentName();
                        final JsonToken v = p.nextToken();
                        if (k.equals("content_type") && v == JsonToken.VALUE_STRING) {
                            in.contentType = p.getText();
                        } else {
                            p.skipChildren();
                        }
                    }
                    break;
                case "data":
                    data(p, in, at + "/data");
                    break;
                default:
                    p.skipChildren();
                    break;
            }
        }
        for (final String[] f : new String[][] {{"name", in.name}, {"datatype", in.datatype},
            {"shape", in.shape == null ? null : ""}, {"data", in.dataStart < 0 ? null : ""}}) {
            if (f[1] == null) {
                throw bad("Input " + index + " has no \"" + f[0] + "\"", at);
            }
        }
        for (int i = 0; i < DATATYPES.length; i++) {
            if (DATATYPES[i].equals(in.datatype)) {
                in.dtype = DTYPES[i];
            }
        }
        if (in.dtype == null) {
            throw bad("Unsupported datatype '" + excerpt(in.datatype) + "': expected one of BOOL, UINT8, UINT16, "
                + "UINT32, UINT64, INT8, INT16, INT32, INT64, FP16, FP32, FP64, BYTES", at + "/datatype");
        }
        long size = 1;
        for (final long d : in.shape) {
            size = d != 0 && size > Long.MAX_VALUE / d ? Long.MAX_VALUE : size * d;
        }
        if (size != in.count) {
            throw bad("cannot reshape array of size " + in.count + " into shape " + shapeRepr(in.shape), at + "/data");
        }
        if (in.dtype.kind() == DType.Kind.STR) {
            if (!in.allStrings) {
                throw bad("BYTES elements must be strings", at + "/data");
            }
            in.dtype = DType.unicode(Math.max(1, in.maxChars));
        }
        return in;
    }

    private static long[] shape(final JsonParser p, final String at) throws IOException, Bad {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("\"shape\" must be a list of non-negative integers", at);
        }
        final List<Long> dims = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER
                || p.getLongValue() < 0) {
                throw bad("\"shape\" must be a list of non-negative integers", at + "/" + dims.size());
            }
            dims.add(p.getLongValue());
        }
        final long[] s = new long[dims.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = dims.get(i);
        }
        return s;
    }

    /** Walks {@code data} once: where it lies, how many elements, nested or flat, strings or not. */
    private static void data(final JsonParser p, final Input in, final String at) throws IOException, Bad {
        if (p.currentToken() != JsonToken.START_ARRAY) {
            throw bad("\"data\" must be a list", at);
        }
        in.dataStart = (int) p.currentTokenLocation().getByteOffset();
        int depth = 1;
        while (depth > 0) {
            final JsonToken t = p.nextToken();
            if (t == null) {
                throw bad("\"data\" is not closed", at);
            }
            switch (t) {
                case START_ARRAY:
                    depth++;
                    in.nested = true;
                    break;
                case END_ARRAY:
                    depth--;
                    break;
                case START_OBJECT:
                    throw bad("\"data\" holds an object; tensor elements are numbers, booleans or strings", at);
                case VALUE_STRING:
                    in.count++;
                    in.maxChars = Math.max(in.maxChars, p.getText().codePointCount(0, p.getTextLength()));
                    break;
                default:
                    in.count++;
                    in.allStrings = false;
                    break;
            }
        }
        in.dataEnd = (int) p.currentTokenLocation().getByteOffset() + 1;
    }

    /** The request's parameters minus the protocol's own ({@code content_type}, {@code headers}). */
    private static void modelParams(final JsonParser p, final Map<String, Object> prm) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            final String k = p.currentName();
            p.nextToken();
            if (k.equals("content_type") || k.equals("headers")) {
                p.skipChildren();
            } else {
                prm.put(k, value(p));
            }
        }
    }

    /** A JSON value as Signet's Python value model holds it (int: Long or BigInteger, float: Double, ...). */
    private static Object value(final JsonParser p) throws IOException {
        switch (p.currentToken()) {
            case START_OBJECT: {
                final Map<String, Object> m = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    final String k = p.currentName();
                    p.nextToken();
                    m.put(k, value(p));
                }
                return m;
            }
            case START_ARRAY: {
                final List<Object> l = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    l.add(value(p));
                }
                return l;
            }
            case VALUE_STRING:
                return p.getText();
            case VALUE_NUMBER_INT:
                return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue()
                    : (Object) p.getLongValue();
            case VALUE_NUMBER_FLOAT:
                return p.getDoubleValue();
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    // ------------------------------------------------------------------ tensor signatures

    private void checkTensors(final ScoringContext sc, final byte[] b, final List<Input> inputs) throws Bad {
        final TensorViolations v = new TensorViolations(1);
        final boolean ok;
        if (!schema.hasInputNames()) {
            if (inputs.size() != 1) {
                throw new Bad("The 'np' codec only supports a single input tensor (" + inputs.size()
                    + " were received)", "INVALID_PARAMETER_VALUE", "/inputs", null);
            }
            final Input in = inputs.get(0);
            ok = tensorEnforcer.check(new Header(in.dtype, in.shape), v);
        } else {
            final Map<String, NdArray> byName = new LinkedHashMap<>();
            for (final Input in : inputs) {
                if (byName.put(in.name, new Header(in.dtype, in.shape)) != null) {
                    throw bad("Input name '" + excerpt(in.name) + "' appears twice", "/inputs/" + in.index + "/name");
                }
            }
            ok = tensorEnforcer.check(byName, v);
        }
        if (!ok) {
            throw new Bad(v.message(0), "INVALID_PARAMETER_VALUE", inputPath(inputs, v), code(v.deviation(0)));
        }
        // values: the flat data through MLflow's own cast (np.array(data, dtype=spec dtype)), narrowing rules included
        final ByteArrayOutputStream out = new ByteArrayOutputStream(b.length + 64);
        final List<Input> used = new ArrayList<>();
        out.writeBytes(ascii("{\"inputs\": "));
        if (!schema.hasInputNames()) {
            used.add(inputs.get(0));
            flatData(b, inputs.get(0), out);
        } else {
            out.write('{');
            for (final Input in : inputs) {
                if (tensorEnforcer.indexOf(in.name) < 0) {
                    continue; // extra inputs: MLflow ignores them
                }
                out.writeBytes(ascii(used.isEmpty() ? "" : ", "));
                out.writeBytes(Responses.string(new StringBuilder(), in.name).toString()
                    .getBytes(StandardCharsets.UTF_8));
                out.writeBytes(ascii(": "));
                flatData(b, in, out);
                used.add(in);
            }
            out.write('}');
        }
        out.write('}');
        final ScoringResponse r = flat.score(sc, Unpooled.wrappedBuffer(out.toByteArray()), "application/json");
        if (!r.ok()) {
            throw new Bad(r.message() == null ? "rejected" : r.message(), r.errorCode(), dataPath(used, r.pointer()),
                code(r.deviation()));
        }
    }

    /** The data array of one input, flat: its own bytes when already flat, else its scalars re-written in order. */
    private void flatData(final byte[] b, final Input in, final ByteArrayOutputStream out) throws Bad {
        if (!in.nested) {
            out.write(b, in.dataStart, in.dataEnd - in.dataStart);
            return;
        }
        try (JsonParser p = factory.createParser(b, in.dataStart, in.dataEnd - in.dataStart)) {
            out.write('[');
            boolean first = true;
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.START_ARRAY || t == JsonToken.END_ARRAY) {
                    continue;
                }
                if (!first) {
                    out.write(',');
                }
                first = false;
                final String text = t == JsonToken.VALUE_STRING
                    ? Responses.string(new StringBuilder(), p.getText()).toString() : p.getText();
                out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
            }
            out.write(']');
        } catch (IOException e) {
            throw bad("Invalid JSON in data: " + excerpt(e.getMessage()), "/inputs/" + in.index + "/data");
        }
    }

    /** "/inputs/x/7" of the flat body to "/inputs/{index}/data/7" of the request. */
    private static String dataPath(final List<Input> used, final String pointer) {
        if (pointer == null || !pointer.startsWith("/inputs")) {
            return "/inputs";
        }
        final String rest = pointer.substring("/inputs".length());
        if (used.size() == 1 && !rest.isEmpty() && Character.isDigit(rest.charAt(1))) {
            return "/inputs/" + used.get(0).index + "/data" + rest;
        }
        for (final Input in : used) {
            final String key = "/" + in.name.replace("~", "~0").replace("/", "~1");
            if (rest.equals(key) || rest.startsWith(key + "/")) {
                return "/inputs/" + in.index + "/data" + rest.substring(key.length());
            }
        }
        return "/inputs";
    }

    /** The request input a tensor violation is about: by the spec's name, the only input when unnamed. */
    private String inputPath(final List<Input> inputs, final TensorViolations v) {
        if (v.code(0) == TensorViolations.MISSING_INPUTS || v.spec(0) == null) {
            return "/inputs";
        }
        if (!schema.hasInputNames()) {
            return "/inputs/0";
        }
        for (final Input in : inputs) {
            if (in.name.equals(v.spec(0).name())) {
                return "/inputs/" + in.index;
            }
        }
        return "/inputs";
    }

    // ------------------------------------------------------------------ column signatures

    private void checkColumns(final byte[] b, final List<Input> inputs) throws Bad {
        long rows = -1;
        try (ColumnBatch batch = new ColumnBatch()) {
            for (final Input in : inputs) {
                final String at = "/inputs/" + in.index;
                if (in.shape.length == 0 || in.count != in.shape[0]) {
                    throw bad("A column input needs one value per row: shape " + shapeRepr(in.shape)
                        + " is not [rows] or [rows, 1]", at + "/shape");
                }
                if (rows >= 0 && rows != in.count) {
                    throw bad("Column inputs must have the same number of rows: " + in.count + " here, " + rows
                        + " before", at + "/shape");
                }
                rows = in.count;
                column(batch, in, values(b, in), at + "/data");
            }
            final ColumnViolations v = new ColumnViolations(1);
            if (!columnEnforcer.check(batch, v)) {
                final String p = v.path(0);
                throw new Bad(v.message(0), "INVALID_PARAMETER_VALUE", columnPath(inputs, p), code(v.deviation(0)));
            }
        }
    }

    /** The library's column path ({@code ['name']} or {@code ['name'][row]...}) as a request path. */
    private static String columnPath(final List<Input> inputs, final String path) {
        if (path != null) {
            for (final Input in : inputs) {
                final String key = "['" + in.name + "']";
                if (path.startsWith(key)) {
                    final java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\[(\\d+)\\](.*)")
                        .matcher(path.substring(key.length()));
                    return "/inputs/" + in.index + (m.matches() ? "/data/" + m.group(1) + m.group(2) : "");
                }
            }
        }
        return "/inputs";
    }

    /** The flat values of one input's data. */
    private List<Object> values(final byte[] b, final Input in) throws Bad {
        final List<Object> vals = new ArrayList<>((int) Math.min(in.count, 1 << 16));
        try (JsonParser p = factory.createParser(b, in.dataStart, in.dataEnd - in.dataStart)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.START_ARRAY && t != JsonToken.END_ARRAY) {
                    vals.add(value(p));
                }
            }
        } catch (IOException e) {
            throw bad("Invalid JSON in data: " + excerpt(e.getMessage()), "/inputs/" + in.index + "/data");
        }
        return vals;
    }

    /** One column of the frame MLServer would build, of the input's datatype; values must fit it exactly. */
    private void column(final ColumnBatch batch, final Input in, final List<Object> vals, final String at) throws Bad {
        final int n = vals.size();
        final DType d = in.dtype;
        switch (d.kind()) {
            case BOOL: {
                final boolean[] a = new boolean[n];
                for (int i = 0; i < n; i++) {
                    if (!(vals.get(i) instanceof Boolean)) {
                        throw bad("A BOOL element must be true or false, got " + shown(vals.get(i)), at + "/" + i);
                    }
                    a[i] = (Boolean) vals.get(i);
                }
                batch.addBooleans(in.name, a);
                return;
            }
            case INT:
            case UINT: {
                final long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = integer(vals.get(i), in.datatype, d, at + "/" + i);
                }
                batch.addLongs(in.name, d, a, null);
                return;
            }
            case FLOAT: {
                final double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    final Object o = vals.get(i);
                    if (o == null) {
                        a[i] = Double.NaN;
                    } else if (o instanceof Number) {
                        final double x = ((Number) o).doubleValue();
                        a[i] = d.itemSize() == 4 ? (float) x : x;
                        if (Double.isInfinite(a[i]) && !Double.isInfinite(x)) {
                            throw new Bad("Value " + shown(o) + " overflows " + in.datatype, "INVALID_PARAMETER_VALUE",
                                at + "/" + i, "narrowing-overflow");
                        }
                    } else {
                        throw bad("A " + in.datatype + " element must be a number or null, got " + shown(o), at + "/" + i);
                    }
                }
                batch.addDoubles(in.name, d, a);
                return;
            }
            default:
                bytesColumn(batch, in, vals, at);
        }
    }

    private static long integer(final Object o, final String datatype, final DType d, final String at) throws Bad {
        if (!(o instanceof Long) && !(o instanceof BigInteger)) {
            throw bad("A " + datatype + " element must be an integer, got " + shown(o), at);
        }
        final BigInteger v = o instanceof Long ? BigInteger.valueOf((Long) o) : (BigInteger) o;
        final int bits = d.itemSize() * 8;
        final BigInteger min = d.kind() == DType.Kind.UINT ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
        final BigInteger max = d.kind() == DType.Kind.UINT ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
            : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            throw new Bad("Python integer " + v + " out of bounds for " + d, "INVALID_PARAMETER_VALUE", at,
                "narrowing-overflow");
        }
        return v.longValue();
    }

    private void bytesColumn(final ColumnBatch batch, final Input in, final List<Object> vals, final String at)
        throws Bad {
        final int n = vals.size();
        for (int i = 0; i < n; i++) {
            if (!(vals.get(i) instanceof String)) {
                throw bad("BYTES elements must be strings, got " + shown(vals.get(i)), at + "/" + i);
            }
        }
        String ct = in.contentType;
        final InputSpec spec = specNamed(in.name);
        if (ct == null) {
            ct = spec == null ? "str" : contentTypeOf(spec);
        }
        switch (ct) {
            case "base64": {
                final byte[][] a = new byte[n][];
                for (int i = 0; i < n; i++) {
                    final String s = (String) vals.get(i);
                    try {
                        a[i] = Base64.getDecoder().decode(s);
                    } catch (IllegalArgumentException e) {
                        a[i] = s.getBytes(StandardCharsets.UTF_8); // MLServer keeps what is not base64 as it is
                    }
                }
                batch.addBinary(in.name, a);
                return;
            }
            case "datetime": {
                final long[] a = new long[n];
                for (int i = 0; i < n; i++) {
                    a[i] = isoNanos((String) vals.get(i), at + "/" + i);
                }
                batch.addDatetimes(in.name, "ns", a);
                return;
            }
            case "pd_json": {
                final List<Object> docs = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    final byte[] text = ((String) vals.get(i)).getBytes(StandardCharsets.UTF_8);
                    try (JsonParser p = factory.createParser(text)) {
                        p.nextToken();
                        docs.add(value(p));
                    } catch (IOException e) {
                        throw bad("A pd_json element must be a JSON document: " + excerpt(e.getMessage()), at + "/" + i);
                    }
                }
                final ColumnType type = spec instanceof ColSpec ? ((ColSpec) spec).type() : null;
                if (type != null) {
                    batch.addValues(in.name, type, docs);
                } else {
                    batch.addValues(in.name, docs);
                }
                return;
            }
            default: {
                final String[] a = new String[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (String) vals.get(i);
                }
                batch.addStrings(in.name, a);
            }
        }
    }

    private InputSpec specNamed(final String n) {
        for (final InputSpec s : schema.inputs()) {
            if (n.equals(s.name())) {
                return s;
            }
        }
        return null;
    }

    /** {@code datetime.fromisoformat} (naive, or with an offset: converted to UTC as pandas stores it). */
    private static long isoNanos(final String s, final String at) throws Bad {
        try {
            final java.time.Instant t;
            if (s.length() > 10 && (s.endsWith("Z") || s.lastIndexOf('+') > 10 || s.lastIndexOf('-') > 10)) {
                t = OffsetDateTime.parse(s).toInstant();
            } else {
                t = (s.length() == 10 ? java.time.LocalDate.parse(s).atStartOfDay() : LocalDateTime.parse(s.replace(' ', 'T')))
                    .toInstant(ZoneOffset.UTC);
            }
            return Math.addExact(Math.multiplyExact(t.getEpochSecond(), 1_000_000_000L), t.getNano());
        } catch (DateTimeParseException | ArithmeticException e) {
            throw bad("Invalid isoformat string: " + shown(s), at);
        }
    }

    // ------------------------------------------------------------------ words

    private static String code(final io.signet.enforce.Deviation d) {
        return d == null ? null : d.code();
    }

    private static Bad bad(final String message, final String path) {
        return new Bad(message, "BAD_REQUEST", path, null);
    }

    static String shapeRepr(final long[] shape) {
        final StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return sb.append(shape.length == 1 ? ",)" : ")").toString();
    }

    private static String shown(final Object o) {
        return o == null ? "null" : o instanceof String ? "'" + excerpt((String) o) + "'" : excerpt(String.valueOf(o));
    }

    /** At most 200 characters of a client-supplied text, control characters escaped. */
    static String excerpt(final String s) {
        if (s == null) {
            return "";
        }
        final StringBuilder sb = new StringBuilder(Math.min(s.length(), 210));
        for (int i = 0; i < s.length() && sb.length() < 200; i++) {
            final char c = s.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (sb.length() < s.length() && sb.length() >= 200) {
            sb.append("... (").append(s.length()).append(" chars)");
        }
        return sb.toString();
    }

    private static byte[] ascii(final String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() {
        if (flat != null) {
            flat.close();
        }
    }
}
