package io.signet.internal.tensor;


import io.signet.tensor.DType;
import java.util.Objects;

/**
 * A numpy scalar ({@code np.int32(1)}, {@code np.float32(0.5)}, {@code np.bool_(True)}): a value
 * that carries its dtype, so that MLflow's type rules (which tell {@code np.int32} from a Python
 * {@code int}) can be applied to it. The value is a Long (signed and unsigned integers, datetimes),
 * a Double (floats), a Boolean, a String or a byte[].
 */
public final class NpScalar implements PyText.PyTyped {
    private final DType dtype;
    private final Object value;

    public NpScalar(final DType dtype, final Object value) {
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.value = value;
    }

    public DType dtype() {
        return dtype;
    }

    public Object value() {
        return value;
    }

    /** numpy's scalar type name: {@code int32}, {@code float64}, {@code bool_}, {@code str_}, {@code bytes_}. */
    @Override
    public String pyTypeName() {
        switch (dtype.kind()) {
            case BOOL:
                return "bool_";
            case STR:
                return "str_";
            case BYTES:
                return "bytes_";
            case DATETIME:
                return "datetime64";
            case TIMEDELTA:
                return "timedelta64";
            default:
                return dtype.name();
        }
    }

    @Override
    public String pyRepr() {
        if (value instanceof Double) {
            return PyText.floatRepr((Double) value);
        }
        return PyText.repr(value);
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof NpScalar && ((NpScalar) o).dtype.equals(dtype) && Objects.equals(((NpScalar) o).value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(dtype, value);
    }

    @Override
    public String toString() {
        return pyTypeName() + "(" + pyRepr() + ")";
    }
}
