package io.signet.schema;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signatures read per profile (docs/mlflow3-rules.md M1-M3, M12), each answer checked against what
 * MLflow 2.17.2 and MLflow 3.6 did with the same JSON (the m3-M1/M2/M3/M12 cases of
 * signet-mlflow3-cases.jsonl), and which profile a model directory implies.
 */
class ProfileSignatureTest {
    private static Schema inputs(final String json, final Profile p) {
        return SignatureJson.parse("{\"inputs\": " + PyJson.dumps(json) + "}", p).inputs();
    }

    private static SignatureException refused(final String json, final Profile p) {
        return assertThrows(SignatureException.class, () -> inputs(json, p));
    }

    // ------------------------------------------------------------------ M1 any

    @Test
    void anyIsUnknownToMlflow2AndATypeEverywhereInMlflow3() {
        assertEquals("Unsupported type 'any', expected instance of DataType or one of ['boolean', 'integer', 'long', "
                + "'float', 'double', 'string', 'binary', 'datetime']",
            refused("[{\"type\": \"any\", \"name\": \"a\"}]", Profile.MLFLOW_2).getMessage());
        assertTrue(refused("[{\"type\": \"array\", \"items\": {\"type\": \"any\"}, \"name\": \"a\"}]", Profile.MLFLOW_2)
            .getMessage().startsWith("Unsupported type 'any', expected instance of DataType, Array, Object, Map"));

        final Schema s = inputs("[{\"type\": \"any\", \"name\": \"a\", \"required\": true},"
            + " {\"type\": \"array\", \"items\": {\"type\": \"any\"}, \"name\": \"b\"},"
            + " {\"type\": \"map\", \"values\": {\"type\": \"any\"}, \"name\": \"c\"},"
            + " {\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"any\"}}, \"name\": \"d\"}]", Profile.MLFLOW_3);
        assertEquals("['a': Any (required), 'b': Array(Any) (optional), 'c': Map(str -> Any) (optional), "
            + "'d': {x: Any (required)} (optional)]", s.repr());
        assertInstanceOf(AnyType.class, ((ColSpec) s.input(0)).type());
        // params and tensors still do not know it (m3-M1-param-any, m3-M1-tensor-any)
        assertEquals("KeyError: 'any'", assertThrows(SignatureException.class, () -> SignatureJson.parse(
            "{\"params\": \"[{\\\"name\\\": \\\"p\\\", \\\"type\\\": \\\"any\\\", \\\"default\\\": 1}]\"}",
            Profile.MLFLOW_3)).getMessage());
    }

    // ------------------------------------------------------------------ M2 the legacy optional key

    @Test
    void theLegacyOptionalKeyIsReadByMlflow2AndRefusedByMlflow3ForScalarColumns() {
        final String legacy = "[{\"type\": \"long\", \"name\": \"a\", \"optional\": true}]";
        assertEquals("['a': long (optional)]", inputs(legacy, Profile.MLFLOW_2).repr());
        assertEquals("Only one of `optional` and `required` can be specified. `optional` is deprecated, please use "
                + "`required` instead.",
            refused("[{\"type\": \"long\", \"name\": \"a\", \"optional\": false, \"required\": true}]", Profile.MLFLOW_2)
                .getMessage());

        final String m = refused(legacy, Profile.MLFLOW_3).getMessage();
        assertEquals("TypeError: ColSpec.__init__() got an unexpected keyword argument 'optional' (the legacy ColSpec key "
            + "`optional`, written by MLflow 2.4-2.9, was removed in MLflow 3, which refuses this signature; write "
            + "`required` instead)", m);
        // whatever its value, with required beside it, and from the first ColSpec that has it (m3-M2-second-col)
        assertTrue(refused("[{\"type\": \"string\", \"name\": \"a\", \"optional\": false, \"required\": true}]",
            Profile.MLFLOW_3).getMessage().contains("legacy"));
        assertTrue(refused("[{\"type\": \"long\", \"name\": \"a\"}, {\"type\": \"string\", \"name\": \"b\", "
            + "\"optional\": true}]", Profile.MLFLOW_3).getMessage().contains("'optional'"));
    }

    @Test
    void mlflow3DropsTheLegacyKeyOfNestedColumnsWhichThenAreOptional() {
        for (final String t : List.of("{\"type\": \"array\", \"items\": {\"type\": \"long\"}",
            "{\"type\": \"object\", \"properties\": {\"x\": {\"type\": \"long\"}}", "{\"type\": \"map\", \"values\": "
                + "{\"type\": \"long\"}", "{\"type\": \"sparkml_vector\"")) {
            final String json = "[" + t + ", \"name\": \"a\", \"optional\": false}]";
            assertFalse(inputs(json, Profile.MLFLOW_3).input(0).required(), json); // m3-M2-*-false-missing
            assertTrue(inputs(json, Profile.MLFLOW_2).input(0).required(), json);
        }
    }

