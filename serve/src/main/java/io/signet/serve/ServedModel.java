package io.signet.serve;

import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;

import java.nio.file.Path;

/**
 * One model as the server sees it: its name (KServe v2), its signature (null: logged without one,
 * nothing is enforced), the MLflow version it was logged with, and its compiled scorer. Immutable
 * and shared by every worker.
 */
public final class ServedModel implements AutoCloseable {
    private final String name;
    private final ModelSignature signature;
    private final String mlflowVersion;
    private final Profile profile;
    private final Scorer scorer;
    private final V2Protocol v2;

    /** A model served with MLflow 2.17.2's rules. */
    public ServedModel(final String name, final ModelSignature signature, final String mlflowVersion,
                       final Limits limits) {
        this(name, signature, mlflowVersion, Profile.MLFLOW_2, limits);
    }

    /** A model served with the profile's rules. */
    public ServedModel(final String name, final ModelSignature signature, final String mlflowVersion,
                       final Profile profile, final Limits limits) {
        this.name = name;
        this.signature = signature;
        this.mlflowVersion = mlflowVersion;
        this.profile = profile;
        this.scorer = new Scorer(signature, profile, limits);
        this.v2 = new V2Protocol(name, signature, profile, limits);
    }

    /**
     * Reads a model directory (or MLmodel file, or signature JSON); the name defaults to the directory's,
     * the rules are the ones the model implies ({@link ModelDirectory#profile()}).
     */
    public static ServedModel open(final Path dir, final String name, final Limits limits)
        throws ModelDirectory.ModelFileException {
        return open(dir, name, limits, null);
    }

    /** As {@link #open(Path, String, Limits)} with the given profile's rules (null: the model's). */
    public static ServedModel open(final Path dir, final String name, final Limits limits, final Profile asked)
        throws ModelDirectory.ModelFileException {
        final ModelDirectory md = ModelDirectory.open(dir, asked);
        final Object v = md.mlmodel().get("mlflow_version");
        final Path abs = dir.toAbsolutePath().normalize();
        final String dirName = abs.getFileName() == null ? "model" : abs.getFileName().toString();
        final String n = name != null ? name
            : md.mlmodelFile() != null && !java.nio.file.Files.isDirectory(abs) ? stripExtension(dirName) : dirName;
        return new ServedModel(n, md.signature(), v == null ? null : String.valueOf(v), md.profile(), limits);
    }

    private static String stripExtension(final String f) {
        final int dot = f.lastIndexOf('.');
        return dot > 0 ? f.substring(0, dot) : f;
    }

    public String name() {
        return name;
    }

    public ModelSignature signature() {
        return signature;
    }

    /** Whose rules this model is served with. */
    public Profile profile() {
        return profile;
    }

    /** The {@code mlflow_version} of the MLmodel file (null when it has none). */
    public String mlflowVersion() {
        return mlflowVersion;
    }

    Scorer scorer() {
        return scorer;
    }

    V2Protocol v2() {
        return v2;
    }

    @Override
    public void close() {
        scorer.close();
        v2.close();
    }
}
