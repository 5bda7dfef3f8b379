package io.signet.schema;

import java.util.Map;

/** One input of a {@link Schema}: a {@link ColSpec} or a {@link TensorSpec}. */
public interface InputSpec {
    /** The name, or null for an unnamed input. */
    String name();

    /**
     * The name as MLflow holds it, the key an input is looked up by: the name itself, or for a
     * {@link ColSpec} an integer (Long) where MLflow 3.1+ wrote {@code "name": 0}.
     */
    default Object label() {
        return name();
    }

    /** Whether the input must be present (always true for tensors). */
    boolean required();

    /** MLflow's repr, as in {@code 'a': long (required)}. */
    String repr();

    /** MLflow's {@code to_dict()}. */
    Map<String, Object> toJson();
}