    @Test
    void aKeyColSpecDoesNotTakeIsPythonsTypeErrorInBothProfiles() {
        // MLflow 2.17.2 and 3.6 alike: ColSpec(**kwargs) binds the keys first; the first unknown one is named
        for (final Profile p : Profile.values()) {
            assertEquals("TypeError: ColSpec.__init__() got an unexpected keyword argument 'foo'",
                refused("[{\"foo\": 1, \"type\": \"long\", \"name\": \"a\", \"optional\": true}]", p).getMessage());
            // array, object, map and vector columns ignore the keys they do not read
            assertEquals("['a': Array(long) (required)]", inputs("[{\"type\": \"array\", \"items\": {\"type\": "
                + "\"long\"}, \"name\": \"a\", \"foo\": 1, \"required\": true}]", p).repr());
        }
    }

    // ------------------------------------------------------------------ M3 required absent or null

    @Test
    void requiredAbsentOrNullFollowsEachVersion() {
        final String array = "{\"type\": \"array\", \"items\": {\"type\": \"long\"}, \"name\": \"a\"";
        assertEquals("['a': Array(long) (required)]", inputs("[" + array + "}]", Profile.MLFLOW_2).repr());
        assertEquals("['a': Array(long) (optional)]", inputs("[" + array + "}]", Profile.MLFLOW_3).repr());
        assertEquals("['a': Array(long) (optional)]", inputs("[" + array + ", \"required\": null}]", Profile.MLFLOW_3)
            .repr());
        // a scalar column: absent is required in both; null is required in 2.17.2 and optional (None) in 3.6
        assertEquals("['a': long (required)]", inputs("[{\"type\": \"long\", \"name\": \"a\"}]", Profile.MLFLOW_3).repr());
        final String nullReq = "[{\"type\": \"long\", \"name\": \"a\", \"required\": null}]";
        assertEquals("['a': long (required)]", inputs(nullReq, Profile.MLFLOW_2).repr());
        assertEquals("['a': long (optional)]", inputs(nullReq, Profile.MLFLOW_3).repr());
        assertEquals("[{\"type\": \"long\", \"name\": \"a\", \"required\": null}]",
            PyJson.dumps(inputs(nullReq, Profile.MLFLOW_3).toJson())); // to_dict() keeps the None
    }

    @Test
    void theUnnamedOptionalRefusalAsksRequiredIsFalse() {
        final String msg = "Creating Schema with unnamed optional inputs is not supported. Please name all inputs or make "
            + "all inputs required.";
        for (final Profile p : Profile.values()) {
            assertEquals(msg, refused("[{\"type\": \"long\", \"required\": false}]", p).getMessage());
            // 0 is falsy but not False: MLflow loads it (checked with both oracles)
            assertFalse(inputs("[{\"type\": \"long\", \"required\": 0}]", p).input(0).required());
        }
        // None slips through in 3.6 (m3-M3-unnamed-null, m3-M3-unnamed-array-absent)
        assertFalse(inputs("[{\"type\": \"long\", \"required\": null}]", Profile.MLFLOW_3).input(0).required());
        assertFalse(inputs("[{\"type\": \"array\", \"items\": {\"type\": \"long\"}}]", Profile.MLFLOW_3).input(0)
            .required());
    }

    // ------------------------------------------------------------------ M12 integer column names

    @Test
    void integerNamesAreHeldAsIntegersInBothProfiles() {
        for (final Profile p : Profile.values()) {
            final Schema s = inputs("[{\"type\": \"long\", \"name\": 1}, {\"type\": \"long\", \"name\": 0}, "
                + "{\"type\": \"long\", \"name\": \"b\"}]", p);
            assertEquals("[1: long (required), 0: long (required), 'b': long (required)]", s.repr());
            assertEquals(1L, s.input(0).label());
            assertEquals("1", s.input(0).name());
            // input_names() is x.name or i: the name 0 in position 1 is looked up as 1 (m3-M12-name-one-first)
            assertEquals(List.of(1L, 1L, "b"), s.inputNames());
            assertEquals(s.input(0), s.inputByLabel(1L));
            assertNull(s.inputByLabel("1"));
            assertEquals("[{\"type\": \"long\", \"name\": 1, \"required\": true}, {\"type\": \"long\", \"name\": 0, "
                + "\"required\": true}, {\"type\": \"long\", \"name\": \"b\", \"required\": true}]",
                PyJson.dumps(s.toJson()));
        }
    }

