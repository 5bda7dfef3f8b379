package io.signet.schema;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;
import io.signet.enforce.Profile;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * An MLflow model as Signet reads it: a model directory, an {@code MLmodel} file, or a bare
 * signature JSON file. Gives the signature, the {@code saved_input_example_info} and the example
 * files ({@code input_example.json}, {@code serving_input_example.json}, the older
 * {@code serving_input_payload.json}). Every failure names the file and, for parse errors, the line.
 *
 * <p>A model directory may come from anyone, so it is read defensively: {@code MLmodel} and
 * signature files only when they are regular files (a FIFO or a device is refused, never read) of
 * at most {@link #MAX_MODEL_FILE_BYTES} with lines of at most {@link #MAX_YAML_LINE_CHARS} (SnakeYAML
 * reads a long line in quadratic time: a 40 MB comment took 200 s) and no YAML alias (Jackson's
 * YAML reader does not expand {@code *name} as PyYAML does; it would read the string "name"); example files only inside the model directory (an
 * absolute path, {@code ..} or a symbolic link out of it is refused) and up to
 * {@link #MAX_EXAMPLE_BYTES}. Errors name the file and the line and column, never its content.
 *
 * <p>Which MLflow's rules apply ({@link #profile()}): the one asked for, else the major version of
 * the model's {@code mlflow_version} (below 3: {@link Profile#MLFLOW_2}, 3 and above:
 * {@link Profile#MLFLOW_3}); a bare signature JSON file is read as MLflow 3 writes it today; an
 * MLmodel without a readable {@code mlflow_version} as MLflow 2. The signature is read with that
 * profile's rules (MLflow 3 knows {@code any}, refuses the legacy {@code optional} key).
 */
public final class ModelDirectory {
    /** Largest {@code MLmodel} or signature JSON file read (MLflow's are a few KB; 100,000 columns take about 6 MB). */
    public static final int MAX_MODEL_FILE_BYTES = 16 << 20;
    /** Longest line of an {@code MLmodel} file (MLflow writes them folded at about 80 characters). */
    public static final int MAX_YAML_LINE_CHARS = 64 << 10;
    /** Largest example JSON file read: the default request limit ({@code Limits.DEFAULT.maxDocumentBytes()}). */
    public static final int MAX_EXAMPLE_BYTES = 64 << 20;

    /** Built on first use, after {@link io.signet.JacksonSupport#check()}: its options need jackson 2.14+. */
    private static final class Yaml {
        static final ObjectMapper MAPPER = yamlMapper();
    }

    private static ObjectMapper yamlMapper() {
        final LoaderOptions o = new LoaderOptions();
        o.setMaxAliasesForCollections(0); // refused before (refuseAliases); Jackson would not expand them anyway
        o.setCodePointLimit(MAX_MODEL_FILE_BYTES);
        o.setNestingDepthLimit(64);
        o.setAllowRecursiveKeys(false);
        return new YAMLMapper(YAMLFactory.builder().loaderOptions(o).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION.mappedFeature());
    }

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
        io.signet.JacksonSupport.check(); // the YAML and JSON readers below need jackson 2.15+
        if (Files.isDirectory(path)) {
            final Path ml = path.resolve("MLmodel");
            if (!Files.exists(ml)) {
                throw new ModelFileException(path + ": not an MLflow model directory (no MLmodel file)", null);
            }
            final ModelDirectory md = fromMlmodel(path, ml, profile);
            md.checkExamplePaths();
            return md;
        }
        if (!Files.exists(path)) {
            throw new ModelFileException(path + ": no such file or directory", null);
        }
        // a bare relative name has no parent: the folder is the working directory
        final Path folder = path.toAbsolutePath().getParent();
        final String name = path.getFileName().toString();
        if (name.endsWith(".json")) {
            final String text = read(path, MAX_MODEL_FILE_BYTES, "signature file");
            final Profile p = profile != null ? profile : Profile.MLFLOW_3;
            final String why = profile != null ? ASKED : "a bare signature JSON file (read as MLflow 3 writes it)";
            try {
                final ModelSignature sig = SignatureJson.parse(text, p);
                return new ModelDirectory(folder, null, Map.of(), sig, p, why);
            } catch (final SignatureException e) {
                throw new ModelFileException(path + ": " + e.getMessage(), e);
            }
        }
        final ModelDirectory md = fromMlmodel(folder, path, profile);
        md.checkExamplePaths();
        return md;
    }

    private static final String ASKED = "asked for";

    private static ModelDirectory fromMlmodel(final Path root, final Path ml, final Profile asked)
        throws ModelFileException {
        final String text = read(ml, MAX_MODEL_FILE_BYTES, "MLmodel file");
        checkLines(ml, text);
        refuseAliases(ml, text);
        final Object doc;
        try {
            doc = Yaml.MAPPER.readValue(text, Object.class);
        } catch (final JsonProcessingException e) {
            throw new ModelFileException(ml + ": malformed YAML" + SignatureJson.located(e) + ": "
                + bounded(firstLine(e.getOriginalMessage())), e);
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

    /** Refuses a line longer than {@link #MAX_YAML_LINE_CHARS} before SnakeYAML spends quadratic time on it. */
    private static void checkLines(final Path ml, final String text) throws ModelFileException {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                if (i - start > MAX_YAML_LINE_CHARS) {
                    throw new ModelFileException(ml + ": line " + line + " is " + (i - start) + " characters long, more "
                        + "than the " + MAX_YAML_LINE_CHARS + " Signet reads in an MLmodel file (MLflow folds its lines "
                        + "at about 80)", null);
                }
                line++;
                start = i + 1;
            }
        }
    }

    /**
     * Refuses YAML aliases: MLflow writes none, and Jackson's YAML reader returns an alias as the
     * string of its name where PyYAML (MLflow) expands it, so a model using one would be misread.
     */
    private static void refuseAliases(final Path ml, final String text) throws ModelFileException {
        try (com.fasterxml.jackson.dataformat.yaml.YAMLParser p =
                 (com.fasterxml.jackson.dataformat.yaml.YAMLParser) Yaml.MAPPER.getFactory().createParser(text)) {
            while (p.nextToken() != null) {
                if (p.isCurrentAlias()) {
                    throw new ModelFileException(ml + ": uses a YAML alias (line " + p.currentTokenLocation().getLineNr()
                        + "); MLflow writes none and Signet does not expand them", null);
                }
            }
        } catch (final JsonProcessingException e) {
            throw new ModelFileException(ml + ": malformed YAML" + SignatureJson.located(e) + ": "
                + bounded(firstLine(e.getOriginalMessage())), e);
        } catch (final IOException e) {
            throw new ModelFileException(ml + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /** A short, single-line, printable excerpt of a parser's message (it may quote the file). */
    private static String bounded(final String m) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < m.length() && sb.length() < 200; i++) {
            final char c = m.charAt(i);
            if (c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.length() < m.length() ? sb + "..." : sb.toString();
    }

    /**
     * Reads a model file: only a regular file (a FIFO, a device or a directory is refused, never
     * opened), at most {@code max} bytes (counted while reading, so a file that grows is caught too).
     */
    private static String read(final Path p, final int max, final String what) throws ModelFileException {
        if (!Files.exists(p)) {
            throw new ModelFileException(p + ": no such file", null);
        }
        if (!Files.isRegularFile(p)) {
            throw new ModelFileException(p + ": not a regular file (a directory, FIFO or device); a " + what
                + " must be a regular file", null);
        }
        try (InputStream in = Files.newInputStream(p)) {
            final byte[] b = in.readNBytes(max + 1);
            if (b.length > max) {
                throw new ModelFileException(p + ": larger than the " + max + " bytes Signet reads in a " + what, null);
            }
            return new String(b, StandardCharsets.UTF_8);
        } catch (final NoSuchFileException e) {
            throw new ModelFileException(p + ": no such file", e);
        } catch (final IOException e) {
            throw new ModelFileException(p + ": cannot read (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    /**
     * The example paths {@code saved_input_example_info} names must stay inside the model
     * directory: a model from elsewhere must not make Signet read (and report on) any other file.
     */
    private void checkExamplePaths() throws ModelFileException {
        final Map<String, Object> info = savedInputExampleInfo();
        if (info == null) {
            return;
        }
        for (final String key : new String[] {"artifact_path", "serving_input_path"}) {
            final Object v = info.get(key);
            if (v != null) {
                inside(key, v.toString());
            }
        }
    }

    /** {@code rel} resolved in the model directory, or a ModelFileException when it would leave it. */
    private Path inside(final String key, final String rel) throws ModelFileException {
        final String where = (mlmodel == null ? root : mlmodel) + ": saved_input_example_info." + key;
        final Path p;
        try {
            p = root.getFileSystem().getPath(rel);
        } catch (final java.nio.file.InvalidPathException e) {
            throw new ModelFileException(where + " is not a valid path", e);
        }
        if (p.isAbsolute() || rel.startsWith("/") || rel.startsWith("\\")) {
            throw new ModelFileException(where + " is an absolute path; an example must be a file inside the model "
                + "directory", null);
        }
        for (final Path part : p) {
            if (part.toString().equals("..")) {
                throw new ModelFileException(where + " climbs out with '..'; an example must be a file inside the model "
                    + "directory", null);
            }
        }
        final Path f = root.resolve(p);
        if (Files.exists(f, LinkOption.NOFOLLOW_LINKS) || Files.exists(f)) {
            try {
                final Path real = f.toRealPath();
                if (!real.startsWith(root.toRealPath())) {
                    throw new ModelFileException(where + " is a symbolic link out of the model directory; an example "
                        + "must be a file inside it", null);
                }
            } catch (final IOException e) {
                throw new ModelFileException(where + ": cannot resolve (" + e.getClass().getSimpleName() + ")", e);
            }
        }
        return f;
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

    /**
     * The input example file named by {@code saved_input_example_info} (default {@code input_example.json}),
     * or null; always inside the model directory ({@link #open} refuses a path that leaves it).
     */
    public Path inputExample() {
        final Map<String, Object> info = savedInputExampleInfo();
        final Object p = info == null ? null : info.get("artifact_path");
        return example(p == null ? "input_example.json" : p.toString());
    }

    /** {@code serving_input_example.json}, else the older {@code serving_input_payload.json}, or null. */
    public Path servingInputExample() {
        final Map<String, Object> info = savedInputExampleInfo();
        final Object p = info == null ? null : info.get("serving_input_path");
        if (p != null && example(p.toString()) != null) {
            return example(p.toString());
        }
        for (final String n : new String[] {"serving_input_example.json", "serving_input_payload.json"}) {
            if (example(n) != null) {
                return example(n);
            }
        }
        return null;
    }

    /** A regular file of that name inside the model directory, or null (out of it: null, never followed). */
    private Path example(final String rel) {
        try {
            final Path f = inside("artifact_path", rel);
            return Files.isRegularFile(f) ? f : null;
        } catch (final ModelFileException e) {
            return null;
        }
    }

    /**
     * Reads and parses an example JSON file of this model (a regular file of at most
     * {@link #MAX_EXAMPLE_BYTES}); the error names the file, line and column, never the content.
     */
    public static Object readJson(final Path f) throws ModelFileException {
        final String text = read(f, MAX_EXAMPLE_BYTES, "JSON example");
        try {
            return PyJson.loads(text);
        } catch (final JsonProcessingException e) {
            throw new ModelFileException(f + ": malformed JSON" + SignatureJson.located(e), e);
        }
    }
}
