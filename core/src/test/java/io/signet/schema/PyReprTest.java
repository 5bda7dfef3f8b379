package io.signet.schema;

import io.signet.py.PyRepr;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link PyRepr} against Python 3.11's repr/str (Debian's /usr/bin/python3; expectations printed by it). */
class PyReprTest {
    /** float.hex(), repr(float). */
    private static final String[][] FLOATS = {
        {"0x1.4f8b588e368f1p-17", "1e-05"},
        {"0x1.1c37937e08000p+53", "1e+16"},
        {"0x1.999999999999ap-4", "0.1"},
        {"0x1.b69b4ba630f35p+56", "1.2345678901234568e+17"},
        {"-0x0.0p+0", "-0.0"},
        {"0x0.0p+0", "0.0"},
        {"0x1.1c37937e07fffp+53", "9999999999999998.0"},
        {"0x1.a36e2eb1c432dp-14", "0.0001"},
        {"0x1.02c9dedbc309dp-13", "0.0001234"},
        {"0x1.0f0cf064dd592p+73", "1e+22"},
        {"0x1.52d02c7e14af6p+76", "1e+23"},
        {"0x1.f67ea69ed3795p+57", "2.82879384806159e+17"},
        {"0x1.c7e83209e90b2p+72", "8.41e+21"},
        {"0x0.0000000000001p-1022", "5e-324"},
        {"0x1.fffffffffffffp+1023", "1.7976931348623157e+308"},
        {"0x1.0000000000000p-1022", "2.2250738585072014e-308"},
        {"0x1.8000000000000p+0", "1.5"},
        {"0x1.9000000000000p+6", "100.0"},
        {"-0x1.0c6f7a0b5ed8dp-22", "-2.5e-07"},
        {"0x1.921f9f01b866ep+1", "3.14159"},
        {"0x1.5555555555555p-2", "0.3333333333333333"},
        {"0x1.0000000000000p+53", "9007199254740992.0"},
        {"0x1.1666666666666p+2", "4.35"},
        {"0x1.3333333333333p-2", "0.3"},
        {"0x1.ad7f29abcaf48p-24", "1e-07"},
        {"0x1.6b082c2148b8ep-60", "1.23e-18"},
        {"0x1.c6bf526340000p+49", "1000000000000000.0"},
        {"0x1.d6f34547df3b6p+26", "123456789.123"},
        {"0x0.0000000000003p-1022", "1.5e-323"},
        {"0x1.f75104d551d6ap-16", "3.0000000000000004e-05"},
        {"0x1.3333333333334p-2", "0.30000000000000004"},
        {"0x1.a36e2eb1c432dp-15", "5e-05"},
        {"0x1.56a95319d63e1p+63", "1.2345678901234567e+19"},
    };
    private static final String[][] STRS = {
        {"abc", "'abc'"},
        {"it's", "\"it's\""},
        {"say \"hi\"", "'say \"hi\"'"},
        {"both ' and \"", "'both \\' and \"'"},
        {"back\\slash", "'back\\\\slash'"},
        {"tab\there", "'tab\\there'"},
        {"nl\n", "'nl\\n'"},
        {"cr\r", "'cr\\r'"},
        {"\u0000\u0001\u001f", "'\\x00\\x01\\x1f'"},
        {"\u007f", "'\\x7f'"},
        {"\u0080\u0085\u009f", "'\\x80\\x85\\x9f'"},
        {"\u00a0", "'\\xa0'"},
        {"\u00e9", "'\u00e9'"},
        {"\u00fc\u20ac", "'\u00fc\u20ac'"},
        {"\u2028", "'\\u2028'"},
        {"\u200b", "'\\u200b'"},
        {"\ufeff", "'\\ufeff'"},
        {"\ud83d\ude00x", "'\ud83d\ude00x'"},
        {"\ud800", "'\\ud800'"},
        {"\u0378", "'\\u0378'"},
        {"\u4e2d\u6587", "'\u4e2d\u6587'"},
        {" sp ", "' sp '"},
        {"\u3000", "'\\u3000'"},
        {"\ue000", "'\\ue000'"},
        {"", "''"},
    };

