package io.signet.spark;

import io.signet.schema.ModelSignature;
import io.signet.enforce.ErrorCode;
import io.signet.enforce.Mode;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.tensor.NpyFile;
import io.signet.tensor.NpyFormatException;
import io.signet.tensor.TensorView;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One tensor input checked per row, as {@code signet validate} checks an array, with its messages:
 *
 * <ul>
 *   <li>{@link Kind#NESTED}: a nested {@code ArrayType} cell is an array whose shape is its nesting
 *       (a row holds one example: when the spec has one more dimension than the nesting, the row is
 *       checked as {@code (1, ...)}); a ragged cell is the object array numpy makes of it (shape
 *       up to the first ragged level), a cell with a null element an object array; its dtype is the
 *       element type's ({@code FloatType} float32, {@code DoubleType} float64, ...). Strict value
 *       policies scan a copy of the values.</li>
 *   <li>{@link Kind#NPY}: a {@code BinaryType} cell holding a {@code .npy} file: the header against the
 *       spec, (strict) the values; a malformed file is reported with the CLI's own sentence
 *       (error code {@code UNREADABLE}).</li>
 *   <li>{@link Kind#NPZ}: a {@code .npz} archive (named inputs), checked by {@link TensorSchemaEnforcer#checkNpz}
 *       from a temporary copy.</li>
 * </ul>
 * A cell may come as {@code struct(path, content)} (Spark's {@code binaryFile} source): messages then
 * name the file as the CLI does.
 */
final class TensorCheck implements CellCheck {
    private static final long serialVersionUID = 1L;

    enum Kind {
        NESTED, NPY, NPZ
    }

    private final LinkedHashMap<String, Object> signature;
    private final int input;
    private final String column;
    private final DataType sparkType;
    private final Kind kind;
    private final Mode mode;
    private final boolean rejectNaN;
    private final boolean rejectInf;
    private final boolean range;
    private final double min;
    private final double max;
    private final int limit;

    private transient TensorSchemaEnforcer enforcer;
    private final io.signet.enforce.Profile profile;
    private transient TensorViolations v;

    TensorCheck(final Map<String, Object> signature, final int input, final String column, final DataType sparkType,
                final Kind kind, final CheckOptions o) {
        this.signature = new LinkedHashMap<>(signature);
        this.input = input;
        this.column = column;
        this.sparkType = sparkType;
        this.kind = kind;
        this.mode = o.mode;
        this.profile = o.profile();
        this.rejectNaN = o.rejectNaN;
        this.rejectInf = o.rejectInf;
        this.range = o.hasRange();
        this.min = o.min;
        this.max = o.max;
        this.limit = o.mode == Mode.STRICT ? o.maxPerCell : 1;
    }

    @Override
    public String column() {
        return column;
    }

    TensorSchemaEnforcer enforcer() {
        if (enforcer == null) {
            TensorPolicy p = TensorPolicy.NONE;
            if (rejectNaN) {
                p = p.rejectNaN();
            }
            if (rejectInf) {
                p = p.rejectInf();
            }
            if (range) {
                p = p.range(min, max);
            }
            enforcer = TensorSchemaEnforcer.compile(ModelSignature.fromDict(signature, profile).inputs(), mode, p,
                profile);
            v = new TensorViolations(limit);
        }
        return enforcer;
    }

    @Override
    public List<Violation> check(final Object cell) {
        final TensorSchemaEnforcer enf = enforcer();
        v.reset();
        Object value = cell;
        String name = column;
        if (cell instanceof Row) {
            final Row r = (Row) cell; // binaryFile: struct(path, content)
            name = r.isNullAt(0) ? column : fileName(r.getString(0));
            value = r.get(1);
        }
        try {
            if (value == null) {
                missingArray(enf);
            } else if (kind == Kind.NESTED) {
                nested(enf, value);
            } else if (kind == Kind.NPY) {
                return npy(enf, (byte[]) value, name);
            } else {
                return npz(enf, (byte[]) value, name);
            }
        } catch (final SchemaEnforcementException e) {
            return Collections.singletonList(new Violation(column, e.path(), e.errorCode(), e.getMessage(),
                code(e.deviation())));
        } catch (final RuntimeException e) {
            return Collections.singletonList(ColumnCheck.internal(column, "inputs", e));
        }
        return collected();
    }

    private List<Violation> collected() {
        if (v.isEmpty()) {
            return Collections.emptyList();
        }
        final List<Violation> r = new ArrayList<>(v.count());
        for (int i = 0; i < v.count(); i++) {
            r.add(new Violation(column, v.path(i), ErrorCode.INVALID_PARAMETER_VALUE.name(), v.message(i),
                code(v.deviation(i))));
        }
        return r;
    }

    /** A null cell is Python's None where an array is expected: the library's sentence for it. */
    private void missingArray(final TensorSchemaEnforcer enf) {
        if (enf.schema().hasInputNames()) {
            final Map<String, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < enf.inputCount(); i++) {
                m.put(enf.spec(i).name(), null);
            }
            enf.check(m, v);
        } else {
            enf.checkInput(null, v);
        }
    }

    // ------------------------------------------------------------------ nested ArrayType cells

    private void nested(final TensorSchemaEnforcer enf, final Object cell) {
        final int depth = depth(sparkType);
        final DataType leaf = leaf(sparkType);
        final long[] dims = new long[depth];
        java.util.Arrays.fill(dims, -1);
        final int[] state = new int[2]; // [0]: first ragged level (depth if none), [1]: 1 when a null is inside
        state[0] = depth;
        walk(cell, 0, depth, dims, state);
        final boolean batch = enf.spec(input).rank() == depth + 1;
        final int regular = state[0];
        final int rank = regular + (batch ? 1 : 0);
        final long[] shape = new long[rank];
        int k = 0;
        if (batch) {
            shape[k++] = 1;
        }
        for (int d = 0; d < regular; d++) {
            shape[k++] = Math.max(dims[d], 0);
        }
        final boolean object = regular < depth || state[1] != 0;
        final DType dtype = object ? DType.OBJECT : dtypeOf(leaf);
        final TensorView view = !object && mode == Mode.STRICT ? values(cell, depth, leaf, dtype, shape) : null;
        if (view != null) {
            enf.checkSpec(input, view, v);
        } else {
            enf.checkSpec(input, NdArray.header(dtype, shape), v);
        }
    }

    /** Records each level's length; the first level where lengths differ (or a list is null) is ragged. */
    private static void walk(final Object cell, final int level, final int depth, final long[] dims, final int[] state) {
        if (level >= depth || level >= state[0]) {
            if (cell == null) {
                state[1] = 1;
            }
            return;
        }
        if (cell == null) {
            state[0] = Math.min(state[0], level);
            return;
        }
        final List<?> l = SparkCells.elements(cell);
        if (dims[level] < 0) {
            dims[level] = l.size();
        } else if (dims[level] != l.size()) {
            state[0] = Math.min(state[0], level);
            return;
        }
        for (final Object x : l) {
            walk(x, level + 1, depth, dims, state);
        }
    }

    /** A regular cell's values copied into a C-order view of its dtype (strict value scans). */
    private static TensorView values(final Object cell, final int depth, final DataType leaf, final DType dtype,
                                     final long[] shape) {
        final List<Object> flat = new ArrayList<>();
        flatten(cell, 0, depth, flat);
        if (dtype.kind() == DType.Kind.STR || dtype.kind() == DType.Kind.BYTES) {
            return null; // no fixed width to copy into: the header decides (see header())
        }
        final int item = dtype.itemSize();
        final ByteBuffer b = ByteBuffer.allocate(Math.max(1, flat.size() * item)).order(ByteOrder.LITTLE_ENDIAN);
        for (final Object x : flat) {
            if (leaf instanceof FloatType) {
                b.putFloat((Float) x);
            } else if (leaf instanceof DoubleType) {
                b.putDouble((Double) x);
            } else if (leaf instanceof BooleanType) {
                b.put((byte) ((Boolean) x ? 1 : 0));
            } else if (leaf instanceof ByteType) {
                b.put((Byte) x);
            } else if (leaf instanceof ShortType) {
                b.putShort((Short) x);
            } else if (leaf instanceof IntegerType) {
                b.putInt((Integer) x);
            } else {
                b.putLong((Long) x);
            }
        }
        return new TensorView().wrap(dtype, b.array(), 0, shape);
    }

    private static void flatten(final Object cell, final int level, final int depth, final List<Object> out) {
        if (level == depth) {
            out.add(cell);
            return;
        }
        for (final Object x : SparkCells.elements(cell)) {
            flatten(x, level + 1, depth, out);
        }
    }

    static int depth(final DataType t) {
        return t instanceof ArrayType ? 1 + depth(((ArrayType) t).elementType()) : 0;
    }

    static DataType leaf(final DataType t) {
        return t instanceof ArrayType ? leaf(((ArrayType) t).elementType()) : t;
    }

    /** numpy's dtype for an array of these Spark leaves, or null. */
    static DType dtypeOf(final DataType leaf) {
        if (leaf instanceof StringType) {
            return DType.STR;
        }
        if (leaf instanceof BinaryType) {
            return DType.BYTES;
        }
        final DType d = SparkCells.dtypeOf(leaf);
        return d == null || d.kind() == DType.Kind.OBJECT || d.kind() == DType.Kind.DATETIME ? null : d;
    }

    // ------------------------------------------------------------------ .npy / .npz bytes

    /** Stops a stream once the header is judged (MLflow mode reads no values, as the CLI). */
    private static final class Stop extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Stop() {
            super(null, null, false, false);
        }
    }

    private List<Violation> npy(final TensorSchemaEnforcer enf, final byte[] bytes, final String name) {
        final boolean strict = mode == Mode.STRICT;
        final NdArray[] header = new NdArray[1];
        final boolean[] fortran = new boolean[1];
        try {
            NpyFile.stream(name, new ByteArrayInputStream(bytes), bytes.length, 1 << 16, h -> {
                long count = 1;
                for (final long d : h.shape()) {
                    count *= d;
                }
                final long need = h.dataOffset() + count * h.dtype().itemSize();
                if (need > bytes.length) {
                    throw new NpyFormatException(name, h.dataOffset(), "truncated");
                }
                header[0] = NdArray.header(h.dtype(), h.shape());
                fortran[0] = h.fortran();
                if (!enf.checkSpec(input, header[0], v) || !strict) {
                    throw new Stop();
                }
            }, (region, first) -> enf.checkRegionValues(input, region, first, header[0], fortran[0], v) || !v.isFull());
        } catch (final Stop s) {
            // the header decided
        } catch (final NpyFormatException e) {
            return unreadable(enf, bytes, name, ".npy");
        } catch (final IOException e) {
            throw new UncheckedIOException(e);
        }
        return collected();
    }

    private List<Violation> npz(final TensorSchemaEnforcer enf, final byte[] bytes, final String name) {
        if (bytes.length >= 6 && (bytes[0] & 0xff) == 0x93 && bytes[1] == 'N' && bytes[2] == 'U') {
            // a .npy file in a directory for a model of several named inputs: the CLI's sentence
            return Collections.singletonList(new Violation(column, null,
                ErrorCode.INVALID_PARAMETER_VALUE.name(), "a .npy file holds one array, but the model takes "
                + enf.inputCount() + " named inputs: use a .npz archive with one entry per input", null));
        }
        return viaFile(enf, bytes, name, ".npz");
    }

    /** A malformed file: the CLI's own sentence, from the library reading a copy of it. */
    private List<Violation> unreadable(final TensorSchemaEnforcer enf, final byte[] bytes, final String name,
                                       final String ext) {
        v.reset();
        return viaFile(enf, bytes, name, ext);
    }

    private List<Violation> viaFile(final TensorSchemaEnforcer enf, final byte[] bytes, final String name,
                                    final String ext) {
        Path dir = null;
        Path f = null;
        try {
            dir = Files.createTempDirectory("signet-spark");
            f = dir.resolve(name);
            Files.write(f, bytes);
            final boolean ok = ext.equals(".npz") ? enf.checkNpz(f, v) : enf.checkNpy(input, f, v);
            return ok ? Collections.emptyList() : collected();
        } catch (final NpyFormatException e) {
            return Collections.singletonList(new Violation(column, null, "UNREADABLE", e.getMessage(), null));
        } catch (final IOException e) {
            return Collections.singletonList(new Violation(column, null, "UNREADABLE", "cannot read: "
                + e.getMessage(), null));
        } finally {
            try {
                if (f != null) {
                    Files.deleteIfExists(f);
                }
                if (dir != null) {
                    Files.deleteIfExists(dir);
                }
            } catch (final IOException ignored) {
                // a temporary file left behind is the OS's to clean
            }
        }
    }

    static String fileName(final String path) {
        final int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** A deviation's README code, or null. */
    static String code(final io.signet.enforce.Deviation d) {
        return d == null ? null : d.code();
    }
}
