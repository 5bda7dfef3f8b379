package io.signet.spark;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.mlflow.Datatypes;
import io.signet.enforce.ErrorCode;
import io.signet.enforce.Mode;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.ModelSignature;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * A column signature compiled against a Spark schema, once, on the driver: MLflow's check of the
 * frame's columns (names, required and optional, count), then for each signature column how its
 * cells are judged.
 *
 * <p>A cell's pandas dtype follows from its Spark type and from whether it is null
 * ({@link SparkCells}), so for most columns the library's verdict is the same for every non-null
 * cell and for every null one. Each class is decided once here by running the library on a probe
 * cell ({@link ColumnCheck}), and MLflow's safe-upcast table ({@link DataTypes#upcast}) says which
 * classes those are; the other cells go to the library one by one:
 *
 * <ul>
 *   <li>a null cell: one probe (its dtype does not depend on anything else);</li>
 *   <li>a non-null cell of a fixed-width type the table upcasts: accepted without a look, except
 *       where a value can still fail: NaN/Inf under a strict no-NaN policy and timestamps outside
 *       datetime64[ns] reach the library ({@code GUARD});</li>
 *   <li>a fixed-width type the table rejects (LongType for {@code integer}, DoubleType for
 *       {@code long}, ...): every row fails with the same sentence, reported once as a schema
 *       violation, as {@code spark_udf} fails on its first batch;</li>
 *   <li>int64 into {@code float}/{@code double} (MLflow accepts 0 and 1 only): cells other than 0
 *       and 1 reach the library;</li>
 *   <li>str cells for {@code string} and bytes for {@code binary}: accepted; every other object
 *       cell (strings for a datetime or a double, dates, decimals, arrays, structs, maps) reaches the
 *       library ({@code EXACT}).</li>
 * </ul>
 * Each class verdict is a probe of the library; where a probe disagrees with the table the column
 * falls back to {@code EXACT}.
 */
final class ColumnPlan {
    /** How a column's non-null cells are judged. */
    enum Kind {
        ACCEPT, GUARD, EXACT
    }

    /** One signature column matched to a Spark column. */
    static final class Item {
        final CellCheck check;
        final int field;
        final List<Violation> nullVerdict;
        final Kind kind;
        final Column guard;
        /** The {@code path} field of a {@code binaryFile} frame (the cell is then {@code struct(path, content)}), or -1. */
        final int pathField;

        Item(final CellCheck check, final int field, final List<Violation> nullVerdict, final Kind kind,
             final Column guard, final int pathField) {
            this.check = check;
            this.field = field;
            this.nullVerdict = nullVerdict;
            this.kind = kind;
            this.guard = guard;
            this.pathField = pathField;
        }
    }

    final List<Violation> schemaViolations = new ArrayList<>();
    final List<Item> items = new ArrayList<>();
    /** MLflow's own check of the first rows as one frame (the sample switch), or null. */
    SampleCheck sample;

    /** Microseconds since the epoch that datetime64[ns] holds (its minimum is NaT). */
    private static final long MIN_MICROS = -9_223_372_036_854_775L;
    private static final long MAX_MICROS = 9_223_372_036_854_775L;

    ColumnPlan() {
    }

    /**
     * @param data      the Spark schema of the data (the frame MLflow would get)
     * @param dataCols  how many of its leading fields are data (a generated id is not)
     */
    static ColumnPlan compile(final StructType data, final int dataCols, final ModelSignature sig,
                              final CheckOptions o) {
        final ColumnPlan p = new ColumnPlan();
        final Schema schema = sig.inputs();
        final Map<String, Object> dict = sig.toDict();
        final String missing = missingColumns(data, dataCols, schema, o.profile());
        if (missing != null) {
            p.schemaViolations.add(new Violation(null, null, ErrorCode.INVALID_PARAMETER_VALUE.name(),
                missing, null));
            return p;
        }
        final boolean named = schema.hasInputNames();
        for (int i = 0; i < schema.size(); i++) {
            final ColSpec spec = (ColSpec) schema.input(i);
            final int f = named ? fieldIndex(data, dataCols, spec.name()) : i;
            if (f < 0) {
                continue; // optional and absent
            }
            final StructField field = data.fields()[f];
            final String where = "[" + PyRepr.repr(field.name()) + "]";
            if (SparkCells.dtypeOf(field.dataType()) == null) {
                p.schemaViolations.add(new Violation(field.name(), where,
                    ErrorCode.INVALID_PARAMETER_VALUE.name(), "Column " + field.name() + " has Spark type "
                    + field.dataType().simpleString() + ", which has no pandas counterpart that MLflow could check",
                    null));
                continue;
            }
            final ColumnCheck check = new ColumnCheck(dict, i, field.name(), field.dataType(), o);
            final List<Violation> nullVerdict = field.nullable() ? check.check(null) : Collections.emptyList();
            p.classify(check, f, field, spec, nullVerdict, o);
        }
        return p;
    }