    // ------------------------------------------------------------------ profile selection

    static Path mlflow3Models() {
        return SignatureRoundTripTest.data().resolve("models-mlflow3");
    }

    @Test
    void aModelDirectoryImpliesItsProfileFromMlflowVersion(@TempDir final Path tmp) throws Exception {
        final ModelDirectory three = ModelDirectory.open(mlflow3Models().resolve("mlflow3-int-columns"));
        assertEquals("3.6.1.dev0", three.mlflowVersion());
        assertEquals(Profile.MLFLOW_3, three.profile());
        assertEquals("mlflow_version 3.6.1.dev0", three.profileReason());

        final ModelDirectory two = ModelDirectory.open(ModelDirectoryTest.models().resolve("with-params"));
        assertEquals(Profile.MLFLOW_2, two.profile());
        assertEquals("mlflow_version 2.17.2", two.profileReason());
        final ModelDirectory old = ModelDirectory.open(ModelDirectoryTest.models().resolve("legacy-serving-payload"));
        assertEquals(Profile.MLFLOW_2, old.profile());

        final ModelDirectory asked = ModelDirectory.open(mlflow3Models().resolve("mlflow3-int-columns"), Profile.MLFLOW_2);
        assertEquals(Profile.MLFLOW_2, asked.profile());
        assertEquals("asked for", asked.profileReason());

        // a bare signature JSON: MLflow 3 (its rules read 'any'; 2.17.2's refuse it)
        final Path sig = tmp.resolve("sig.json");
        Files.writeString(sig, "{\"inputs\": \"[{\\\"type\\\": \\\"any\\\", \\\"name\\\": \\\"a\\\"}]\"}");
        final ModelDirectory bare = ModelDirectory.open(sig);
        assertEquals(Profile.MLFLOW_3, bare.profile());
        assertNull(bare.mlflowVersion());
        assertTrue(bare.profileReason().startsWith("a bare signature JSON file"), bare.profileReason());
        assertEquals("['a': Any (optional)]", bare.signature().inputs().repr());
        assertTrue(assertThrows(ModelDirectory.ModelFileException.class, () -> ModelDirectory.open(sig, Profile.MLFLOW_2))
            .getMessage().contains("Unsupported type 'any'"));

        // no mlflow_version: MLflow 2; an unreadable one: MLflow 2, and the reason says why
        final Path dir = Files.createDirectory(tmp.resolve("m"));
        Files.writeString(dir.resolve("MLmodel"), "flavors: {}\n");
        assertEquals(Profile.MLFLOW_2, ModelDirectory.open(dir).profile());
        assertEquals("no mlflow_version in MLmodel (read as MLflow 2)", ModelDirectory.open(dir).profileReason());
        Files.writeString(dir.resolve("MLmodel"), "flavors: {}\nmlflow_version: next\n");
        assertEquals(Profile.MLFLOW_2, ModelDirectory.open(dir).profile());
        final String why = ModelDirectory.open(dir).profileReason();
        assertTrue(why.startsWith("mlflow_version unreadable (") && why.contains("next")
            && why.endsWith("; read as MLflow 2)"), why);
    }

    /** The MLflow 3.1+ model with integer column names serves its own serving_input_example.json in both profiles. */
    @Test
    void theIntegerColumnModelValidatesItsOwnServingExampleInBothProfiles() throws IOException, Exception {
        final Path dir = mlflow3Models().resolve("mlflow3-int-columns");
        final byte[] body = Files.readAllBytes(dir.resolve("serving_input_example.json"));
        assertFalse(new String(body, StandardCharsets.UTF_8).contains("\"columns\""), "a dataframe_split without columns");
        for (final Profile p : Profile.values()) {
            final ModelDirectory md = ModelDirectory.open(dir, p);
            assertEquals("[0: double (required), 1: double (required), 2: double (required)]",
                md.signature().inputs().repr());
            final ScoringServer server = new ScoringServer(md.signature(), p, Mode.MLFLOW, Limits.DEFAULT);
            final ScoringResponse r = server.invoke(body, "application/json");
            assertEquals(200, r.status(), p + ": " + r.body());
            // string labels are not integer names (m3-M12-double-split-strcols)
            final ScoringResponse s = server.invoke(("{\"dataframe_split\": {\"columns\": "
                + "[\"0\", \"1\", \"2\"], \"data\": [[1.5, 2.5, 3.5]]}}").getBytes(StandardCharsets.UTF_8), "application/json");
            assertEquals(400, s.status());
            assertTrue(s.body().contains("Model is missing inputs [0, 1, 2]. Note that there were extra inputs: "
                + "['0', '1', '2']"), s.body());
        }
    }
}
