package io.signet.conformance;

import io.signet.py.PyJson;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Cases where the in-process runner and the scoring server used to disagree with each other or with
 * MLflow before both went through the shared rules in io.signet.enforce (TensorFrames: DataFrames
 * handed to a tensor schema; DataTypes.toNumeric: pd.to_numeric of an object column for double;
 * TensorSchemaEnforcer: one array for a schema whose tensors repeat one name).
 * Verdicts recorded from MLflow 2.17.2 with the oracle ({@code mlflow_oracle.py}).
 */
class SharedRulesOracleTest {
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
        """,
        """
        {"id": "n-empty-str", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": ["", "1.5"]}}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "n-list-cell", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": [[1], "1.5"]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "n-bad-str", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": ["abc", "1.5"]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "n-str-then-list", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": ["1.5", {"a": 1}]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "s-empty-str", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "payload": {"dataframe_records": [{"a": ""}, {"a": "1.5"}]}, "mlflow": {"path": "serving", "ok": false, "http_status": 400, "error_code": "BAD_REQUEST"}}
        """,
        """
        {"id": "s-list-cell", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "payload": {"dataframe_records": [{"a": [1]}, {"a": "1.5"}]}, "mlflow": {"path": "serving", "ok": false, "http_status": 400, "error_code": "BAD_REQUEST"}}
        """,
        """
        {"id": "s-inf-str", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "payload": {"dataframe_split": {"columns": ["a"], "data": [["inf"], ["1_0"]]}}, "mlflow": {"path": "serving", "ok": true, "http_status": 200, "error_code": null}}
        """,
        """
        {"id": "n-bytes", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": [{"bytes_b64": "MS41"}, "1.5"]}}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "n-datetime", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": [{"datetime": "2020-01-01T00:00:00"}, "1.5"]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "n-npstr", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": [{"np_scalar": {"dtype": "str", "value": "2.5"}}, "1.5"]}}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "n-empty-list", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": [{"list": []}, "1.5"]}}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "n-under", "signature": {"inputs": "[{\\"type\\": \\"double\\", \\"name\\": \\"a\\"}]"}, "input": {"dataframe": {"data": {"a": ["1_0", "1.5"]}}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "t-dup-names-ndarray", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}, {\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}]"}, "input": {"ndarray": {"data": [1, 2], "dtype": "int64"}}, "mlflow": {"path": "python", "ok": true, "http_status": null, "error_code": null}}
        """,
        """
        {"id": "t-dup-names-ndarray-bad", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}, {\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"float64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}]"}, "input": {"ndarray": {"data": [1, 2], "dtype": "int64"}}, "mlflow": {"path": "python", "ok": false, "http_status": null, "error_code": "INVALID_PARAMETER_VALUE"}}
        """,
        """
        {"id": "s-dup-names-inputs", "signature": {"inputs": "[{\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}, {\\"type\\": \\"tensor\\", \\"tensor-spec\\": {\\"dtype\\": \\"int64\\", \\"shape\\": [-1]}, \\"name\\": \\"x\\"}]"}, "payload": {"inputs": [1, 2]}, "mlflow": {"path": "serving", "ok": true, "http_status": 200, "error_code": null}}
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
