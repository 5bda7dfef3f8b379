package io.signet.cli;

import io.signet.enforce.Profile;
import io.signet.schema.ModelDirectory;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --mlflow 2|3}: which MLflow generation's rules apply, core's {@link Profile} (2 = MLflow 2.17.2
 * on numpy 1.24 / pandas 1.5, 3 = MLflow 3.6 on numpy 2.3 / pandas 2.3). Without the option the model
 * decides, by core's one rule ({@link ModelDirectory#open(Path, Profile)}): the major version of its
 * {@code mlflow_version}, MLflow 3 for a bare signature JSON file.
 */
final class MlflowOption {
    @Option(names = "--mlflow", paramLabel = "2|3", converter = Generation.class,
        description = "MLflow generation whose rules apply: 2 (MLflow 2.17.2 on numpy 1.24, pandas 1.5) or 3 "
            + "(MLflow 3.6 on numpy 2.3, pandas 2.3). Default: from the model's mlflow_version; 3 for a bare "
            + "signature JSON file.")
    Profile profile;

    /** Refuses anything but 2 and 3, naming the option. */
    static final class Generation implements CommandLine.ITypeConverter<Profile> {
        @Override
        public Profile convert(final String value) {
            switch (value.trim()) {
                case "2":
                    return Profile.MLFLOW_2;
                case "3":
                    return Profile.MLFLOW_3;
                default:
                    throw new CommandLine.TypeConversionException("must be 2 or 3, not '" + value + "'");
            }
        }
    }

    /** The model, read with the profile asked for or, without the option, the one it implies. */
    ModelDirectory open(final Path model) throws ModelDirectory.ModelFileException {
        return ModelDirectory.open(model, profile);
    }

    /** How {@code show} and reports name it: "MLflow 3.6 (numpy 2.3, pandas 2.3), from mlflow_version 3.6.1". */
    String describe(final ModelDirectory md) {
        return md.profile().describe() + ", from " + (profile != null ? "--mlflow" : md.profileReason());
    }
}
