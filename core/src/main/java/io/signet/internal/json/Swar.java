package io.signet.internal.json;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * SIMD within a register: eight request bytes read as one little-endian {@code long} and classified
 * at once, so the raw scanners ({@link RawArrayScanner}, {@link RawNumber}, the {@code dataframe_split}
 * row scanner) take one data-dependent branch per run of digits or string bytes instead of one per
 * byte. Byte {@code k} of the word is {@code b[i + k]}, so the first byte that stops a run is the
 * lowest flagged byte: {@code Long.numberOfTrailingZeros(mask) >>> 3}.
 *
 * <p>Each test below may flag bytes wrongly only above (after) a byte it flags rightly, because a
 * borrow or carry moves only towards the more significant bytes; the lowest flagged byte, the only
 * one ever used, is therefore exact.
 */
public final class Swar {
    private static final VarHandle WORDS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long ONES = 0x0101_0101_0101_0101L;
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;
    private static final long ZEROS = '0' * ONES;
    private static final long SIXES = 6 * ONES;
    private static final long HIGH_NIBBLES = 0xF0F0_F0F0_F0F0_F0F0L;
    private static final long QUOTES = '"' * ONES;
    private static final long BACKSLASHES = '\\' * ONES;
    private static final long SPACES = 0x20 * ONES;

    private Swar() {
    }

    /** The 8 bytes {@code b[i] .. b[i + 7]} ({@code i + 8 <= b.length}). */
    public static long word(final byte[] b, final int i) {
        return (long) WORDS.get(b, i);
    }

    /**
     * How many ASCII digits the word starts with, 0 to 8: a byte is a digit exactly when its value
     * XOR '0' is at most 9, i.e. neither that nor that plus 6 has a bit in the high nibble.
     */
    public static int leadingDigits(final long word) {
        final long t = word ^ ZEROS;
        return Long.numberOfTrailingZeros((t | t + SIXES) & HIGH_NIBBLES) >>> 3;
    }

    /**
     * The value of the word's first {@code n} (1 to 8) bytes, all ASCII digits, the first the most
     * significant: shifted to be the last {@code n} of 8 (the zero bytes shifted in are leading
     * zeros), then paired into 2-, 4- and 8-digit values with three multiplications.
     */
    public static long digitsValue(final long word, final int n) {
        long v = (word ^ ZEROS) << (8 - n << 3);
        v = v * 10 + (v >>> 8);
        return ((v & 0x0000_00FF_0000_00FFL) * (100 + (1_000_000L << 32))
            + (v >>> 16 & 0x0000_00FF_0000_00FFL) * (1 + (10_000L << 32))) >>> 32;
    }

    /**
     * How many bytes the word starts with that a JSON string holds as they are, 0 to 8: ASCII that is
     * neither a quote, a backslash nor a control character (a byte of 0x80 or more, UTF-8 that must
     * be checked, stops the run too).
     */
    public static int plainStringBytes(final long word) {
        final long stops = zeroBytes(word ^ QUOTES) | zeroBytes(word ^ BACKSLASHES)
            | (word - SPACES & ~word & HIGH_BITS) | word & HIGH_BITS;
        return Long.numberOfTrailingZeros(stops) >>> 3;
    }

    /** The high bit of each zero byte (and possibly of bytes after the first zero byte). */
    private static long zeroBytes(final long x) {
        return x - ONES & ~x & HIGH_BITS;
    }
}
