package io.signet.py;

import io.signet.py.PyRepr;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A {@code pandas.Timestamp}: naive nanoseconds since the epoch. What a datetime64[ns] Series hands
 * out; not a scalar for {@code np.isscalar}. NaT is {@link #NAT} (pandas' own NaT singleton).
 */
public final class Timestamp implements PyRepr.PyTyped {
    /** pandas' NaT as it comes out of a datetime Series. */
    public static final Timestamp NAT = new Timestamp(Long.MIN_VALUE);

    private final long ns;

    private Timestamp(final long ns) {
        this.ns = ns;
    }

    /** The Timestamp of a datetime64[ns] count ({@link Long#MIN_VALUE}: NaT). */
    public static Timestamp ofNanos(final long ns) {
        return ns == Long.MIN_VALUE ? NAT : new Timestamp(ns);
    }

    public long nanos() {
        return ns;
    }

    public boolean isNaT() {
        return ns == Long.MIN_VALUE;
    }

    /** As a naive Python datetime (microseconds kept, nanoseconds too). */
    public LocalDateTime toLocalDateTime() {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(ns, 1_000_000_000L), (int) Math.floorMod(ns, 1_000_000_000L),
            ZoneOffset.UTC);
    }

    @Override
    public String pyTypeName() {
        return isNaT() ? "NaTType" : "Timestamp";
    }

    @Override
    public String pyRepr() {
        return isNaT() ? "NaT" : "Timestamp('" + PyRepr.datetimeStr(toLocalDateTime()) + "')";
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof Timestamp && ((Timestamp) o).ns == ns;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(ns);
    }

    @Override
    public String toString() {
        return pyRepr();
    }
}
