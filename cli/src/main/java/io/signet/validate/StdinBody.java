package io.signet.validate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/** PATH {@code -}: one request body read from standard input (JSON, or CSV with {@code --content-type text/csv}). */
final class StdinBody implements FileValidator {
    private final PayloadValidator payloads;
    private final InputStream in;
    private final String contentType;

    StdinBody(final PayloadValidator payloads, final InputStream in, final String contentType) {
        this.payloads = payloads;
        this.in = in;
        this.contentType = contentType;
    }

    @Override
    public boolean accepts(final Path file) {
        return file.equals(BatchRun.STDIN);
    }

    @Override
    public boolean needsFile() {
        return false;
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        try {
            payloads.validateBody(in, contentType, result);
        } catch (final IOException e) {
            result.unreadable(null, "cannot read standard input: " + e.getMessage());
        }
    }
}
