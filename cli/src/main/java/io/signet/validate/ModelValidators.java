package io.signet.validate;

import io.signet.json.Limits;
import io.signet.schema.ModelDirectory;
import io.signet.serving.ScoringServer;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;

/** The file validators for one model: the model's own input example, tensor files and scoring-server payloads. */
public final class ModelValidators {
    private ModelValidators() {
    }

    public static List<FileValidator> create(final ModelDirectory model, final ValidationOptions options) {
        return create(model, options, System.in, PayloadValidator.JSON);
    }

    /** As {@link #create(ModelDirectory, ValidationOptions)}, with PATH {@code -} read from {@code stdin} as {@code stdinType}. */
    public static List<FileValidator> create(final ModelDirectory model, final ValidationOptions options,
                                             final InputStream stdin, final String stdinType) {
        final ScoringServer server = new ScoringServer(model.signature(), options.profile(), options.mode, Limits.DEFAULT);
        final List<FileValidator> vs = new ArrayList<>();
        final PayloadValidator payloads = new PayloadValidator(server);
        vs.add(new StdinBody(payloads, stdin, stdinType));
        if (model.inputExample() != null) {
            vs.add(new InputExampleValidator(model, server));
        }
        vs.add(payloads);
        if (model.signature().inputs().isTensorSpec()) {
            vs.add(new TensorFileValidator(model.signature().inputs(), options));
        } else {
            vs.add(new ColumnSchemaTensorFiles());
        }
        return vs;
    }
}
