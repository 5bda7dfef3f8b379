package io.signet.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.Version;
import com.fasterxml.jackson.core.json.PackageVersion;
import io.signet.JacksonSupport;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The supported jackson-core range: the version check's sentence, and (under the core pom's
 * jackson-range profile, -Dsignet.test.jackson=X) proof that the run loaded jackson-core X.
 */
class JacksonRangeTest {
    @Test
    void theRunLoadsTheJacksonItWasAskedFor() {
        final String want = System.getProperty("signet.expect.jackson");
        final String got = PackageVersion.VERSION.toString();
        if (want != null) {
            assertEquals(want, got, "the jackson-range profile puts jackson-core " + want + " on the test classpath");
            assertEquals(want, com.fasterxml.jackson.databind.cfg.PackageVersion.VERSION.toString());
        }
        assertNull(JacksonSupport.problem(PackageVersion.VERSION, false), "this build's jackson-core is supported");
    }

    @Test
    void fastDoubleParserStaysOn() {
        final JsonFactory f = Json.rawFactory(Limits.DEFAULT);
        assertTrue(f.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
        assertTrue(f.isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER));
        assertEquals(Limits.DEFAULT.maxNestingDepth(), f.streamReadConstraints().getMaxNestingDepth());
    }

    @Test
    void unsupportedVersionsGetOneSentenceNamingBoth() {
        final String old = JacksonSupport.problem(new Version(2, 13, 5, null, "com.fasterxml.jackson.core", "jackson-core"),
            false);
        assertTrue(old.startsWith("Signet supports jackson-core 2.15 through 2.21 but found jackson-core 2.13.5 on the "
            + "classpath ("), old);
        assertTrue(old.endsWith("; align Jackson to 2.15 or later, for example with jackson-bom."), old);
        assertEquals(1, old.split("\\. ").length, "one sentence: " + old);
        final Version newer = new Version(2, 22, 3, null, "com.fasterxml.jackson.core", "jackson-core");
        final String n = JacksonSupport.problem(newer, false);
        assertTrue(n.contains("found jackson-core 2.22.3") && n.endsWith(
            "; use 2.21.x, or set -Dio.signet.jackson.allowNewer=true to try it untested."), n);
        assertNull(JacksonSupport.problem(newer, true));
        assertNull(JacksonSupport.problem(new Version(2, 15, 0, null, null, null), false));
        assertNull(JacksonSupport.problem(new Version(2, 21, 9, null, null, null), false));
        assertTrue(JacksonSupport.problem(new Version(3, 0, 0, null, null, null), false) != null);
    }
}
