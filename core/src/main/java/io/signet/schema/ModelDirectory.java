package io.signet.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * An MLflow model as Signet reads it: a model directory, an {@code MLmodel} file, or a bare
 * signature JSON file. Gives the signature, the {@code saved_input_example_info} and the example
 * files ({@code input_example.json}, {@code serving_input_example.json}, the older
 * {@code serving_input_payload.json}). Every failure names the file and, for parse errors, the line.
 */
public final class ModelDirectory {
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Path root;
    private final Path mlmodel;
    private final Map<String, Object> model;
    private final ModelSignature signature;

    private ModelDirectory(final Path root, final Path mlmodel, final Map<String, Object> model,
                           final ModelSignature signature) {
        this.root = root;
        this.mlmodel = mlmodel;
        this.model = model;
        this.signature = signature;
    }

    /** Thrown for a missing, unreadable or malformed model file; the message names the file (and line). */
    public static final class ModelFileException extends Exception {
        private static final long serialVersionUID = 1L;

        public ModelFileException(final String message, final Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * Opens a model directory (holding {@code MLmodel}), an {@code MLmodel} file, or a signature
     * JSON file ({@code {"inputs": ..., "outputs": ..., "params": ...}}).
     */
    public static ModelDirectory open(final Path path) throws ModelFileException {
        if (Files.isDirectory(path)) {
            final Path ml = path.resolve("MLmodel");
            if (!Files.isRegularFile(ml)) {
                throw new ModelFileException(path + ": not an MLflow model directory (no MLmodel file)", null);
            }
            return fromMlmodel(path, ml);
        }
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory", null);
        }
        final String name = path.getFileName().toString();
        if (name.endsWith(".json")) {
            final String text = read(path);
            try {
                final ModelSignature sig = SignatureJson.parse(text);
                return new ModelDirectory(path.getParent(), null, Map.of(), sig);
            } catch (final SignatureException e) {
                throw new ModelFileException(path + ": " + e.getMessage(), e);
            }
        }
        return fromMlmodel(path.toAbsolutePath().getParent(), path);
    }

    private static ModelDirectory fromMlmodel(final Path root, final Path ml) throws ModelFileException {
        final String text = read(ml);
        final Object doc;
        try {
            doc = YAML.readValue(text, Object.class);
        } catch (final JsonProcessingException e) {
            throw new ModelFileException(ml + ": malformed YAML" + SignatureJson.located(e) + ": " + firstLine(e.getOriginalMessage()), e);
        }
        if (!(doc instanceof Map)) {
            throw new ModelFileException(ml + ": expected a YAML mapping at the top level", null);
        }
        @SuppressWarnings("unchecked") final Map<String, Object> m = (Map<String, Object>) doc;
        ModelSignature sig = null;
        final Object s = m.get("signature");
        if (s != null) {
            if (!(s instanceof Map)) {
                throw new ModelFileException(ml + ": 'signature' must be a mapping", null);
            }
            try {
                sig = SignatureJson.fromDict((Map<?, ?>) s);
            } catch (final SignatureException e) {
                throw new ModelFileException(ml + ": invalid signature: " + e.getMessage(), e);
            }
        }
        return new ModelDirectory(root, ml, m, sig);
    }

    /** SnakeYAML appends a multi-line source excerpt; the location is already in the message, keep one line. */
    private static String firstLine(final String m) {
        if (m == null) {
            return "";
        }
        final int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).stripTrailing();
    }

    private static String read(final Path p) throws ModelFileException {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            throw new ModelFileException(p + ": no such file", e);
        } catch (final IOException e) {
            throw new ModelFileException(p + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    /** The model directory (or the folder of the file given). */
    public Path root() {
        return root;
    }

    /** The {@code MLmodel} file, or null when a bare signature JSON was opened. */
    public Path mlmodelFile() {
        return mlmodel;
    }

    /** The signature, or null when the model has none. */
    public ModelSignature signature() {
        return signature;
    }

    /** The parsed {@code MLmodel} document (empty for a bare signature). */
    public Map<String, Object> mlmodel() {
        return model;
    }

    /** {@code saved_input_example_info}, or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> savedInputExampleInfo() {
        final Object v = model.get("saved_input_example_info");
        return v instanceof Map ? (Map<String, Object>) v : null;
    }

    /** The input example file named by {@code saved_input_example_info} (default {@code input_example.json}), or null. */
    public Path inputExample() {
        final Map<String, Object> info = savedInputExampleInfo();
        final Object p = info == null ? null : info.get("artifact_path");
        final Path f = root.resolve(p == null ? "input_example.json" : p.toString());
        return Files.isRegularFile(f) ? f : null;
    }

    /** {@code serving_input_example.json}, else the older {@code serving_input_payload.json}, or null. */
    public Path servingInputExample() {
        final Map<String, Object> info = savedInputExampleInfo();
        final Object p = info == null ? null : info.get("serving_input_path");
        if (p != null && Files.isRegularFile(root.resolve(p.toString()))) {
            return root.resolve(p.toString());
        }
        for (final String n : new String[] {"serving_input_example.json", "serving_input_payload.json"}) {
            if (Files.isRegularFile(root.resolve(n))) {
                return root.resolve(n);
            }
        }
        return null;
    }

    /** Reads and parses an example JSON file of this model; the error names the file and line. */
    public static Object readJson(final Path f) throws ModelFileException {
        final String text = read(f);
        try {
            return PyJson.loads(text);
        } catch (final JsonProcessingException e) {
            throw new ModelFileException(f + ": malformed JSON" + SignatureJson.located(e) + ": " + firstLine(e.getOriginalMessage()), e);
        }
    }
}
