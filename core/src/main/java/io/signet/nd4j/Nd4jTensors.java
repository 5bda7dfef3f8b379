package io.signet.nd4j;

import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.memory.pointers.PagedPointer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Zero-copy {@link INDArray} adapter: dtype, shape, strides, offset and address are read from the
 * array's own metadata ({@code dataType()}, {@code shape()}, {@code stride()}, {@code offset()},
 * {@code data().address()}: field reads, no JNI), then a {@link TensorView} is wrapped over the
 * native memory after the usual once-per-wrap bounds check. No element is copied; no native call is
 * made per element.
 *
 * <p>ND4J's {@code shape()}/{@code stride()} arrays are shared constants: they are only read.
 * Workspace arrays die with their workspace cycle: wrap them per request, never cache the view.
 *
 * <p>Mapping to numpy dtypes (what MLflow's TensorSpec compares):
 * <pre>
 *   DOUBLE float64   FLOAT float32   HALF float16
 *   LONG int64       INT int32       SHORT int16     BYTE int8
 *   UBYTE uint8      UINT16 uint16   UINT32 uint32   UINT64 uint64    BOOL bool
 *   LONG + unit      datetime64[unit] (ND4J has no datetime type: Signet carries the unit)
 *   BFLOAT16         none: numpy and MLflow have no bfloat16
 *   UTF8             none: numpy str is fixed-width UCS4; ND4J UTF8 is an offsets header + UTF-8 bytes
 *   COMPRESSED, UNKNOWN  none
 * </pre>
 *
 * <p>This class is the only one in Signet that touches ND4J classes; nd4j-api is an optional
 * dependency, so embedders without ND4J never load it.
 */
public final class Nd4jTensors {
    private Nd4jTensors() {
    }

    /** The numpy dtype of an ND4J data type, or null when there is none (BFLOAT16, UTF8, COMPRESSED, UNKNOWN). */
    public static DType dtypeOf(final DataType t) {
        switch (t) {
            case DOUBLE:
                return DType.FLOAT64;
            case FLOAT:
                return DType.FLOAT32;
            case HALF:
                return DType.FLOAT16;
            case LONG:
                return DType.INT64;
            case INT:
                return DType.INT32;
            case SHORT:
                return DType.INT16;
            case BYTE:
                return DType.INT8;
            case UBYTE:
                return DType.UINT8;
            case UINT16:
                return DType.UINT16;
            case UINT32:
                return DType.UINT32;
            case UINT64:
                return DType.UINT64;
            case BOOL:
                return DType.BOOL;
            default:
                return null;
        }
    }

    /** Why an ND4J type has no numpy dtype (for error messages). */
    static String noMeaning(final DataType t) {
        switch (t) {
            case BFLOAT16:
                return "BFLOAT16 has no numpy/MLflow dtype (numpy has no bfloat16)";
            case UTF8:
                return "UTF8 has no exact numpy/MLflow dtype (numpy str is fixed-width UCS4; ND4J UTF8 is offsets + "
                    + "UTF-8 bytes): convert it to a <U array or check it as strings";
            default:
                return t + " has no numpy/MLflow dtype";
        }
    }

    /** Wraps {@code into} over the array's memory, zero-copy. */
    public static TensorView wrap(final INDArray a, final TensorView into) {
        final DType dt = dtypeOf(a.dataType());
        if (dt == null) {
            throw noDtype(a.dataType());
        }
        return wrap(a, dt, into);
    }

    /**
     * The INDArray header check: {@code enforcer.check(wrap(a, scratch), v)} with the same verdict and
     * violations, but a conforming header is decided from the array's own metadata (data type, rank,
     * shape) without wrapping a view: a header check reads no element, so it needs no memory and no
     * bounds check. The view is wrapped only when values must be read (a strict policy's scan) or a
     * violation must be worded. Allocation-free on success; no native call.
     */
    public static boolean check(final TensorSchemaEnforcer enforcer, final INDArray a, final TensorView scratch,
                                final TensorViolations v) {
        if (enforcer.inputCount() == 1 && headerConforms(enforcer, 0, a)) {
            return true;
        }
        return enforcer.check(wrap(a, scratch), v);
    }

    /** {@link #check} for input {@code i} of a multi-input schema ({@code enforcer.checkSpec}). */
    public static boolean checkInput(final TensorSchemaEnforcer enforcer, final int i, final INDArray a,
                                     final TensorView scratch, final TensorViolations v) {
        if (headerConforms(enforcer, i, a)) {
            return true;
        }
        return enforcer.checkSpec(i, wrap(a, scratch), v);
    }

    private static boolean headerConforms(final TensorSchemaEnforcer enforcer, final int i, final INDArray a) {
        final int rank = a.rank();
        final DType dt = dtypeOf(a.dataType());
        return rank > 0 && dt != null && enforcer.headerConforms(i, dt, rank, a.shape());
    }

    private static IllegalArgumentException noDtype(final DataType t) {
        return new IllegalArgumentException(noMeaning(t));
    }

    /**
     * Wraps an INT64 array as {@code datetime64[unit]} (ND4J has no datetime type: the unit is
     * Signet metadata over int64 counts).
     */
    public static TensorView wrapDatetime(final INDArray a, final String unit, final TensorView into) {
        if (a.dataType() != DataType.LONG) {
            throw new IllegalArgumentException("datetime64 needs an INT64 (LONG) array, got " + a.dataType());
        }
        return wrap(a, DType.datetime64(unit), into);
    }

    /**
     * Wraps an ND4J UTF8 array (an {@code (n + 1)} int64 offsets header followed by the bytes) as
     * strings, zero-copy; the header is validated before any string is read. Views into a larger
     * UTF8 array are refused (their strings are numbered in the parent's header): check the parent.
     */
    public static io.signet.tensor.Utf8Strings wrapUtf8(final INDArray a, final io.signet.tensor.Utf8Strings into) {
        if (a.dataType() != DataType.UTF8) {
            throw new IllegalArgumentException("wrapUtf8 needs a UTF8 array, got " + a.dataType());
        }
        final long n = a.length();
        final DataBuffer data = a.data();
        final long bytes = Math.max(data.length(), data.underlyingLength());
        if (a.offset() != 0 || a.isView()) {
            throw new IllegalArgumentException("a view of a UTF8 array: check the whole array");
        }
        if (bytes > Integer.MAX_VALUE || n > Integer.MAX_VALUE) {
            throw tooLarge(bytes, 0);
        }
        return into.wrap(data.address(), (int) bytes, (int) n, a.rank() == 0 ? NO_DIMS : a.shape());
    }

    private static final long[] NO_DIMS = new long[0];

    // The hot path: field reads of ND4J's cached metadata, then the view's own once-per-wrap bounds
    // check (TensorView validates shape x strides against [address, address + bytes) itself, so
    // nothing ND4J reports is trusted for safety). Rare cases are in separate cold methods.
    private static TensorView wrap(final INDArray a, final DType dt, final TensorView into) {
        final int rank = a.rank();
        if (rank == 0 || a.isEmpty()) {
            return wrapScalarOrEmpty(a, dt, into);
        }
        final DataBuffer data = a.data();
        final long item = dt.itemSize();
        // data().address() is the buffer's base; a view's first element is offset() elements further
        final long first = a.offset() * item;
        final long bytes = Math.max(data.length(), data.underlyingLength()) * item;
        if (((bytes | first) >>> 31) != 0) {
            throw tooLarge(bytes, first);
        }
        return into.wrapAddressElementStrides(dt, data.address(), (int) bytes, (int) first, rank, a.shape(),
            a.stride(), a);
    }

    private static TensorView wrapScalarOrEmpty(final INDArray a, final DType dt, final TensorView into) {
        final int rank = a.rank();
        final long[] shape = rank == 0 ? NO_DIMS : a.shape();
        if (a.isEmpty()) {
            return into.wrapAddressElementStrides(dt, 0, 0, 0, rank, shape, null, a);
        }
        final DataBuffer data = a.data();
        final long item = dt.itemSize();
        final long first = a.offset() * item;
        final long bytes = Math.max(data.length(), data.underlyingLength()) * item;
        if (((bytes | first) >>> 31) != 0) {
            throw tooLarge(bytes, first);
        }
        return into.wrapAddressElementStrides(dt, data.address(), (int) bytes, (int) first, 0, NO_DIMS, NO_DIMS, a);
    }

    /** The ND4J data type holding a numpy dtype's elements (datetime64 / timedelta64: their int64 counts), or null. */
    public static DataType nd4jTypeOf(final DType d) {
        switch (d.kind()) {
            case BOOL:
                return DataType.BOOL;
            case INT:
                return d.itemSize() == 1 ? DataType.BYTE : d.itemSize() == 2 ? DataType.SHORT
                    : d.itemSize() == 4 ? DataType.INT : DataType.LONG;
            case UINT:
                return d.itemSize() == 1 ? DataType.UBYTE : d.itemSize() == 2 ? DataType.UINT16
                    : d.itemSize() == 4 ? DataType.UINT32 : DataType.UINT64;
            case FLOAT:
                return d.itemSize() == 2 ? DataType.HALF : d.itemSize() == 4 ? DataType.FLOAT
                    : d.itemSize() == 8 ? DataType.DOUBLE : null;
            case DATETIME:
            case TIMEDELTA:
                return DataType.LONG;
            default:
                return null;
        }
    }

    /**
     * An {@link INDArray} over a view's memory, with no copy: {@code Nd4j.createBuffer(Pointer, ...)}
     * over the view's address, so a write through either is read through the other. The view must be
     * C-contiguous, native (little-endian) order, over native memory (a direct buffer or an address,
     * as {@link io.signet.serving.ScoringContext#tensor} hands out). ND4J does not own the memory: the
     * array is valid exactly as long as the view's memory (for a context's tensor: until the
     * context's next request or close); keep it past that and it reads freed memory.
     *
     * @throws IllegalArgumentException for a dtype ND4J cannot hold (see {@link #nd4jTypeOf}), a view
     *                                  that is strided, byte-swapped or over a heap array
     */
    public static INDArray indArray(final TensorView v) {
        final DataType t = nd4jTypeOf(v.dtype());
        if (t == null) {
            throw new IllegalArgumentException("no ND4J data type holds " + v.dtype());
        }
        if (!v.isCContiguous() || v.isByteSwapped()) {
            throw new IllegalArgumentException("only a C-contiguous view in native byte order can be shared with ND4J "
                + "(this one is " + (v.isByteSwapped() ? "byte-swapped" : "strided") + ")");
        }
        final long[] shape = new long[v.rank()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = v.dim(i);
        }
        if (v.size() == 0) {
            return Nd4j.create(t, shape); // no element: no memory to share
        }
        final org.agrona.DirectBuffer b = v.buffer();
        if (b.byteArray() != null) {
            throw new IllegalArgumentException("the view is over a heap array: ND4J needs native memory (a direct "
                + "buffer or an address)");
        }
        final long address = b.addressOffset() + v.firstByte();
        // a pointer of v.size() elements at the address (ND4J's indexers check indexes against its capacity)
        final DataBuffer data = Nd4j.createBuffer(new PagedPointer(new PagedPointer(address), v.size()), v.size(), t);
        return Nd4j.create(data, shape, Nd4j.getStrides(shape, 'c'), 0, 'c', t);
    }

    private static IllegalArgumentException tooLarge(final long bytes, final long first) {
        if (bytes < 0 || first < 0) {
            return new IllegalArgumentException("an INDArray with a negative length or offset (" + bytes + " bytes, "
                + "first element at byte " + first + ")");
        }
        return new IllegalArgumentException("an INDArray buffer of " + bytes + " bytes exceeds one 2 GiB view");
    }
}
