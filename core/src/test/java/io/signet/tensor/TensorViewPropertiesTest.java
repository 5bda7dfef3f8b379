package io.signet.tensor;

import io.signet.internal.tensor.TensorScan;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The zero-copy verdicts against a reference computed independently on a heap copy (a ByteBuffer
 * and BigInteger arithmetic) for random dtypes, shapes, strides, offsets and backings.
 */
class TensorViewPropertiesTest {
    static final class Case {
        final DType dtype;
        final long[] shape;
        final long[] strides;
        final int first;
        final byte[] data;
        final Backing backing;

        Case(final DType dtype, final long[] shape, final long[] strides, final int first, final byte[] data,
             final Backing backing) {
            this.dtype = dtype;
            this.shape = shape;
            this.strides = strides;
            this.first = first;
            this.data = data;
            this.backing = backing;
        }

        @Override
        public String toString() {
            return dtype.descr() + " shape " + java.util.Arrays.toString(shape) + " strides "
                + java.util.Arrays.toString(strides) + " first " + first + " len " + data.length + " " + backing;
        }
    }

    private static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.FLOAT32.withOrder(
        ByteOrder.BIG_ENDIAN), DType.FLOAT64.withOrder(ByteOrder.BIG_ENDIAN), DType.INT32, DType.UINT8};

    @Provide
    Arbitrary<Case> cases() {
        return Combinators.combine(Arbitraries.of(DTYPES), Arbitraries.integers().between(0, 3),
            Arbitraries.longs(), Arbitraries.of(Backing.values())).as((dt, rank, seed, backing) -> {
                final Random r = new Random(seed);
                final long[] shape = new long[rank];
                final long[] strides = new long[rank];
                final int item = dt.itemSize();
                for (int i = 0; i < rank; i++) {
                    shape[i] = r.nextInt(6);
                    strides[i] = (long) item * (r.nextInt(13) - 6);
                }
                final int len = r.nextInt(200);
                final int first = r.nextInt(len + 8) - 4;
                final byte[] data = new byte[len];
                r.nextBytes(data);
                // plant ordinary values mostly, a few non-finite patterns
                final ByteBuffer b = ByteBuffer.wrap(data).order(dt.order() == null ? ByteOrder.LITTLE_ENDIAN
                    : dt.order());
                for (int p = 0; p + item <= len; p += item) {
                    final boolean bad = r.nextInt(40) == 0;
                    if (item == 4) {
                        b.putFloat(p, bad ? (r.nextBoolean() ? Float.NaN : Float.NEGATIVE_INFINITY) : r.nextFloat());
                    } else if (item == 8) {
                        b.putDouble(p, bad ? Double.NaN : r.nextDouble());
                    } else if (item == 2) {
                        b.putShort(p, (short) (bad ? 0x7e00 : 0x3c00));
                    }
                }
                return new Case(dt, shape, strides, first, data, backing);
            });
    }

    /** Reference: every element's byte range inside [0, len)? (BigInteger, no overflow possible) */
    private static boolean referenceInBounds(final Case c) {
        BigInteger lo = BigInteger.valueOf(c.first);
        BigInteger hi = BigInteger.valueOf(c.first);
        for (int i = 0; i < c.shape.length; i++) {
            if (c.shape[i] == 0) {
                return true;
            }
            final BigInteger ext = BigInteger.valueOf(c.strides[i]).multiply(BigInteger.valueOf(c.shape[i] - 1));
            if (ext.signum() < 0) {
                lo = lo.add(ext);
            } else {
                hi = hi.add(ext);
            }
        }
        return lo.signum() >= 0 && hi.add(BigInteger.valueOf(c.dtype.itemSize())).compareTo(
            BigInteger.valueOf(c.data.length)) <= 0;
    }

    private static double refElement(final Case c, final ByteBuffer b, final long flat) {
        long rem = flat;
        long off = c.first;
        for (int i = c.shape.length - 1; i >= 0; i--) {
            off += (rem % c.shape[i]) * c.strides[i];
            rem /= c.shape[i];
        }
        final int o = (int) off;
        switch (c.dtype.itemSize()) {
            case 1:
                return b.get(o) & 0xff;
            case 2:
                return TensorView.fromFloat16(b.getShort(o));
            case 4:
                return c.dtype.kind() == DType.Kind.INT ? b.getInt(o) : b.getFloat(o);
            default:
                return b.getDouble(o);
        }
    }

    @Property(tries = 400)
    void wrapAcceptsExactlyTheInBoundsViewsAndReadsTheReferenceValues(@ForAll("cases") final Case c) {
        final TensorView v = new TensorView();
        if (!referenceInBounds(c)) {
            assertThrows(IndexOutOfBoundsException.class,
                () -> c.backing.wrap(v, c.data, c.dtype, c.first, c.shape, c.strides), c::toString);
            return;
        }
        c.backing.wrap(v, c.data, c.dtype, c.first, c.shape, c.strides);
        final ByteBuffer copy = ByteBuffer.wrap(c.data.clone()).order(c.dtype.order() == null ? ByteOrder.LITTLE_ENDIAN
            : c.dtype.order());
        long firstBad = -1;
        for (long i = 0; i < v.size(); i++) {
            final double ref = refElement(c, copy, i);
            final double got = v.getDouble(v.offsetOf(i));
            assertEquals(Double.doubleToLongBits(ref), Double.doubleToLongBits(got), c::toString);
            if (firstBad < 0 && c.dtype.kind() == DType.Kind.FLOAT && !Double.isFinite(ref)) {
                firstBad = i;
            }
        }
        assertEquals(firstBad, TensorScan.firstNonFinite(v, true, true), c::toString);
    }
}
