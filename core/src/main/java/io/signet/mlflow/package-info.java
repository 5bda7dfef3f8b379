/**
 * Internal: not API, may change without notice. The rule book: MLflow's enforcement rules, each
 * written once over the value model of {@code io.signet.py}, for every path (in-process Java
 * values, the scoring server's parsed bodies, the hot path's batches read at their one seam).
 *
 * <ul>
 *   <li>{@code _enforce_schema} for column schemas ({@link io.signet.mlflow.ColumnSchemas}) and for the
 *       scoring server ({@link io.signet.mlflow.ServingSchemas}); input names ({@link io.signet.mlflow.InputNames});</li>
 *   <li>{@code _enforce_mlflow_datatype} / {@code _enforce_datatype} ({@link io.signet.mlflow.Datatypes}) and
 *       {@code _enforce_type} for Array / Object / Map ({@link io.signet.mlflow.Types});</li>
 *   <li>a DataFrame handed to a tensor schema ({@link io.signet.mlflow.TensorFrames});</li>
 *   <li>the scoring server's parsing: {@code _cast_schema_type}, {@code convert_data_type},
 *       {@code parse_instances_data} ({@link io.signet.mlflow.ServingInputs}),
 *       {@code dataframe_from_parsed_json} ({@link io.signet.mlflow.SplitRecords}),
 *       {@code cast_df_types_according_to_schema} ({@link io.signet.mlflow.FrameCasts}), CSV
 *       ({@link io.signet.mlflow.CsvInput}).</li>
 * </ul>
 *
 * <p>Every rule takes a {@link io.signet.enforce.Profile}: where MLflow versions differ, the rule asks
 * the profile a question named after the rule ({@code profile.optionalReachesNested()}) and never
 * exists twice; a branch not written yet throws {@code profile.notYet(question)}. Every sentence
 * lives in {@link io.signet.mlflow.Sentences}, and a payload value is quoted only through
 * {@link io.signet.py.Excerpt}. Failures are facts ({@link io.signet.mlflow.MlflowException}:
 * code, column, row, nested path) that each caller words as its location.
 *
 * <p>Layering: this package imports {@code py}, {@code schema}, {@code tensor}, {@code json} (the
 * server's errors and the hot path's reader) and {@code enforce}'s value types and compiled tensor
 * enforcer; {@code py} imports nothing of it.
 */
package io.signet.mlflow;
