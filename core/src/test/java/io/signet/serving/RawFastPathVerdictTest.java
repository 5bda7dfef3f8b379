package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scoring server with its raw-scanning fast path gives the verdict of the exact path alone
 * (the same server with the fast tensor path switched off), for payloads at the edges of the
 * number grammar, the dtype ranges and the parser limits.
 */
class RawFastPathVerdictTest {
    private static String spec(final String dtype, final String shape, final String name) {
        return "{\"type\": \"tensor\", \"tensor-spec\": {\"dtype\": \"" + dtype + "\", \"shape\": " + shape + "}"
            + (name == null ? "" : ", \"name\": \"" + name + "\"") + "}";
    }

    private static ScoringServer exactOnly(final ModelSignature s, final Mode mode, final Limits limits) throws Exception {
        final ScoringServer server = new ScoringServer(s, mode, limits);
        final Field f = ScoringServer.class.getDeclaredField("fast");
        f.setAccessible(true);
        f.set(server, null);
        return server;
    }

    private static String verdict(final ScoringResponse r) {
        return r.ok() + " " + r.status() + " " + r.errorCode() + " " + r.message() + " " + r.deviation();
    }

    @Test
    void fastPathVerdictEqualsTheExactPathsAtTheEdges() throws Exception {
        final String[] dtypes = {"int8", "int16", "int32", "int64", "uint8", "uint16", "uint32", "uint64", "float32",
            "float64"};
        final String[] values = {"0", "-0", "-0.0", "1", "-1", "127", "128", "-128", "-129", "255", "256", "32767",
            "32768", "-32768", "-32769", "65535", "65536", "2147483647", "2147483648", "-2147483648", "-2147483649",
            "4294967295", "4294967296", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
            "18446744073709551615", "18446744073709551616", "123456789012345678", "1.5", "1e5", "1E+05", "1e-0",
            "3.4028235677973366e38", "3.4028235677973367e38", "1e39", "1e309", "4.9e-324", "1.0000000000000000000001",
            "NaN", "Infinity", "null", "\"1\"", "true", "01", "1.", "-"};
        final Limits[] limits = {Limits.DEFAULT, Limits.DEFAULT.withMaxNumberLength(3),
            Limits.DEFAULT.withMaxNestingDepth(3), Limits.DEFAULT.withMaxElementsPerTensor(2)};
        int ok = 0;
        int compared = 0;
        for (final String dt : dtypes) {
            final ModelSignature plain = ScoringServerTestAccess.sig("[" + spec(dt, "[-1, 2]", null) + "]");
            final ModelSignature named = ScoringServerTestAccess.sig("[" + spec(dt, "[-1, 2]", "a") + ", "
                + spec(dt, "[-1]", "b") + "]");
            for (final Mode mode : Mode.values()) {
                for (final Limits l : limits) {
                    final ScoringServer fastP = new ScoringServer(plain, mode, l);
                    final ScoringServer exactP = exactOnly(plain, mode, l);
                    final ScoringServer fastN = new ScoringServer(named, mode, l);
                    final ScoringServer exactN = exactOnly(named, mode, l);
                    for (final String v : values) {
                        final String[] bodies = {"{\"inputs\": [[" + v + ", 1], [2, " + v + "]]}",
                            "\n{\"instances\":\r[[" + v + ",\r\n3]]}",
                            "{\"inputs\": {\"a\": [[1, " + v + "]], \"b\": [" + v + ", 2]}}",
                            "{\"inputs\": {\"b\": [" + v + "], \"a\": [[[" + v + ", 1]]]}}"};
                        for (int k = 0; k < bodies.length; k++) {
                            final byte[] b = bodies[k].getBytes(StandardCharsets.UTF_8);
                            final ScoringServer f = k < 2 ? fastP : fastN;
                            final ScoringServer x = k < 2 ? exactP : exactN;
                            final String want = verdict(x.invoke(b, null));
                            final String got = verdict(f.invoke(b, null));
                            assertEquals(want, got, dt + " " + mode + " " + bodies[k]);
                            compared++;
                            if (got.startsWith("true")) {
                                ok++;
                            }
                        }
                    }
                }
            }
        }
        assertTrue(ok > 300 && compared - ok > 300, ok + " of " + compared + " accepted");
    }
}
