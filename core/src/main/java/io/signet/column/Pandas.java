package io.signet.column;

import io.signet.tensor.DType;
import io.signet.internal.tensor.NpDatetime;
import io.signet.internal.tensor.NpScalar;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/** pandas' dtype inference and {@code astype} for plain Java values (the team's Python value model). */
final class Pandas {
    private static final BigInteger UINT64_MAX = new BigInteger("18446744073709551615");

    private Pandas() {
    }

    /** The dtype pandas gives a column built from these Python values ({@link io.signet.py.Pandas#infer}). */
    static DType infer(final List<?> values) {
        return io.signet.py.Pandas.infer(values); // the value model's inference, once
    }

    /** Appends a Python value to a column of dtype {@code c.dtype()} as numpy's {@code astype} converts it. */
    static void append(final Column c, final Object v0) {
        final Object v = v0 instanceof NpScalar && c.dtype().kind() != DType.Kind.OBJECT ? ((NpScalar) v0).value() : v0;
        if (c.storage() != Column.Storage.FIXED) {
            appendObject(c, v0);
            return;
        }
        final DType d = c.dtype();
        switch (d.kind()) {
            case BOOL:
                if (v == null) {
                    c.appendLong(0);
                } else if (v instanceof Boolean) {
                    c.appendLong((Boolean) v ? 1 : 0);
                } else if (v instanceof Number) {
                    c.appendLong(((Number) v).doubleValue() != 0 ? 1 : 0);
                } else if (v instanceof String) {
                    c.appendLong(((String) v).isEmpty() ? 0 : 1);
                } else {
                    throw cannot(v, d);
                }
                return;
            case INT:
            case UINT:
                c.appendLong(toLong(v, d));
                return;
            case FLOAT:
                if (v == null) {
                    c.appendNull();
                } else if (v instanceof Boolean) {
                    c.appendDouble((Boolean) v ? 1 : 0);
                } else if (v instanceof Number) {
                    final double x = ((Number) v).doubleValue();
                    if (Double.isNaN(x)) {
                        c.appendNull();
                    } else {
                        c.appendDouble(x);
                    }
                } else if (v instanceof String) {
                    try {
                        c.appendDouble(Double.parseDouble(((String) v).trim()));
                    } catch (final NumberFormatException e) {
                        throw new IllegalArgumentException("could not convert string to float: '" + v + "'");
                    }
                } else {
                    throw cannot(v, d);
                }
                return;
            case DATETIME:
                c.appendLong(toDatetime(v, d.unit()));
                return;
            case TIMEDELTA:
                // a timedelta64 column: ints are counts of the unit, None is NaT
                if (v == null) {
                    c.appendLong(NpDatetime.NAT);
                } else if (v instanceof Long || v instanceof Integer) {
                    c.appendLong(((Number) v).longValue());
                } else if (v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.TIMEDELTA
                    && ((NpScalar) v).value() instanceof Long) {
                    final long x = (Long) ((NpScalar) v).value();
                    c.appendLong(x == NpDatetime.NAT ? x : NpDatetime.convert(x, ((NpScalar) v).dtype().unit(), d.unit()));
                } else {
                    throw cannot(v, d);
                }
                return;
            default:
                throw cannot(v, d);
        }
    }

    private static void appendObject(final Column c, final Object v) {
        switch (c.storage()) {
            case UTF8:
                if (v == null) {
                    c.appendNull();
                    return;
                }
                if (v instanceof String) {
                    c.appendString((String) v);
                    return;
                }
                break;
            case BINARY:
                if (v == null) {
                    c.appendNull();
                    return;
                }
                if (v instanceof byte[]) {
                    final byte[] b = (byte[]) v;
                    c.appendBytes(b, 0, b.length);
                    return;
                }
                break;
            default:
                c.appendObject(v);
                return;
        }
        c.toObjectStorage();
        c.appendObject(v);
    }

    static long toLong(final Object v, final DType d) {
        final long x;
        if (v instanceof Boolean) {
            x = (Boolean) v ? 1 : 0;
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            x = ((Number) v).longValue();
        } else if (v instanceof BigInteger) {
            final BigInteger b = (BigInteger) v;
            if (d.kind() == DType.Kind.UINT && d.itemSize() == 8 && b.signum() >= 0 && b.compareTo(UINT64_MAX) <= 0) {
                return b.longValue();
            }
            throw new IllegalArgumentException("Python int too large to convert to C long");
        } else if (v instanceof Double || v instanceof Float || v instanceof BigDecimal) {
            final double f = ((Number) v).doubleValue();
            if (Double.isNaN(f) || Double.isInfinite(f)) {
                throw new IllegalArgumentException("Cannot convert non-finite values (NA or inf) to integer");
            }
            x = (long) f;
        } else if (v instanceof String) {
            try {
                x = Long.parseLong(((String) v).trim());
            } catch (final NumberFormatException e) {
                throw new IllegalArgumentException("invalid literal for int() with base 10: '" + v + "'");
            }
        } else if (v == null) {
            throw new IllegalArgumentException("int() argument must be a string, a bytes-like object or a real "
                + "number, not 'NoneType'");
        } else {
            throw cannot(v, d);
        }
        if (!fits(x, d)) {
            // numpy would wrap silently; Signet's builder refuses to corrupt a value.
            throw new IllegalArgumentException("value " + x + " out of range for " + d);
        }
        return x;
    }

    /** True when a signed value fits the integer dtype. */
    static boolean fits(final long x, final DType d) {
        final int bits = d.itemSize() * 8;
        if (d.kind() == DType.Kind.UINT) {
            return x >= 0 && (bits == 64 || x < (1L << bits));
        }
        return bits == 64 || x >= -(1L << (bits - 1)) && x < (1L << (bits - 1));
    }

    static long toDatetime(final Object v, final String unit) {
        if (v == null) {
            return NpDatetime.NAT;
        }
        if (v instanceof String) {
            return NpDatetime.parse(((String) v).replace(' ', 'T')).to(unit);
        }
        if (v instanceof LocalDateTime) {
            final LocalDateTime t = (LocalDateTime) v;
            final long ns = Math.addExact(Math.multiplyExact(t.toEpochSecond(ZoneOffset.UTC), 1_000_000_000L), t.getNano());
            return NpDatetime.convert(ns, "ns", unit);
        }
        if (v instanceof LocalDate) {
            return NpDatetime.convert(((LocalDate) v).toEpochDay(), "D", unit);
        }
        if (v instanceof Long || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof NpScalar && ((NpScalar) v).dtype().kind() == DType.Kind.DATETIME) {
            return NpDatetime.convert((Long) ((NpScalar) v).value(), ((NpScalar) v).dtype().unit(), unit);
        }
        throw cannot(v, DType.datetime64(unit));
    }

    private static IllegalArgumentException cannot(final Object v, final DType d) {
        return new IllegalArgumentException("cannot convert " + io.signet.py.PyRepr.typeName(v) + " to " + d);
    }

    /** The storage for an object column holding these values: UTF8 (only str/None), BINARY (only bytes/None), else OBJECT. */
    static Column.Storage objectStorage(final List<?> values) {
        boolean str = true;
        boolean bin = true;
        boolean any = false;
        for (final Object v : values) {
            if (v == null) {
                continue;
            }
            any = true;
            str &= v instanceof String;
            bin &= v instanceof byte[];
        }
        if (!any) {
            return Column.Storage.OBJECT;
        }
        return str ? Column.Storage.UTF8 : bin ? Column.Storage.BINARY : Column.Storage.OBJECT;
    }
}
