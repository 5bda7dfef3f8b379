package io.signet.cli;

import io.signet.schema.ModelDirectory;

/** Sentences about a model that every command words the same way. */
final class Models {
    private Models() {
    }

    /** The model as the user knows it: its MLmodel file, else the signature file's folder. */
    static String name(final ModelDirectory md) {
        return String.valueOf(md.mlmodelFile() != null ? md.mlmodelFile() : md.root());
    }

    /** A model without a signature, as {@code show} and {@code validate} both report it (null when it has one). */
    static String noSignature(final ModelDirectory md) {
        if (md.signature() == null) {
            return name(md) + ": no signature: MLflow enforces nothing for this model";
        }
        if (md.signature().inputs() == null) {
            return name(md) + ": no input signature: MLflow enforces nothing on this model's inputs";
        }
        return null;
    }
}
