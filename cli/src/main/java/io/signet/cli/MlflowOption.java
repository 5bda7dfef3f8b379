package io.signet.cli;

import io.signet.enforce.Profile;
import io.signet.schema.ModelDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --mlflow 2|3}: which MLflow generation's rules apply, core's {@link Profile} (2 = MLflow 2.17.2
 * on numpy 1.24 / pandas 1.5, 3 = MLflow 3.6 on numpy 2.3 / pandas 2.3). Parsed and resolved here
 * (defaults from the model's {@code mlflow_version} through {@link Profile#forMlflowVersion}).
 * {@code validate} enforces with that profile (a rule whose MLflow 3 branch core has not written yet
 * fails the file with core's "not yet" sentence); {@code infer} and {@code conformance} follow MLflow
 * 2.17.2's rules until their core entry points take a profile, and say so.
 */
final class MlflowOption {
    @Option(names = "--mlflow", paramLabel = "2|3", converter = Generation.class,
        description = "MLflow generation whose rules apply: 2 (MLflow 2.17.2 on numpy 1.24, pandas 1.5) or 3 "
            + "(MLflow 3.6 on numpy 2.3, pandas 2.3). Default: from the model's mlflow_version; 3 for a bare "
            + "signature JSON file.")
    Integer mlflow;

    /** Refuses anything but 2 and 3, naming the option. */
    static final class Generation implements CommandLine.ITypeConverter<Integer> {
        @Override
        public Integer convert(final String value) {
            if ("2".equals(value.trim()) || "3".equals(value.trim())) {
                return Integer.valueOf(value.trim());
            }
            throw new CommandLine.TypeConversionException("must be 2 or 3, not '" + value + "'");
        }
    }

    /** The generation asked for, else the model's (ARCH.md's defaults). */
    int resolve(final ModelDirectory md) {
        if (mlflow != null) {
            return mlflow;
        }
        if (md.mlmodelFile() == null) {
            return 3; // a bare signature JSON: written by a current MLflow
        }
        return forMlflowVersion(md.mlmodel().get("mlflow_version"));
    }

    /** {@link Profile#forMlflowVersion} as 2 or 3; no version, or one it cannot read, is 2 (today's rules). */
    static int forMlflowVersion(final Object version) {
        if (version == null) {
            return 2;
        }
        try {
            return Profile.forMlflowVersion(version.toString()) == Profile.MLFLOW_3 ? 3 : 2;
        } catch (final IllegalArgumentException e) {
            return 2;
        }
    }

    /** The generation as core's profile. */
    static Profile profile(final int generation) {
        return generation == 3 ? Profile.MLFLOW_3 : Profile.MLFLOW_2;
    }

    /** The stderr note of {@code infer} and {@code conformance} for an explicit {@code --mlflow 3} (null otherwise). */
    static String notYet(final Integer asked) {
        return asked != null && asked == 3 ? "--mlflow 3: this command follows MLflow 2.17.2's rules (its core entry "
            + "point takes no profile yet)" : null;
    }

    /** How {@code show} and reports name it: "MLflow 3 (from mlflow_version 3.6.1)". */
    String describe(final ModelDirectory md) {
        final int g = resolve(md);
        final String why = mlflow != null ? "--mlflow" : md.mlmodelFile() == null ? "bare signature JSON"
            : md.mlmodel().get("mlflow_version") == null ? "no mlflow_version" : "mlflow_version "
            + md.mlmodel().get("mlflow_version");
        return "MLflow " + g + " (from " + why + ")";
    }
}
