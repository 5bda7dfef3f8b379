package io.signet.schema;

import io.signet.enforce.Profile;
import io.signet.py.PyJson;
import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's {@code ModelSignature}: input schema, output schema and params schema, each optional. */
public final class ModelSignature {
    private final Schema inputs;
    private final Schema outputs;
    private final ParamSchema params;

    /** A signature of the given input, output and params schemas, each null when absent. */
    public ModelSignature(final Schema inputs, final Schema outputs, final ParamSchema params) {
        this.inputs = inputs;
        this.outputs = outputs;
        this.params = params;
    }

    /**
     * Reads a signature from its JSON text, {@code {"inputs": ..., "outputs": ..., "params": ...}}, as
     * MLflow 2.17.2 reads it. Each part is a JSON string (as in an {@code MLmodel} file), a list, or
     * absent or null.
     *
     * @param json the signature's JSON text
     * @return the signature
     * @throws SignatureException with MLflow's message when the text is not JSON or not a signature
     */
    public static ModelSignature fromJson(final String json) {
        return SignatureJson.parse(json);
    }

    /**
     * Reads a signature from its JSON text as the profile's MLflow reads it (MLflow 3 knows the
     * {@code any} type and refuses the legacy {@code optional} key of scalar columns).
     *
     * @param json the signature's JSON text
     * @param profile the MLflow version whose rules apply
     * @return the signature
     * @throws SignatureException with MLflow's message when the text is not JSON or not a signature
     */
    public static ModelSignature fromJson(final String json, final Profile profile) {
        return SignatureJson.parse(json, profile);
    }

    /**
     * MLflow 2.17.2's {@code ModelSignature.from_dict}: a map with the keys {@code inputs},
     * {@code outputs} and {@code params}, each a JSON string, a list of parsed specs, or absent or null.
     *
     * @param dict the signature as a map (for example parsed from JSON)
     * @return the signature
     * @throws SignatureException with MLflow's message when the map is not a signature
     */
    public static ModelSignature fromDict(final Map<?, ?> dict) {
        return SignatureJson.fromDict(dict);
    }

    /**
     * {@code ModelSignature.from_dict} as the profile's MLflow reads it.
     *
     * @param dict the signature as a map (for example parsed from JSON)
     * @param profile the MLflow version whose rules apply
     * @return the signature
     * @throws SignatureException with MLflow's message when the map is not a signature
     */
    public static ModelSignature fromDict(final Map<?, ?> dict, final Profile profile) {
        return SignatureJson.fromDict(dict, profile);
    }

    /** The input schema, or null. */
    public Schema inputs() {
        return inputs;
    }

    /** The output schema, or null. */
    public Schema outputs() {
        return outputs;
    }

    /** The params schema, or null. */
    public ParamSchema params() {
        return params;
    }

    /** MLflow's {@code to_dict()}: each part as a JSON string (as in an {@code MLmodel} file), or null. */
    public Map<String, Object> toDict() {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("inputs", inputs == null ? null : PyJson.dumps(inputs.toJson()));
        m.put("outputs", outputs == null ? null : PyJson.dumps(outputs.toJson()));
        m.put("params", params == null ? null : PyJson.dumps(params.toJson()));
        return m;
    }

    /** MLflow's {@code repr()} of a signature. */
    public String repr() {
        return "inputs: \n  " + (inputs == null ? "None" : inputs.repr()) + "\noutputs: \n  "
            + (outputs == null ? "None" : outputs.repr()) + "\nparams: \n  " + (params == null ? "None" : params.repr())
            + "\n";
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof ModelSignature)) {
            return false;
        }
        final ModelSignature s = (ModelSignature) o;
        return java.util.Objects.equals(inputs, s.inputs) && java.util.Objects.equals(outputs, s.outputs)
            && java.util.Objects.equals(params, s.params);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(inputs, outputs, params);
    }

    @Override
    public String toString() {
        return repr();
    }
}
