package io.signet.mlflow;

import com.fasterxml.jackson.core.JsonParser;
import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Json;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.internal.json.TensorReader;
import io.signet.py.PyJson;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.py.NdArray;
import io.signet.internal.tensor.NpScalar;
import io.signet.internal.json.Deviations;
import io.signet.py.Numpy;
import io.signet.py.PyError;
import io.signet.internal.tensor.NpCast;

import java.util.List;

/**
 * numpy's {@code np.array(data)} and {@code np.array(data, dtype)} as the scoring server meets them:
 * the value model's ({@link Numpy}, whose casts are the one table the hot path's reader uses too).
 * Failures are 400 BAD_REQUEST at the JSON pointer of the value (the element a cast refused); what a
 * cast did silently goes to the request's {@link Deviations}, located the same way.
 */
final class ServingNumpy {
    private ServingNumpy() {
    }

    /** {@code np.array(data)} ({@link Numpy#array}); ragged nesting is numpy's ValueError as a 400. */
    static NdArray infer(final Object data, final String pointer) {
        try {
            return Numpy.array(data);
        } catch (final PyError e) {
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), pointer);
        }
    }

    /** {@code np.array(data, dtype)} as numpy 1.24 casts (ints past the range wrap: a deviation). */
    static NdArray cast(final Object data, final DType dtype, final String pointer, final boolean strict,
                        final Limits limits, final Deviations dev) {
        return cast(data, dtype, pointer, strict, limits, dev, false);
    }

    /**
     * {@code np.array(data, dtype)}; object dtype (and dtypes numpy's cast table does not cover) keeps
     * the values. Signet's strict mode also notes truncated fractions. {@code intOverflowRaises}: Python
     * numbers past an integer dtype's range are numpy 2's OverflowError, where numpy 1.24 wrapped them
     * (the callers ask their profile, and pass false for an int64 / float64 column's C cast).
     */
    static NdArray cast(final Object data, final DType dtype, final String pointer, final boolean strict,
                        final Limits limits, final Deviations dev, final boolean intOverflowRaises) {
        if (dtype.kind() == DType.Kind.OBJECT || !(TensorReader.supports(dtype) || unitless(dtype))) {
            final NdArray a = Numpy.objectArray(data);
            return NdArray.of(dtype.kind() == DType.Kind.OBJECT ? DType.OBJECT : dtype, a.shape(), a.elements());
        }
        final long leaves = leafCount(data);
        if (leaves > limits.maxElementsPerTensor()) {
            throw PayloadException.badRequest("Payload exceeds limit maxElementsPerTensor=" + limits.maxElementsPerTensor(),
                pointer + pointerOf(data, limits.maxElementsPerTensor()));
        }
        final NpCast.Facts facts = new NpCast.Facts().noteTruncation(strict).intOverflowRaises(intOverflowRaises).at(-1);
        final NdArray a;
        try {
            a = Numpy.array(data, dtype, facts);
        } catch (final PyError e) {
            // located at the element a cast refused, or at the sequence that made the nesting ragged
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(),
                facts.current() >= 0 ? pointer + pointerOf(data, facts.current()) : pointer + pointerOf(e.at()));
        }
        if (dtype.kind() == DType.Kind.FLOAT && dtype.itemSize() < 8) {
            // what a float32 / float16 array holds (1e39 is inf), as the hot path's memory does
            final Object[] el = a.elements();
            for (int i = 0; i < el.length; i++) {
                el[i] = NpCast.rounded((Double) el[i], dtype);
            }
        }
        if (facts.event() != NpCast.Facts.NONE) {
            dev.note(new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. " + facts.sentence(),
                pointer + pointerOf(data, facts.index()), -1, -1, -1, facts.deviation()));
        }
        return a;
    }

    /** datetime64 / timedelta64 without a unit: numpy takes the unit from the strings. */
    private static boolean unitless(final DType d) {
        return (d.kind() == DType.Kind.DATETIME || d.kind() == DType.Kind.TIMEDELTA)
            && (d.unit() == null || d.unit().isEmpty());
    }

    private static String pointerOf(final int[] at) {
        final StringBuilder sb = new StringBuilder();
        for (final int i : at) {
            sb.append('/').append(i);
        }
        return sb.toString();
    }

    /** The leaves of nested lists (a scalar is one). */
    private static long leafCount(final Object data) {
        if (!(data instanceof List)) {
            return 1;
        }
        long n = 0;
        for (final Object x : (List<?>) data) {
            n += leafCount(x);
        }
        return n;
    }

    /** The JSON pointer, below the value, of its {@code index}-th leaf in C order ({@code /1/0}; empty for a scalar). */
    static String pointerOf(final Object data, final long index) {
        final StringBuilder sb = new StringBuilder();
        Object node = data;
        long i = index;
        while (node instanceof List) {
            final List<?> l = (List<?>) node;
            int k = 0;
            for (; k < l.size() - 1; k++) {
                final long c = leafCount(l.get(k));
                if (i < c) {
                    break;
                }
                i -= c;
            }
            if (l.isEmpty()) {
                break;
            }
            sb.append('/').append(k);
            node = l.get(k);
        }
        return sb.toString();
    }
}
