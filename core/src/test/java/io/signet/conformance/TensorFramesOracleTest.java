package io.signet.conformance;

import io.signet.schema.PyJson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * DataFrames handed to a tensor schema, where the in-process runner and the scoring server used to
 * disagree before both went through {@link io.signet.enforce.TensorFrames}. Verdicts recorded from
 * MLflow 2.17.2 with the oracle ({@code mlflow_oracle.py}).
 */
class TensorFramesOracleTest {
    private static final String[] CASES = {
        """
        {"id": "p-list-then-scalar", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"float64\\", \\"shape\\": [-1, 1]}, \\"name\\": \\"x\\"}]"}, "input": {"dataframe": {"data": {"x": [[1.5], 2.5]}}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "p-list-then-scalar-w2", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"float64\\", \\"shape\\": [-1, 2]}, \\"name\\": \\"x\\"}]"}, "input": {"dataframe": {"data": {"x": [[1.5, 2.0], 2.5]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "p-repeated-label", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}]"}, "input": {"dataframe": {"data": [[1, 2]], "columns": ["x", "x"]}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "p-list-str-bool", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"bool\\", \\"shape\\": [-1, 2]}, \\"name\\": \\"x\\"}]"}, "input": {"dataframe": {"data": {"x": [["a", "b"]]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """
    };

    @Test
    void agreesWithMlflow() throws Exception {
        for (final String json : CASES) {
            @SuppressWarnings("unchecked")
            final Map<String, Object> c = (Map<String, Object>) PyJson.loads(json.strip());
            assertNull(ConformanceRunnerAccess.verdict(c), String.valueOf(c.get("id")));
        }
    }
}
