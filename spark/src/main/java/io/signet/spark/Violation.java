package io.signet.spark;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * One violation: the input (column or tensor input) it concerns, a structured path inside the row
 * ({@code ['a']['b'][2]}, {@code inputs[0][3]}), MLflow's error code, MLflow's sentence and Signet's
 * deviation code (null where MLflow rejects too). In a Dataset it is a struct of these five strings.
 */
public final class Violation implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The struct of a violation in the violations table (after the row id column). */
    public static final StructType STRUCT = new StructType()
        .add("input", DataTypes.StringType, true)
        .add("path", DataTypes.StringType, true)
        .add("error_code", DataTypes.StringType, false)
        .add("message", DataTypes.StringType, false)
        .add("deviation", DataTypes.StringType, true);
    /** A row's violations. */
    public static final ArrayType ARRAY = DataTypes.createArrayType(STRUCT, false);

    public final String input;
    public final String path;
    public final String errorCode;
    public final String message;
    public final String deviation;

    public Violation(final String input, final String path, final String errorCode, final String message,
                     final String deviation) {
        this.input = input;
        this.path = path;
        this.errorCode = Objects.requireNonNull(errorCode, "errorCode");
        this.message = Objects.requireNonNull(message, "message");
        this.deviation = deviation;
    }

    Row toRow() {
        return RowFactory.create(input, path, errorCode, message, deviation);
    }

    static Violation of(final Row r) {
        return new Violation(r.getString(0), r.getString(1), r.getString(2), r.getString(3), r.getString(4));
    }

    /** The violation as a literal struct of the query plan. */
    Column literal() {
        return functions.struct(str(input).as("input"), str(path).as("path"), str(errorCode).as("error_code"),
            str(message).as("message"), str(deviation).as("deviation"));
    }

    /** Violations as a literal array column. */
    static Column literal(final List<Violation> vs) {
        final Column[] cs = new Column[vs.size()];
        for (int i = 0; i < cs.length; i++) {
            cs[i] = vs.get(i).literal();
        }
        return functions.array(cs).cast(ARRAY);
    }

    private static Column str(final String s) {
        return functions.lit(s).cast(DataTypes.StringType);
    }

    @Override
    public boolean equals(final Object o) {
        if (!(o instanceof Violation)) {
            return false;
        }
        final Violation v = (Violation) o;
        return Objects.equals(input, v.input) && Objects.equals(path, v.path) && errorCode.equals(v.errorCode)
            && message.equals(v.message) && Objects.equals(deviation, v.deviation);
    }

    @Override
    public int hashCode() {
        return Objects.hash(input, path, errorCode, message, deviation);
    }

    @Override
    public String toString() {
        return (path == null ? input : path) + ": " + errorCode + " " + message
            + (deviation == null ? "" : " [" + deviation + "]");
    }
}
