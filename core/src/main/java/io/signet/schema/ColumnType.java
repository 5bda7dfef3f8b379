package io.signet.schema;

import java.util.Map;

/**
 * The type of a column or of a nested value: a {@link DataType}, an {@link ArrayType}, an
 * {@link ObjectType}, a {@link MapType} ({@link ArrayType#SPARK_ML_VECTOR} is MLflow's SparkMLVector) or {@link AnyType}.
 */
public interface ColumnType {
    /** MLflow's {@code repr()}: {@code long}, {@code Array(string)}, {@code {a: long (required)}}. */
    String repr();

    /** MLflow's {@code str()}, which differs from repr only for a bare DataType ({@code DataType.long}). */
    default String str() {
        return repr();
    }

    /** MLflow's {@code to_dict()}: the JSON form, as plain maps and lists. */
    Map<String, Object> toJson();
}
