package io.signet.tensor;

import io.signet.tensor.Utf8Strings;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** UTF-8 string arrays in ND4J's layout: header validation and well-formedness, byte by byte. */
class Utf8StringsTest {
    /** Lays out strings as ND4J does: (n + 1) int64 offsets, then the bytes, in direct memory. */
    static ByteBuffer layout(final byte[]... strings) {
        int total = 0;
        for (final byte[] s : strings) {
            total += s.length;
        }
        final ByteBuffer b = ByteBuffer.allocateDirect(8 * (strings.length + 1) + total).order(ByteOrder.LITTLE_ENDIAN);
        long off = 0;
        b.putLong(0);
        for (final byte[] s : strings) {
            off += s.length;
            b.putLong(off);
        }
        for (final byte[] s : strings) {
            b.put(s);
        }
        return b.flip();
    }

    private static long address(final ByteBuffer b) {
        return new UnsafeBuffer(b).addressOffset();
    }

    private static boolean valid(final int... bytes) {
        final byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return Utf8Strings.validUtf8(new UnsafeBuffer(b), 0, b.length);
    }

    @Test
    void wellFormedUtf8IsAcceptedAndEveryIllFormedKindRefused() {
        assertTrue(valid('a', 'b'));
        assertTrue(valid(0xc3, 0xa9));                  // é
        assertTrue(valid(0xe2, 0x82, 0xac));            // €
        assertTrue(valid(0xf0, 0x9f, 0x98, 0x80));      // 😀
        assertTrue(valid(0xf4, 0x8f, 0xbf, 0xbf));      // U+10FFFF
        assertFalse(valid(0xe9, 'l'));                  // Latin-1 é: what ND4J M2.1 writes for "é"
        assertFalse(valid(0xc0, 0x80));                 // overlong NUL
        assertFalse(valid(0xe0, 0x80, 0xaf));           // overlong
        assertFalse(valid(0xed, 0xa0, 0x80));           // surrogate U+D800
        assertFalse(valid(0xf4, 0x90, 0x80, 0x80));     // past U+10FFFF
        assertFalse(valid(0xe2, 0x82));                 // truncated
        assertFalse(valid(0x80));                       // lone continuation byte
        assertFalse(valid(0xf8, 0x88, 0x80, 0x80, 0x80)); // 5-byte form
    }

    @Test
    void firstInvalidStringIsFound() {
        final ByteBuffer b = layout("ab".getBytes(StandardCharsets.UTF_8), "h\u00e9llo".getBytes(StandardCharsets.UTF_8),
            new byte[] {'x', (byte) 0xff}, new byte[0]);
        final Utf8Strings s = new Utf8Strings().wrap(address(b), b.capacity(), 4, new long[] {2, 2});
        assertEquals(2, s.firstInvalidUtf8());
        assertEquals(DType.STR, s.dtype());
        assertEquals(2, s.rank());
    }

    @Test
    void aHeaderThatPointsOutsideTheMemoryIsRefusedBeforeAnyRead() {
        final ByteBuffer b = layout("ab".getBytes(StandardCharsets.UTF_8), "cd".getBytes(StandardCharsets.UTF_8));
        final long a = address(b);
        assertThrows(IllegalArgumentException.class, () -> new Utf8Strings().wrap(a, 16, 2, new long[] {2}),
            "header longer than the region");
        assertThrows(IllegalArgumentException.class, () -> new Utf8Strings().wrap(a, b.capacity(), 3, new long[] {2}),
            "shape does not hold the count");
        b.putLong(16, 99);
        assertThrows(IllegalArgumentException.class, () -> new Utf8Strings().wrap(a, b.capacity(), 2, new long[] {2}),
            "last offset past the text");
        b.putLong(16, 4);
        b.putLong(8, 5);
        assertThrows(IllegalArgumentException.class, () -> new Utf8Strings().wrap(a, b.capacity(), 2, new long[] {2}),
            "offsets out of order");
        b.putLong(8, 2);
        b.putLong(0, 1);
        assertThrows(IllegalArgumentException.class, () -> new Utf8Strings().wrap(a, b.capacity(), 2, new long[] {2}),
            "first offset not 0");
        b.putLong(0, 0);
        assertEquals(-1, new Utf8Strings().wrap(a, b.capacity(), 2, new long[] {2}).firstInvalidUtf8());
    }
}
