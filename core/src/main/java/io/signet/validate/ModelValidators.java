package io.signet.validate;

import io.signet.schema.ModelDirectory;

import java.util.ArrayList;
import java.util.List;

/** The file validators for one model: tensors files and scoring-server payloads. */
public final class ModelValidators {
    private ModelValidators() {
    }

    public static List<FileValidator> create(final ModelDirectory model, final ValidationOptions options) {
        final List<FileValidator> vs = new ArrayList<>();
        return vs;
    }
}
