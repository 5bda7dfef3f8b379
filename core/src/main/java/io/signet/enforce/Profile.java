package io.signet.enforce;

/**
 * Which MLflow Signet reproduces: the MLflow release plus the numpy and pandas generation it runs
 * on. Every entry point that enforces takes one; overloads without it mean {@link #MLFLOW_2}.
 *
 * <p>A rule that differs between versions is written once and asks its profile a question named
 * after the rule ({@link #anyType()}, {@link #legacyOptionalKeyRefused()}, ...); a profile never
 * brings a copy of a rule. docs/mlflow3-rules.md lists the rules (M1-M13, N).
 */
public enum Profile {
    /** MLflow 2.17.2 on numpy 1.24 / pandas 1.5 (the shared corpus' {@code mlflow} verdicts). */
    MLFLOW_2("2.17.2", "1.24", "1.5"),
    /** MLflow 3.6 on numpy 2.3 / pandas 2.3 (the corpus' {@code mlflow3} verdicts). */
    MLFLOW_3("3.6", "2.3", "2.3");

    private final String mlflow;
    private final String numpy;
    private final String pandas;

    Profile(final String mlflow, final String numpy, final String pandas) {
        this.mlflow = mlflow;
        this.numpy = numpy;
        this.pandas = pandas;
    }

    /**
     * The profile of a model written by that MLflow version ({@code mlflow_version} in MLmodel):
     * major below 3 is {@link #MLFLOW_2}, 3 and above {@link #MLFLOW_3}.
     *
     * @throws IllegalArgumentException when the text does not start with a major version number
     */
    public static Profile forMlflowVersion(final String version) {
        if (version == null) {
            throw new IllegalArgumentException("no MLflow version");
        }
        final String v = version.strip();
        int end = 0;
        while (end < v.length() && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0 || end > 9 || end < v.length() && v.charAt(end) != '.') {
            throw new IllegalArgumentException("not an MLflow version: '"
                + (v.length() > 40 ? v.substring(0, 40) + "...'" : v + "'"));
        }
        return Integer.parseInt(v.substring(0, end)) < 3 ? MLFLOW_2 : MLFLOW_3;
    }

    /** The MLflow release reproduced ({@code 2.17.2}, {@code 3.6}). */
    public String mlflowVersion() {
        return mlflow;
    }

    /** The numpy generation reproduced ({@code 1.24}, {@code 2.3}). */
    public String numpyVersion() {
        return numpy;
    }

    /** The pandas generation reproduced ({@code 1.5}, {@code 2.3}). */
    public String pandasVersion() {
        return pandas;
    }

    /** "MLflow 3.6 (numpy 2.3, pandas 2.3)". */
    public String describe() {
        return "MLflow " + mlflow + " (numpy " + numpy + ", pandas " + pandas + ")";
    }

    // ------------------------------------------------------------------ the rules that differ

    /** M1: columns, Array items, Map values and Object properties of type {@code any} exist and are never checked. */
    public boolean anyType() {
        return this == MLFLOW_3;
    }

    /** M2: the legacy ColSpec {@code optional} key (MLflow 2.4-2.9) makes a scalar column's signature fail to load. */
    public boolean legacyOptionalKeyRefused() {
        return this == MLFLOW_3;
    }

    /** M3: a ColSpec whose {@code required} is absent or null is optional for array, object, map, vector and any columns. */
    public boolean requiredAbsentMeansOptional() {
        return this == MLFLOW_3;
    }
}
