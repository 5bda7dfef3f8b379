package io.signet.schema;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.signet.tensor.DType;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Model directories written by the real MLflow 2.17.2 (src-test-data/models, see make_models.py)
 * open, give the signature MLflow wrote, write it back byte for byte, and find their examples;
 * the broken models of src-test-data/models-broken fail with the file (and line) named.
 */
class ModelDirectoryTest {
    static Path models() {
        return SignatureRoundTripTest.data().resolve("models");
    }

    static Path broken() {
        return SignatureRoundTripTest.data().resolve("models-broken");
    }

    /** Every folder of src-test-data/models holding an MLmodel. */
    static List<Path> modelDirs() throws IOException {
        try (Stream<Path> s = Files.list(models())) {
            return s.filter(p -> Files.isRegularFile(p.resolve("MLmodel"))).sorted().toList();
        }
    }

    @Test
    void allExpectedModelsArePresent() throws IOException {
        final List<String> names = new ArrayList<>();
        for (final Path p : modelDirs()) {
            names.add(p.getFileName().toString());
        }
        assertEquals(List.of("legacy-serving-payload", "mnist-uint8", "multi-tensor", "no-signature", "tabular-optional",
            "with-params"), names);
    }

    /** Each signature part MLflow wrote comes back from toDict() as the very same string. */
    @TestFactory
    List<DynamicTest> signatureStringsWrittenBackByteForByte() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path dir : modelDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                final Map<?, ?> raw = (Map<?, ?>) new YAMLMapper().readValue(dir.resolve("MLmodel").toFile(), Object.class);
                final ModelDirectory md = ModelDirectory.open(dir);
                final Object s = raw.get("signature");
                if (s == null) {
                    assertNull(md.signature());
                    return;
                }
                final Map<String, Object> written = md.signature().toDict();
                for (final String part : new String[] {"inputs", "outputs", "params"}) {
                    assertEquals(((Map<?, ?>) s).get(part), written.get(part), part);
                }
                SignatureRoundTripTest.roundTrip((Map<?, ?>) s);
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyModelOpensFromDirectoryAndFromMlmodelFile() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Path dir : modelDirs()) {
            tests.add(DynamicTest.dynamicTest(dir.getFileName().toString(), () -> {
                final ModelDirectory a = ModelDirectory.open(dir);
                final ModelDirectory b = ModelDirectory.open(dir.resolve("MLmodel"));
                assertEquals(dir, a.root());
                assertEquals(dir.resolve("MLmodel"), a.mlmodelFile());
                assertEquals(a.signature(), b.signature());
                assertEquals(a.inputExample(), b.inputExample() == null ? null : dir.resolve(b.inputExample().getFileName()));
                if (a.inputExample() != null) {
                    assertNotNull(ModelDirectory.readJson(a.inputExample()));
                }
                if (a.servingInputExample() != null) {
                    assertInstanceOf(Map.class, ModelDirectory.readJson(a.servingInputExample()));
                }
            }));
        }
        return tests;
    }

    /** repr(signature) of MLflow 2.17.2 for the models (printed by the oracle's MLflow). */
    @Test
    void reprAsMlflowPrintsIt() throws Exception {
        final Map<String, String> expected = new java.util.LinkedHashMap<>();
        expected.put("mnist-uint8", "inputs: \n  [Tensor('uint8', (-1, 28, 28, 1))]\noutputs: \n  [Tensor('float32', (-1, 10))]\nparams: \n  None\n");
        expected.put("multi-tensor", "inputs: \n  ['features': Tensor('float32', (-1, 3)), 'ids': Tensor('int64', (-1,)), 'labels': Tensor('str', (-1, 2))]\noutputs: \n  ['score': Tensor('float64', (-1, 1))]\nparams: \n  None\n");
        expected.put("tabular-optional", "inputs: \n  ['id': long (required), 'name': string (required), 'score': double (optional), 'active': boolean (optional), 'seen': datetime (required), 'tags': Array(string) (required), 'address': {city: string (required), zip: long (optional)} (optional), 'items': Array({qty: integer (required), sku: string (required)}) (required), 'weights': Map(str -> DataType.double) (optional)]\noutputs: \n  ['prediction': double (required)]\nparams: \n  None\n");
        expected.put("with-params", "inputs: \n  ['prompt': string (required)]\noutputs: \n  [string (required)]\nparams: \n  ['temperature': float (default: 0.7), 'max_tokens': long (default: 64), 'top_p': double (default: 1.0), 'stream': boolean (default: False), 'stop': string (default: ['\\n', '###']) (shape: (-1,)), 'seeds': integer (default: [1, 2, 3]) (shape: (-1,)), 'as_of': datetime (default: 2024-01-02 03:04:05), 'model_name': string (default: None)]\n");
        for (final Map.Entry<String, String> e : expected.entrySet()) {
            assertEquals(e.getValue(), ModelDirectory.open(models().resolve(e.getKey())).signature().repr(), e.getKey());
        }
    }

    @Test
    void mnistUint8() throws Exception {
        final Path dir = models().resolve("mnist-uint8");
        final ModelDirectory md = ModelDirectory.open(dir);
        final Schema in = md.signature().inputs();
        assertTrue(in.isTensorSpec());
        assertFalse(in.hasInputNames());
        final TensorSpec t = (TensorSpec) in.input(0);
        assertEquals(DType.parse("uint8"), t.dtype());
        assertArrayEquals(new long[] {-1, 28, 28, 1}, t.shape());
        assertNull(t.name());
        assertEquals(DType.parse("float32"), ((TensorSpec) md.signature().outputs().input(0)).dtype());
        assertNull(md.signature().params());
        assertEquals("[{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"uint8\", \"shape\": [-1, 28, 28, 1]}}]",
            md.signature().toDict().get("inputs"));
        assertEquals("ndarray", md.savedInputExampleInfo().get("type"));
        assertEquals(dir.resolve("input_example.json"), md.inputExample());
        assertEquals(dir.resolve("serving_input_example.json"), md.servingInputExample());
        // input_example.json: the bare nested list, 2 images of 28x28x1
        final List<?> ex = (List<?>) ModelDirectory.readJson(md.inputExample());
        assertEquals(2, ex.size());
        assertEquals(28, ((List<?>) ex.get(0)).size());
        assertEquals(1, ((List<?>) ((List<?>) ((List<?>) ex.get(0)).get(0)).get(0)).size());
        final Map<?, ?> serving = (Map<?, ?>) ModelDirectory.readJson(md.servingInputExample());
        assertEquals(List.of("inputs"), new ArrayList<>(serving.keySet()));
        assertEquals(ex, serving.get("inputs"));
    }

    @Test
    void tabularOptional() throws Exception {
        final Path dir = models().resolve("tabular-optional");
        final ModelDirectory md = ModelDirectory.open(dir);
        final Schema in = md.signature().inputs();
        assertFalse(in.isTensorSpec());
        assertEquals(List.of("id", "name", "score", "active", "seen", "tags", "address", "items", "weights"),
            in.inputNames());
        final boolean[] required = {true, true, false, false, true, true, false, true, false};
        for (int i = 0; i < required.length; i++) {
            assertEquals(required[i], in.input(i).required(), in.input(i).name());
        }
        final ColSpec address = (ColSpec) in.input(6);
        assertInstanceOf(ObjectType.class, address.type());
        assertInstanceOf(ArrayType.class, ((ColSpec) in.input(7)).type());
        assertInstanceOf(MapType.class, ((ColSpec) in.input(8)).type());
        // MLflow sorts an Object's properties by name when writing (qty before sku)
        assertTrue(((String) md.signature().toDict().get("inputs")).contains(
            "{\"type\": \"array\", \"items\": {\"type\": \"object\", \"properties\": {\"qty\": {\"type\": \"integer\", "
                + "\"required\": true}, \"sku\": {\"type\": \"string\", \"required\": true}}}, \"name\": \"items\", "
                + "\"required\": true}"));
        assertEquals("dataframe", md.savedInputExampleInfo().get("type"));
        assertEquals("split", md.savedInputExampleInfo().get("pandas_orient"));
        final Map<?, ?> ex = (Map<?, ?>) ModelDirectory.readJson(md.inputExample());
        assertEquals(in.inputNames(), ex.get("columns"));
        // MLflow writes the missing optional score as a bare NaN
        final List<?> row2 = (List<?>) ((List<?>) ex.get("data")).get(1);
        assertTrue(Double.isNaN((Double) row2.get(2)));
        final Map<?, ?> serving = (Map<?, ?>) ModelDirectory.readJson(md.servingInputExample());
        assertEquals(ex, serving.get("dataframe_split"));
    }

    @Test
    void withParams() throws Exception {
        final ModelDirectory md = ModelDirectory.open(models().resolve("with-params"));
        final ParamSchema ps = md.signature().params();
        final List<String> names = new ArrayList<>();
        for (final ParamSpec p : ps.params()) {
            names.add(p.name());
        }
        assertEquals(List.of("temperature", "max_tokens", "top_p", "stream", "stop", "seeds", "as_of", "model_name"), names);
        // MLflow converted top_p's default 1 to 1.0 and wrote the datetime in ISO form
        final String params = (String) md.signature().toDict().get("params");
        assertTrue(params.contains("{\"name\": \"top_p\", \"type\": \"double\", \"default\": 1.0, \"shape\": null}"), params);
        assertTrue(params.contains("{\"name\": \"as_of\", \"type\": \"datetime\", \"default\": \"2024-01-02T03:04:05\", "
            + "\"shape\": null}"), params);
        assertTrue(params.contains("{\"name\": \"stop\", \"type\": \"string\", \"default\": [\"\\n\", \"###\"], "
            + "\"shape\": [-1]}"), params);
        assertEquals("true", md.savedInputExampleInfo().get("params"));
        final Map<?, ?> ex = (Map<?, ?>) ModelDirectory.readJson(md.inputExample());
        assertEquals(List.of("inputs", "params"), new ArrayList<>(ex.keySet()));
        final Map<?, ?> serving = (Map<?, ?>) ModelDirectory.readJson(md.servingInputExample());
        assertEquals(List.of("dataframe_split", "params"), new ArrayList<>(serving.keySet()));
        assertEquals(ex.get("params"), serving.get("params"));
    }

    @Test
    void multiTensor() throws Exception {
        final ModelDirectory md = ModelDirectory.open(models().resolve("multi-tensor"));
        final Schema in = md.signature().inputs();
        assertTrue(in.isTensorSpec());
        assertEquals(List.of("features", "ids", "labels"), in.inputNames());
        assertEquals(DType.parse("str"), ((TensorSpec) in.input(2)).dtype());
        final Map<?, ?> ex = (Map<?, ?>) ModelDirectory.readJson(md.inputExample());
        assertEquals(in.inputNames(), new ArrayList<>(ex.keySet()));
        // float32 1e-05 widened to a Python float by MLflow
        assertEquals(9.999999747378752e-06, ((List<?>) ((List<?>) ex.get("features")).get(1)).get(2));
    }

    @Test
    void noSignature() throws Exception {
        final Path dir = models().resolve("no-signature");
        final ModelDirectory md = ModelDirectory.open(dir);
        assertNull(md.signature());
        assertNull(md.savedInputExampleInfo());
        assertNull(md.inputExample());
        assertNull(md.servingInputExample());
        assertEquals("2.17.2", md.mlmodel().get("mlflow_version"));
    }

    @Test
    void legacyServingPayloadName() throws Exception {
        final Path dir = models().resolve("legacy-serving-payload");
        final ModelDirectory md = ModelDirectory.open(dir);
        assertEquals(dir.resolve("serving_input_payload.json"), md.servingInputExample());
        assertEquals(ModelDirectory.open(models().resolve("multi-tensor")).signature(), md.signature());
    }

    @Test
    void legacyServingPayloadFoundWithoutServingInputPath(@TempDir final Path tmp) throws Exception {
        final Path src = models().resolve("legacy-serving-payload");
        final String ml = Files.readString(src.resolve("MLmodel")).replace("  serving_input_path: serving_input_payload.json\n", "");
        assertFalse(ml.contains("serving_input_path"));
        Files.writeString(tmp.resolve("MLmodel"), ml);
        Files.copy(src.resolve("serving_input_payload.json"), tmp.resolve("serving_input_payload.json"));
        final ModelDirectory md = ModelDirectory.open(tmp);
        assertEquals(tmp.resolve("serving_input_payload.json"), md.servingInputExample());
        assertNull(md.inputExample());
    }

    @Test
    void bareSignatureJsonFile(@TempDir final Path tmp) throws Exception {
        final ModelDirectory mnist = ModelDirectory.open(models().resolve("mnist-uint8"));
        final Path f = tmp.resolve("sig.json");
        Files.writeString(f, PyJson.dumps(mnist.signature().toDict()));
        final ModelDirectory md = ModelDirectory.open(f);
        assertEquals(mnist.signature(), md.signature());
        assertNull(md.mlmodelFile());
        assertTrue(md.mlmodel().isEmpty());
    }

    // ------------------------------------------------------------------ broken models

    private static ModelDirectory.ModelFileException fails(final Path p) {
        return assertThrows(ModelDirectory.ModelFileException.class, () -> ModelDirectory.open(p));
    }

    @Test
    void badYamlNamesFileAndLine() {
        final Path ml = broken().resolve("bad-yaml/MLmodel");
        final String m = fails(broken().resolve("bad-yaml")).getMessage();
        // PyYAML: "mapping values are not allowed here ... line 13, column 23"
        assertTrue(m.startsWith(ml + ": malformed YAML (line 13, column 23): "), m);
        assertTrue(m.contains("mapping values are not allowed here"), m);
        assertFalse(m.contains("\n"), m);
    }

    @Test
    void badInputsJsonNamesFileAndPosition() {
        final Path ml = broken().resolve("bad-inputs-json/MLmodel");
        final String m = fails(broken().resolve("bad-inputs-json")).getMessage();
        // Python's json: "Expecting ',' delimiter: line 1 column 80 (char 79)"
        assertTrue(m.startsWith(ml + ": invalid signature: Malformed JSON in signature inputs: "), m);
        assertTrue(m.endsWith("(line 1, column " + (80 + io.signet.testing.JacksonVersions.SYNTAX_ERROR_SHIFT) + ")"), m);
    }

    @Test
    void missingMlmodel() {
        final Path dir = broken().resolve("missing-mlmodel");
        assertEquals(dir + ": not an MLflow model directory (no MLmodel file)", fails(dir).getMessage());
        final Path none = broken().resolve("no-such-model");
        assertEquals(none + ": no such file or directory", fails(none).getMessage());
    }

    @Test
    void signatureMlflowRejects() {
        final Path ml = broken().resolve("rejected-signature/MLmodel");
        final ModelDirectory.ModelFileException e = fails(broken().resolve("rejected-signature"));
        assertEquals(ml + ": invalid signature: Creating Schema with a combination of <class 'type'> and <class 'type'> "
            + "is not supported. Please choose one of <class 'type'> or <class 'type'>", e.getMessage());
        assertInstanceOf(SignatureException.class, e.getCause());
    }

    @Test
    void badExampleJsonNamesFileAndLine() throws Exception {
        final Path dir = broken().resolve("bad-example-json");
        final ModelDirectory md = ModelDirectory.open(dir);
        assertNotNull(md.signature());
        final Path ex = md.inputExample();
        assertEquals(dir.resolve("input_example.json"), ex);
        final String m = assertThrows(ModelDirectory.ModelFileException.class, () -> ModelDirectory.readJson(ex)).getMessage();
        assertTrue(m.startsWith(ex + ": malformed JSON (line 3, column "), m);
    }

    // ------------------------------------------------------------------ hostile models (issue 17)

    private static final String SECRET = "root:x:0:0:root:/root:/bin/bash";

    /** A model directory copied from mnist-uint8 whose MLmodel names {@code artifactPath} as its input example. */
    private static Path modelWithExample(final Path tmp, final String artifactPath) throws IOException {
        final Path dir = Files.createDirectories(tmp.resolve("model"));
        final String ml = Files.readString(models().resolve("mnist-uint8/MLmodel"));
        final String patched = ml.replaceAll("artifact_path: [^\n]*", "artifact_path: '" + artifactPath + "'");
        assertTrue(patched.contains("artifact_path: '" + artifactPath + "'"), patched);
        Files.writeString(dir.resolve("MLmodel"), patched);
        return dir;
    }

    private static Path secretFile(final Path tmp) throws IOException {
        final Path secret = tmp.resolve("secret.json");
        Files.writeString(secret, SECRET + "\n");
        return secret;
    }

    @Test
    void exampleOutsideTheModelDirectoryIsRefusedWithoutReadingIt(@TempDir final Path tmp) throws Exception {
        final Path secret = secretFile(tmp);
        final Path abs = modelWithExample(tmp.resolve("a"), secret.toString());
        String m = fails(abs).getMessage();
        assertEquals(abs.resolve("MLmodel") + ": saved_input_example_info.artifact_path is an absolute path; an example "
            + "must be a file inside the model directory", m);
        final Path up = modelWithExample(tmp.resolve("b"), "../../secret.json");
        m = fails(up).getMessage();
        assertTrue(m.endsWith("saved_input_example_info.artifact_path climbs out with '..'; an example must be a file "
            + "inside the model directory"), m);
        final Path link = modelWithExample(tmp.resolve("c"), "input_example.json");
        Files.createSymbolicLink(link.resolve("input_example.json"), secret);
        m = fails(link).getMessage();
        assertTrue(m.endsWith("saved_input_example_info.artifact_path is a symbolic link out of the model directory; an "
            + "example must be a file inside it"), m);
        // a link that stays inside is followed
        final Path ok = modelWithExample(tmp.resolve("d"), "input_example.json");
        Files.writeString(ok.resolve("real.json"), "{\"inputs\": [[1]]}");
        Files.createSymbolicLink(ok.resolve("input_example.json"), ok.resolve("real.json"));
        assertEquals(ok.resolve("input_example.json"), ModelDirectory.open(ok).inputExample());
    }

    @Test
    void malformedExampleErrorsNeverQuoteTheFile(@TempDir final Path tmp) throws Exception {
        final Path f = secretFile(tmp);
        final String m = assertThrows(ModelDirectory.ModelFileException.class, () -> ModelDirectory.readJson(f))
            .getMessage();
        // the location only (Jackson versions place this column differently: 1, 5 or 6): no token of the file
        assertTrue(m.matches(java.util.regex.Pattern.quote(f + ": malformed JSON (line 1, column ") + "\\d+\\)"), m);
        assertFalse(m.contains("root"), m);
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aFifoOrDeviceIsRefusedNotRead(@TempDir final Path tmp) throws Exception {
        final ModelDirectory.ModelFileException dev = fails(Path.of("/dev/zero"));
        assertEquals("/dev/zero: not a regular file (a directory, FIFO or device); a MLmodel file must be a regular file",
            dev.getMessage());
        final Path fifo = tmp.resolve("MLmodel");
        final Process p = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        org.junit.jupiter.api.Assumptions.assumeTrue(p.waitFor() == 0, "mkfifo not available");
        // both as the MLmodel of a directory and named directly (before: open() blocked forever)
        assertTrue(fails(tmp).getMessage().endsWith(": not a regular file (a directory, FIFO or device); a MLmodel file "
            + "must be a regular file"));
        assertTrue(fails(fifo).getMessage().startsWith(fifo + ": not a regular file"));
        final Path sigFifo = tmp.resolve("sig.json");
        assertEquals(0, new ProcessBuilder("mkfifo", sigFifo.toString()).start().waitFor());
        assertEquals(sigFifo + ": not a regular file (a directory, FIFO or device); a signature file must be a regular "
            + "file", fails(sigFifo).getMessage());
    }

    @Test
    void aHugeMlmodelIsRefusedBySizeNotRead(@TempDir final Path tmp) throws Exception {
        final Path ml = tmp.resolve("MLmodel");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(ml.toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GB, sparse: no disk spent (before: OutOfMemoryError)
        }
        assertEquals(ml + ": larger than the " + ModelDirectory.MAX_MODEL_FILE_BYTES + " bytes Signet reads in a MLmodel "
            + "file", fails(tmp).getMessage());
        final Path sig = tmp.resolve("big.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(sig.toFile(), "rw")) {
            f.setLength(ModelDirectory.MAX_MODEL_FILE_BYTES + 1L);
        }
        assertTrue(fails(sig).getMessage().endsWith("larger than the 16777216 bytes Signet reads in a signature file"));
        final Path example = tmp.resolve("example.json");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(example.toFile(), "rw")) {
            f.setLength(ModelDirectory.MAX_EXAMPLE_BYTES + 1L);
        }
        assertTrue(assertThrows(ModelDirectory.ModelFileException.class, () -> ModelDirectory.readJson(example))
            .getMessage().endsWith("larger than the 67108864 bytes Signet reads in a JSON example"));
    }

    @Test
    void aLongYamlLineIsRefusedBeforeSnakeYamlSpendsQuadraticTimeOnIt(@TempDir final Path tmp) throws Exception {
        // 4 MB in one comment line: SnakeYAML took ~15 s to reach its 3 MB code point limit (40 MB: 200 s)
        Files.writeString(tmp.resolve("MLmodel"), "mlflow_version: 2.17.2\n# " + "x".repeat(4 << 20) + "\n");
        assertEquals(tmp.resolve("MLmodel") + ": line 2 is " + ((4 << 20) + 2) + " characters long, more than the 65536 "
            + "Signet reads in an MLmodel file (MLflow folds its lines at about 80)", fails(tmp).getMessage());
        // MLflow's own folded lines of a wide signature (20,000 columns, 1.3 MB) still read
        final StringBuilder cols = new StringBuilder("[");
        for (int i = 0; i < 20_000; i++) {
            cols.append(i == 0 ? "" : ", ").append("{\"type\": \"double\", \"name\": \"c").append(i)
                .append("\", \"required\": true}");
        }
        final String folded = String.join("\n    ", cols.append(']').toString().split("(?<=, )(?=\\{)"));
        Files.writeString(tmp.resolve("MLmodel"), "mlflow_version: 2.17.2\nsignature:\n  inputs: '" + folded + "'\n");
        assertEquals(20_000, ModelDirectory.open(tmp).signature().inputs().size());
    }

    @Test
    void yamlAliasesAreRefusedNotMisread(@TempDir final Path tmp) throws Exception {
        // PyYAML expands *a; Jackson's YAML reader would give the string "a"
        Files.writeString(tmp.resolve("MLmodel"), "mlflow_version: 2.17.2\nflavors: &a {python_function: {}}\nother: *a\n");
        assertEquals(tmp.resolve("MLmodel") + ": uses a YAML alias (line 3); MLflow writes none and Signet does not "
            + "expand them", fails(tmp).getMessage());
    }

    @Test
    void aBareRelativeSignatureFileName() throws Exception {
        // "-m sig.json" in the working directory: Path.getParent() is null (before: NullPointerException)
        final Path f = Path.of("signet-test-" + ProcessHandle.current().pid() + ".json");
        Files.writeString(f, PyJson.dumps(ModelDirectory.open(models().resolve("mnist-uint8")).signature().toDict()));
        try {
            final ModelDirectory md = ModelDirectory.open(f);
            assertEquals(Path.of("").toAbsolutePath(), md.root());
            assertNull(md.inputExample());
            assertNull(md.servingInputExample());
        } finally {
            Files.deleteIfExists(f);
        }
    }
}
