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
}
