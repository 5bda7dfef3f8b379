package io.signet.serving;

import io.signet.enforce.Mode;
import io.signet.enforce.Profile;
import io.signet.json.Limits;
import io.signet.schema.ModelSignature;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A tensor body nested deeper than numpy's NPY_MAXDIMS (found by the soak: a 63-deep list made a
 * 500 out of an enforcer array sized for 32 dimensions). The answers are the oracles', asked with
 * {"instances": [[...1...]]} nested 32, 33, 40 and 63 deep for an int32 (-1, 2, 3) spec: MLflow 2.17.2 on
 * numpy 1.24 says 400 BAD_REQUEST "Invalid input. setting an array element with a sequence. The
 * requested array would exceed the maximum number of dimension of 32."; MLflow 3.6 on numpy 2 builds
 * the array and answers 400 INVALID_PARAMETER_VALUE "Shape of input (1, 1, ..., 1) does not match
 * expected shape (-1, 2, 3)."
 */
class DeepTensorTest {
    private static ScoringResponse send(final Profile p, final int depth) {
        final ModelSignature sig = ModelSignature.fromJson("{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", "
            + "\\\"tensor-spec\\\": {\\\"dtype\\\": \\\"int32\\\", \\\"shape\\\": [-1, 2, 3]}}]\"}", p);
        final String body = "{\"instances\": " + "[".repeat(depth) + "1" + "]".repeat(depth) + "}";
        try (ScoringContext ctx = new ScoringContext()) {
            return new ScoringServer(sig, p, Mode.MLFLOW, Limits.DEFAULT).invoke(ctx,
                body.getBytes(StandardCharsets.UTF_8), "application/json");
        }
    }

    @Test
    void numpy1RefusesMoreThan32Dimensions() {
        for (final int depth : new int[] {33, 40, 63}) {
            final ScoringResponse r = send(Profile.MLFLOW_2, depth);
            assertEquals(400, r.status(), r.toString());
            assertEquals("BAD_REQUEST", r.errorCode());
            assertEquals("Invalid input. setting an array element with a sequence. The requested array would exceed "
                + "the maximum number of dimension of 32.", r.message());
        }
        // 32 dimensions are numpy 1.24's last that build (the oracle: the shape sentence)
        final ScoringResponse r = send(Profile.MLFLOW_2, 32);
        assertEquals("INVALID_PARAMETER_VALUE", r.errorCode(), r.toString());
        assertEquals("Shape of input (" + "1, ".repeat(31) + "1) does not match expected shape (-1, 2, 3).", r.message());
    }

    @Test
    void numpy2BuildsTheArrayAndTheShapeIsWrong() {
        for (final int depth : new int[] {33, 40, 63}) {
            final ScoringResponse r = send(Profile.MLFLOW_3, depth);
            assertEquals(400, r.status(), r.toString());
            assertEquals("INVALID_PARAMETER_VALUE", r.errorCode());
            assertEquals("Shape of input (" + "1, ".repeat(depth - 1) + "1) does not match expected shape (-1, 2, 3).",
                r.message());
        }
    }
}
