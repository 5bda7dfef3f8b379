package io.signet.tensor;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link DType#parse} against what numpy 1.24 (Debian's, /usr/bin/python3) does with the same text:
 * {@code d = np.dtype(text)}; columns are {@code d.name}, {@code d.str}, {@code str(d)}, {@code d.itemsize},
 * or for a refused text numpy's TypeError message. Generated with numpy 1.24.2 and hard-coded here.
 */
class DTypeTest {
    /** text, name (null = numpy refuses), descr or message, str(dtype), itemsize. */
    private static final String[][] NUMPY = {
            {"bool", "bool", "|b1", "bool", "1"},
            {"bool_", "bool", "|b1", "bool", "1"},
            {"bool8", "bool", "|b1", "bool", "1"},
            {"?", "bool", "|b1", "bool", "1"},
            {"b1", "bool", "|b1", "bool", "1"},
            {"|b1", "bool", "|b1", "bool", "1"},
            {"int8", "int8", "|i1", "int8", "1"},
            {"byte", "int8", "|i1", "int8", "1"},
            {"b", "int8", "|i1", "int8", "1"},
            {"i1", "int8", "|i1", "int8", "1"},
            {">i1", "int8", "|i1", "int8", "1"},
            {"int16", "int16", "<i2", "int16", "2"},
            {"short", "int16", "<i2", "int16", "2"},
            {"h", "int16", "<i2", "int16", "2"},
            {"i2", "int16", "<i2", "int16", "2"},
            {">i2", "int16", ">i2", ">i2", "2"},
            {"int32", "int32", "<i4", "int32", "4"},
            {"intc", "int32", "<i4", "int32", "4"},
            {"i", "int32", "<i4", "int32", "4"},
            {"i4", "int32", "<i4", "int32", "4"},
            {"int64", "int64", "<i8", "int64", "8"},
            {"int", "int64", "<i8", "int64", "8"},
            {"int_", "int64", "<i8", "int64", "8"},
            {"long", "int64", "<i8", "int64", "8"},
            {"longlong", "int64", "<i8", "int64", "8"},
            {"intp", "int64", "<i8", "int64", "8"},
            {"l", "int64", "<i8", "int64", "8"},
            {"q", "int64", "<i8", "int64", "8"},
            {"p", "int64", "<i8", "int64", "8"},
            {"i8", "int64", "<i8", "int64", "8"},
            {"<i8", "int64", "<i8", "int64", "8"},
            {">i8", "int64", ">i8", ">i8", "8"},
            {"=i8", "int64", "<i8", "int64", "8"},
            {"!i8", null, "data type '!i8' not understood", null, null},
            {"|i8", "int64", "<i8", "int64", "8"},
            {"uint8", "uint8", "|u1", "uint8", "1"},
            {"ubyte", "uint8", "|u1", "uint8", "1"},
            {"B", "uint8", "|u1", "uint8", "1"},
            {"u1", "uint8", "|u1", "uint8", "1"},
            {"uint16", "uint16", "<u2", "uint16", "2"},
            {"H", "uint16", "<u2", "uint16", "2"},
            {"u2", "uint16", "<u2", "uint16", "2"},
            {"uint32", "uint32", "<u4", "uint32", "4"},
            {"uintc", "uint32", "<u4", "uint32", "4"},
            {"I", "uint32", "<u4", "uint32", "4"},
            {"u4", "uint32", "<u4", "uint32", "4"},
            {"uint64", "uint64", "<u8", "uint64", "8"},
            {"uint", "uint64", "<u8", "uint64", "8"},
            {"ulong", "uint64", "<u8", "uint64", "8"},
            {"ulonglong", "uint64", "<u8", "uint64", "8"},
            {"uintp", "uint64", "<u8", "uint64", "8"},
            {"L", "uint64", "<u8", "uint64", "8"},
            {"Q", "uint64", "<u8", "uint64", "8"},
            {"P", "uint64", "<u8", "uint64", "8"},
            {"u8", "uint64", "<u8", "uint64", "8"},
            {">u8", "uint64", ">u8", ">u8", "8"},
            {"float16", "float16", "<f2", "float16", "2"},
            {"half", "float16", "<f2", "float16", "2"},
            {"e", "float16", "<f2", "float16", "2"},
            {"f2", "float16", "<f2", "float16", "2"},
            {">f2", "float16", ">f2", ">f2", "2"},
            {"float32", "float32", "<f4", "float32", "4"},
            {"single", "float32", "<f4", "float32", "4"},
            {"f", "float32", "<f4", "float32", "4"},
            {"f4", "float32", "<f4", "float32", "4"},
            {">f4", "float32", ">f4", ">f4", "4"},
            {"float64", "float64", "<f8", "float64", "8"},
            {"float", "float64", "<f8", "float64", "8"},
            {"double", "float64", "<f8", "float64", "8"},
            {"float_", "float64", "<f8", "float64", "8"},
            {"d", "float64", "<f8", "float64", "8"},
            {"f8", "float64", "<f8", "float64", "8"},
            {">f8", "float64", ">f8", ">f8", "8"},
            {"complex64", "complex64", "<c8", "complex64", "8"},
            {"csingle", "complex64", "<c8", "complex64", "8"},
            {"F", "complex64", "<c8", "complex64", "8"},
            {"c8", "complex64", "<c8", "complex64", "8"},
            {"complex128", "complex128", "<c16", "complex128", "16"},
            {"complex", "complex128", "<c16", "complex128", "16"},
            {"cdouble", "complex128", "<c16", "complex128", "16"},
            {"complex_", "complex128", "<c16", "complex128", "16"},
            {"D", "complex128", "<c16", "complex128", "16"},
            {"c16", "complex128", "<c16", "complex128", "16"},
            {">c16", "complex128", ">c16", ">c16", "16"},
            {"str", "str", "<U0", "<U0", "0"},
            {"str_", "str", "<U0", "<U0", "0"},
            {"unicode", "str", "<U0", "<U0", "0"},
            {"unicode_", "str", "<U0", "<U0", "0"},
            {"U", "str", "<U0", "<U0", "0"},
            {"U0", "str", "<U0", "<U0", "0"},
            {"U1", "str32", "<U1", "<U1", "4"},
            {"U7", "str224", "<U7", "<U7", "28"},
            {"<U7", "str224", "<U7", "<U7", "28"},
            {">U7", "str224", ">U7", ">U7", "28"},
            {"|U7", "str224", "<U7", "<U7", "28"},
            {"=U7", "str224", "<U7", "<U7", "28"},
            {"str224", null, "data type 'str224' not understood", null, null},
            {"bytes", "bytes", "|S0", "|S0", "0"},
            {"bytes_", "bytes", "|S0", "|S0", "0"},
            {"string_", "bytes", "|S0", "|S0", "0"},
            {"S", "bytes", "|S0", "|S0", "0"},
            {"S0", "bytes", "|S0", "|S0", "0"},
            {"S3", "bytes24", "|S3", "|S3", "3"},
            {"|S3", "bytes24", "|S3", "|S3", "3"},
            {"<S3", "bytes24", "|S3", "|S3", "3"},
            {">S3", "bytes24", "|S3", "|S3", "3"},
            {"a3", "bytes24", "|S3", "|S3", "3"},
            {"bytes24", null, "data type 'bytes24' not understood", null, null},
            {"object", "object", "|O", "object", "8"},
            {"object_", "object", "|O", "object", "8"},
            {"O", "object", "|O", "object", "8"},
            {"|O", "object", "|O", "object", "8"},
            {"O8", "object", "|O", "object", "8"},
            {"datetime64", "datetime64", "<M8", "datetime64", "8"},
            {"M8", "datetime64", "<M8", "datetime64", "8"},
            {"<M8", "datetime64", "<M8", "datetime64", "8"},
            {">M8", "datetime64", ">M8", ">M8", "8"},
            {"datetime64[ns]", "datetime64[ns]", "<M8[ns]", "datetime64[ns]", "8"},
            {"M8[ns]", "datetime64[ns]", "<M8[ns]", "datetime64[ns]", "8"},
            {"<M8[ns]", "datetime64[ns]", "<M8[ns]", "datetime64[ns]", "8"},
            {">M8[ns]", "datetime64[ns]", ">M8[ns]", ">M8[ns]", "8"},
            {"M8[D]", "datetime64[D]", "<M8[D]", "datetime64[D]", "8"},
            {"M8[Y]", "datetime64[Y]", "<M8[Y]", "datetime64[Y]", "8"},
            {"M8[M]", "datetime64[M]", "<M8[M]", "datetime64[M]", "8"},
            {"M8[W]", "datetime64[W]", "<M8[W]", "datetime64[W]", "8"},
            {"M8[h]", "datetime64[h]", "<M8[h]", "datetime64[h]", "8"},
            {"M8[m]", "datetime64[m]", "<M8[m]", "datetime64[m]", "8"},
            {"M8[s]", "datetime64[s]", "<M8[s]", "datetime64[s]", "8"},
            {"M8[ms]", "datetime64[ms]", "<M8[ms]", "datetime64[ms]", "8"},
            {"M8[us]", "datetime64[us]", "<M8[us]", "datetime64[us]", "8"},
            {"M8[ps]", "datetime64[ps]", "<M8[ps]", "datetime64[ps]", "8"},
            {"M8[fs]", "datetime64[fs]", "<M8[fs]", "datetime64[fs]", "8"},
            {"M8[as]", "datetime64[as]", "<M8[as]", "datetime64[as]", "8"},
            {"datetime64[us]", "datetime64[us]", "<M8[us]", "datetime64[us]", "8"},
            {"timedelta64", "timedelta64", "<m8", "timedelta64", "8"},
            {"m8", "timedelta64", "<m8", "timedelta64", "8"},
            {"m8[s]", "timedelta64[s]", "<m8[s]", "timedelta64[s]", "8"},
            {"<m8[ns]", "timedelta64[ns]", "<m8[ns]", "timedelta64[ns]", "8"},
            {">m8[ms]", "timedelta64[ms]", ">m8[ms]", ">m8[ms]", "8"},
            {"timedelta64[D]", "timedelta64[D]", "<m8[D]", "timedelta64[D]", "8"},
            {"i3", null, "data type 'i3' not understood", null, null},
            {"f3", null, "data type 'f3' not understood", null, null},
            {"u3", null, "data type 'u3' not understood", null, null},
            {"x", null, "data type 'x' not understood", null, null},
            {"", null, "data type '' not understood", null, null},
            {"float8", null, "data type 'float8' not understood", null, null},
            {"int128", null, "data type 'int128' not understood", null, null},
            {"M8[xx]", null, "Invalid datetime unit in metadata string \"[xx]\"", null, null},
            {"datetime64[xx]", null, "Invalid datetime unit in metadata string \"[xx]\"", null, null},
            {"M9", null, "data type 'M9' not understood", null, null},
            {"O4", "object", "|O", "object", "8"},
            {"U7x", null, "data type 'U7x' not understood", null, null},
            {"c", "bytes8", "|S1", "|S1", "1"},
            {"u", null, "data type 'u' not understood", null, null},

            {"M8[ns", null, "Invalid datetime metadata string \"[ns\" at position 3", null, null},
            {"M8[ns]x", null, "Invalid datetime metadata string \"[ns]x\" at position 4", null, null},
            {"M8ns", null, "Invalid datetime metadata string \"ns\"", null, null},
            {"datetime64ns", null, "Invalid datetime metadata string \"ns\"", null, null},
            {"M8[]", null, "Invalid datetime metadata string \"[]\"", null, null},
            {"M8[NS]", null, "Invalid datetime unit in metadata string \"[NS]\"", null, null},
            {"m8[xx]", null, "Invalid datetime unit in metadata string \"[xx]\"", null, null},
            {"M16", null, "data type 'M16' not understood", null, null},
            {"M[ns]", null, "data type 'M[ns]' not understood", null, null},
            {"M", "datetime64", "<M8", "datetime64", "8"},
            {"m", "timedelta64", "<m8", "timedelta64", "8"},
            {"M8[generic]", "datetime64", "<M8", "datetime64", "8"},
            {"<c", "bytes8", "|S1", "|S1", "1"},
            {"c1", null, "data type 'c1' not understood", null, null},
            {"O2", null, "data type 'O2' not understood", null, null},
            {"datetime", null, "data type 'datetime' not understood", null, null},
            {"Float64", null, "data type 'Float64' not understood", null, null},
            {"float32 ", null, "data type 'float32 ' not understood", null, null},
    };

