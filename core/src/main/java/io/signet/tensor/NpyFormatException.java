package io.signet.tensor;

/** A malformed {@code .npy}/{@code .npz}: names the file (or entry) and the byte offset of the problem. */
public final class NpyFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long offset;

    public NpyFormatException(final String file, final long offset, final String problem) {
        super(file + ": byte " + offset + ": " + problem);
        this.file = file;
        this.offset = offset;
    }

    /** The file or archive entry name. */
    public String file() {
        return file;
    }

    /** The byte offset of the problem in the file (or entry). */
    public long offset() {
        return offset;
    }
}
