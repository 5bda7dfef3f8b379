package io.signet.infer;

import io.signet.infer.Examples.Frame;
import io.signet.infer.Examples.Nd;
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
import io.signet.schema.ObjectType.Property;
import io.signet.py.PyJson;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.SignatureException;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NpyFile;
import io.signet.tensor.NpyFormatException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import io.signet.internal.json.PyValueReader;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * {@code mlflow.models.infer_signature} (MLflow 2.17.2) for example files.
 *
 * <p>A file becomes the Python object MLflow would infer from, then MLflow's rules
 * ({@code _infer_schema}, {@code _infer_colspec_type}, {@code _infer_pandas_column},
 * {@code _infer_param_schema} in {@code mlflow/types/utils.py}) apply:
 * <ul>
 *   <li>{@code .npy}: a numpy array (header only: dtype and shape);
 *   <li>{@code .npz}: a dict of name to numpy array, in the archive's order;
 *   <li>{@code .json} scoring payload ({@code inputs}, {@code instances}, {@code dataframe_split},
 *       {@code dataframe_records}, optionally with {@code params}): parsed as the scoring server
 *       parses it without a schema (numpy arrays for {@code inputs}/{@code instances}, a DataFrame
 *       for the {@code dataframe_*} forms);
 *   <li>{@code .json} input example: {@code {"columns", "data"[, "index"]}} is a DataFrame (split
 *       orient); a list whose items are all lists is a numpy array; anything else (list of dicts,
 *       dict, list of scalars, scalar) is passed to MLflow as the JSON value itself.
 * </ul>
 */
public final class SignatureInference {
    private static final Set<String> PAYLOAD_KEYS = Set.of("inputs", "instances", "dataframe_split",
        "dataframe_records");
    private static final int HEADER_PROBE = 4096;
    private static final String SAME_TYPE = "Expected all values in list to be of same type";

    private SignatureInference() {
    }

    /** A loaded example: the model input MLflow would see, and the payload's params (or null). */
    public static final class Example {
        final Object data;
        final Object params;

        Example(final Object data, final Object params) {
            this.data = data;
            this.params = params;
        }

        /** The example's own params ({@code "params"} of a scoring payload), or null. */
        public Object params() {
            return params;
        }
    }

    // ------------------------------------------------------------------ files

