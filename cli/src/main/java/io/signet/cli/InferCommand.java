package io.signet.cli;

import io.signet.enforce.Profile;
import io.signet.infer.SignatureInference;
import io.signet.schema.ModelSignature;
import io.signet.schema.SignatureException;
import io.signet.py.PyJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code signet infer PATH...}: MLflow's {@code infer_signature} for example files. */
@Command(name = "infer", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Infers a signature from example files as MLflow 2.17.2's infer_signature does.",
        "Prints to_dict() as JSON, or with --mlmodel the signature: block of an MLmodel file.",
        "",
        "What each file is to MLflow:",
        "  .npy   a numpy array: one unnamed tensor, dtype from the header, first dimension -1",
        "  .npz   a dict of arrays: one named tensor per entry",
        "  .json  a scoring payload {\"inputs\"|\"instances\"|\"dataframe_split\"|\"dataframe_records\": ...}",
        "         (with optional \"params\"), parsed as the scoring server parses it without a signature;",
        "         or an input example: {\"columns\": [...], \"data\": [...]} is a pandas DataFrame,",
        "         a list of lists is a numpy array, anything else (list of records, dict of values,",
        "         list of scalars, scalar) is given to infer_signature as the JSON value itself.",
        "",
        "Several PATHs: each file is inferred on its own (MLflow infers from one example) and all",
        "must give the same signature; otherwise the first file that differs is reported (exit 1).",
        "",
        "Exit codes: 0 inferred, 1 MLflow would refuse the example (its message is printed) or the",
        "files disagree, 2 usage error or a missing, unreadable or corrupt file."})
final class InferCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "PATH", description = "example files (.npy, .npz, .json)")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "a model output example (.npy, .npz, .json); "
        + "without it the signature has no outputs")
    Path output;

    @Option(names = "--params", paramLabel = "FILE.json", description = "a JSON dict of inference params "
        + "(default: the \"params\" of a scoring payload, if any)")
    Path params;

    @Option(names = "--mlmodel", description = "print the signature: block of an MLmodel file (YAML) instead of JSON")
    boolean mlmodel;

    @Option(names = "--mlflow", paramLabel = "2|3", converter = MlflowOption.Generation.class,
        description = "MLflow generation whose infer_signature to follow: 2 (2.17.2) or 3 (3.6) (default: ${DEFAULT-VALUE})")
    Profile mlflow = Profile.MLFLOW_2;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        if (mlflow == Profile.MLFLOW_3) {
            err.println("signet infer: --mlflow 3: this command follows MLflow 2.17.2's infer_signature (core's "
                + "SignatureInference takes no profile yet)");
        }
        final ModelSignature sig;
        try {
            sig = SignatureInference.inferFiles(paths, output, params);
        } catch (final IOException e) {
            err.println("signet infer: " + e.getMessage());
            err.flush();
            return 2;
        } catch (final SignatureException e) {
            err.println("signet infer: " + e.getMessage());
            err.flush();
            return 1;
        }
        if (mlmodel) {
            out.print(MlmodelYaml.signatureBlock(sig));
        } else {
            out.println(PyJson.dumps(sig.toDict()));
        }
        out.flush();
        return 0;
    }
}
