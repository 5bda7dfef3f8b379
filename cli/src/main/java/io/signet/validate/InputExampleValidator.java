package io.signet.validate;

import io.signet.schema.ModelDirectory;
import io.signet.schema.PyJson;
import io.signet.serving.ScoringResponse;
import io.signet.serving.ScoringServer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A model's own {@code input_example.json}, which MLflow stores in its example form, not as a
 * request: a DataFrame as {@code {"columns", "data"}} (split orient) or records, an ndarray under
 * {@code "inputs"}. It is wrapped into the request MLflow's {@code serving_input_example.json}
 * would hold, then judged by the scoring server.
 */
final class InputExampleValidator implements FileValidator {
    private final Path example;
    private final Map<String, Object> info;
    private final ScoringServer server;

    InputExampleValidator(final ModelDirectory model, final ScoringServer server) {
        this.example = model.inputExample().toAbsolutePath().normalize();
        final Map<String, Object> i = model.savedInputExampleInfo();
        this.info = i == null ? Map.of() : i;
        this.server = server;
    }

    @Override
    public boolean accepts(final Path file) {
        return file.toAbsolutePath().normalize().equals(example);
    }

    @Override
    public void validate(final Path file, final FileResult result) {
        final Object ex;
        try {
            ex = ModelDirectory.readJson(file);
        } catch (final ModelDirectory.ModelFileException e) {
            result.unreadable(null, e.getMessage());
            return;
        }
        final Object type = info.get("type");
        Object data = ex;
        Object params = null;
        final Object hasParams = info.get("params");
        if (("true".equals(hasParams) || Boolean.TRUE.equals(hasParams)) && ex instanceof Map) {
            // MLflow saves {"inputs": <example>, "params": {...}} when the example carries params
            data = ((Map<?, ?>) ex).get("inputs");
            params = ((Map<?, ?>) ex).get("params");
        }
        final Map<String, Object> request = new LinkedHashMap<>();
        if ("dataframe".equals(type)) {
            final Object orient = info.get("pandas_orient");
            request.put("records".equals(orient) ? "dataframe_records" : "dataframe_split", data);
        } else if ("ndarray".equals(type) && data instanceof Map && ((Map<?, ?>) data).containsKey("inputs")) {
            request.putAll(castMap(data));
        } else {
            request.put("inputs", data);
        }
        if (params != null) {
            request.put("params", params);
        }
        final ScoringResponse r = server.invoke(PyJson.dumps(request).getBytes(StandardCharsets.UTF_8), "application/json");
        if (r.ok()) {
            result.valid();
        } else {
            // the request is built from the example, so a line or column would point into that, not the file
            result.invalid(new FileResult.Problem("input example" + (r.pointer() == null ? "" : " " + r.pointer()),
                r.message(), r.errorCode(), io.signet.enforce.Deviation.codeOf(r.deviation()), r.status(), null, null,
                r.pointer()));
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(final Object o) {
        return (Map<String, Object>) o;
    }
}
