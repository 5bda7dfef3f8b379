package io.signet.readme;

import io.signet.enforce.Mode;
import io.signet.enforce.TensorSchemaEnforcer;
import io.signet.enforce.TensorViolations;
import io.signet.nd4j.Nd4jTensors;
import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;
import io.signet.schema.SignatureRoundTripTestAccess;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;
import io.signet.tensor.DType;
import io.signet.tensor.TensorView;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library examples of README.md, compiled and run: if this test changes, change README too. */
class ReadmeExamplesTest {
    private final Path mnist = SignatureRoundTripTestAccess.data().resolve("models/mnist-uint8");

    @Test
    void tensorsOnOffHeapMemory() throws Exception {
        // --- README: tensors
        ModelSignature sig = ModelDirectory.open(mnist).signature();
        TensorSchemaEnforcer enforcer = TensorSchemaEnforcer.compile(sig.inputs(), Mode.MLFLOW); // once per model
        TensorViolations violations = new TensorViolations(16);  // one per thread, reused
        TensorView view = new TensorView();                       // one per thread, re-wrapped

        UnsafeBuffer images = new UnsafeBuffer(ByteBuffer.allocateDirect(32 * 28 * 28));
        view.wrap(DType.UINT8, images, 0, 32, 28, 28, 1);         // no copy
        boolean ok = enforcer.check(view, violations);            // no allocation on success

        INDArray batch = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 32, 28, 28, 1);
        violations.reset();
        if (!enforcer.check(Nd4jTensors.wrap(batch, view), violations)) {
            System.out.println(violations.path(0) + ": " + violations.message(0));
            // inputs: dtype of input float32 does not match expected dtype uint8
        }
        // --- end
        assertTrue(ok);
        assertEquals(1, violations.count());
        assertEquals("dtype of input float32 does not match expected dtype uint8", violations.message(0));
    }

    @Test
    void scoringServerPayloads() throws Exception {
        // --- README: payloads
        ScoringServer server = new ScoringServer(ModelDirectory.open(mnist).signature()); // immutable, thread-safe
        byte[] body = "{\"inputs\": [[[[0], [255]]]]}".getBytes(StandardCharsets.UTF_8);
        ScoringResponse r = server.invoke(body, "application/json");
        if (!r.ok()) {
            // 400 INVALID_PARAMETER_VALUE Shape of input (1, 1, 2, 1) does not match expected shape (-1, 28, 28, 1).
            System.out.println(r.status() + " " + r.errorCode() + " " + r.message());
        }
        // --- end
        assertFalse(r.ok());
        assertEquals(400, r.status());
        assertEquals("INVALID_PARAMETER_VALUE", r.errorCode());
        assertEquals("Shape of input (1, 1, 2, 1) does not match expected shape (-1, 28, 28, 1).", r.message());
    }
}
