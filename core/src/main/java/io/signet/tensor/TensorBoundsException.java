package io.signet.tensor;

/**
 * A view, header or file that would make Signet read outside the memory that holds it. Thrown
 * before any element is read: such memory is rejected, never touched.
 */
public final class TensorBoundsException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /** An index, shape or stride outside the memory a view covers. */
    public TensorBoundsException(final String message) {
        super(message);
    }
}