    private void classify(final ColumnCheck check, final int f, final StructField field, final ColSpec spec,
                          final List<Violation> nullVerdict, final CheckOptions o) {
        final org.apache.spark.sql.types.DataType st = field.dataType();
        final DType dt = SparkCells.dtypeOf(st);
        final Column c = column(field.name());
        if (spec.type() instanceof DataType && dt.kind() != DType.Kind.OBJECT) {
            final DataType t = (DataType) spec.type();
            final int verdict = dt.kind() == DType.Kind.DATETIME && t == DataType.DATETIME ? Datatypes.OK
                : Datatypes.upcast(dt, t);
            final List<Violation> probe = check.check(sample(st));
            if (verdict == Datatypes.REJECT && !probe.isEmpty()) {
                schemaViolations.addAll(probe);
                return;
            }
            if ((verdict == Datatypes.OK || verdict == Datatypes.UPCAST) && probe.isEmpty()) {
                if (dt.kind() == DType.Kind.FLOAT && o.mode == Mode.STRICT && (o.rejectNaN || o.rejectInf)) {
                    add(check, f, nullVerdict, Kind.GUARD, functions.isnan(c).or(c.equalTo(Double.POSITIVE_INFINITY))
                        .or(c.equalTo(Double.NEGATIVE_INFINITY)));
                } else if (st instanceof TimestampType) {
                    final Column us = functions.unix_micros(c);
                    add(check, f, nullVerdict, Kind.GUARD, us.lt(MIN_MICROS).or(us.gt(MAX_MICROS)));
                } else if (dt.kind() == DType.Kind.DATETIME) {
                    add(check, f, nullVerdict, Kind.EXACT, null); // TimestampNTZ: no micros function, look at each
                } else {
                    add(check, f, nullVerdict, Kind.ACCEPT, null);
                }
                return;
            }
            if (verdict == Datatypes.ZERO_ONE && check.check(0L).isEmpty() && check.check(1L).isEmpty()) {
                add(check, f, nullVerdict, Kind.GUARD, c.notEqual(0).and(c.notEqual(1)));
                return;
            }
            add(check, f, nullVerdict, Kind.EXACT, null);
            return;
        }
        if (spec.type() instanceof io.signet.schema.ArrayType && st instanceof org.apache.spark.sql.types.ArrayType
            && arrayOfConstantLeaves(check, (io.signet.schema.ArrayType) spec.type(),
            (org.apache.spark.sql.types.ArrayType) st)) {
            final boolean nulls = ((org.apache.spark.sql.types.ArrayType) st).containsNull();
            add(check, f, nullVerdict, nulls ? Kind.GUARD : Kind.ACCEPT,
                nulls ? functions.exists(c, Column::isNull) : null);
            return;
        }
        if ((spec.type() == DataType.STRING && st instanceof StringType
            || spec.type() == DataType.BINARY && st instanceof BinaryType) && check.check(sample(st)).isEmpty()) {
            add(check, f, nullVerdict, Kind.ACCEPT, null);
            return;
        }
        add(check, f, nullVerdict, Kind.EXACT, null);
    }

