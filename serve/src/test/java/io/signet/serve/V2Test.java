package io.signet.serve;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** KServe v2 (Open Inference Protocol) endpoints against MLflow signatures, on a real server. */
class V2Test {
    private static final String TENSOR = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
        + "{\\\"dtype\\\": \\\"uint8\\\", \\\"shape\\\": [-1, 2, 2]}}]\", \"outputs\": \"[{\\\"type\\\": \\\"tensor\\\", "
        + "\\\"tensor-spec\\\": {\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 10]}}]\"}";
    private static final String NAMED = "{\"inputs\": \"[{\\\"type\\\": \\\"tensor\\\", \\\"tensor-spec\\\": "
        + "{\\\"dtype\\\": \\\"float32\\\", \\\"shape\\\": [-1, 3]}, \\\"name\\\": \\\"x\\\"}, {\\\"type\\\": \\\"tensor\\\", "
        + "\\\"tensor-spec\\\": {\\\"dtype\\\": \\\"str\\\", \\\"shape\\\": [-1]}, \\\"name\\\": \\\"s\\\"}]\"}";
    private static final String COLUMNS = "{\"inputs\": \"[{\\\"type\\\": \\\"long\\\", \\\"name\\\": \\\"id\\\"}, "
        + "{\\\"type\\\": \\\"string\\\", \\\"name\\\": \\\"name\\\"}, {\\\"type\\\": \\\"double\\\", \\\"name\\\": "
        + "\\\"score\\\", \\\"required\\\": false}, {\\\"type\\\": \\\"datetime\\\", \\\"name\\\": \\\"seen\\\"}]\", "
        + "\"params\": \"[{\\\"name\\\": \\\"k\\\", \\\"type\\\": \\\"long\\\", \\\"default\\\": 3, \\\"shape\\\": null}]\"}";

    private static Servers servers;
    private static SignetServer tensor;
    private static SignetServer named;
    private static SignetServer columns;

    @BeforeAll
    static void start() throws Exception {
        servers = new Servers();
        tensor = servers.start(servers.model("digits", TENSOR));
        named = servers.start(servers.model("named", NAMED));
        columns = servers.start(servers.model("table", COLUMNS));
    }

    @AfterAll
    static void stop() throws Exception {
        tensor.close();
        named.close();
        columns.close();
        servers.close();
    }

    private static void answer(final SignetServer s, final String path, final String body, final int status,
                               final String expected) throws Exception {
        final HttpResponse<String> r = servers.post(s, path, body);
        assertEquals(expected, r.body());
        assertEquals(status, r.statusCode());
    }

    @Test
    void healthAndMetadata() throws Exception {
        assertEquals("{\"live\": true}", servers.get(tensor, "/v2/health/live").body());
        assertEquals("{\"ready\": true}", servers.get(tensor, "/v2/health/ready").body());
        assertEquals("{\"name\": \"digits\", \"ready\": true}", servers.get(tensor, "/v2/models/digits/ready").body());
        assertEquals("{\"name\": \"digits\", \"versions\": [], \"platform\": \"mlflow\", \"inputs\": [{\"name\": "
            + "\"input-0\", \"datatype\": \"UINT8\", \"shape\": [-1, 2, 2], \"parameters\": {\"content_type\": \"np\"}}], "
            + "\"outputs\": [{\"name\": \"output-0\", \"datatype\": \"FP32\", \"shape\": [-1, 10], \"parameters\": "
            + "{\"content_type\": \"np\"}}], \"parameters\": {\"content_type\": \"np\"}}",
            servers.get(tensor, "/v2/models/digits").body());
        assertEquals(200, servers.get(tensor, "/v2/models/digits/versions/1").statusCode());
        assertEquals("{\"name\": \"table\", \"versions\": [], \"platform\": \"mlflow\", \"inputs\": ["
            + "{\"name\": \"id\", \"datatype\": \"INT64\", \"shape\": [-1, 1], \"parameters\": {\"content_type\": \"np\"}}, "
            + "{\"name\": \"name\", \"datatype\": \"BYTES\", \"shape\": [-1, 1], \"parameters\": {\"content_type\": \"str\"}}, "
            + "{\"name\": \"score\", \"datatype\": \"FP64\", \"shape\": [-1, 1], \"parameters\": {\"content_type\": \"np\"}}, "
            + "{\"name\": \"seen\", \"datatype\": \"BYTES\", \"shape\": [-1, 1], \"parameters\": {\"content_type\": "
            + "\"datetime\"}}], \"outputs\": [], \"parameters\": {\"content_type\": \"pd\"}}",
            servers.get(columns, "/v2/models/table").body());
        final HttpResponse<String> nf = servers.get(tensor, "/v2/models/other");
        assertEquals(404, nf.statusCode());
        assertEquals("{\"error\": \"Model /v2/models/other not found; this server serves digits\", \"error_code\": "
            + "\"RESOURCE_DOES_NOT_EXIST\"}", nf.body());
    }