    @Test
    void floatReprMatchesPython() {
        final List<String> bad = new ArrayList<>();
        for (final String[] r : FLOATS) {
            final double d = Double.parseDouble(r[0]);
            final String got = PyRepr.floatRepr(d);
            if (!r[1].equals(got)) {
                bad.add(r[0] + ": expected " + r[1] + " got " + got);
            }
            assertEquals(r[1], PyRepr.repr(d));
            assertEquals(r[1], PyRepr.str(d));
        }
        assertEquals(List.of(), bad);
        assertEquals("nan", PyRepr.floatRepr(Double.NaN));
        assertEquals("inf", PyRepr.floatRepr(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PyRepr.floatRepr(Double.NEGATIVE_INFINITY));
        assertEquals("0.5", PyRepr.repr(0.5f));
    }

    @Test
    void strReprMatchesPython() {
        for (final String[] r : STRS) {
            assertEquals(r[1], PyRepr.repr(r[0]), () -> "repr of " + r[0].codePoints().mapToObj(Integer::toHexString).toList());
            assertEquals(r[0], PyRepr.str(r[0]));
        }
    }

    @Test
    void bytesRepr() {
        assertEquals("b'abc'", PyRepr.repr(bytes(97, 98, 99)));
        assertEquals("b\"it's\"", PyRepr.repr(bytes(105, 116, 39, 115)));
        assertEquals("b'say \"hi\"'", PyRepr.repr("say \"hi\"".getBytes()));
        assertEquals("b'\\x00\\x7f\\x80\\xff'", PyRepr.repr(bytes(0, 127, 128, 255)));
        assertEquals("b'\\\\'", PyRepr.repr(bytes(92)));
        assertEquals("b'\\t\\n\\r'", PyRepr.repr(bytes(9, 10, 13)));
        assertEquals("b'both \\' and \"'", PyRepr.repr("both ' and \"".getBytes()));
        assertEquals("b''", PyRepr.repr(new byte[0]));
        assertEquals("bytes", PyRepr.typeName(new byte[0]));
    }

    private static byte[] bytes(final int... v) {
        final byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    @Test
    void containers() {
        final Map<String, Object> d = new LinkedHashMap<>();
        d.put("a", 1L);
        d.put("b", List.of(1.0, "x", true));
        d.put("c", null);
        d.put("d", new LinkedHashMap<>());
        assertEquals("{'a': 1, 'b': [1.0, 'x', True], 'c': None, 'd': {}}", PyRepr.repr(d));
        assertEquals("[]", PyRepr.repr(List.of()));
        assertEquals("[[1, 2], [3]]", PyRepr.repr(List.of(List.of(1L, 2L), List.of(3L))));
        // tuples (shapes)
        assertEquals("()", PyRepr.repr(new long[0]));
        assertEquals("(3,)", PyRepr.repr(new long[] {3}));
        assertEquals("(-1, 28, 28, 1)", PyRepr.shape(new long[] {-1, 28, 28, 1}));
        assertEquals("set()", PyRepr.repr(new LinkedHashSet<>()));
        assertEquals("{'a', 'b'}", PyRepr.repr(new LinkedHashSet<>(Arrays.asList("a", "b"))));
        assertEquals("{1: 'x'}", PyRepr.repr(Map.of(1L, "x")));
    }

    @Test
    void scalarsAndTypeNames() {
        assertEquals("None", PyRepr.repr(null));
        assertEquals("True", PyRepr.str(true));
        assertEquals("123456789012345678901234567890", PyRepr.repr(new BigInteger("123456789012345678901234567890")));
        assertEquals("Decimal('1.10')", PyRepr.repr(new BigDecimal("1.10")));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, 5)", PyRepr.repr(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        assertEquals("datetime.datetime(2024, 1, 2, 0, 0)", PyRepr.repr(LocalDateTime.of(2024, 1, 2, 0, 0)));
        assertEquals("datetime.datetime(2024, 1, 2, 3, 4, 0, 500)", PyRepr.repr(LocalDateTime.of(2024, 1, 2, 3, 4, 0, 500_000)));
        assertEquals("2024-01-02 03:04:05", PyRepr.str(LocalDateTime.of(2024, 1, 2, 3, 4, 5)));
        assertEquals("2024-01-02 03:04:05.000007", PyRepr.str(LocalDateTime.of(2024, 1, 2, 3, 4, 5, 7000)));
        assertEquals("datetime.date(2024, 1, 2)", PyRepr.repr(LocalDate.of(2024, 1, 2)));
        assertEquals("2024-01-02", PyRepr.str(LocalDate.of(2024, 1, 2)));
        assertEquals("NoneType", PyRepr.typeName(null));
        assertEquals("int", PyRepr.typeName(1L));
        assertEquals("int", PyRepr.typeName(BigInteger.TEN));
        assertEquals("float", PyRepr.typeName(1.0));
        assertEquals("bool", PyRepr.typeName(true));
        assertEquals("str", PyRepr.typeName(""));
        assertEquals("list", PyRepr.typeName(List.of()));
        assertEquals("dict", PyRepr.typeName(Map.of()));
        assertEquals("tuple", PyRepr.typeName(new long[0]));
        assertEquals("datetime", PyRepr.typeName(LocalDateTime.MIN));
        assertEquals("date", PyRepr.typeName(LocalDate.MIN));
        assertEquals("Decimal", PyRepr.typeName(BigDecimal.ONE));
    }
}
