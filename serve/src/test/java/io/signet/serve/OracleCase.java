package io.signet.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One serving case of an oracle corpus (src-test-data/serving, src-test-data/conformance): the
 * signature's JSON text, the exact body MLflow received (the {@code payload} value's own bytes in
 * the line, which MLflow's oracle wrote with the same {@code json.dumps} it sent, or
 * {@code payload_raw}), the Content-Type, and what MLflow 2.17.2 answered.
 */
final class OracleCase {
    private static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
        .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(1 << 28).maxNestingDepth(5000)
            .maxNumberLength(100_000).build())
        .build();
    private static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

    final String file;
    final String id;
    final String signature;
    final byte[] body;
    final String contentType;
    final int status;
    final String errorCode;
    final String message;

    private OracleCase(final String file, final String id, final String signature, final byte[] body,
                       final String contentType, final int status, final String errorCode, final String message) {
        this.file = file;
        this.id = id;
        this.signature = signature;
        this.body = body;
        this.contentType = contentType;
        this.status = status;
        this.errorCode = errorCode;
        this.message = message;
    }

    /** The serving cases of a corpus resource with MLflow 2.17.2's verdicts (field {@code mlflow}). */
    static List<OracleCase> read(final String resource) throws IOException {
        return read(resource, "mlflow");
    }

    /**
     * The serving cases of a corpus resource with the verdicts of one field: {@code mlflow} (2.17.2) or
     * {@code mlflow3} (3.6 on numpy 2 / pandas 2). Cases MLflow refused at signature time, and cases
     * that MLflow could not run ({@code skipped}), are left out.
     */
    static List<OracleCase> read(final String resource, final String field) throws IOException {
        final List<OracleCase> out = new ArrayList<>();
        try (InputStream in = OracleCase.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("missing test resource " + resource);
            }
            final BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank()) {
                    final OracleCase c = parse(resource, line.getBytes(StandardCharsets.UTF_8), field);
                    if (c != null) {
                        out.add(c);
                    }
                }
            }
        }
        return out;
    }

    private static OracleCase parse(final String file, final byte[] line, final String field) throws IOException {
        String id = null;
        String sig = null;
        byte[] body = null;
        String ct = "application/json";
        JsonNode mlflow = null;
        try (JsonParser p = FACTORY.createParser(line)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                final String k = p.currentName();
                final JsonToken t = p.nextToken();
                final int start = (int) p.currentTokenLocation().getByteOffset();
                switch (k) {
                    case "id":
                        id = p.getText();
                        break;
                    case "payload": {
                        p.skipChildren();
                        final int end = (int) p.currentLocation().getByteOffset();
                        body = Arrays.copyOfRange(line, start, end);
                        break;
                    }
                    case "payload_raw":
                        body = p.getText().getBytes(StandardCharsets.UTF_8);
                        break;
                    case "content_type":
                        ct = t == JsonToken.VALUE_NULL ? null : p.getText();
                        break;
                    case "signature": {
                        p.skipChildren();
                        final int end = (int) p.currentLocation().getByteOffset();
                        sig = t == JsonToken.VALUE_NULL ? null
                            : new String(line, start, end - start, StandardCharsets.UTF_8);
                        break;
                    }
                    default:
                        if (k.equals(field)) {
                            mlflow = MAPPER.readTree(p);
                        } else {
                            p.skipChildren();
                        }
                }
            }
        }
        if (body == null || mlflow == null || !mlflow.path("http_status").isNumber()) {
            return null;
        }
        return new OracleCase(file, id, sig, body, ct, mlflow.get("http_status").asInt(),
            mlflow.path("error_code").isTextual() ? mlflow.get("error_code").asText() : null,
            mlflow.path("message").isTextual() ? mlflow.get("message").asText() : null);
    }

    @Override
    public String toString() {
        return file + " " + id;
    }
}