    /**
     * Reads an example file.
     *
     * @throws IOException when it is missing, unreadable or not a valid .npy/.npz/.json file
     */
    public static Example load(final Path file) throws IOException {
        final String name = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase();
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "no such file");
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        if (name.endsWith(".npy")) {
            try (NpyFile npy = NpyFile.open(file)) {
                return new Example(new Nd(npy.dtype(), npy.shape(), null), null);
            } catch (final NpyFormatException e) {
                final String m = e.getMessage();
                final String prefix = file.getFileName() + ": ";
                throw new IOException(m.startsWith(prefix) ? m.substring(prefix.length()) : m, e);
            }
        }
        if (name.endsWith(".npz")) {
            return new Example(loadNpz(file), null);
        }
        if (name.endsWith(".json")) {
            return fromJson(readJson(file));
        }
        throw new IOException("unsupported file type (expected .npy, .npz or .json)");
    }

    /** Reads a JSON file as {@code json.load} does (Long, BigInteger past 64 bits, Double, String, List, Map). */
    public static Object readJson(final Path file) throws IOException {
        final String text = Files.readString(file, StandardCharsets.UTF_8);
        try (JsonParser p = PyJson.mapper().getFactory().createParser(text)) {
            if (p.nextToken() == null) {
                throw new IOException("invalid JSON: the file is empty");
            }
            final Object v = PyValueReader.read(p);
            if (p.nextToken() != null) {
                throw new IOException("invalid JSON: extra data after the value (line "
                    + p.currentLocation().getLineNr() + ", column " + p.currentLocation().getColumnNr() + ")");
            }
            return v;
        } catch (final JsonProcessingException e) {
            throw new IOException("invalid JSON: " + e.getOriginalMessage() + " (line "
                + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")", e);
        }
    }

    private static Map<String, Object> loadNpz(final Path file) throws IOException {
        final Map<String, Object> out = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            final Enumeration<? extends ZipEntry> en = zip.entries();
            while (en.hasMoreElements()) {
                final ZipEntry e = en.nextElement();
                String key = e.getName();
                if (e.isDirectory()) {
                    continue;
                }
                if (key.endsWith(".npy")) {
                    key = key.substring(0, key.length() - 4);
                }
                try (InputStream in = zip.getInputStream(e)) {
                    final NpyFile.Header[] header = new NpyFile.Header[1];
                    // the header is all inference needs: stop at the first chunk of data
                    NpyFile.stream(e.getName(), in, e.getSize(), HEADER_PROBE, h -> header[0] = h, (v, first) -> false);
                    out.put(key, new Nd(header[0].dtype(), header[0].shape(), null));
                } catch (final NpyFormatException ex) {
                    throw new IOException("entry " + ex.getMessage(), ex);
                } catch (final IOException ex) {
                    throw new IOException("entry " + e.getName() + ": " + ex.getMessage(), ex);
                }
            }
        } catch (final ZipException e) {
            throw new IOException("not a valid .npz (zip) file: " + e.getMessage(), e);
        }
        return out;
    }

    /** The model input MLflow would infer from, for a parsed JSON example (see the class comment). */
    public static Example fromJson(final Object v) {
        if (v instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) v;
            final Set<Object> keys = new LinkedHashSet<>(m.keySet());
            keys.remove("params");
            if (keys.size() == 1 && PAYLOAD_KEYS.contains(keys.iterator().next())) {
                final String k = (String) keys.iterator().next();
                return new Example(parsePayload(k, m.get(k)), m.get("params"));
            }
            final Set<Object> all = new LinkedHashSet<>(m.keySet());
            if (all.equals(Set.of("columns", "data")) || all.equals(Set.of("columns", "data", "index"))) {
                return new Example(Examples.fromSplit(m.get("columns"), m.get("data")), null);
            }
            return new Example(v, null);
        }
        if (v instanceof List && !((List<?>) v).isEmpty()) {
            boolean allLists = true;
            for (final Object o : (List<?>) v) {
                allLists &= o instanceof List;
            }
            if (allLists) {
                return new Example(Examples.npArray(v), null);
            }
        }
        return new Example(v, null);
    }

    /** The scoring server's parsing of a payload without a schema. */
    private static Object parsePayload(final String key, final Object value) {
        switch (key) {
            case "dataframe_split":
                if (!(value instanceof Map)) {
                    throw new InferenceException("Invalid input. Dataframe split format must be a dictionary. Got "
                        + (value instanceof List ? "list" : "type " + pyClass(value)) + ".");
                }
                final Map<?, ?> m = (Map<?, ?>) value;
                final Set<Object> extra = new LinkedHashSet<>(m.keySet());
                extra.removeAll(Set.of("columns", "data", "index"));
                if (!m.containsKey("data") || !extra.isEmpty()) {
                    throw new InferenceException("Invalid input. Dataframe split format must have 'data' field and "
                        + "optionally 'columns' and 'index' fields. Got " + pySet(m.keySet()) + ".'");
                }
                return Examples.fromSplit(m.get("columns"), m.get("data"));
            case "dataframe_records":
                if (!(value instanceof List)) {
                    throw new InferenceException("Invalid input. Dataframe records format must be a list of records. "
                        + "Got " + (value instanceof Map ? "dictionary" : "type " + pyClass(value)) + ".");
                }
                return Examples.fromRecords((List<?>) value);
            case "instances":
                if (value instanceof List && !((List<?>) value).isEmpty() && ((List<?>) value).get(0) instanceof Map) {
                    return instancesRecords((List<?>) value);
                }
                return checkLengths(castNoSchema(value));
            default:
                return castNoSchema(value);
        }
    }

    /** {@code _cast_schema_type(data, None)}: every value through {@code np.array}. */
    private static Object castNoSchema(final Object value) {
        try {
            if (value instanceof Map) {
                final Map<String, Object> out = new LinkedHashMap<>();
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                    out.put(String.valueOf(e.getKey()), Examples.npArray(e.getValue()));
                }
                return out;
            }
            if (value instanceof List) {
                final List<?> l = (List<?>) value;
                boolean allDicts = true;
                for (final Object o : l) {
                    allDicts &= o instanceof Map;
                }
                if (allDicts) {
                    final List<Object> rows = new ArrayList<>();
                    for (final Object o : l) {
                        final Map<String, Object> row = new LinkedHashMap<>();
                        for (final Map.Entry<?, ?> e : ((Map<?, ?>) o).entrySet()) {
                            row.put(String.valueOf(e.getKey()), Examples.npArray(e.getValue()));
                        }
                        rows.add(row);
                    }
                    return rows;
                }
            }
            return Examples.npArray(value);
        } catch (final InferenceException e) {
            throw new InferenceException("Invalid input. " + e.getMessage(), e);
        }
    }

    private static Object instancesRecords(final List<?> rows) {
        final Map<String, List<Object>> cols = new LinkedHashMap<>();
        for (final Object r : rows) {
            if (!(r instanceof Map)) {
                throw new InferenceException("Invalid input. Ensure that the input is a valid JSON-formatted string.\n"
                    + "Error: AttributeError(\"'" + PyRepr.typeName(r) + "' object has no attribute 'items'\")");
            }
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) r).entrySet()) {
                cols.computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
            }
        }
        final Map<String, Object> out = new LinkedHashMap<>();
        for (final Map.Entry<String, List<Object>> e : cols.entrySet()) {
            try {
                out.put(e.getKey(), Examples.npArray(e.getValue()));
            } catch (final InferenceException ex) {
                throw new InferenceException("Invalid input. Ensure that the input is a valid JSON-formatted string.\n"
                    + "Error: ValueError(" + PyRepr.repr(ex.getMessage()) + ")", ex);
            }
        }
        return checkLengths(out);
    }

    private static Object checkLengths(final Object data) {
        if (data instanceof Map) {
            long expected = -1;
            for (final Object v : ((Map<?, ?>) data).values()) {
                final Nd nd = (Nd) v;
                if (nd.shape.length == 0) {
                    continue;
                }
                if (expected < 0) {
                    expected = nd.shape[0];
                } else if (nd.shape[0] != expected) {
                    throw new InferenceException(
                        "Invalid input. The length of values for each input/column name are not the same");
                }
            }
        }
        return data;
    }

    // ------------------------------------------------------------------ infer_signature

    /**
     * Infers a signature from example files: each input file on its own (as MLflow infers from
     * one example), then all must give the same signature.
     *
     * @param output an output example file, or null
     * @param params a JSON file holding the params dict, or null (then a scoring payload's own
     *               {@code "params"} are used, if any)
     * @throws IOException naming the file when one is missing, unreadable or corrupt
     * @throws SignatureException naming the file when MLflow would refuse it, or the files disagree
     */
    public static ModelSignature inferFiles(final List<Path> inputs, final Path output, final Path params)
        throws IOException {
        final Object paramValue = params == null ? null : readNamed(params, true);
        final Example out = output == null ? null : (Example) readNamed(output, false);
        ModelSignature first = null;
        Path firstFile = null;
        for (final Path f : inputs) {
            final Example ex = (Example) readNamed(f, false);
            final ModelSignature sig;
            try {
                sig = infer(ex, out, params != null ? paramValue : ex.params);
            } catch (final InferenceException e) {
                throw new InferenceException(f + ": " + e.getMessage(), e);
            }
            if (first == null) {
                first = sig;
                firstFile = f;
            } else if (!first.equals(sig)) {
                throw new InferenceException(f + ": infers a different signature than " + firstFile + "\n  "
                    + firstFile + ": inputs " + first.toDict().get("inputs") + "\n  " + f + ": inputs "
                    + sig.toDict().get("inputs"));
            }
        }
        return first;
    }

    private static Object readNamed(final Path f, final boolean json) throws IOException {
        try {
            if (json) {
                if (!Files.exists(f)) {
                    throw new NoSuchFileException(f.toString(), null, "no such file");
                }
                return readJson(f);
            }
            return load(f);
        } catch (final NoSuchFileException e) {
            throw new IOException(f + ": no such file", e);
        } catch (final InferenceException e) {
            throw new InferenceException(f + ": " + e.getMessage(), e);
        } catch (final IOException e) {
            throw new IOException(f + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code infer_signature(input, output, params)} for loaded examples.
     *
     * @param output the output example, or null
     * @param params the params dict (parsed JSON), or null
     */
    public static ModelSignature infer(final Example input, final Example output, final Object params) {
        final Schema in = input == null || input.data == null ? null : inferSchema(input.data);
        final Schema out = output == null || output.data == null ? null : inferSchema(output.data);
        final ParamSchema ps = params == null || isEmptyParams(params) ? null : inferParamSchema(params);
        if (in == null && out == null && ps == null) {
            throw new InferenceException("At least one of inputs, outputs or params must be provided");
        }
        return new ModelSignature(in, out, ps);
    }

    private static boolean isEmptyParams(final Object p) {
        return p instanceof Map && ((Map<?, ?>) p).isEmpty() || p instanceof List && ((List<?>) p).isEmpty()
            || Boolean.FALSE.equals(p) || "".equals(p) || p instanceof Number && ((Number) p).doubleValue() == 0;
    }

    /** {@code _infer_schema(data)}. */
    static Schema inferSchema(final Object data) {
        try {
            return inferSchema0(data);
        } catch (final InferenceException e) {
            throw e;
        } catch (final SignatureException e) {
            throw new InferenceException(e.getMessage(), e);
        }
    }

    private static Schema inferSchema0(final Object data) {
        final List<InputSpec> specs = new ArrayList<>();
        if (data instanceof List && ((List<?>) data).isEmpty()) {
            specs.add(new ColSpec(DataType.STRING, null, true));
            return new Schema(specs);
        }
        if (data instanceof List && allMaps((List<?>) data)) {
            final List<?> rows = (List<?>) data;
            final Map<String, List<Object>> cols = new LinkedHashMap<>();
            for (final Object r : rows) {
                for (final Map.Entry<?, ?> e : ((Map<?, ?>) r).entrySet()) {
                    cols.computeIfAbsent(String.valueOf(e.getKey()), k -> new ArrayList<>()).add(e.getValue());
                }
            }
            for (final Map.Entry<String, List<Object>> e : cols.entrySet()) {
                boolean required = true;
                for (final Object r : rows) {
                    required &= ((Map<?, ?>) r).containsKey(e.getKey());
                }
                final ColumnType t = ((ArrayType) inferColspecType(e.getValue())).items();
                specs.add(new ColSpec(t, e.getKey(), required));
            }
            return new Schema(specs);
        }
        if (data instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) data;
            boolean allNd = true;
            for (final Object v : m.values()) {
                allNd &= v instanceof Nd;
            }
            if (allNd) {
                for (final Map.Entry<?, ?> e : m.entrySet()) {
                    specs.add(tensorSpec((Nd) e.getValue(), String.valueOf(e.getKey())));
                }
                return new Schema(specs);
            }
            for (final Map.Entry<?, ?> e : m.entrySet()) {
                specs.add(new ColSpec(inferColspecType(e.getValue()), String.valueOf(e.getKey()),
                    inferRequired(e.getValue())));
            }
            return new Schema(specs);
        }
        if (data instanceof Frame) {
            final Frame f = (Frame) data;
            for (int i = 0; i < f.names.size(); i++) {
                final List<Object> col = f.columns.get(i);
                specs.add(new ColSpec(pandasColumnType(col), f.names.get(i), inferRequired(col)));
            }
            return new Schema(specs);
        }
        if (data instanceof Nd) {
            specs.add(tensorSpec((Nd) data, null));
            return new Schema(specs);
        }
        if (data instanceof List) {
            specs.add(new ColSpec(((ArrayType) inferColspecType(data)).items(), null, true));
            return new Schema(specs);
        }
        try {
            specs.add(new ColSpec(inferColspecType(data), null, true));
        } catch (final SignatureException e) {
            throw new InferenceException("Failed to infer schema. Expected one of the following types:\n"
                + "- pandas.DataFrame\n- pandas.Series\n- numpy.ndarray\n- dictionary of (name -> numpy.ndarray)\n"
                + "- pyspark.sql.DataFrame\n- scipy.sparse.csr_matrix\n- scipy.sparse.csc_matrix\n- DataType\n"
                + "- List[DataType]\n- Dict[str, Union[DataType, List, Dict]]\n"
                + "- List[Dict[str, Union[DataType, List, Dict]]]\nbut got '" + PyRepr.str(data) + "'.\n"
                + "Error: " + e.getMessage(), e);
        }
        return new Schema(specs);
    }

    private static boolean allMaps(final List<?> l) {
        for (final Object o : l) {
            if (!(o instanceof Map)) {
                return false;
            }
        }
        return true;
    }

    private static TensorSpec tensorSpec(final Nd nd, final String name) {
        if (nd.shape.length == 0) {
            throw new InferenceException("The specified variable_dimension 0 is out of bounds with respect to the "
                + "number of dimensions 0 in the input dataset");
        }
        final long[] shape = nd.shape.clone();
        shape[0] = -1;
        return new TensorSpec(nd.dtype.cleaned(), shape, name);
    }

    /** {@code _infer_pandas_column}: pandas' dtype first, MLflow's value inference for object columns. */
    private static ColumnType pandasColumnType(final List<Object> col) {
        switch (Examples.pandasKind(col)) {
            case 'i':
                return DataType.LONG;
            case 'f':
                return DataType.DOUBLE;
            case 'b':
                return DataType.BOOLEAN;
            default:
                try {
                    return ((ArrayType) inferColspecType(col)).items();
                } catch (final RuntimeException e) {
                    // pandas 1.5's is_string_dtype is true for every object column: MLflow falls back to string
                    return DataType.STRING;
                }
        }
    }

    /** {@code _infer_required}. */
    private static boolean inferRequired(final Object v) {
        if (v instanceof List) {
            for (final Object o : (List<?>) v) {
                if (isNoneOrNan(o)) {
                    return false;
                }
            }
            return true;
        }
        return !isNoneOrNan(v);
    }

    private static boolean isNoneOrNan(final Object o) {
        return o == null || o instanceof Double && ((Double) o).isNaN();
    }

    /** {@code _infer_colspec_type}. */
    static ColumnType inferColspecType(final Object data) {
        final ColumnType t = inferDatatype(data);
        if (t == null) {
            throw new InferenceException("A column of nested array type must include at least one non-empty array.");
        }
        return t;
    }

    /** {@code _infer_datatype}: null when undetermined (an empty or all-None list). */
    private static ColumnType inferDatatype(final Object data) {
        if (data instanceof Map) {
            final List<Property> props = new ArrayList<>();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) data).entrySet()) {
                final ColumnType t = inferDatatype(e.getValue());
                if (t == null) {
                    throw new InferenceException("Dictionary value must not be an empty list.");
                }
                props.add(new Property(String.valueOf(e.getKey()), t, true));
            }
            return new ObjectType(props);
        }
        if (data instanceof Nd) {
            final Nd nd = (Nd) data;
            if (nd.shape.length == 0) {
                throw new InferenceException("iteration over a 0-d array");
            }
            return inferArrayDatatype((List<?>) Examples.castLeaves(nd.values, nd.dtype));
        }
        if (data instanceof List) {
            return inferArrayDatatype((List<?>) data);
        }
        return inferScalarDatatype(data);
    }

    /** {@code _infer_array_datatype}. */
    private static ArrayType inferArrayDatatype(final List<?> data) {
        ArrayType result = null;
        for (final Object item : data) {
            if (isNoneOrNan(item)) {
                continue;
            }
            final ColumnType t = inferDatatype(item);
            if (t == null) {
                continue;
            }
            if (result == null) {
                result = new ArrayType(t);
            } else if (result.items() instanceof ArrayType || result.items() instanceof ObjectType
                || result.items() instanceof MapType) {
                try {
                    result = new ArrayType(merge(result.items(), t));
                } catch (final SignatureException e) {
                    throw new InferenceException(SAME_TYPE, e);
                }
            } else if (!t.equals(result.items())) {
                throw new InferenceException(SAME_TYPE);
            }
        }
        return result;
    }

    /** {@code Array._merge} / {@code Object._merge}. */
    private static ColumnType merge(final ColumnType a, final ColumnType b) {
        if (a instanceof ArrayType) {
            if (!(b instanceof ArrayType)) {
                throw new InferenceException("Can't merge array with non-array type");
            }
            if (a.equals(b)) {
                return a;
            }
            final ColumnType ai = ((ArrayType) a).items();
            final ColumnType bi = ((ArrayType) b).items();
            if (ai instanceof DataType) {
                throw new InferenceException("Array types are incompatible");
            }
            if (ai.getClass() == bi.getClass()) {
                return new ArrayType(merge(ai, bi));
            }
            throw new InferenceException("Array types are incompatible");
        }
        if (a instanceof ObjectType) {
            if (!(b instanceof ObjectType)) {
                throw new InferenceException("Can't merge object with non-object type");
            }
            if (a.equals(b)) {
                return a;
            }
            final Map<String, Property> p1 = new LinkedHashMap<>();
            for (final Property p : ((ObjectType) a).properties()) {
                p1.put(p.name(), p);
            }
            final Map<String, Property> p2 = new LinkedHashMap<>();
            for (final Property p : ((ObjectType) b).properties()) {
                p2.put(p.name(), p);
            }
            final List<Property> out = new ArrayList<>();
            for (final Property p : p1.values()) {
                final Property q = p2.get(p.name());
                if (q == null) {
                    out.add(new Property(p.name(), p.type(), false));
                } else {
                    out.add(mergeProperty(p, q));
                }
            }
            for (final Property q : p2.values()) {
                if (!p1.containsKey(q.name())) {
                    out.add(new Property(q.name(), q.type(), false));
                }
            }
            return new ObjectType(out);
        }
        throw new InferenceException("incompatible types");
    }

    private static Property mergeProperty(final Property p, final Property q) {
        final boolean required = p.required() && q.required();
        if (p.type() instanceof DataType && q.type() instanceof DataType) {
            if (p.type() == q.type()) {
                return new Property(p.name(), p.type(), required);
            }
            throw new InferenceException("Properties are incompatible");
        }
        if (!(p.type() instanceof DataType) && p.type().getClass() == q.type().getClass()) {
            return new Property(p.name(), merge(p.type(), q.type()), required);
        }
        throw new InferenceException("Properties are incompatible");
    }

    /** {@code _infer_scalar_datatype}. */
    private static DataType inferScalarDatatype(final Object data) {
        if (data instanceof Boolean) {
            return DataType.BOOLEAN;
        }
        if (data instanceof Long || data instanceof Integer || data instanceof BigInteger) {
            return DataType.LONG;
        }
        if (data instanceof Double) {
            return DataType.DOUBLE;
        }
        if (data instanceof String) {
            return DataType.STRING;
        }
        if (data instanceof byte[]) {
            return DataType.BINARY;
        }
        if (data instanceof LocalDateTime) {
            return DataType.DATETIME;
        }
        throw new InferenceException("Data " + PyRepr.str(data) + " is not one of the supported DataType");
    }

    // ------------------------------------------------------------------ params

    /** {@code _infer_param_schema(parameters)}. */
    public static ParamSchema inferParamSchema(final Object parameters) {
        if (!(parameters instanceof Map)) {
            throw new InferenceException("Expected parameters to be dict, got " + PyRepr.typeName(parameters));
        }
        final List<ParamSpec> specs = new ArrayList<>();
        final List<String> invalid = new ArrayList<>();
        for (final Map.Entry<?, ?> e : ((Map<?, ?>) parameters).entrySet()) {
            final String name = String.valueOf(e.getKey());
            final Object value = e.getValue();
            try {
                specs.add(paramSpec(name, value));
            } catch (final ParamFailure f) {
                invalid.add("(" + PyRepr.repr(name) + ", " + PyRepr.repr(value) + ", " + f.pyRepr + ")");
            } catch (final InferenceException f) {
                throw f;
            } catch (final SignatureException f) {
                invalid.add("(" + PyRepr.repr(name) + ", " + PyRepr.repr(value) + ", MlflowException("
                    + PyRepr.repr(f.getMessage()) + "))");
            }
        }
        if (!invalid.isEmpty()) {
            throw new InferenceException("Failed to infer schema for parameters: [" + String.join(", ", invalid) + "]");
        }
        try {
            return new ParamSchema(specs);
        } catch (final SignatureException e) {
            throw new InferenceException(e.getMessage(), e);
        }
    }

    /** An exception inside {@code _infer_type_and_shape}, with Python's repr of it. */
    private static final class ParamFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String pyRepr;

        ParamFailure(final String pyClass, final String message) {
            super(message);
            this.pyRepr = pyClass + "(" + PyRepr.repr(message) + ")";
        }
    }

    private static final String OBJECT_DTYPE =
        "Can not infer object without looking at the values, call _map_numpy_array instead.";

    private static ParamSpec paramSpec(final String name, final Object value) {
        if (value instanceof List) {
            final int ndim = arrayDepth(value);
            if (ndim != 1) {
                throw new ParamFailure("MlflowException",
                    "Expected parameters to be 1D array or scalar, got " + ndim + "D array");
            }
            final List<?> l = (List<?>) value;
            boolean allDatetime = true;
            for (final Object o : l) {
                allDatetime &= o instanceof LocalDateTime;
            }
            if (allDatetime) {
                return new ParamSpec(name, DataType.DATETIME, value, new long[] {-1});
            }
            final DType dt = Examples.npArray(value).dtype;
            return new ParamSpec(name, numpyDataType(dt, value), value, new long[] {-1});
        }
        if (value instanceof LocalDateTime) {
            return new ParamSpec(name, DataType.DATETIME, value, null);
        }
        if (value instanceof String || value instanceof Boolean || value instanceof Number || value instanceof byte[]) {
            final DType dt = value instanceof byte[] ? DType.BYTES : Examples.npArray(value).dtype;
            final DataType t;
            try {
                t = numpyDataType(dt, value);
            } catch (final ParamFailure f) {
                throw new ParamFailure("MlflowException", "Failed to infer schema for parameter " + PyRepr.str(value)
                    + ": " + f.pyRepr);
            }
            return new ParamSpec(name, t, value, null);
        }
        throw new ParamFailure("MlflowException",
            "Expected parameters to be 1D array or scalar, got " + PyRepr.typeName(value));
    }

    private static int arrayDepth(final Object v) {
        if (v instanceof List) {
            final List<?> l = (List<?>) v;
            if (l.isEmpty()) {
                return 1;
            }
            int max = 0;
            for (final Object o : l) {
                max = Math.max(max, arrayDepth(o));
            }
            return max + 1;
        }
        return 0;
    }

    /** {@code _infer_numpy_dtype} for the dtypes {@code np.array(json)} can give. */
    private static DataType numpyDataType(final DType dt, final Object value) {
        switch (dt.kind()) {
            case BOOL:
                return DataType.BOOLEAN;
            case INT:
                return dt.itemSize() <= 4 ? DataType.INTEGER : DataType.LONG;
            case UINT:
                if (dt.itemSize() < 4) {
                    return DataType.INTEGER;
                }
                if (dt.itemSize() < 8) {
                    return DataType.LONG;
                }
                break;
            case FLOAT:
                return dt.itemSize() <= 4 ? DataType.FLOAT : DataType.DOUBLE;
            case STR:
                return DataType.STRING;
            case BYTES:
                return DataType.BINARY;
            case OBJECT:
                throw new ParamFailure("Exception", OBJECT_DTYPE);
            case DATETIME:
                return DataType.DATETIME;
            default:
                break;
        }
        throw new ParamFailure("MlflowException", "Unsupported numpy data type '" + dt + "', kind '"
            + dt.kind().code() + "'");
    }

    // ------------------------------------------------------------------ helpers

    private static String pyClass(final Object v) {
        return "<class '" + PyRepr.typeName(v) + "'>";
    }

    private static String pySet(final Set<?> s) {
        final StringBuilder sb = new StringBuilder("{");
        boolean first = true;
        for (final Object o : s) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(PyRepr.repr(o));
        }
        return sb.append('}').toString();
    }
}
