package io.signet.mlflow;

import com.fasterxml.jackson.core.JsonParser;
import io.signet.internal.json.DecodedTensor;
import io.signet.internal.json.Json;
import io.signet.json.Limits;
import io.signet.json.PayloadException;
import io.signet.json.TensorReader;
import io.signet.py.PyJson;
import io.signet.py.PyRepr;
import io.signet.tensor.DType;
import io.signet.py.NdArray;
import io.signet.internal.tensor.NpScalar;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * numpy's {@code np.array(data)} and {@code np.array(data, dtype)} as the scoring server meets them:
 * discovery by {@link io.signet.py.Numpy}, casts to a fixed-width dtype by the hot path's own
 * {@link TensorReader} re-reading the values, so that both paths cast a body alike. Failures are
 * 400 BAD_REQUEST at the value's JSON pointer; silent wraps go to the request's Deviations.
 */
final class ServingNumpy {
    /** Longest Python float repr ({@code -2.2250738585072014e-308}), with room to spare. */
    private static final int REPR_MAX = 32;

    private ServingNumpy() {
    }

    /** {@code np.array(data)} ({@link io.signet.py.Numpy#array}); ragged nesting is numpy's ValueError as a 400. */
    static NdArray infer(final Object data, final String pointer) {
        try {
            return io.signet.py.Numpy.array(data);
        } catch (io.signet.py.PyError e) {
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), pointer);
        }
    }

    /**
     * {@code np.array(data, dtype)} through the streaming tensor reader, so the cold path casts
     * exactly as the hot path does. Object dtype keeps the values.
     */
    static NdArray cast(final Object data, final DType dtype, final String pointer, final boolean strict,
                        final Limits limits, final io.signet.internal.json.Deviations dev) {
        return cast(data, dtype, pointer, strict, limits, dev, false);
    }

    /**
     * As {@link #cast(Object, DType, String, boolean, Limits, io.signet.internal.json.Deviations)};
     * {@code intOverflowRaises}: Python numbers past an integer dtype's range are numpy 2's OverflowError
     * (M9), where numpy 1.24 wrapped them (and an int64 / float64 column's C cast still does).
     */
    static NdArray cast(final Object data, final DType dtype, final String pointer, final boolean strict,
                        final Limits limits, final io.signet.internal.json.Deviations dev, final boolean intOverflowRaises) {
        if ((dtype.kind() == DType.Kind.DATETIME || dtype.kind() == DType.Kind.TIMEDELTA)
            && (dtype.unit() == null || dtype.unit().isEmpty())) {
            // generic datetime64: numpy needs a unit for integers; strings carry their own unit
            final NdArray a = inferObject(data, pointer);
            for (final Object v : a.elements()) {
                if (v instanceof Long || v instanceof Boolean || v instanceof java.math.BigInteger) {
                    throw PayloadException.badRequest("Invalid input. Converting an integer to a NumPy "
                        + (dtype.kind() == DType.Kind.DATETIME ? "datetime" : "timedelta") + " requires a specified unit",
                        pointer);
                }
            }
            final DType withUnit = dtype.kind() == DType.Kind.DATETIME ? DType.datetime64("s") : DType.timedelta64("s");
            return cast(data, withUnit, pointer, strict, limits, dev, intOverflowRaises);
        }
        if (dtype.kind() == DType.Kind.BYTES) {
            // bytes values (a binary column's cells, base64-decoded or encoded): np.array keeps them as they are
            final NdArray a = inferObject(data, pointer);
            int longest = 0;
            boolean allBytes = a.elements().length > 0;
            for (final Object v : a.elements()) {
                allBytes &= v instanceof byte[];
                longest = v instanceof byte[] ? Math.max(longest, ((byte[]) v).length) : longest;
            }
            if (allBytes) {
                return NdArray.of(DType.bytes(Math.max(1, longest)), a.shape(), a.elements());
            }
        }
        if (dtype.kind() == DType.Kind.OBJECT || !TensorReader.supports(dtype)) {
            final NdArray a = inferObject(data, pointer);
            return NdArray.of(dtype.kind() == DType.Kind.OBJECT ? DType.OBJECT : dtype, a.shape(), a.elements());
        }
        final String json = PyJson.dumps(data);
        // the payload's numbers were checked against maxNumberLength as sent; their Python reprs
        // (1e5 -> 100000.0) may be longer, so the re-read of Signet's own text must not refuse them
        try (DecodedTensor t = new DecodedTensor();
             JsonParser p = Json.factory(limits.withMaxNumberLength(Math.max(limits.maxNumberLength(), REPR_MAX)))
                 .createParser(json)) {
            p.nextToken();
            final PayloadException before = dev.first();
            new TensorReader(dev).read(p, dtype, t, strict, limits, false, intOverflowRaises);
            final PayloadException noted = dev.first();
            if (noted != null && noted != before) {
                final String inner = noted.pointer() == null ? "" : noted.pointer();
                dev.replace(new PayloadException(noted.status(), noted.errorCode(), noted.getMessage(),
                    pointer + inner, -1, -1, -1, noted.deviation()));
            }
            final NdArray r = NdArray.of(t.dtype(), t.shape(), copyOut(t));
            return r;
        } catch (PayloadException e) {
            final String inner = e.pointer() == null ? "" : e.pointer();
            throw new PayloadException(e.status(), e.errorCode(), e.getMessage(), pointer + inner, -1, -1, -1,
                e.deviation());
        } catch (IOException e) {
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), pointer);
        }
    }

    /** {@code np.array(data, dtype=object)} ({@link io.signet.py.Numpy#objectArray}). */
    static NdArray inferObject(final Object data, final String pointer) {
        return io.signet.py.Numpy.objectArray(data);
    }

    /** The elements of a decoded tensor as Java values of the value model. */
    static Object[] copyOut(final DecodedTensor t) {
        final int n = (int) t.size();
        final Object[] r = new Object[n];
        final DType d = t.declaredDtype();
        for (int i = 0; i < n; i++) {
            switch (d.kind()) {
                case BOOL:
                    r[i] = t.getLong(i) != 0;
                    break;
                case INT:
                case UINT:
                case DATETIME:
                case TIMEDELTA:
                    r[i] = t.getLong(i);
                    break;
                case FLOAT:
                    r[i] = t.getDouble(i);
                    break;
                case STR:
                    r[i] = t.getString(i);
                    break;
                case BYTES:
                    r[i] = t.getString(i).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
                    break;
                default:
                    r[i] = null;
            }
        }
        return r;
    }
}
