package io.signet.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.signet.enforce.Profile;

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
 *
 * <p>Which MLflow's rules apply ({@link #profile()}): the one asked for, else the major version of
 * the model's {@code mlflow_version} (below 3: {@link Profile#MLFLOW_2}, 3 and above:
 * {@link Profile#MLFLOW_3}); a bare signature JSON file is read as MLflow 3 writes it today; an
 * MLmodel without a readable {@code mlflow_version} as MLflow 2. The signature is read with that
 * profile's rules (MLflow 3 knows {@code any}, refuses the legacy {@code optional} key).
 */
public final class ModelDirectory {
    private static final ObjectMapper YAML = new YAMLMapper();

    private final Path root;
    private final Path mlmodel;
    private final Map<String, Object> model;
    private final ModelSignature signature;
    private final Profile profile;
    private final String profileReason;

    private ModelDirectory(final Path root, final Path mlmodel, final Map<String, Object> model,
                           final ModelSignature signature, final Profile profile, final String profileReason) {
        this.root = root;
        this.mlmodel = mlmodel;
        this.model = model;
        this.signature = signature;
        this.profile = profile;
        this.profileReason = profileReason;
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
        return open(path, null);
    }

    /**
     * Opens a model with the given profile's rules, or, when {@code profile} is null, the profile the
     * model implies (see the class comment).
     */
    public static ModelDirectory open(final Path path, final Profile profile) throws ModelFileException {
        if (Files.isDirectory(path)) {
            final Path ml = path.resolve("MLmodel");
            if (!Files.isRegularFile(ml)) {
                throw new ModelFileException(path + ": not an MLflow model directory (no MLmodel file)", null);
            }
            return fromMlmodel(path, ml, profile);
        }
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory", null);
        }
        final String name = path.getFileName().toString();
        if (name.endsWith(".json")) {
            final String text = read(path);
            final Profile p = profile != null ? profile : Profile.MLFLOW_3;
            final String why = profile != null ? ASKED : "a bare signature JSON file (read as MLflow 3 writes it)";
            try {
                final ModelSignature sig = SignatureJson.parse(text, p);
                return new ModelDirectory(path.getParent(), null, Map.of(), sig, p, why);
            } catch (final SignatureException e) {
                throw new ModelFileException(path + ": " + e.getMessage(), e);
            }
        }
        return fromMlmodel(path.toAbsolutePath().getParent(), path, profile);
    }

    private static final String ASKED = "asked for";

    private static ModelDirectory fromMlmodel(final Path root, final Path ml, final Profile asked)
        throws ModelFileException {
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
        final Object version = m.get("mlflow_version");
        Profile profile = asked;
        String why = ASKED;
        if (asked == null) {
            if (version == null) {
                profile = Profile.MLFLOW_2;
                why = "no mlflow_version in MLmodel (read as MLflow 2)";
            } else {
                try {
                    profile = Profile.forMlflowVersion(String.valueOf(version));
                    why = "mlflow_version " + version;
                } catch (final IllegalArgumentException e) {
                    profile = Profile.MLFLOW_2;
                    why = "mlflow_version unreadable (" + e.getMessage() + "; read as MLflow 2)";
                }
            }
        }
        ModelSignature sig = null;
        final Object s = m.get("signature");
        if (s != null) {
            if (!(s instanceof Map)) {
                throw new ModelFileException(ml + ": 'signature' must be a mapping", null);
            }
            try {
                sig = SignatureJson.fromDict((Map<?, ?>) s, profile);
            } catch (final SignatureException e) {
                throw new ModelFileException(ml + ": invalid signature: " + e.getMessage(), e);
            }
        }
        return new ModelDirectory(root, ml, m, sig, profile, why);
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

    /** The {@code mlflow_version} of the MLmodel file as written ({@code 3.6.1.dev0}), or null (none, or a bare signature). */
    public String mlflowVersion() {
        final Object v = model.get("mlflow_version");
        return v == null ? null : String.valueOf(v);
    }

    /** Which MLflow's rules apply to this model: the profile asked for, else the one the model implies. */
    public Profile profile() {
        return profile;
    }

    /**
     * Why {@link #profile()} applies, for people: {@code "mlflow_version 3.6.1.dev0"}, {@code "asked for"},
     * {@code "a bare signature JSON file (read as MLflow 3 writes it)"}, ...
     */
    public String profileReason() {
        return profileReason;
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
