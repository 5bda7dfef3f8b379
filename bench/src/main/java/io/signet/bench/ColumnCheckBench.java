package io.signet.bench;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.Mode;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Column-schema checks: a 1,000-row batch of 4 columns (long, double, string, boolean) and a
 * 600-column single-row frame (MLflow issue 7948 measured 175 ms for such a row), each against a
 * same-run baseline that reads every cell of the same columns in a plain loop. Divide the 4-column
 * figures by 1,000 for the per-row cost. Also a 1,000-row Array(double) column (lists of 8) held as
 * an offset tree, the same cells as Java lists, and a baseline summing the same doubles from a double[][].
 */
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class ColumnCheckBench {
    private ColumnBatch batch4;
    private ColumnBatch wide;
    private ColumnEnforcer enforcer4;
    private ColumnEnforcer enforcer4Strict;
    private ColumnEnforcer enforcerWide;
    private final ColumnViolations violations = new ColumnViolations();
    private ColumnBatch arrays;
    private ColumnBatch arraysAsJava;
    private ColumnEnforcer enforcerArrays;
    private double[][] arrayValues;

    @Setup(Level.Trial)
    public void setup() {
        final int rows = 1000;
        final long[] l = new long[rows];
        final double[] d = new double[rows];
        final String[] s = new String[rows];
        final boolean[] b = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            l[i] = i * 31L;
            d[i] = i * 0.25;
            s[i] = "value-" + i;
            b[i] = (i % 3) == 0;
        }
        batch4 = new ColumnBatch().addLongs("l", DType.INT64, l, null).addDoubles("d", DType.FLOAT64, d)
            .addStrings("s", s).addBooleans("b", b);
        final Schema s4 = new Schema(List.of(new ColSpec(DataType.LONG, "l", true), new ColSpec(DataType.DOUBLE, "d", true),
            new ColSpec(DataType.STRING, "s", true), new ColSpec(DataType.BOOLEAN, "b", true)));
        enforcer4 = ColumnEnforcer.compile(s4, Mode.MLFLOW);
        enforcer4Strict = ColumnEnforcer.compile(s4, Mode.STRICT).rejectingNonFinite();

        wide = new ColumnBatch();
        final List<ColSpec> specs = new ArrayList<>();
        for (int c = 0; c < 600; c++) {
            final String name = "f" + c;
            switch (c % 4) {
                case 0:
                    wide.addLongs(name, DType.INT64, new long[] {c}, null);
                    specs.add(new ColSpec(DataType.LONG, name, true));
                    break;
                case 1:
                    wide.addDoubles(name, DType.FLOAT64, new double[] {c * 0.5});
                    specs.add(new ColSpec(DataType.DOUBLE, name, true));
                    break;
                case 2:
                    wide.addStrings(name, new String[] {"v" + c});
                    specs.add(new ColSpec(DataType.STRING, name, true));
                    break;
                default:
                    wide.addBooleans(name, new boolean[] {true});
                    specs.add(new ColSpec(DataType.BOOLEAN, name, true));
                    break;
            }
        }
        enforcerWide = ColumnEnforcer.compile(new Schema(specs), Mode.MLFLOW);

        // 1,000 rows of Array(double), lists of 8: an offset tree, and the same cells as Java lists
        final ArrayType arrDouble = new ArrayType(DataType.DOUBLE);
        arrayValues = new double[rows][8];
        final List<Object> cells = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            final List<Object> cell = new ArrayList<>(8);
            for (int j = 0; j < 8; j++) {
                arrayValues[i][j] = i * 0.5 + j;
                cell.add(arrayValues[i][j]);
            }
            cells.add(cell);
        }
        arrays = new ColumnBatch().addValues("v", arrDouble, cells);
        arraysAsJava = new ColumnBatch().addValues("v", DType.OBJECT, cells);
        enforcerArrays = ColumnEnforcer.compile(new Schema(List.of(new ColSpec(arrDouble, "v", true))), Mode.MLFLOW);
        if (arrays.column(0).storage() != Column.Storage.NESTED || arraysAsJava.column(0).storage() != Column.Storage.OBJECT
            || !enforcerArrays.check(arrays, violations) || !enforcerArrays.check(arraysAsJava, violations)) {
            throw new IllegalStateException("array benchmark inputs must pass: " + violations);
        }
        if (!enforcer4.check(batch4, violations) || !enforcer4Strict.check(batch4, violations)
            || !enforcerWide.check(wide, violations)) {
            throw new IllegalStateException("benchmark inputs must pass: " + violations);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        batch4.close();
        wide.close();
        arrays.close();
        arraysAsJava.close();
    }

    @Benchmark
    public boolean check4Columns1000Rows() {
        violations.reset();
        return enforcer4.check(batch4, violations);
    }

    @Benchmark
    public boolean check4Columns1000RowsStrict() {
        violations.reset();
        return enforcer4Strict.check(batch4, violations);
    }

    /** Baseline: read every cell of the 4 columns once. */
    @Benchmark
    public double baselineRead4Columns1000Rows() {
        return readAll(batch4);
    }

    @Benchmark
    public boolean checkWideRow600Columns() {
        violations.reset();
        return enforcerWide.check(wide, violations);
    }

    /** The wide row including building the converted frame MLflow hands to the model. */
    @Benchmark
    public int enforceWideRow600Columns() {
        try (ColumnBatch out = enforcerWide.enforce(wide)) {
            return out.columnCount();
        }
    }

    /** Baseline: find each of the 600 columns by name and read its cell. */
    @Benchmark
    public double baselineReadWideRow600Columns() {
        double acc = 0;
        for (int c = 0; c < 600; c++) {
            acc += wide.indexOf(NAMES[c]);
        }
        return acc + readAll(wide);
    }

    /** 1,000 rows of Array(double) (lists of 8) held as an offset tree. */
    @Benchmark
    public boolean checkArrayDouble1000RowsTree() {
        violations.reset();
        return enforcerArrays.check(arrays, violations);
    }

    /** The same cells held as Java lists of Doubles (the path before offset trees). */
    @Benchmark
    public boolean checkArrayDouble1000RowsJavaValues() {
        violations.reset();
        return enforcerArrays.check(arraysAsJava, violations);
    }

    /** Baseline: sum the same 8,000 doubles from a double[][]. */
    @Benchmark
    public double baselineSumArrayDouble1000Rows() {
        double acc = 0;
        for (final double[] row : arrayValues) {
            for (final double v : row) {
                acc += v;
            }
        }
        return acc;
    }

    private static final String[] NAMES = new String[600];

    static {
        for (int c = 0; c < 600; c++) {
            NAMES[c] = "f" + c;
        }
    }

    private static double readAll(final ColumnBatch b) {
        double acc = 0;
        for (int c = 0; c < b.columnCount(); c++) {
            final Column col = b.column(c);
            final int n = col.length();
            switch (col.storage()) {
                case UTF8:
                    for (int r = 0; r < n; r++) {
                        acc += col.cellLength(r);
                    }
                    break;
                default:
                    if (col.dtype().kind() == DType.Kind.FLOAT) {
                        for (int r = 0; r < n; r++) {
                            acc += col.getDouble(r);
                        }
                    } else {
                        for (int r = 0; r < n; r++) {
                            acc += col.getLong(r);
                        }
                    }
            }
        }
        return acc;
    }
}
