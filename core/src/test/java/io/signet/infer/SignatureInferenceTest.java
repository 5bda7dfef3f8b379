package io.signet.infer;

import io.signet.schema.ModelSignature;
import io.signet.py.PyJson;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of src-test-data/infer/expected.jsonl (written by make_fixtures.py with the real
 * MLflow 2.17.2): the same to_dict() or the same error message (the MLmodel YAML is the CLI's:
 * cli's MlmodelYamlTest).
 */
class SignatureInferenceTest {
    static Path data() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null && !Files.isDirectory(p.resolve("src-test-data"))) {
            p = p.getParent();
        }
        if (p == null) {
            throw new IllegalStateException("src-test-data not found above " + Path.of("").toAbsolutePath());
        }
        return p.resolve("src-test-data").resolve("infer");
    }

    static List<Map<?, ?>> cases() throws IOException {
        final List<Map<?, ?>> out = new ArrayList<>();
        for (final String line : Files.readAllLines(data().resolve("expected.jsonl"), StandardCharsets.UTF_8)) {
            if (!line.isBlank()) {
                out.add((Map<?, ?>) PyJson.loads(line));
            }
        }
        return out;
    }

    @TestFactory
    List<DynamicTest> sameAsMlflow() throws IOException {
        final Path files = data().resolve("files");
        final List<DynamicTest> tests = new ArrayList<>();
        for (final Map<?, ?> c : cases()) {
            final String id = (String) c.get("id");
            tests.add(DynamicTest.dynamicTest(id, () -> {
                final List<Path> inputs = new ArrayList<>();
                for (final Object f : (List<?>) c.get("files")) {
                    inputs.add(files.resolve((String) f));
                }
                final Path params = c.get("params") == null ? null : files.resolve((String) c.get("params"));
                final Path output = c.get("output") == null ? null : files.resolve((String) c.get("output"));
                if (Boolean.TRUE.equals(c.get("ok"))) {
                    final ModelSignature sig = SignatureInference.inferFiles(inputs, output, params);
                    assertEquals(c.get("signature"), sig.toDict(), id);
                    return;
                }
                final InferenceException e = assertThrows(InferenceException.class,
                    () -> SignatureInference.inferFiles(inputs, output, params), id);
                final String expected = (String) c.get("error");
                if (expected.startsWith("DIFFERS ")) {
                    final Path differs = files.resolve(expected.substring("DIFFERS ".length()));
                    assertTrue(e.getMessage().startsWith(differs + ": infers a different signature than "),
                        id + ": " + e.getMessage());
                    return;
                }
                final Path named = params != null && expected.startsWith("Failed to infer schema for parameters")
                    ? inputs.get(0) : inputs.get(inputs.size() - 1);
                assertEquals(named + ": " + expected, e.getMessage(), id);
            }));
        }
        return tests;
    }

    @Test
    void corruptAndMissingFilesNameTheFile() {
        final Path files = data().resolve("files");
        for (final String name : new String[] {"corrupt.npy", "corrupt.json", "corrupt.npz", "bad-entry.npz", "no-such-file.npy"}) {
            final Path p = files.resolve(name);
            final IOException e = assertThrows(IOException.class,
                () -> SignatureInference.inferFiles(List.of(p), null, null), name);
            assertTrue(e.getMessage().startsWith(p + ": "), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }
}
