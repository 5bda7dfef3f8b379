package io.signet.serving;

import com.fasterxml.jackson.core.JsonParser;
import io.signet.enforce.Mode;
import io.signet.json.DecodedTensor;
import io.signet.json.Json;
import io.signet.json.Limits;
import io.signet.json.PayloadException;
import io.signet.json.TensorReader;
import io.signet.schema.PyJson;
import io.signet.schema.PyRepr;
import io.signet.tensor.DType;
import io.signet.tensor.NpScalar;

import java.io.IOException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** numpy's {@code np.array(data)} and {@code np.array(data, dtype)} on Java values (cold path). */
final class Numpy {
    /** Longest Python float repr ({@code -2.2250738585072014e-308}), with room to spare. */
    private static final int REPR_MAX = 32;

    private Numpy() {
    }

    /** {@code np.array(data)} ({@link io.signet.py.Numpy#array}); ragged nesting is numpy's ValueError as a 400. */
    static NdArray infer(final Object data, final String pointer) {
        try {
            return NdArray.of(io.signet.py.Numpy.array(NdArray.toPy(data)));
        } catch (io.signet.py.PyError e) {
            throw PayloadException.badRequest("Invalid input. " + e.getMessage(), pointer);
        }
    }

    /**
     * {@code np.array(data, dtype)} through the streaming tensor reader, so the cold path casts
     * exactly as the hot path does. Object dtype keeps the values.
     */
    static NdArray cast(final Object data, final DType dtype, final String pointer, final Mode mode,
                        final Limits limits, final io.signet.json.Deviations dev) {
        if ((dtype.kind() == DType.Kind.DATETIME || dtype.kind() == DType.Kind.TIMEDELTA)
            && (dtype.unit() == null || dtype.unit().isEmpty())) {
            // generic datetime64: numpy needs a unit for integers; strings carry their own unit
            final NdArray a = inferObject(data, pointer);
            for (final Object v : a.flat) {
                if (v instanceof Long || v instanceof Boolean || v instanceof java.math.BigInteger) {
                    throw PayloadException.badRequest("Invalid input. Converting an integer to a NumPy "
                        + (dtype.kind() == DType.Kind.DATETIME ? "datetime" : "timedelta") + " requires a specified unit",
                        pointer);
                }
            }
            final DType withUnit = dtype.kind() == DType.Kind.DATETIME ? DType.datetime64("s") : DType.timedelta64("s");
            return cast(data, withUnit, pointer, mode, limits, dev);
        }
        if (dtype.kind() == DType.Kind.BYTES) {
            // bytes values (a binary column's cells, base64-decoded or encoded): np.array keeps them as they are
            final NdArray a = inferObject(data, pointer);
            int longest = 0;
            boolean allBytes = a.flat.length > 0;
            for (final Object v : a.flat) {
                allBytes &= v instanceof byte[];
                longest = v instanceof byte[] ? Math.max(longest, ((byte[]) v).length) : longest;
            }
            if (allBytes) {
                return new NdArray(DType.bytes(Math.max(1, longest)), a.shape, a.flat);
            }
        }
        if (dtype.kind() == DType.Kind.OBJECT || !TensorReader.supports(dtype)) {
            final NdArray a = inferObject(data, pointer);
            return new NdArray(dtype.kind() == DType.Kind.OBJECT ? DType.OBJECT : dtype, a.shape, a.flat);
        }
        final String json = PyJson.dumps(data);
        // the payload's numbers were checked against maxNumberLength as sent; their Python reprs
        // (1e5 -> 100000.0) may be longer, so the re-read of Signet's own text must not refuse them
        try (DecodedTensor t = new DecodedTensor();
             JsonParser p = Json.factory(limits.withMaxNumberLength(Math.max(limits.maxNumberLength(), REPR_MAX)))
                 .createParser(json)) {
            p.nextToken();
            final PayloadException before = dev.first();
            new TensorReader(dev).read(p, dtype, t, mode == Mode.STRICT, limits);
            final PayloadException noted = dev.first();
            if (noted != null && noted != before) {
                final String inner = noted.pointer() == null ? "" : noted.pointer();
                dev.replace(new PayloadException(noted.status(), noted.errorCode(), noted.getMessage(),
                    pointer + inner, -1, -1, -1, noted.deviation()));
            }
            final NdArray r = new NdArray(t.dtype(), t.shape(), NdArray.copyOut(t));
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
        return NdArray.of(io.signet.py.Numpy.objectArray(data));
    }

    /** {@code np.array(values)} for the Java values MLflow's enforcers return (numpy scalars kept as numpy sees them). */
    static NdArray inferObjectOrArray(final Object data, final String pointer) {
        return infer(data, pointer);
    }

    /** {@code np.array(list_of_converted_values)} for row-format {@code instances}. */
    static NdArray stack(final List<Object> items, final String pointer) {
        return infer(items, pointer);
    }

    /** {@code np.isscalar(v)} for Java values. */
    static boolean isScalar(final Object v) {
        return io.signet.py.Py.isScalar(v);
    }

    /** Python's {@code str(type(v))}: {@code <class 'list'>}, {@code <class 'numpy.ndarray'>}. */
    static String typeRepr(final Object v) {
        if (v instanceof Frame) {
            return "<class 'pandas.core.frame.DataFrame'>";
        }
        return io.signet.enforce.TensorSchemaEnforcer.pyClass(v);
    }
}
