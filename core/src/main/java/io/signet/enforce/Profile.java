package io.signet.enforce;

/**
 * Which MLflow Signet reproduces: the MLflow release plus the numpy and pandas generation it runs
 * on. Every entry point that enforces takes one; overloads without it mean {@link #MLFLOW_2}.
 *
 * <p>A rule that differs between versions is written once in the rule book ({@code io.signet.mlflow})
 * and asks its profile a question named after the rule ({@link #optionalReachesNested()}, ...). A
 * profile adds behaviour by answering such questions; it never brings a copy of a rule. Where a
 * question is answered {@code true} but the rule's branch is not written yet, the rule throws
 * {@link UnsupportedOperationException} naming the question (see {@link #notYet(String)}), never a
 * silent MLflow 2 answer.
 */
public enum Profile {
    /** MLflow 2.17.2 on numpy 1.24 / pandas 1.5 (the shared corpus' verdicts). */
    MLFLOW_2("2.17.2", "1.24", "1.5"),
    /** MLflow 3.6 on numpy 2.3 / pandas 2.3. */
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
        while (end < v.length() && end < 9 && Character.isDigit(v.charAt(end))) {
            end++;
        }
        if (end == 0 || end < v.length() && v.charAt(end) != '.' && !Character.isLetter(v.charAt(end))) {
            throw new IllegalArgumentException("not an MLflow version: "
                + (v.length() > 40 ? v.substring(0, 40) + "..." : v));
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

    /** The failure of a rule whose branch for this profile's answer is not written yet. */
    public UnsupportedOperationException notYet(final String question) {
        return new UnsupportedOperationException("not yet: " + question + " for MLflow " + mlflow);
    }

    // ------------------------------------------------------------------ the rules that differ

    /** {@code optional} (not required) reaches nested values: optional properties, objects, maps and arrays accept None. */
    public boolean optionalReachesNested() {
        return this == MLFLOW_3;
    }

    /** A ColSpec whose {@code required} is absent or null is optional for array, object, map, vector and any columns. */
    public boolean requiredAbsentMeansOptional() {
        return this == MLFLOW_3;
    }

    /** The legacy ColSpec {@code optional} key (MLflow 2.4-2.9) makes the signature fail to load. */
    public boolean legacyOptionalKeyRefused() {
        return this == MLFLOW_3;
    }

    /** Columns of type {@code any} exist and are never checked (CSV into one is a 400). */
    public boolean anyType() {
        return this == MLFLOW_3;
    }

    /** Array leaves are judged as one pandas Series, not element by element. */
    public boolean arrayLeavesAsOneSeries() {
        return this == MLFLOW_3;
    }

    /** The JSON body is parsed from bytes, so a UTF-8 byte order mark is accepted. */
    public boolean bodyBomAccepted() {
        return this == MLFLOW_3;
    }

    /** Params of type {@code object} (with properties) exist. */
    public boolean objectParams() {
        return this == MLFLOW_3;
    }

    /** Every param conversion error is {@code INVALID_PARAMETER_VALUE}. */
    public boolean paramErrorsAreInvalidParameterValue() {
        return this == MLFLOW_3;
    }

    /** numpy raises on a Python int out of the target integer range instead of wrapping it (numpy 2). */
    public boolean numpyRaisesOnIntOverflow() {
        return this == MLFLOW_3;
    }

    /** pandas refuses tz-aware datetime strings in {@code astype('datetime64[ns]')} (pandas 2). */
    public boolean pandasRefusesAwareDatetimeStrings() {
        return this == MLFLOW_3;
    }

    /**
     * M11: pandas has {@code DataFrame.map} (2.1+), so {@code pdf[label].map(f)} of a repeated label maps
     * every cell of the sub-frame where pandas 1.5 raised AttributeError.
     */
    public boolean dataFrameMapExists() {
        return this == MLFLOW_3;
    }

    /** N: the most dimensions numpy builds an array of ({@code NPY_MAXDIMS}: 32 in numpy 1.24, 64 in numpy 2). */
    public int numpyMaxDims() {
        return this == MLFLOW_3 ? 64 : 32;
    }

    /** N: numpy 2 casts a str array to bool by each string's truth (non-empty); numpy 1.24 read it with int(). */
    public boolean strToBoolIsTruth() {
        return this == MLFLOW_3;
    }

    /**
     * N: pandas 2's {@code astype} keeps a datetime64 / timedelta64 unit of s, ms, us or ns (other datetime
     * units are its ValueError, other timedelta units become s); pandas 1.5 always made ns.
     */
    public boolean pandasKeepsTimeUnit() {
        return this == MLFLOW_3;
    }

    /** The missing-inputs sentence ends with a period after the extra inputs list. */
    public boolean extraInputsSentenceEndsWithPeriod() {
        return this == MLFLOW_3;
    }

    /** pandas' {@code read_csv} counts "None" among its default NA spellings (pandas 2). */
    public boolean pandasReadsNoneAsMissing() {
        return this == MLFLOW_3;
    }

    /** numpy's bool scalar class is {@code numpy.bool} ({@code numpy.bool_} before numpy 2), as messages print it. */
    public boolean numpyBoolIsNamedBool() {
        return this == MLFLOW_3;
    }

    /** pandas' {@code to_datetime} TypeError for a cell it cannot convert ends with {@code , at position N} (pandas 2). */
    public boolean pandasDatetimeErrorsNamePosition() {
        return this == MLFLOW_3;
    }
}
