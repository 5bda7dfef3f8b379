/**
 * Signet's library: MLflow model signatures enforced on the JVM (tensors, columns, params and
 * scoring-server bodies). Exports only the API packages; {@code io.signet.internal.*},
 * {@code io.signet.py} and {@code io.signet.mlflow} are machinery and stay inside the module.
 * ND4J is optional: {@code io.signet.nd4j} needs {@code nd4j-api} (module {@code nd4j.api}), which a caller
 * of it requires itself.
 * On the module path Agrona needs {@code --add-exports java.base/jdk.internal.misc=org.agrona}.
 */
module io.signet.core {
    requires transitive com.fasterxml.jackson.core;
    requires com.fasterxml.jackson.databind;
    requires com.fasterxml.jackson.dataformat.yaml;
    requires org.yaml.snakeyaml;
    requires transitive org.agrona;
    requires static nd4j.api;
    requires static org.bytedeco.javacpp;

    exports io.signet.schema;
    exports io.signet.tensor;
    exports io.signet.column;
    exports io.signet.enforce;
    exports io.signet.json;
    exports io.signet.serving;
    exports io.signet.nd4j;
    exports io.signet.infer;
}
