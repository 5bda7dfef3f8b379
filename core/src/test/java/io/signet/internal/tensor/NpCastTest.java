package io.signet.internal.tensor;

import io.signet.tensor.DType;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * numpy's element cast, the one table, in both generations: numpy 1.24 (MLflow 2) wraps a Python int past an
 * integer dtype's range, numpy 2.3 (MLflow 3) raises. Expected values are numpy's own
 * ({@code np.array([v], dtype)} under numpy 1.24.2 and 2.3.5).
 */
class NpCastTest {
    private static final BigInteger TWO_63 = BigInteger.ONE.shiftLeft(63);

    private static NpCast.Facts numpy1() {
        return new NpCast.Facts();
    }

    private static NpCast.Facts numpy2() {
        return new NpCast.Facts().intOverflowRaises(true);
    }

    private static void raises(final String type, final String message, final Runnable cast) {
        final NpCast.Refusal r = assertThrows(NpCast.Refusal.class, cast::run);
        assertEquals(type, r.type());
        assertEquals(message, r.getMessage());
    }

    @Test
    void pythonIntPastTheRangeWrapsInNumpy1AndRaisesInNumpy2() {
        final NpCast.Facts f = numpy1();
        assertEquals(44L, NpCast.intToInt(300, DType.UINT8, f));
        assertEquals(NpCast.Facts.WRAPPED, f.event());
        assertEquals("300 does not fit in uint8 (MLflow would silently wrap it around)", f.sentence());
        assertEquals(-1L, NpCast.intToInt(-1, DType.UINT64, f.clear()));
        assertEquals("narrowing-overflow", f.deviation());
        raises("OverflowError", "Python integer 300 out of bounds for uint8", () -> NpCast.intToInt(300, DType.UINT8, numpy2()));
        raises("OverflowError", "Python integer -1 out of bounds for uint64", () -> NpCast.intToInt(-1, DType.UINT64, numpy2()));
        raises("OverflowError", "Python integer 300 out of bounds for int8", () -> NpCast.strToInt("300", DType.INT8, numpy2()));
        // a float is int()-ed first: numpy 2 names the int
        raises("OverflowError", "Python integer 300 out of bounds for uint8",
            () -> NpCast.floatToInt(300.7, DType.UINT8, numpy2()));
        // in range: the same in both, no fact
        final NpCast.Facts g = numpy2();
        assertEquals(255L, NpCast.intToInt(255, DType.UINT8, g));
        assertEquals(-128L, NpCast.strToInt("-128", DType.INT8, g));
        assertEquals(NpCast.Facts.NONE, g.event());
    }

    @Test
    void pythonIntsFrom2To63AreCUnsignedLongOnlyForUint32AndUint64() {
        for (final NpCast.Facts f : new NpCast.Facts[] {numpy1(), numpy2()}) {
            assertEquals(Long.MIN_VALUE, NpCast.bigToInt(TWO_63, DType.UINT64, f));
            assertEquals(NpCast.Facts.NONE, f.event());
            raises("OverflowError", "Python int too large to convert to C long", () -> NpCast.bigToInt(TWO_63, DType.UINT8, f));
            raises("OverflowError", "Python int too large to convert to C long", () -> NpCast.bigToInt(TWO_63, DType.UINT16, f));
            raises("OverflowError", "Python int too large to convert to C long", () -> NpCast.bigToInt(TWO_63, DType.INT64, f));
            raises("OverflowError", "Python int too large to convert to C long",
                () -> NpCast.bigToInt(BigInteger.ONE.shiftLeft(64), DType.UINT64, f));
        }
        final NpCast.Facts f = numpy1();
        assertEquals(0L, NpCast.bigToInt(TWO_63, DType.UINT32, f));
        assertEquals(NpCast.Facts.WRAPPED, f.event());
        raises("OverflowError", "Python integer 9223372036854775808 out of bounds for uint32",
            () -> NpCast.bigToInt(TWO_63, DType.UINT32, numpy2()));
        assertEquals(4213309440L, NpCast.floatToInt(9.3e18, DType.UINT32, numpy1()));
        raises("OverflowError", "Python integer 9300000000000000000 out of bounds for uint32",
            () -> NpCast.floatToInt(9.3e18, DType.UINT32, numpy2()));
    }

    @Test
    void anArraysCCastNeverRaisesInEitherGeneration() {
        for (final NpCast.Facts f : new NpCast.Facts[] {numpy1(), numpy2()}) {
            assertEquals(Long.MIN_VALUE, NpCast.floatArrayToInt(Double.NaN, DType.INT64, f.clear()));
            assertEquals(NpCast.Facts.STORED, f.event());
            assertEquals("nan does not fit in int64 (MLflow would silently store -9223372036854775808)", f.sentence());
            assertEquals(Long.MIN_VALUE, NpCast.floatArrayToInt(1e19, DType.INT64, f.clear()));
            assertEquals(0L, NpCast.floatArrayToInt(1e10, DType.INT16, f.clear()));
            assertEquals(1L, NpCast.floatArrayToInt(1.5, DType.INT64, f.clear().noteTruncation(false)));
            assertEquals(NpCast.Facts.NONE, f.event());
            assertEquals(NpDatetime.NAT, NpCast.floatArrayToTime(1e19, DType.datetime64("ns"), f.clear()));
            assertEquals("NaT", f.stored());
        }
    }

    @Test
    void floatsRoundWhereAFloat32OrFloat16ElementHoldsThem() {
        final NpCast.Facts f = numpy1();
        assertEquals(1e39, NpCast.floatToFloat(1e39, DType.FLOAT32, f));
        assertEquals(NpCast.Facts.TO_INF, f.event());
        assertEquals(Double.POSITIVE_INFINITY, NpCast.rounded(1e39, DType.FLOAT32));
        assertEquals(0.0, NpCast.rounded(0x1p-25, DType.FLOAT16));
        assertEquals(1.0 + 0x1p-10, NpCast.rounded(1 + 0x1p-11 + 0x1p-40, DType.FLOAT16));
        assertEquals(0.1, NpCast.rounded(0.1, DType.FLOAT64));
    }

    @Test
    void timedeltaStringsAreStrtolAndBytesAreAscii() {
        final NpCast.Facts f = numpy1();
        assertEquals(5L, NpCast.strToTimedelta(" 5", DType.timedelta64("s"), f));
        assertEquals(-5L, NpCast.strToTimedelta("-5", DType.timedelta64("s"), f));
        assertEquals(NpDatetime.NAT, NpCast.strToTimedelta("nAt", DType.timedelta64("s"), f));
        raises("ValueError", "Could not convert object to NumPy timedelta",
            () -> NpCast.strToTimedelta("5 ", DType.timedelta64("s"), f));
        assertEquals(Long.MAX_VALUE, NpCast.strToTimedelta("99999999999999999999", DType.timedelta64("s"), f));
        assertEquals(NpCast.Facts.STORED, f.event());
        raises("UnicodeEncodeError", "'ascii' codec can't encode character '\\xe9' in position 1: ordinal not in range(128)",
            () -> NpCast.ascii("a\u00e9"));
        raises("UnicodeEncodeError", "'ascii' codec can't encode characters in position 0-1: ordinal not in range(128)",
            () -> NpCast.ascii("\u00e9\u00e9b"));
    }
}
