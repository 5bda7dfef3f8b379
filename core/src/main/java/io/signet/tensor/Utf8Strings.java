package io.signet.tensor;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A flyweight over an array of UTF-8 strings laid out as ND4J's UTF8 buffers are: {@code n + 1}
 * little-endian int64 offsets, then the bytes; string {@code i} is
 * {@code bytes[offsets[i], offsets[i + 1])}.
 *
 * <pre>
 *   0             8 x (n + 1)                                       length
 *   | off0 .. offn | bytes of string 0 | bytes of string 1 | ... |
 * </pre>
 *
 * <p>The header is validated once per wrap (offsets start at 0, never decrease, and end inside the
 * region), so no string can reach outside the memory. It reports itself as a numpy {@code str}
 * array of the given shape, so the tensor enforcer's header checks apply, and
 * {@link #firstInvalidUtf8()} finds the first string that is not well-formed UTF-8 (overlong forms,
 * surrogates and code points past U+10FFFF are invalid).
 */
public final class Utf8Strings implements NdArray {
    static {
        io.signet.internal.AgronaAccess.check();
    }

    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[0]);
    private long[] shape = new long[] {0};
    private int count;
    private int dataStart;

    /**
     * Wraps {@code length} bytes at {@code address} holding {@code count} strings, seen with {@code shape}.
     *
     * @throws IllegalArgumentException when the header does not fit or its offsets are inconsistent
     */
    public Utf8Strings wrap(final long address, final int length, final int count, final long[] shape) {
        long n = 1;
        for (final long d : shape) {
            n *= d;
        }
        if (count < 0 || n != count) {
            throw new IllegalArgumentException("shape " + java.util.Arrays.toString(shape) + " does not hold " + count
                + " strings");
        }
        final long header = 8L * (count + 1L);
        if (length < header) {
            throw new IllegalArgumentException("a UTF8 buffer of " + count + " strings needs a " + header
                + "-byte offsets header, but holds " + length + " bytes");
        }
        buffer.wrap(address, length);
        long prev = 0;
        if (buffer.getLong(0, ByteOrder.LITTLE_ENDIAN) != 0) {
            reset();
            throw new IllegalArgumentException("the first string offset is not 0");
        }
        final long room = length - header;
        for (int i = 1; i <= count; i++) {
            final long o = buffer.getLong(8 * i, ByteOrder.LITTLE_ENDIAN);
            if (o < prev || o > room) {
                reset();
                throw new IllegalArgumentException("string offset " + i + " (" + o + ") is out of order or past the "
                    + room + " bytes of text");
            }
            prev = o;
        }
        this.count = count;
        this.dataStart = (int) header;
        this.shape = shape.clone();
        return this;
    }

    private void reset() {
        buffer.wrap(new byte[0]);
        count = 0;
        shape = new long[] {0};
    }

    /** Index (C order) of the first string that is not well-formed UTF-8, or -1. */
    public long firstInvalidUtf8() {
        for (int i = 0; i < count; i++) {
            final int from = dataStart + (int) buffer.getLong(8 * i, ByteOrder.LITTLE_ENDIAN);
            final int to = dataStart + (int) buffer.getLong(8 * (i + 1), ByteOrder.LITTLE_ENDIAN);
            if (!validUtf8(buffer, from, to)) {
                return i;
            }
        }
        return -1;
    }

    /** Whether {@code [from, to)} of {@code b} is well-formed UTF-8 (Unicode's Table 3-7). */
    public static boolean validUtf8(final DirectBuffer b, final int from, final int to) {
        int i = from;
        while (i < to) {
            final int c = b.getByte(i) & 0xff;
            if (c < 0x80) {
                i++;
                continue;
            }
            final int need;
            int lo = 0x80;
            int hi = 0xbf;
            if (c >= 0xc2 && c <= 0xdf) {
                need = 1;
            } else if (c >= 0xe0 && c <= 0xef) {
                need = 2;
                if (c == 0xe0) {
                    lo = 0xa0;
                } else if (c == 0xed) {
                    hi = 0x9f; // no surrogates
                }
            } else if (c >= 0xf0 && c <= 0xf4) {
                need = 3;
                if (c == 0xf0) {
                    lo = 0x90;
                } else if (c == 0xf4) {
                    hi = 0x8f; // nothing past U+10FFFF
                }
            } else {
                return false;
            }
            if (i + need >= to) {
                return false; // truncated sequence
            }
            final int c1 = b.getByte(i + 1) & 0xff;
            if (c1 < lo || c1 > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                final int ck = b.getByte(i + k) & 0xff;
                if (ck < 0x80 || ck > 0xbf) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    @Override
    public DType dtype() {
        return DType.STR;
    }

    @Override
    public int rank() {
        return shape.length;
    }

    @Override
    public long dim(final int i) {
        return shape[i];
    }

    @Override
    public String pyRepr() {
        return "array(<" + count + " UTF-8 strings>)";
    }
}
