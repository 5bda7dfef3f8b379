package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.schema.ObjectType;

/**
 * The rule book's part of MLflow 3's params (M7 of docs/mlflow3-rules.md): a param of an
 * {@link ObjectType} is checked as {@code _enforce_object(deepcopy(value), obj)} checks an Object
 * column's cell (required properties, no extra ones, each property's type; optional ones may be
 * null) and then handed on unconverted. {@link io.signet.schema.ParamSpec} words the failure.
 */
public final class Params {
    private Params() {
    }

    /**
     * {@code _enforce_object(deepcopy(value), obj)} for a param value.
     *
     * @throws MlflowException MLflow's sentence (the object itself is required: None is refused)
     */
    public static void enforceObject(final Object value, final ObjectType obj, final Profile profile) {
        Types.enforce(value, obj, true, profile);
    }
}
