package io.signet.json;

import io.signet.internal.json.Swar;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each word-at-a-time test against the byte-at-a-time rule it replaces, on random and crafted words. */
class SwarTest {
    private static final byte[] INTERESTING = {'0', '9', '/', ':', '"', '\\', ' ', 0x1F, 0x20, 0x21, 0x7F, (byte) 0x80,
        (byte) 0xCC, (byte) 0xCF, (byte) 0xFF, 0, 1, 'e', '.', '-', ',', ']', 'a', (byte) 0xC3, (byte) 0xDF};

    /** Random words: uniform bytes, or bytes drawn from the boundary values of every test. */
    private static byte[] randomWord(final Random r) {
        final byte[] b = new byte[8];
        final int mode = r.nextInt(3);
        for (int k = 0; k < 8; k++) {
            if (mode == 0) {
                b[k] = (byte) r.nextInt(256);
            } else if (mode == 1 || r.nextInt(4) == 0) {
                b[k] = INTERESTING[r.nextInt(INTERESTING.length)];
            } else {
                b[k] = (byte) (r.nextBoolean() ? '0' + r.nextInt(10) : 'a' + r.nextInt(26));
            }
        }
        return b;
    }

    @Test
    void leadingDigitsCountsTheDigitBytesBeforeTheFirstOther() {
        final Random r = new Random(11);
        for (int n = 0; n < 500_000; n++) {
            final byte[] b = randomWord(r);
            int want = 0;
            while (want < 8 && b[want] >= '0' && b[want] <= '9') {
                want++;
            }
            assertEquals(want, Swar.leadingDigits(Swar.word(b, 0)), java.util.Arrays.toString(b));
        }
    }

    @Test
    void plainStringBytesStopsAtAQuoteABackslashAControlOrANonAsciiByte() {
        final Random r = new Random(12);
        for (int n = 0; n < 500_000; n++) {
            final byte[] b = randomWord(r);
            int want = 0;
            while (want < 8 && b[want] >= 0x20 && b[want] != '"' && b[want] != '\\') {
                want++; // a byte is signed: 0x80 and above are negative and stop the run
            }
            assertEquals(want, Swar.plainStringBytes(Swar.word(b, 0)), java.util.Arrays.toString(b));
        }
    }

    @Test
    void digitsValueIsTheDecimalValueOfTheFirstNDigits() {
        final Random r = new Random(7);
        for (int k = 0; k < 300_000; k++) {
            final int len = 1 + r.nextInt(8);
            final StringBuilder sb = new StringBuilder();
            for (int d = 0; d < len; d++) {
                sb.append((char) ('0' + r.nextInt(10)));
            }
            final byte[] b = (sb + ",]\u00ff99999999").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            assertEquals(Long.parseLong(sb.toString()), Swar.digitsValue(Swar.word(b, 0), len), sb.toString());
        }
        final byte[] nines = "99999999".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertEquals(99_999_999L, Swar.digitsValue(Swar.word(nines, 0), 8));
    }

    @Test
    void wordsAreLittleEndianFromTheIndex() {
        final byte[] b = {9, 1, 2, 3, 4, 5, 6, 7, 8};
        assertEquals(0x0807_0605_0403_0201L, Swar.word(b, 1));
    }
}
