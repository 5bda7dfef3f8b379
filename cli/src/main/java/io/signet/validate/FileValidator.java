package io.signet.validate;

import java.nio.file.Path;

/** Validates one kind of file against a compiled model. Implementations are thread-safe. */
public interface FileValidator {
    /** True when this validator reads files of that name ({@code .npy}, {@code .json}, ...). */
    boolean accepts(Path file);

    /**
     * Whether the path must be an existing, readable regular file before {@link #validate} is called
     * (false for standard input, and for entries the directory walk reports without reading).
     */
    default boolean needsFile() {
        return true;
    }

    /** Validates the file into {@code result}; never throws for bad data, only records it. */
    void validate(Path file, FileResult result);
}
