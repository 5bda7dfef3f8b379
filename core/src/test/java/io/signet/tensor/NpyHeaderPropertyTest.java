package io.signet.tensor;

import io.signet.tensor.NpyFile.NpyLimits;
import io.signet.internal.tensor.PyText;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Headers generated in Java (the differential test holds numpy's verdicts; these hold invariants):
 * the parser throws nothing but {@link NpyFormatException}, reads nothing past the header, locates
 * every refusal inside the bytes it was given with a bounded printable message, accepts only
 * consistent headers, and reads every well-formed header numpy could write back to its values.
 */
class NpyHeaderPropertyTest {
    private static final String[] FRAGMENTS = {"{", "}", "(", ")", "[", "]", ",", ":", "'descr'", "'shape'",
        "'fortran_order'", "'<f4'", "'|u1'", "'>i8'", "'<U3'", "'S5'", "True", "False", "None", "1", "0", "0x1f", "1_0",
        "-3", "3L", "12345678901234567890", " ", " ", "\n", "\t", "\f", "\r", "\\\n", "#c\n", "\"", "'", "'''", "\\",
        "\0", "\u00e9", "\u00ff", "1e5", "1j", ".", "...", "set()", "b'x'", "u'x'", "'\\x41'", "'\\N{DIGIT ONE}'",
        "\u001b", "\u20ac", "+", "*", "=", "L", "descr", "shape", "1+2j"};

    /** Magic, version, a length that may lie, and a header from fragments, followed by junk. */
    static final class Raw {
        final byte[] bytes;
        final int headerEnd;

        Raw(final byte[] bytes, final int headerEnd) {
            this.bytes = bytes;
            this.headerEnd = headerEnd;
        }

        @Override
        public String toString() {
            return PyText.repr(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    @Provide
    Arbitrary<Raw> raw() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 60),
            Arbitraries.of(1, 2, 3, 0, 4), Arbitraries.integers().between(-3, 3)).as((seed, parts, major, lie) -> {
                final Random r = new Random(seed);
                final StringBuilder h = new StringBuilder();
                if (r.nextBoolean()) {
                    h.append("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }");
                }
                for (int i = 0; i < parts; i++) {
                    final String f = FRAGMENTS[r.nextInt(FRAGMENTS.length)];
                    h.insert(r.nextInt(h.length() + 1), r.nextInt(20) == 0 ? String.valueOf((char) r.nextInt(256)) : f);
                }
                final byte[] hb = h.toString().getBytes(major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
                final int hstart = major == 1 ? 10 : 12;
                final int declared = Math.max(0, hb.length + (r.nextInt(4) == 0 ? lie : 0));
                final byte[] junk = new byte[r.nextInt(40)];
                r.nextBytes(junk);
                final ByteBuffer b = ByteBuffer.allocate(hstart + hb.length + junk.length).order(ByteOrder.LITTLE_ENDIAN);
                b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) (int) major, (byte) (r.nextInt(10) == 0 ? 1 : 0)});
                if (major == 1) {
                    b.putShort((short) declared);
                } else {
                    b.putShort((short) declared).putShort((short) 0);
                }
                b.put(hb).put(junk);
                return new Raw(b.array(), Math.min(hstart + declared, b.capacity()));
            });
    }

    /** Parses {@code b[0, len)} claiming {@code len} available bytes. */
    private static Object verdict(final byte[] b, final int len) {
        try {
            final NpyFile.Header h = NpyHeaderParser.parse("p", b, len, len, NpyLimits.DEFAULT);
            return List.of(h.dtype().descr(), h.fortran(), java.util.Arrays.toString(h.shape()), h.count(),
                h.dataOffset());
        } catch (final NpyFormatException e) {
            return e.getMessage();
        }
    }

    @Property(tries = 3000)
    void onlyFormatExceptionsLocatedInsideTheBytesWithBoundedMessages(@ForAll("raw") final Raw raw) {
        final byte[] b = raw.bytes;
        try {
            final NpyFile.Header h = NpyFile.parseHeader("p", b, b.length);
            // accepted: consistent with itself
            long count = 1;
            for (final long d : h.shape()) {
                assertTrue(d >= 0, raw.toString());
                count = Math.multiplyExact(count, d);
            }
            assertEquals(count, h.count());
            assertTrue(h.shape().length <= TensorView.MAX_RANK);
            assertTrue(h.dtype().itemSize() > 0 && h.dtype().itemSize() <= NpyLimits.DEFAULT.maxItemBytes());
            assertEquals(raw.headerEnd, h.dataOffset(), raw.toString());
            Math.multiplyExact(count, (long) h.dtype().itemSize());
        } catch (final NpyFormatException e) {
            final String m = e.getMessage();
            assertTrue(e.offset() >= 0 && e.offset() <= Math.max(12, raw.headerEnd), e.offset() + " " + m);
            assertTrue(m.length() <= 1024, m);
            assertTrue(m.chars().noneMatch(c -> c < 0x20 || c == 0x7f || c >= 0x80 && c < 0xa0), m);
        }
    }

    @Property(tries = 2000)
    void theVerdictDependsOnlyOnTheBytesBeforeTheHeadersEnd(@ForAll("raw") final Raw raw, @ForAll final long seed) {
        // the same header with other bytes after it: the parser must never have looked at them
        final byte[] other = raw.bytes.clone();
        final Random r = new Random(seed);
        for (int i = raw.headerEnd; i < other.length; i++) {
            other[i] = (byte) r.nextInt(256);
        }
        final byte[] cut = java.util.Arrays.copyOf(raw.bytes, raw.headerEnd);
        final Object a = verdict(raw.bytes, raw.bytes.length);
        assertEquals(a, verdict(other, other.length), raw.toString());
        if (raw.headerEnd >= 12) {
            // and with nothing after the header (so no data: the same verdict on the header itself)
            final Object c = verdict(cut, cut.length);
            assertEquals(a instanceof String, c instanceof String, raw + ": " + a + " / " + c);
        }
    }

    /** A header numpy could write, in one of the spellings Python's literal syntax allows. */
    static final class Wellformed {
        final DType dtype;
        final boolean fortran;
        final long[] shape;
        final byte[] bytes;

        Wellformed(final DType dtype, final boolean fortran, final long[] shape, final byte[] bytes) {
            this.dtype = dtype;
            this.fortran = fortran;
            this.shape = shape;
            this.bytes = bytes;
        }

        @Override
        public String toString() {
            return PyText.repr(new String(bytes, StandardCharsets.ISO_8859_1));
        }
    }

    private static final DType[] DTYPES = {DType.FLOAT32, DType.FLOAT64, DType.FLOAT16, DType.INT8, DType.INT16,
        DType.INT32, DType.INT64, DType.UINT8, DType.UINT64, DType.BOOL, DType.COMPLEX64, DType.unicode(7),
        DType.bytes(3), DType.datetime64("ns"), DType.timedelta64("s"), DType.datetime64(""),
        DType.FLOAT64.withOrder(ByteOrder.BIG_ENDIAN), DType.unicode(2).withOrder(ByteOrder.BIG_ENDIAN)};

    @Provide
    Arbitrary<Wellformed> wellformed() {
        return Combinators.combine(Arbitraries.of(DTYPES), Arbitraries.longs(), Arbitraries.of(1, 2, 3))
            .as((dtype, seed, major) -> {
                final Random r = new Random(seed);
                final long[] shape = new long[r.nextInt(5)];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = i == 0 && r.nextInt(4) == 0 ? r.nextInt(1 << 20) : r.nextInt(5);
                }
                final boolean fortran = r.nextBoolean();
                final String q = r.nextBoolean() ? "'" : "\"";
                final List<String> items = new ArrayList<>();
                items.add(q + "descr" + q + sp(r) + ":" + sp(r) + q + dtype.descr() + q);
                items.add("'fortran_order':" + sp(r) + (fortran ? "True" : "False"));
                final StringBuilder t = new StringBuilder("(");
                for (int i = 0; i < shape.length; i++) {
                    t.append(i > 0 ? "," + sp(r) : "").append(number(r, shape[i]));
                }
                t.append(shape.length == 1 || r.nextBoolean() && shape.length > 0 ? "," : "").append(")");
                items.add("'shape':" + sp(r) + t);
                java.util.Collections.shuffle(items, r);
                if (r.nextInt(4) == 0) {
                    // a repeated key: only its last value counts, so the real descr moves last
                    items.removeIf(s -> s.startsWith(q + "descr"));
                    items.add(r.nextInt(items.size() + 1), ("'".equals(q) ? "\"descr\"" : "'descr'") + ": [1, 'x']");
                    items.add(q + "descr" + q + ":" + q + dtype.descr() + q);
                }
                final StringBuilder h = new StringBuilder(r.nextBoolean() ? "" : "  ").append("{");
                for (int i = 0; i < items.size(); i++) {
                    h.append(i > 0 ? "," + sp(r) : "").append(items.get(i));
                }
                h.append(r.nextBoolean() ? ", }" : "}");
                if (r.nextBoolean()) {
                    h.append(" # written by hand");
                }
                while ((h.length() + (major == 1 ? 11 : 13)) % 64 != 0) {
                    h.append(' ');
                }
                h.append('\n');
                final byte[] hb = h.toString().getBytes(StandardCharsets.UTF_8);
                final ByteBuffer b = ByteBuffer.allocate((major == 1 ? 10 : 12) + hb.length).order(ByteOrder.LITTLE_ENDIAN);
                b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) (int) major, 0});
                if (major == 1) {
                    b.putShort((short) hb.length);
                } else {
                    b.putInt(hb.length);
                }
                b.put(hb);
                return new Wellformed(dtype, fortran, shape, b.array());
            });
    }

    private static String sp(final Random r) {
        final String[] s = {"", " ", "  ", "\n", " \n  ", "\t"};
        return s[r.nextInt(s.length)];
    }

    private static String number(final Random r, final long v) {
        switch (r.nextInt(6)) {
            case 0:
                return "0x" + Long.toHexString(v);
            case 1:
                return "0o" + Long.toOctalString(v);
            case 2:
                return "(" + v + ")";
            case 3:
                return "+" + v;
            default:
                return Long.toString(v);
        }
    }

    @Property(tries = 2000)
    void wellFormedHeadersReadBackToTheirValues(@ForAll("wellformed") final Wellformed w) {
        final NpyFile.Header h = NpyFile.parseHeader("w", w.bytes, w.bytes.length);
        assertEquals(w.dtype, h.dtype(), w.toString());
        assertEquals(w.dtype.descr(), h.dtype().descr(), w.toString());
        assertEquals(w.fortran, h.fortran(), w.toString());
        assertArrayEquals(w.shape, h.shape(), w.toString());
        assertEquals(w.bytes.length, h.dataOffset());
    }
}
