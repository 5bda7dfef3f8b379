package io.signet.it;

import com.fasterxml.jackson.core.json.PackageVersion;
import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;
import io.signet.schema.SignatureJson;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * An application's view of the installed signet-core, run once per Jackson version (it/run.sh):
 * the application's jackson-bom decides the Jackson on the classpath; Signet works with it, or,
 * below the supported range, refuses at construction with one sentence.
 */
class ConsumerTest {
    static final Path REPO = Path.of(System.getProperty("signet.repo")).toAbsolutePath().normalize();
    static final boolean REFUSED = Boolean.getBoolean("expect.refused");
    static final String JACKSON = System.getProperty("expect.jackson");

    static Path model(final String name) {
        return REPO.resolve("src-test-data/models").resolve(name);
    }

    static ScoringResponse post(final ScoringServer s, final String body, final String contentType) {
        return s.invoke(body.getBytes(StandardCharsets.UTF_8), contentType);
    }

    /** A uint8 [-1, 28, 28, 1] batch of n images, as the README's MNIST model takes it. */
    static String images(final int n, final int pixel) {
        final StringBuilder sb = new StringBuilder("{\"inputs\": [");
        for (int i = 0; i < n; i++) {
            sb.append(i == 0 ? "[" : ", [");
            for (int y = 0; y < 28; y++) {
                sb.append(y == 0 ? "[" : ", [");
                for (int x = 0; x < 28; x++) {
                    sb.append(x == 0 ? "[" : ", [").append((pixel + x + y) % 256).append(']');
                }
                sb.append(']');
            }
            sb.append(']');
        }
        return sb.append("]}").toString();
    }

    @Test
    void theApplicationsJacksonIsOnTheClasspath() {
        assertEquals(JACKSON, PackageVersion.VERSION.toString(), "jackson-bom " + JACKSON + " wins over signet-core's");
    }

    @Test
    void aJacksonBelowTheRangeIsRefusedAtConstructionWithOneSentence() throws Exception {
        assumeTrue(REFUSED);
        final String sentence = "Signet supports jackson-core 2.15 through 2.21 but found jackson-core " + JACKSON
            + " on the classpath (";
        final IllegalStateException open = assertThrows(IllegalStateException.class,
            () -> ModelDirectory.open(model("mnist-uint8")));
        assertTrue(open.getMessage().startsWith(sentence), open.getMessage());
        assertTrue(open.getMessage().endsWith("; align Jackson to 2.15 or later, for example with jackson-bom."),
            open.getMessage());
        // a signature parsed without Signet's model reader (databind alone works on old Jackson) ...
        final ModelSignature sig = SignatureJson.parse("{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", "
            + "\\\"tensor-spec\\\": {\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 2]}}]\"}");
        // ... and the server refuses to be built
        final IllegalStateException server = assertThrows(IllegalStateException.class, () -> new ScoringServer(sig));
        assertTrue(server.getMessage().startsWith(sentence), server.getMessage());
    }

    @Test
    void aTensorModelJudgesRequests() throws Exception {
        assumeFalse(REFUSED);
        final ScoringServer s = new ScoringServer(ModelDirectory.open(model("mnist-uint8")).signature());
        assertEquals(200, post(s, images(2, 7), "application/json").status());
        final ScoringResponse wide = post(s, images(1, 0).replace("[[[", "[[[[0], "), "application/json");
        assertEquals(400, wide.status(), wide.toString());
        final ScoringResponse big = post(s, images(1, 0).replaceFirst("\\[0\\]", "[300]"), "application/json");
        assertEquals(400, big.status(), big.toString());
        assertEquals("narrowing-overflow", String.valueOf(big.deviation())); // a String, or the Deviation enum (its code)
        final ScoringResponse broken = post(s, "{\"inputs\": [1,, 2]}", "application/json");
        assertEquals("BAD_REQUEST", broken.errorCode());
    }

    @Test
    void aColumnModelWithParamsJudgesSplitBodies() throws Exception {
        assumeFalse(REFUSED);
        final ScoringServer s = new ScoringServer(ModelDirectory.open(model("with-params")).signature());
        final String example = Files.readString(model("with-params").resolve("serving_input_example.json"));
        assertEquals(200, post(s, example, "application/json").status());
        assertEquals(200, post(s, "{\"dataframe_split\": {\"columns\": [\"prompt\"], \"data\": [[\"hi\"]]}}",
            "application/json").status());
        final ScoringResponse badParam = post(s, "{\"dataframe_split\": {\"columns\": [\"prompt\"], \"data\": [[\"hi\"]]}, "
            + "\"params\": {\"max_tokens\": \"many\"}}", "application/json");
        assertEquals(400, badParam.status(), badParam.toString());
        assertEquals("INVALID_PARAMETER_VALUE", badParam.errorCode());
        assertEquals(200, post(s, "prompt\nhello\n", "text/csv").status());
    }
}
