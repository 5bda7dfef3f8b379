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

    /** {@code np.array(data)} with numpy's dtype inference; ragged nesting is numpy's ValueError. */
    static NdArray infer(final Object data, final String pointer) {
        final List<Long> shape = new ArrayList<>();
        discover(data, 0, shape, new int[]{Integer.MAX_VALUE}, pointer);
        final long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i);
        }
        final List<Object> flat = new ArrayList<>();
        flatten(data, 0, s.length, flat);
        final Object[] f = flat.toArray();
        final DType dt = inferDtype(f);
        if (dt.kind() == DType.Kind.STR) {
            int max = 1;
            for (int i = 0; i < f.length; i++) {
                f[i] = PyRepr.str(f[i]);
                max = Math.max(max, ((String) f[i]).codePointCount(0, ((String) f[i]).length()));
            }
            return new NdArray(DType.unicode(max), s, f);
        }
        if (dt.kind() == DType.Kind.FLOAT) {
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i] instanceof Boolean ? ((Boolean) f[i] ? 1.0 : 0.0) : ((Number) f[i]).doubleValue();
            }
        } else if (dt.kind() == DType.Kind.INT) {
            for (int i = 0; i < f.length; i++) {
                f[i] = f[i] instanceof Boolean ? ((Boolean) f[i] ? 1L : 0L) : ((Number) f[i]).longValue();
            }
        }
        return new NdArray(dt, s, f);
    }

    private static void discover(final Object v, final int depth, final List<Long> shape, final int[] maxDepth,
                                 final String pointer) {
        if (v instanceof List) {
            final List<?> l = (List<?>) v;
            if (depth >= maxDepth[0]) {
                throw ragged(depth, shape, pointer);
            }
            if (shape.size() <= depth) {
                if (shape.size() < depth) {
                    throw ragged(depth, shape, pointer);
                }
                shape.add((long) l.size());
            } else if (shape.get(depth) != l.size()) {
                throw ragged(depth, shape, pointer);
            }
            if (l.isEmpty()) {
                if (maxDepth[0] == Integer.MAX_VALUE) {
                    // an empty list fixes the depth only if nothing deeper was seen
                    if (shape.size() > depth + 1) {
                        throw ragged(depth + 1, shape, pointer);
                    }
                    maxDepth[0] = depth + 1;
                } else if (maxDepth[0] != depth + 1) {
                    throw ragged(depth + 1, shape, pointer);
                }
            }
            for (final Object x : l) {
                discover(x, depth + 1, shape, maxDepth, pointer);
            }
        } else {
            if (maxDepth[0] == Integer.MAX_VALUE) {
                if (shape.size() > depth) {
                    throw ragged(depth, shape, pointer);
                }
                maxDepth[0] = depth;
            } else if (maxDepth[0] != depth) {
                throw ragged(Math.min(depth, maxDepth[0]), shape, pointer);
            }
        }
    }

    static PayloadException ragged(final int after, final List<Long> shape, final String pointer) {
        final int n = Math.max(1, Math.min(after, shape.size()));
        final StringBuilder sb = new StringBuilder("Invalid input. setting an array element with a sequence. The "
            + "requested array has an inhomogeneous shape after " + n + " dimensions. The detected shape was (");
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(i < shape.size() ? shape.get(i) : 0);
        }
        if (n == 1) {
            sb.append(',');
        }
        sb.append(") + inhomogeneous part.");
        return PayloadException.badRequest(sb.toString(), pointer);
    }

    private static void flatten(final Object v, final int depth, final int rank, final List<Object> out) {
        if (depth < rank) {
            for (final Object x : (List<?>) v) {
                flatten(x, depth + 1, rank, out);
            }
        } else {
            out.add(v);
        }
    }

    static DType inferDtype(final Object[] f) {
        boolean allBool = true;
        boolean anyFloat = false;
        boolean anyStr = false;
        boolean anyObj = false;
        for (final Object v : f) {
            if (v instanceof Boolean) {
                continue;
            }
            allBool = false;
            if (v instanceof Long || v instanceof Integer) {
                continue;
            }
            if (v instanceof Double) {
                anyFloat = true;
            } else if (v instanceof String) {
                anyStr = true;
            } else {
                anyObj = true; // None, dict, huge ints, bytes
            }
        }
        if (f.length == 0) {
            return DType.FLOAT64;
        }
        if (anyObj) {
            return DType.OBJECT;
        }
        if (anyStr) {
            return DType.STR;
        }
        if (allBool) {
            return DType.BOOL;
        }
        return anyFloat ? DType.FLOAT64 : DType.INT64;
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

    /** {@code np.array(data, dtype=object)}: ragged nesting allowed (becomes a 1-D object array). */
    static NdArray inferObject(final Object data, final String pointer) {
        // numpy with dtype=object keeps the longest shape prefix on which every sequence agrees
        final List<Long> shape = new ArrayList<>();
        List<Object> level = new ArrayList<>();
        level.add(data);
        for (;;) {
            if (level.isEmpty() && !shape.isEmpty()) {
                break;
            }
            int n = -1;
            boolean all = true;
            for (final Object x : level) {
                if (!(x instanceof List) || (n >= 0 && ((List<?>) x).size() != n)) {
                    all = false;
                    break;
                }
                n = ((List<?>) x).size();
            }
            if (!all || level.isEmpty()) {
                break;
            }
            shape.add((long) n);
            final List<Object> next = new ArrayList<>();
            for (final Object x : level) {
                next.addAll((List<?>) x);
            }
            level = next;
            if (n == 0) {
                break;
            }
        }
        final long[] s = new long[shape.size()];
        for (int i = 0; i < s.length; i++) {
            s[i] = shape.get(i);
        }
        return new NdArray(DType.OBJECT, s, level.toArray());
    }



    /** {@code np.array(values)} for the Java values MLflow's enforcers return (numpy scalars unwrapped). */
    static NdArray inferObjectOrArray(final Object data, final String pointer) {
        return infer(unwrapAll(data), pointer);
    }

    private static Object unwrapAll(final Object v) {
        if (v instanceof NpScalar) {
            return ((NpScalar) v).value();
        }
        if (v instanceof List) {
            final List<Object> r = new ArrayList<>();
            for (final Object x : (List<?>) v) {
                r.add(unwrapAll(x));
            }
            return r;
        }
        return v;
    }

    /** {@code np.array(list_of_converted_values)} for row-format {@code instances}. */
    static NdArray stack(final List<Object> items, final String pointer) {
        boolean allArrays = !items.isEmpty();
        boolean allScalars = !items.isEmpty();
        for (final Object x : items) {
            allArrays &= x instanceof NdArray;
            allScalars &= x instanceof NpScalar;
        }
        if (allArrays) {
            final NdArray first = (NdArray) items.get(0);
            DType dt = first.dtype;
            int total = 0;
            for (final Object x : items) {
                final NdArray a = (NdArray) x;
                if (!java.util.Arrays.equals(a.shape, first.shape)) {
                    final List<Long> s = new ArrayList<>();
                    s.add((long) items.size());
                    throw ragged(1, s, pointer);
                }
                if (!a.dtype.equals(dt)) {
                    if (a.dtype.kind() == dt.kind() && (dt.kind() == DType.Kind.STR || dt.kind() == DType.Kind.BYTES)) {
                        dt = a.dtype.itemSize() > dt.itemSize() ? a.dtype : dt;
                    } else {
                        dt = DType.OBJECT;
                    }
                }
                total += a.values().length;
            }
            final Object[] flat = new Object[total];
            int at = 0;
            for (final Object x : items) {
                final Object[] v = ((NdArray) x).values();
                System.arraycopy(v, 0, flat, at, v.length);
                at += v.length;
            }
            final long[] shape = new long[first.shape.length + 1];
            shape[0] = items.size();
            System.arraycopy(first.shape, 0, shape, 1, first.shape.length);
            return new NdArray(dt, shape, flat);
        }
        if (allScalars) {
            DType dt = ((NpScalar) items.get(0)).dtype();
            final Object[] flat = new Object[items.size()];
            for (int i = 0; i < flat.length; i++) {
                final NpScalar s = (NpScalar) items.get(i);
                if (s.dtype().kind() == DType.Kind.STR && s.dtype().itemSize() > dt.itemSize()) {
                    dt = s.dtype();
                }
                flat[i] = s.value();
            }
            return new NdArray(dt, new long[]{flat.length}, flat);
        }
        final List<Object> raw = new ArrayList<>();
        for (final Object x : items) {
            raw.add(x instanceof NdArray ? toNested((NdArray) x) : unwrapAll(x));
        }
        try {
            return infer(raw, pointer);
        } catch (PayloadException e) {
            throw e;
        }
    }

    static Object toNested(final NdArray a) {
        final Object[] v = a.values();
        return nest(v, a.shape, 0, new int[]{0});
    }

    private static Object nest(final Object[] v, final long[] shape, final int d, final int[] at) {
        if (d == shape.length) {
            return v[at[0]++];
        }
        final List<Object> l = new ArrayList<>();
        for (long i = 0; i < shape[d]; i++) {
            l.add(nest(v, shape, d + 1, at));
        }
        return l;
    }

    /** {@code np.isscalar(v)} for Java values. */
    static boolean isScalar(final Object v) {
        return io.signet.enforce.DataTypes.isScalar(v);
    }

    /** Python's {@code str(type(v))}: {@code <class 'list'>}, {@code <class 'numpy.ndarray'>}. */
    static String typeRepr(final Object v) {
        if (v instanceof Frame) {
            return "<class 'pandas.core.frame.DataFrame'>";
        }
        return io.signet.enforce.TensorSchemaEnforcer.pyClass(v);
    }
}