    @TestFactory
    List<DynamicTest> parseAgreesWithNumpy() {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String[] r : NUMPY) {
            tests.add(DynamicTest.dynamicTest("np.dtype('" + r[0] + "')", () -> {
                if (r[1] == null) {
                    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DType.parse(r[0]));
                    assertEquals(r[2], e.getMessage());
                    return;
                }
                final DType d = DType.parse(r[0]);
                assertEquals(r[1], d.name(), "name");
                assertEquals(r[2], d.descr(), "descr (dtype.str)");
                assertEquals(r[3], d.toString(), "str(dtype)");
                assertEquals(Integer.parseInt(r[4]), d.itemSize(), "itemsize");
                assertEquals(d, DType.parse(d.descr()), "descr parses back");
            }));
        }
        return tests;
    }

    /**
     * numpy 1.24 reads these (long double, datetime unit multiples) but Signet has no such dtypes: it
     * refuses them rather than guess ('g' used to be read as float64).
     */
    @Test
    void dtypesNumpyHasAndSignetDoesNot() {
        for (final String t : new String[] {"g", "=g", "float128", "f16", "longdouble", "M8[25s]", "M8[2D]", "datetime64[10ms]"}) {
            assertEquals("data type '" + t + "' not understood",
                assertThrows(IllegalArgumentException.class, () -> DType.parse(t), t).getMessage());
        }
    }

    @Test
    void byteOrders() {
        assertEquals(ByteOrder.LITTLE_ENDIAN, DType.parse("<f4").order());
        assertEquals(ByteOrder.LITTLE_ENDIAN, DType.parse("=f4").order());
        assertEquals(ByteOrder.LITTLE_ENDIAN, DType.parse("|f4").order());
        assertEquals(ByteOrder.BIG_ENDIAN, DType.parse(">f4").order());
        assertEquals(ByteOrder.BIG_ENDIAN, DType.parse(">M8[us]").order());
        assertNull(DType.parse(">i1").order());
        assertNull(DType.parse("<S3").order());
        assertNull(DType.parse("O").order());
        assertSame(DType.INT8, DType.parse(">i1"));
        assertEquals(DType.FLOAT32, DType.parse(">f4").withOrder(ByteOrder.LITTLE_ENDIAN));
        assertEquals(DType.parse(">f4"), DType.FLOAT32.withOrder(ByteOrder.BIG_ENDIAN));
        assertEquals(ByteOrder.nativeOrder() == ByteOrder.BIG_ENDIAN, DType.parse(">f8").isNativeOrder());
    }

    @Test
    void datetimeUnits() {
        for (final String u : DType.UNITS) {
            final DType d = DType.parse("datetime64[" + u + "]");
            assertEquals(u, d.unit());
            assertEquals(DType.Kind.DATETIME, d.kind());
            assertEquals(d, DType.parse("M8[" + u + "]"));
            assertEquals(d, DType.datetime64(u));
            assertEquals("<m8[" + u + "]", DType.timedelta64(u).descr());
        }
        assertEquals("", DType.parse("datetime64").unit());
        assertEquals("", DType.parse("M8[generic]").unit());
        assertNull(DType.FLOAT64.unit());
    }

    @Test
    void stringAndBytesSizes() {
        assertEquals(0, DType.parse("str").itemSize());
        assertEquals(DType.STR, DType.parse("U"));
        assertEquals(DType.STR, DType.parse("U0"));
        assertEquals(DType.unicode(7), DType.parse("<U7"));
        assertEquals(28, DType.unicode(7).itemSize());
        assertEquals(DType.bytes(3), DType.parse("a3"));
        assertEquals(DType.BYTES, DType.parse("S0"));
        // MLflow's clean_tensor_type drops the size
        assertEquals(DType.STR, DType.parse(">U9").cleaned());
        assertEquals(DType.BYTES, DType.parse("|S9").cleaned());
        assertEquals(DType.FLOAT32, DType.FLOAT32.cleaned());
    }
}
