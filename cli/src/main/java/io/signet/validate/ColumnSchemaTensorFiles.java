package io.signet.validate;

import java.nio.file.Path;
import java.util.Locale;

/** {@code .npy}/{@code .npz} files given to a model with a column signature: reported, not guessed at. */
final class ColumnSchemaTensorFiles implements FileValidator {
    @Override
    public boolean accepts(final Path file) {
        final String n = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".npy") || n.endsWith(".npz");
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        result.unreadable(null, "tensor files are validated against tensor signatures; this model has a column "
            + "signature (send its data as .json payloads)");
    }
}
