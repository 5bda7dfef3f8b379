package io.signet.py;

import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * pandas' C parser on one column, each answer as {@code pd.read_csv(StringIO(body), dtype={"x": ...})} gave it in
 * pandas 1.5.3 / numpy 1.24 and pandas 2.3 / numpy 2.3 (the oracle cases of mlflow-serving-hardening.jsonl run the
 * same rules through the server).
 */
class PandasCsvTest {
    private static final PandasCsv.Flags P1 = new PandasCsv.Flags(false, false, false);
    private static final PandasCsv.Flags P2 = new PandasCsv.Flags(true, true, true);

    private static PandasCsv.Column convert(final DType user, final PandasCsv.Flags flags, final String... fields) {
        return PandasCsv.convert(fields, user, 0, flags);
    }

    private static void refused(final String type, final String message, final DType user, final PandasCsv.Flags f,
                                final String... fields) {
        final PyError e = assertThrows(PyError.class, () -> convert(user, f, fields));
        assertEquals(type, e.type());
        assertEquals(message, e.getMessage());
    }

    @Test
    void integersPastInt64AreUint64OrOverflow() {
        final PandasCsv.Column u = convert(DType.INT64, P1, "9223372036854775808", "1");
        assertEquals(DType.UINT64, u.dtype); // MLflow then refuses uint64 for a long column
        assertArrayEquals(new Object[] {new BigInteger("9223372036854775808"), 1L}, u.cells);
        refused("OverflowError", "Overflow", DType.INT64, P1, "99999999999999999999");
        refused("OverflowError", "Overflow", DType.INT64, P1, "-9223372036854775809");
        refused("OverflowError", "Overflow", DType.INT64, P1, "9".repeat(10_000) + "x"); // the range before the 'x'
        refused("ValueError", "Cannot convert to numerical dtype", DType.INT64, P1, "-1", "9223372036854775808");
        refused("ValueError", "Cannot convert to numerical dtype", DType.INT64, P1, "", "9223372036854775808");
        // int32 wraps what int64 or uint64 held
        assertArrayEquals(new Object[] {-1294967296L, 0L, -1L},
            convert(DType.INT32, P1, "3000000000", "9223372036854775808", "18446744073709551615").cells);
    }

    @Test
    void floatsIntoIntsMustSurviveTheCast() {
        final String int64 = "cannot safely convert passed user dtype of int64 for float64 dtyped data in column 0";
        refused("ValueError", int64, DType.INT64, P1, "1e300");
        refused("ValueError", int64, DType.INT64, P1, "9.223372036854775807e18"); // 2**63
        refused("ValueError", int64, DType.INT64, P1, "inf");
        refused("ValueError", int64, DType.INT64, P1, "1.5");
        refused("ValueError", int64.replace("int64", "int32"), DType.INT32, P1,
            "2147483648.0");
        assertArrayEquals(new Object[] {9200000000000000000L, 100000L, 5L},
            convert(DType.INT64, P1, "9.2e18", "1e5", ".5e1").cells);
        refused("ValueError", "Integer column has NA values in column 0", DType.INT64, P1, "2", "nan");
    }

    @Test
    void stringsPythonReadsButTheParserDoesNot() {
        refused("ValueError", "cannot safely convert passed user dtype of int64 for object dtyped data in column 0",
            DType.INT64, P1, "1_000");
        refused("ValueError", "cannot safely convert passed user dtype of float64 for object dtyped data in column 0",
            DType.FLOAT64, P1, "1e400");
        refused("ValueError", "invalid literal for int() with base 10: '0x10'", DType.INT64, P1, "0x10");
        refused("ValueError", "cannot convert float NaN to integer", DType.INT64, P1, "", "abc");
        refused("ValueError", "invalid literal for int() with base 10: ' '", DType.INT64, P1, " ");
        refused("ValueError", "could not convert string to float: ' '", DType.FLOAT64, P1, " ");
        refused("OverflowError", "Python int too large to convert to C long", DType.INT64, P1,
            "9223372036854775808", "abc");
    }

    @Test
    void boolsAndTheProfilesDifferences() {
        assertArrayEquals(new Object[] {1L, 1L}, convert(DType.INT64, P1, "true", "TRUE").cells);
        assertArrayEquals(new Object[] {1.0, Double.NaN}, convert(DType.FLOAT64, P1, "tRuE", "").cells);
        refused("ValueError", "cannot safely convert passed user dtype of int64 for <class 'numpy.bool_'> dtyped "
            + "data in column 0 due to NA values", DType.INT64, P1, "True", "");
        refused("ValueError", "cannot safely convert passed user dtype of int64 for <class 'numpy.bool'> dtyped "
            + "data in column 0 due to NA values", DType.INT64, P2, "True", "");
        // "None" is NA in pandas 2 only
        refused("ValueError", "invalid literal for int() with base 10: 'None'", DType.INT64, P1, "None");
        refused("ValueError", "Integer column has NA values in column 0", DType.INT64, P2, "None");
        // numpy 2 refuses a Python int past int32 in the object cast; numpy 1.24 wrapped it (then the compare failed)
        refused("OverflowError", "Python integer 99999999999 out of bounds for int32", DType.INT32, P2,
            "99999999999", "1_0");
        refused("ValueError", "cannot safely convert passed user dtype of int32 for object dtyped data in column 0",
            DType.INT32, P1, "99999999999", "1_0");
    }

    @Test
    void inferenceOrder() {
        assertEquals(DType.INT64, convert(null, P1, "1", "-2").dtype);
        assertEquals(DType.FLOAT64, convert(null, P1, "1", "").dtype); // int64 with NA upcast to float64
        assertEquals(DType.UINT64, convert(null, P1, "9223372036854775808").dtype);
        assertEquals(DType.OBJECT, convert(null, P1, "99999999999999999999").dtype); // past uint64: object
        assertEquals(DType.BOOL, convert(null, P1, "True", "false").dtype);
        assertArrayEquals(new Object[] {"a", null}, convert(null, P1, "a", "NULL").cells);
        assertArrayEquals(new Object[] {16777216.0}, convert(DType.FLOAT32, P1, "16777217").cells);
    }
}