    /**
     * An Array of a DataType given Spark arrays of fixed-width leaves: each element is a numpy scalar
     * (or Python number) of one dtype, judged by the upcast table alone, so an array without null
     * elements is accepted whatever its values when the table upcasts that dtype and the library
     * accepts probe arrays ({@code [x, x]} and {@code []}); a null element (None at a required
     * position) is left to the library.
     */
    private static boolean arrayOfConstantLeaves(final ColumnCheck check, final io.signet.schema.ArrayType spec,
                                                 final org.apache.spark.sql.types.ArrayType st) {
        if (!(spec.items() instanceof DataType)) {
            return false;
        }
        final org.apache.spark.sql.types.DataType e = st.elementType();
        final DType leaf = e instanceof org.apache.spark.sql.types.ByteType || e instanceof LongType ? DType.INT64
            : SparkCells.dtypeOf(e);
        if (leaf == null || leaf.kind() == DType.Kind.OBJECT || leaf.kind() == DType.Kind.DATETIME) {
            return false; // str, bytes, dates and timestamps (text inside arrays) are read one by one
        }
        final int v = Datatypes.upcast(leaf, (DataType) spec.items());
        if (v != Datatypes.OK && v != Datatypes.UPCAST) {
            return false;
        }
        final Object x = sample(e);
        return check.check(scala.jdk.javaapi.CollectionConverters.asScala(java.util.Arrays.asList(x, x)).toSeq())
            .isEmpty() && check.check(scala.jdk.javaapi.CollectionConverters.asScala(
            Collections.emptyList()).toSeq()).isEmpty();
    }

    private void add(final ColumnCheck check, final int f, final List<Violation> nullVerdict, final Kind kind,
                     final Column guard) {
        items.add(new Item(check, f, nullVerdict, kind, guard, -1));
    }

    /** A non-null probe cell of a fixed-width or str/bytes type (2, not 0 or 1: int64 to double depends on it). */
    private static Object sample(final org.apache.spark.sql.types.DataType t) {
        if (t instanceof ByteType) {
            return (byte) 2;
        }
        if (t instanceof ShortType) {
            return (short) 2;
        }
        if (t instanceof IntegerType) {
            return 2;
        }
        if (t instanceof LongType) {
            return 2L;
        }
        if (t instanceof FloatType) {
            return 0.5f;
        }
        if (t instanceof DoubleType) {
            return 0.5;
        }
        if (t instanceof StringType) {
            return "x";
        }
        if (t instanceof BinaryType) {
            return new byte[] {1};
        }
        if (t instanceof org.apache.spark.sql.types.BooleanType) {
            return Boolean.TRUE;
        }
        return new Timestamp(0); // TimestampType, TimestampNTZType (as Spark hands them to Java)
    }

    /** The per-row expression of item {@code it}: its violations (array of structs) or null. */
    static Column expression(final Item it, final StructType data) {
        final Column c = column(it.check.column());
        final Column arg = it.pathField < 0 ? c
            : functions.struct(column(data.fields()[it.pathField].name()), c);
        Column e = null;
        if (!it.nullVerdict.isEmpty()) {
            e = functions.when(c.isNull(), Violation.literal(it.nullVerdict));
        }
        final Column guard = it.kind == Kind.EXACT ? c.isNotNull() : it.guard;
        if (it.kind != Kind.ACCEPT) {
            final Column call = it.check.udf().apply(arg);
            e = e == null ? functions.when(guard, call) : e.when(guard, call);
        }
        return e;
    }

    static Column column(final String name) {
        return functions.col("`" + name.replace("`", "``") + "`");
    }

    private static int fieldIndex(final StructType data, final int dataCols, final String name) {
        for (int i = 0; i < dataCols; i++) {
            if (data.fields()[i].name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * MLflow's check of the frame's columns (missing required names; for an unnamed schema, too few
     * columns), asked of the library on an empty frame holding the Spark columns' names: the
     * sentence, or null.
     */
    private static String missingColumns(final StructType data, final int dataCols, final Schema schema,
                                         final io.signet.enforce.Profile profile) {
        try (ColumnBatch b = new ColumnBatch()) {
            for (int i = 0; i < dataCols; i++) {
                b.addValues(data.fields()[i].name(), DType.OBJECT, Collections.emptyList());
            }
            final ColumnViolations v = new ColumnViolations(1);
            if (!ColumnEnforcer.compile(schema, Mode.MLFLOW, profile).check(b, v) && v.path(0) == null) {
                return v.message(0);
            }
            return null;
        }
    }
}
