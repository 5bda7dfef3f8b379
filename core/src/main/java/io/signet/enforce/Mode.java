package io.signet.enforce;

/** How an enforcer judges: exactly as MLflow 2.x does, or stricter. */
public enum Mode {
    /** Accept and reject what MLflow 2.17 accepts and rejects (except documented deviations). */
    MLFLOW,
    /** MLflow's rules plus the checks MLflow skips (ragged elements, lossy narrowing, NaN policy, UTF-8). */
    STRICT
}
