package io.signet.cli;

import io.signet.infer.SignatureInference;
import io.signet.py.PyJson;
import io.signet.schema.ModelSignature;
import io.signet.testdata.TestData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code signet infer --mlmodel}'s block, byte for byte as MLflow 2.17.2 wrote it, for every case of
 * src-test-data/infer/expected.jsonl that infers a signature (make_fixtures.py ran the real MLflow).
 */
class MlmodelYamlTest {
    @TestFactory
    List<DynamicTest> sameYamlAsMlflow() throws IOException {
        final Path dir = TestData.root().resolve("infer");
        final Path files = dir.resolve("files");
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String line : Files.readAllLines(dir.resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
            if (line.isBlank()) {
                continue;
            }
            final Map<?, ?> c = (Map<?, ?>) PyJson.loads(line);
            if (!Boolean.TRUE.equals(c.get("ok"))) {
                continue;
            }
            final String id = (String) c.get("id");
            tests.add(DynamicTest.dynamicTest(id, () -> {
                final List<Path> inputs = new ArrayList<>();
                for (final Object f : (List<?>) c.get("files")) {
                    inputs.add(files.resolve((String) f));
                }
                final Path params = c.get("params") == null ? null : files.resolve((String) c.get("params"));
                final Path output = c.get("output") == null ? null : files.resolve((String) c.get("output"));
                final ModelSignature sig = SignatureInference.inferFiles(inputs, output, params);
                assertEquals(c.get("mlmodel"), MlmodelYaml.signatureBlock(sig), id);
            }));
        }
        assertTrue(tests.size() > 10, "cases that infer: " + tests.size());
        return tests;
    }
}
