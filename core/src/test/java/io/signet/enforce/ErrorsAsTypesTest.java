package io.signet.enforce;

import io.signet.schema.ModelSignature;
import io.signet.internal.json.PayloadException;
import io.signet.internal.json.TensorReader;
import io.signet.tensor.DType;
import io.signet.internal.tensor.NpCast;
import io.signet.schema.SignatureRoundTripTestAccess;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Error codes and deviations are types: README's deviation table and the enum list the same codes. */
class ErrorsAsTypesTest {
    /** The codes in the first column of README's "Verdicts that differ" table, in order. */
    static List<String> readmeDeviationCodes() throws IOException {
        final String readme = Files.readString(SignatureRoundTripTestAccess.data().getParent().resolve("README.md"),
            StandardCharsets.UTF_8);
        final int section = readme.indexOf("## Deviations from MLflow");
        final int from = readme.indexOf("**Verdicts that differ", section);
        final int to = readme.indexOf("**Other differences", from);
        assertTrue(section >= 0 && from > section && to > from, "README's deviation section moved");
        final List<String> codes = new ArrayList<>();
        final Pattern code = Pattern.compile("`([a-z0-9-]+)`");
        for (final String line : readme.substring(from, to).split("\n")) {
            if (!line.startsWith("| `")) {
                continue; // the header, its rule, prose
            }
            final Matcher m = code.matcher(line.split("\\|")[1]);
            while (m.find()) {
                codes.add(m.group(1));
            }
        }
        return codes;
    }

    @Test
    void readmesDeviationTableIsTheEnum() throws IOException {
        final List<String> readme = readmeDeviationCodes();
        final Set<String> unique = new LinkedHashSet<>(readme);
        assertEquals(readme.size(), unique.size(), "a code listed twice: " + readme);
        final Set<String> enumCodes = new LinkedHashSet<>();
        for (final Deviation d : Deviation.values()) {
            enumCodes.add(d.code());
            assertEquals(d, Deviation.of(d.code()));
            assertEquals(d.code(), d.toString());
        }
        final Set<String> missingInReadme = new LinkedHashSet<>(enumCodes);
        missingInReadme.removeAll(unique);
        final Set<String> missingInEnum = new LinkedHashSet<>(unique);
        missingInEnum.removeAll(enumCodes);
        assertEquals(Set.of(), missingInReadme, "deviations README does not list");
        assertEquals(Set.of(), missingInEnum, "README codes the enum does not have");
        assertTrue(unique.contains("datetime-astype-overflow"));
        assertEquals("not a Signet deviation code: tensor-nope", assertThrows(IllegalArgumentException.class,
            () -> Deviation.of("tensor-nope")).getMessage());
        assertNull(Deviation.of(null));
        assertNull(Deviation.codeOf(null));
    }

    @Test
    void theReadersStringsAreTheEnumsNames() {
        // the json package sits below enforce and carries codes as MLflow's strings: they must be the enums'
        assertEquals(ErrorCode.BAD_REQUEST.name(), PayloadException.BAD_REQUEST);
        assertEquals(ErrorCode.INVALID_PARAMETER_VALUE.name(), PayloadException.INVALID_PARAMETER_VALUE);
        // the cast table (tensor, below both) words the deviations of what numpy does silently
        final NpCast.Facts f = new NpCast.Facts();
        NpCast.intToInt(300, DType.UINT8, f);
        assertEquals(Deviation.NARROWING_OVERFLOW.code(), f.deviation());
        NpCast.floatToInt(1.5, DType.INT8, f.clear());
        assertEquals(Deviation.NARROWING_TRUNCATION.code(), f.deviation());
        NpCast.strToDatetime("0001-01-01", DType.datetime64("ns"), f.clear());
        assertEquals(Deviation.DATETIME_ASTYPE_OVERFLOW.code(), f.deviation());
        NpCast.floatArrayToInt(Double.NaN, DType.INT64, f.clear());
        assertEquals(Deviation.NARROWING_OVERFLOW.code(), f.deviation());
        assertEquals(400, ErrorCode.BAD_REQUEST.httpStatus());
        assertEquals(400, ErrorCode.INVALID_PARAMETER_VALUE.httpStatus());
        assertEquals(500, ErrorCode.INTERNAL_ERROR.httpStatus());
        assertEquals(404, ErrorCode.ENDPOINT_NOT_FOUND.httpStatus());
        assertEquals(EnumSet.allOf(ErrorCode.class).size(), 21, "MLflow's ERROR_CODE_TO_HTTP_STATUS has 21 codes");
        assertThrows(IllegalArgumentException.class, () -> ErrorCode.of("BAD"));
    }

    @Test
    void responsesCarryTypesAndBodiesTheirContentType() {
        final ScoringServer server = new ScoringServer(ModelSignature.fromJson("{\"inputs\": [{\"type\": \"tensor\", "
            + "\"tensor-spec\": {\"dtype\": \"datetime64[ns]\", \"shape\": [-1]}}]}"));
        // README's example sentence for datetime-astype-overflow
        final ScoringResponse dt = server.invoke("{\"inputs\": [\"0003-01-01\"]}".getBytes(StandardCharsets.UTF_8),
            null);
        assertEquals(Deviation.DATETIME_ASTYPE_OVERFLOW, dt.deviation());
        assertEquals(ErrorCode.BAD_REQUEST, dt.code());
        assertEquals("BAD_REQUEST", dt.errorCode());
        assertEquals("Invalid input. '0003-01-01' is outside the range of datetime64[ns] (MLflow would silently wrap "
            + "it around)", dt.message());
        assertEquals("application/json", dt.contentType());
        assertEquals("{\"error_code\": \"BAD_REQUEST\", \"message\": \"Invalid input. '0003-01-01' is outside the "
            + "range of datetime64[ns] (MLflow would silently wrap it around)\", \"path\": \"/inputs/0\", \"line\": 1, "
            + "\"column\": 13, \"byte_offset\": 12, \"deviation\": \"datetime-astype-overflow\"}", dt.body());
        final ScoringResponse plain = server.invoke(new byte[0], "text/plain");
        assertEquals(415, plain.status());
        assertNull(plain.code());
        assertEquals("text/plain", plain.contentType());
        assertEquals("This predictor only supports the following content types: Types: ['text/csv', "
            + "'application/json']. Got 'text/plain'.", plain.body());
        final ScoringResponse ok = server.invoke("{\"inputs\": [\"2020-01-01\"]}".getBytes(StandardCharsets.UTF_8),
            null);
        assertEquals("{}", ok.body());
        assertEquals("application/json", ok.contentType());
        assertNull(ok.code());
        assertNull(ok.deviation());
    }
}
