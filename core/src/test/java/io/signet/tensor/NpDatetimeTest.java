package io.signet.tensor;

import io.signet.internal.tensor.NpDatetime;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link NpDatetime} against numpy 1.24.2 (Debian's /usr/bin/python3): for each string,
 * {@code d = np.datetime64(s)} gives the unit ({@code np.datetime_data(d.dtype)[0]}, "" for NaT), the
 * int64 value and {@code d.item()} (date, datetime or int); or numpy's ValueError message.
 */
class NpDatetimeTest {
    /** text, unit (null: numpy refuses), value or "ValueError: message", item as "type:str(item)". */
    private static final String[][] NUMPY = {
        {"2021", "Y", "51", "date:2021-01-01"},
        {"2021-03", "M", "614", "date:2021-03-01"},
        {"2021-03-04", "D", "18690", "date:2021-03-04"},
        {"2021-03-04T05", "h", "448565", "datetime:2021-03-04 05:00:00"},
        {"2021-03-04T05:06", "m", "26913906", "datetime:2021-03-04 05:06:00"},
        {"2021-03-04T05:06:07", "s", "1614834367", "datetime:2021-03-04 05:06:07"},
        {"2021-03-04 05:06:07", "s", "1614834367", "datetime:2021-03-04 05:06:07"},
        {"2021-03-04T05:06:07.1", "ms", "1614834367100", "datetime:2021-03-04 05:06:07.100000"},
        {"2021-03-04T05:06:07.123", "ms", "1614834367123", "datetime:2021-03-04 05:06:07.123000"},
        {"2021-03-04T05:06:07.1234", "us", "1614834367123400", "datetime:2021-03-04 05:06:07.123400"},
        {"2021-03-04T05:06:07.123456", "us", "1614834367123456", "datetime:2021-03-04 05:06:07.123456"},
        {"2021-03-04T05:06:07.1234567", "ns", "1614834367123456700", "int:1614834367123456700"},
        {"2021-03-04T05:06:07.123456789", "ns", "1614834367123456789", "int:1614834367123456789"},
        {"2021-03-04T05:06:07.1234567891", "ps", "-8479111362983753108", "int:-8479111362983753108"},
        {"2021-03-04T05:06:07.123456789012345678", "as", "8337473137042846542", "int:8337473137042846542"},
        {"1969-12-31T23:59:59.999999", "us", "-1", "datetime:1969-12-31 23:59:59.999999"},
        {"1900-01-01", "D", "-25567", "date:1900-01-01"},
        {"0001-01-01", "D", "-719162", "date:0001-01-01"},
        {"1-01-01", "D", "-719162", "date:0001-01-01"},
        {"10000-01-01", "D", "2932897", "int:2932897"},
        {"-0001-01-01", "D", "-719893", "int:-719893"},
        {"-100", "Y", "-2070", "int:-2070"},
        {"99999", "Y", "98029", "int:98029"},
        {"20230606", "Y", "20228636", "int:20228636"},
        {"NaT", "", "-9223372036854775808", "None"},
        {"nat", "", "-9223372036854775808", "None"},
        {"", "", "-9223372036854775808", "None"},
        {"2021-03-04T05:06:07Z", "s", "1614834367", "datetime:2021-03-04 05:06:07"},
        {"2021-03-04T05:06:07+01:00", "s", "1614830767", "datetime:2021-03-04 04:06:07"},
        {"2021-03-04T05:06:07-0130", "s", "1614839767", "datetime:2021-03-04 06:36:07"},
        {"2021-02-29", null, "ValueError: Day out of range in datetime string \"2021-02-29\"", null},
        {"2020-02-29", "D", "18321", "date:2020-02-29"},
        {"2021-13-01", null, "ValueError: Month out of range in datetime string \"2021-13-01\"", null},
        {"2021-03-04T24:00:00", null, "ValueError: Hours out of range in datetime string \"2021-03-04T24:00:00\"", null},
        {"2021-03-04T23:59:60", null, "ValueError: Seconds out of range in datetime string \"2021-03-04T23:59:60\"", null},
        {"2021-3-4", null, "ValueError: Error parsing datetime string \"2021-3-4\" at position 5", null},
        {"2021-03-04T", null, "ValueError: Error parsing datetime string \"2021-03-04T\" at position 11", null},
        {"2021-03-04X", null, "ValueError: Error parsing datetime string \"2021-03-04X\" at position 10", null},
        {"abc", null, "ValueError: Error parsing datetime string \"abc\" at position 0", null},
        {"2021-03-04T05:06:07.", "ms", "1614834367000", "datetime:2021-03-04 05:06:07"},
        {"1970-01-01T00:00:00.000000001", "ns", "1", "int:1"},
        {"9999-12-31T23:59:59.999999", "us", "253402300799999999", "datetime:9999-12-31 23:59:59.999999"},
        {"1677-09-21T00:12:43.145224192", "ns", "-9223372036854775808", "None"},
        {" 2021-03-04 ", null, "ValueError: Error parsing datetime string \" 2021-03-04 \" at position 12", null},
        {"2021-03-04T05:06:07.000", "ms", "1614834367000", "datetime:2021-03-04 05:06:07"},
        {" 2021-03-04", "D", "18690", "date:2021-03-04"},
        {"2021-03-04 ", null, "ValueError: Error parsing datetime string \"2021-03-04 \" at position 11", null},
        {"  2021", "Y", "51", "date:2021-01-01"},
        {"2021 ", null, "ValueError: Error parsing datetime string \"2021 \" at position 4", null},
        {"2021-03-04T05:06:07 ", "s", "1614834367", "datetime:2021-03-04 05:06:07"},
        {"+2021-03-04", "D", "18690", "date:2021-03-04"},
        {"2021-03-04T05:06:07+01", "s", "1614830767", "datetime:2021-03-04 04:06:07"},
        {"2021-03-04T05:06:07.123Z", "ms", "1614834367123", "datetime:2021-03-04 05:06:07.123000"},
        {"NAT", "", "-9223372036854775808", "None"},
        {"2021-03-04t05", null, "ValueError: Error parsing datetime string \"2021-03-04t05\" at position 10", null},
        {"2021-03-04T05:06:07 Z", null, "ValueError: Error parsing datetime string \"2021-03-04T05:06:07 Z\" at position 20", null},
        {"2021-03-04T05:06:07Z ", "s", "1614834367", "datetime:2021-03-04 05:06:07"},
        {"2021-03-04T05 ", "h", "448565", "datetime:2021-03-04 05:00:00"},
        {"2021-03-04T05:06:07.5 ", "ms", "1614834367500", "datetime:2021-03-04 05:06:07.500000"},
        {"2021-03-04T05:06:07+01:00 ", "s", "1614830767", "datetime:2021-03-04 04:06:07"},
        {"\t2021", "Y", "51", "date:2021-01-01"},
        {"2021-03-04T05:60", null, "ValueError: Minutes out of range in datetime string \"2021-03-04T05:60\"", null},
        {"2021-00-01", null, "ValueError: Month out of range in datetime string \"2021-00-01\"", null},
        {"2021-01-00", null, "ValueError: Day out of range in datetime string \"2021-01-00\"", null},
        {"2300-01-01T00:00:00.000000000", "ns", "-8032952073709551616", "int:-8032952073709551616"},
        {"-2021-03-04", "D", "-1457621", "int:-1457621"},
        {"2021-03-04T05:06:07 +01:00", null, "ValueError: Error parsing datetime string \"2021-03-04T05:06:07 +01:00\" at position 20", null},
    };

    private static String describe(final Object item) {
        if (item == null) {
            return "None";
        }
        if (item instanceof LocalDateTime) {
            return "datetime:" + io.signet.py.PyRepr.str(item);
        }
        if (item instanceof LocalDate) {
            return "date:" + item;
        }
        return (item instanceof Long ? "int:" : item.getClass().getSimpleName() + ":") + item;
    }

    @TestFactory
    List<DynamicTest> parseAgreesWithNumpy() {
        final List<DynamicTest> tests = new ArrayList<>();
        for (final String[] r : NUMPY) {
            tests.add(DynamicTest.dynamicTest("np.datetime64('" + r[0] + "')", () -> {
                if (r[1] == null) {
                    final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NpDatetime.parse(r[0]));
                    assertEquals(r[2], "ValueError: " + e.getMessage());
                    return;
                }
                final NpDatetime d = NpDatetime.parse(r[0]);
                assertEquals(r[1], d.unit, "unit");
                assertEquals(Long.parseLong(r[2]), d.value, "value");
                assertEquals(r[3], describe(d.item()), "item()");
            }));
        }
        return tests;
    }

    @Test
    void unitConversionsAsNumpyAstype() {
        // np.datetime64('2021-03-04T05:06:07').astype('M8[D]') etc.
        final NpDatetime s = NpDatetime.parse("2021-03-04T05:06:07");
        assertEquals(18690, s.to("D"));
        assertEquals(51, s.to("Y"));
        assertEquals(614, s.to("M"));
        assertEquals(2670, s.to("W"));
        assertEquals(1614834367000000000L, s.to("ns"));
        // floor toward -inf when coarsening: np.datetime64('1969-12-31T23:59:59').astype('M8[D]') == -1
        assertEquals(-1, NpDatetime.parse("1969-12-31T23:59:59").to("D"));
        assertEquals(-1, NpDatetime.parse("1969-12-31").to("Y"));
        assertEquals(-1, NpDatetime.parse("1969-12-31").to("M"));
        assertEquals(0, NpDatetime.parse("1970").to("ns"));
        assertEquals(NpDatetime.NAT, NpDatetime.parse("NaT").to("s"));
        assertTrue(NpDatetime.parse("NaT").isNat());
        assertThrows(ArithmeticException.class, () -> NpDatetime.parse("2300-01-01").to("ns"));
    }
}