    @Test
    void tensorRequests() throws Exception {
        final String p = "/v2/models/digits/infer";
        answer(tensor, p, "{\"id\": \"r1\", \"inputs\": [{\"name\": \"a\", \"shape\": [2, 2, 2], \"datatype\": \"UINT8\", "
            + "\"data\": [1, 2, 3, 4, 5, 6, 7, 255]}]}", 200,
            "{\"model_name\": \"digits\", \"id\": \"r1\", \"parameters\": {\"conforms\": true}, \"outputs\": []}");
        // nested data is the same tensor
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 2, 2], \"datatype\": \"UINT8\", "
            + "\"data\": [[1, 2], [3, 4]]}]}", 200,
            "{\"model_name\": \"digits\", \"parameters\": {\"conforms\": true}, \"outputs\": []}");
        // the shape against the TensorSpec (-1 matches any size), MLflow's sentence
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 4], \"datatype\": \"UINT8\", "
            + "\"data\": [1, 2, 3, 4]}]}", 400,
            "{\"error\": \"Shape of input (1, 4) does not match expected shape (-1, 2, 2).\", \"error_code\": "
                + "\"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs/0\"}");
        // the datatype against the TensorSpec's dtype
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 2, 2], \"datatype\": \"INT32\", "
            + "\"data\": [1, 2, 3, 4]}]}", 400,
            "{\"error\": \"dtype of input int32 does not match expected dtype uint8\", \"error_code\": "
                + "\"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs/0\"}");
        // the flat data length against the shape
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 2, 2], \"datatype\": \"UINT8\", "
            + "\"data\": [1, 2, 3]}]}", 400,
            "{\"error\": \"cannot reshape array of size 3 into shape (1, 2, 2)\", \"error_code\": \"BAD_REQUEST\", "
                + "\"path\": \"/inputs/0/data\"}");
        // narrowing: MLflow would store 300 as 44; the same deviation as on /invocations, at the element
        final HttpResponse<String> wrap = servers.post(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1, 2, 2], "
            + "\"datatype\": \"UINT8\", \"data\": [1, 2, 300, 4]}]}");
        assertEquals(400, wrap.statusCode());
        assertEquals(true, wrap.body().contains("\"path\": \"/inputs/0/data/2\""), wrap.body());
        assertEquals(true, wrap.body().contains("\"deviation\": \"narrowing-overflow\""), wrap.body());
        // unnamed signature: one input
        answer(tensor, p, "{\"inputs\": []}", 400, "{\"error\": \"The 'np' codec only supports a single input tensor "
            + "(0 were received)\", \"error_code\": \"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs\"}");
        // protocol errors
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [4], \"datatype\": \"FP8\", \"data\": [1, 2, 3, 4]}]}",
            400, "{\"error\": \"Unsupported datatype 'FP8': expected one of BOOL, UINT8, UINT16, UINT32, UINT64, INT8, "
                + "INT16, INT32, INT64, FP16, FP32, FP64, BYTES\", \"error_code\": \"BAD_REQUEST\", \"path\": "
                + "\"/inputs/0/datatype\"}");
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [-1], \"datatype\": \"UINT8\", \"data\": [1]}]}",
            400, "{\"error\": \"\\\"shape\\\" must be a list of non-negative integers\", \"error_code\": \"BAD_REQUEST\", "
                + "\"path\": \"/inputs/0/shape/0\"}");
        answer(tensor, p, "{\"inputs\": [{\"name\": \"a\", \"shape\": [1], \"datatype\": \"UINT8\"}]}", 400,
            "{\"error\": \"Input 0 has no \\\"data\\\"\", \"error_code\": \"BAD_REQUEST\", \"path\": \"/inputs/0\"}");
        answer(tensor, p, "{\"inputs\": [", 400, "{\"error\": \"Invalid JSON: Unexpected end-of-input: expected close "
            + "marker for Array at line 1, column 13\", \"error_code\": \"BAD_REQUEST\", \"path\": \"\"}");
        assertEquals(405, servers.get(tensor, p).statusCode());
    }

    @Test
    void namedTensorsAndBytes() throws Exception {
        final String p = "/v2/models/named/infer";
        answer(named, p, "{\"inputs\": [{\"name\": \"x\", \"shape\": [2, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, 2.5, 3, 4, 5, null]}, {\"name\": \"s\", \"shape\": [2], \"datatype\": \"BYTES\", "
            + "\"data\": [\"a\", \"bc\"]}, {\"name\": \"extra\", \"shape\": [1], \"datatype\": \"BOOL\", \"data\": [true]}]}",
            200, "{\"model_name\": \"named\", \"parameters\": {\"conforms\": true}, \"outputs\": []}");
        answer(named, p, "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, 2, 3]}]}", 400,
            "{\"error\": \"Model is missing inputs ['s'].\", \"error_code\": "
                + "\"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs\"}");
        answer(named, p, "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, 2, 3]}, {\"name\": \"s\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"a\", 7]}]}",
            400, "{\"error\": \"BYTES elements must be strings\", \"error_code\": \"BAD_REQUEST\", \"path\": "
                + "\"/inputs/1/data\"}");
        answer(named, p, "{\"inputs\": [{\"name\": \"x\", \"shape\": [1, 3], \"datatype\": \"FP32\", "
            + "\"data\": [1, \"a\", 3]}, {\"name\": \"s\", \"shape\": [1], \"datatype\": \"BYTES\", \"data\": [\"a\"]}]}",
            400, "{\"error\": \"Invalid input. could not convert string to float: 'a'\", \"error_code\": \"BAD_REQUEST\", "
                + "\"path\": \"/inputs/0/data/1\"}");
    }

    @Test
    void columnsAreMlserversDataFrame() throws Exception {
        final String p = "/v2/models/table/infer";
        final String ok = "{\"inputs\": [{\"name\": \"id\", \"shape\": [2], \"datatype\": \"INT32\", \"data\": [1, 2]}, "
            + "{\"name\": \"name\", \"shape\": [2, 1], \"datatype\": \"BYTES\", \"data\": [[\"ada\"], [\"bob\"]]}, "
            + "{\"name\": \"seen\", \"shape\": [2], \"datatype\": \"BYTES\", \"data\": [\"2024-01-02T03:04:05\", "
            + "\"2024-06-07\"]}], \"parameters\": {\"content_type\": \"pd\", \"k\": 5}}";
        answer(columns, p, ok, 200, "{\"model_name\": \"table\", \"parameters\": {\"conforms\": true}, \"outputs\": []}");
        // a float column for a long: MLflow's sentence
        answer(columns, p, ok.replace("\"INT32\", \"data\": [1, 2]", "\"FP64\", \"data\": [1.5, 2]"), 400,
            "{\"error\": \"Incompatible input types for column id. Can not safely convert float64 to int64.\", "
                + "\"error_code\": \"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs/0\"}");
        // a missing required column
        answer(columns, p, "{\"inputs\": [{\"name\": \"id\", \"shape\": [1], \"datatype\": \"INT64\", \"data\": [1]}]}",
            400, "{\"error\": \"Model is missing inputs ['name', 'seen'].\", "
                + "\"error_code\": \"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs\"}");
        // an int out of the datatype's range
        answer(columns, p, ok.replace("\"data\": [1, 2]", "\"data\": [1, 3000000000]"), 400,
            "{\"error\": \"Python integer 3000000000 out of bounds for int32\", \"error_code\": "
                + "\"INVALID_PARAMETER_VALUE\", \"path\": \"/inputs/0/data/1\", \"deviation\": \"narrowing-overflow\"}");
        // rows must agree
        answer(columns, p, ok.replace("\"shape\": [2], \"datatype\": \"INT32\", \"data\": [1, 2]",
            "\"shape\": [3], \"datatype\": \"INT32\", \"data\": [1, 2, 3]"), 400,
            "{\"error\": \"Column inputs must have the same number of rows: 2 here, 3 before\", \"error_code\": "
                + "\"BAD_REQUEST\", \"path\": \"/inputs/1/shape\"}");
        // params are the model's
        answer(columns, p, ok.replace("\"k\": 5", "\"k\": \"five\""), 400,
            "{\"error\": \"Invalid parameters found: {('k', \\\"Incompatible types for param 'k': long (default: 3) "
                + "with shape None. Can not safely convert str to DataType.long.\\\")}\", \"error_code\": "
                + "\"INVALID_PARAMETER_VALUE\", \"path\": \"/parameters\"}");
        // a bad datetime
        answer(columns, p, ok.replace("\"2024-06-07\"", "\"yesterday\""), 400,
            "{\"error\": \"Invalid isoformat string: 'yesterday'\", \"error_code\": \"BAD_REQUEST\", \"path\": "
                + "\"/inputs/2/data/1\"}");
    }
}
