package io.signet.json;

/**
 * Per-thread reusable output memory of the JSON readers: a {@link TensorReader} and a growing set
 * of {@link DecodedTensor}s whose off-heap buffers only grow. After warm-up, decoding a request of
 * a size seen before allocates nothing off-heap and (almost) nothing on the heap.
 *
 * <p>Tensors handed out are valid until the same thread decodes its next request.
 */
public final class ReaderArena implements AutoCloseable {
    private static final ThreadLocal<ReaderArena> LOCAL = ThreadLocal.withInitial(ReaderArena::new);

    private final TensorReader reader = new TensorReader();
    private DecodedTensor[] tensors = new DecodedTensor[4];
    private io.signet.tensor.TensorView[] views = new io.signet.tensor.TensorView[4];
    private final io.signet.enforce.TensorViolations violations = new io.signet.enforce.TensorViolations(1);

    /** This thread's arena. */
    public static ReaderArena get() {
        return LOCAL.get();
    }

    public TensorReader reader() {
        return reader;
    }

    /** Tensor slot i (created on first use, then reused). */
    public DecodedTensor tensor(final int i) {
        if (i >= tensors.length) {
            final DecodedTensor[] n = new DecodedTensor[Math.max(i + 1, tensors.length * 2)];
            System.arraycopy(tensors, 0, n, 0, tensors.length);
            tensors = n;
        }
        DecodedTensor t = tensors[i];
        if (t == null) {
            t = new DecodedTensor();
            tensors[i] = t;
        }
        return t;
    }

    /** A reusable {@link io.signet.tensor.TensorView} flyweight for slot i. */
    public io.signet.tensor.TensorView view(final int i) {
        if (i >= views.length) {
            views = java.util.Arrays.copyOf(views, Math.max(i + 1, views.length * 2));
        }
        if (views[i] == null) {
            views[i] = new io.signet.tensor.TensorView();
        }
        return views[i];
    }

    private PayloadException deviation;

    /** Remembers the first deviation of the current request. */
    public void noteDeviation(final PayloadException e) {
        if (deviation == null) {
            deviation = e;
        }
    }

    /** The first deviation recorded since {@link #clearDeviation()}, or null. */
    public PayloadException deviation() {
        return deviation;
    }

    /** Replaces the recorded deviation (to re-locate it). */
    public void setDeviation(final PayloadException e) {
        deviation = e;
    }

    /** Forgets the recorded deviation (start of a request). */
    public void clearDeviation() {
        deviation = null;
    }

    /** This thread's reusable tensor violation collector (reset before use). */
    public io.signet.enforce.TensorViolations violations() {
        return violations;
    }

    /** Frees this arena's off-heap memory (the arena stays usable and re-allocates on demand). */
    @Override
    public void close() {
        for (final DecodedTensor t : tensors) {
            if (t != null) {
                t.close();
            }
        }
    }
}
