package io.signet.spark;

import io.signet.column.ColumnBatch;
import io.signet.schema.ColumnType;
import io.signet.tensor.DType;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BinaryType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.DecimalType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampNTZType;
import org.apache.spark.sql.types.TimestampType;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The seam between Spark and the library: a Spark cell as MLflow's {@code _enforce_schema} sees it
 * when it is handed a Spark DataFrame, that is after PySpark's {@code toPandas()} (without Arrow) and
 * MLflow's {@code convert_complex_types_pyspark_to_pandas}:
 *
 * <ul>
 *   <li>{@code ByteType}, {@code ShortType}, {@code IntegerType}, {@code LongType}: an int8 / int16 /
 *       int32 / int64 column, but float64 (NaN) when the column is nullable and holds a null
 *       (PySpark's SPARK-21766 correction);</li>
 *   <li>{@code FloatType}, {@code DoubleType}: float32 / float64 (a null is NaN);</li>
 *   <li>{@code BooleanType}: bool, or an object column when it holds a null;</li>
 *   <li>{@code TimestampType} / {@code TimestampNTZType} (microseconds): datetime64[ns], a null is
 *       NaT; a value outside datetime64[ns] (years 1677 to 2262) is refused here, as pandas' cast
 *       refuses it ({@link SeamException});</li>
 *   <li>{@code StringType}, {@code BinaryType}, {@code DateType}, {@code DecimalType}: object columns
 *       of str, bytes, {@code datetime.date}, {@code decimal.Decimal};</li>
 *   <li>{@code ArrayType} and {@code StructType} cells: lists and dicts whose leaves MLflow converts
 *       ({@code IntegerType} to {@code np.int32}, {@code ShortType} to {@code np.int16},
 *       {@code FloatType} to {@code np.float32}, dates and timestamps to their {@code strftime}
 *       text, binary to {@code np.bytes_}); {@code MapType} cells: dicts of PySpark's own values
 *       (MLflow converts only top-level Array and Struct columns).</li>
 * </ul>
 *
 * <p>Values come as Spark hands them to a Java function ({@code Row.get}, a UDF's argument):
 * boxed primitives, String, byte[], java.sql.Date / LocalDate, java.sql.Timestamp / Instant /
 * LocalDateTime, BigDecimal, scala Seq, scala Map, Row.
 */
final class SparkCells {
    private static final DateTimeFormatter STRFTIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");
    /** datetime64[ns]'s range, in nanoseconds since the epoch, is all of int64 but NaT (its minimum). */
    private static final long NAT = Long.MIN_VALUE;

    private SparkCells() {
    }

    /** A cell the seam cannot hand to pandas (the conversion itself fails, before MLflow looks). */
    static final class SeamException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        SeamException(final String message) {
            super(message, null, false, false);
        }
    }

    /** Whether Signet knows the pandas counterpart of this Spark type (nested types: all their leaves). */
    static boolean supported(final DataType t) {
        if (t instanceof ArrayType) {
            return supported(((ArrayType) t).elementType());
        }
        if (t instanceof MapType) {
            return supported(((MapType) t).keyType()) && supported(((MapType) t).valueType());
        }
        if (t instanceof StructType) {
            for (final StructField f : ((StructType) t).fields()) {
                if (!supported(f.dataType())) {
                    return false;
                }
            }
            return true;
        }
        return t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType
            || t instanceof FloatType || t instanceof DoubleType || t instanceof BooleanType || t instanceof StringType
            || t instanceof BinaryType || t instanceof DateType || t instanceof TimestampType
            || t instanceof TimestampNTZType || t instanceof DecimalType;
    }

    /**
     * The numpy dtype of a non-null cell of a top-level column of this type (object for Python
     * objects), or null for a type this seam does not support.
     */
    static DType dtypeOf(final DataType t) {
        if (t instanceof ByteType) {
            return DType.INT8;
        }
        if (t instanceof ShortType) {
            return DType.INT16;
        }
        if (t instanceof IntegerType) {
            return DType.INT32;
        }
        if (t instanceof LongType) {
            return DType.INT64;
        }
        if (t instanceof FloatType) {
            return DType.FLOAT32;
        }
        if (t instanceof DoubleType) {
            return DType.FLOAT64;
        }
        if (t instanceof BooleanType) {
            return DType.BOOL;
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return DType.datetime64("ns");
        }
        return supported(t) ? DType.OBJECT : null;
    }

    /**
     * Adds column {@code name} holding {@code cells[0 .. n)} as {@code toPandas()} and MLflow build
     * it. {@code specType} is the signature's type for the column (null if none): an Array / Object /
     * Map type makes the library's offset-tree column, as the library's own frames do.
     *
     * @throws SeamException when a cell has no pandas counterpart (a timestamp outside datetime64[ns])
     */
    static void addColumn(final ColumnBatch b, final String name, final DataType t, final Object[] cells, final int n,
                          final ColumnType specType) {
        boolean anyNull = false;
        for (int r = 0; r < n; r++) {
            anyNull |= cells[r] == null;
        }
        if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType) {
            if (anyNull) {
                final double[] d = new double[n];
                for (int r = 0; r < n; r++) {
                    d[r] = cells[r] == null ? Double.NaN : ((Number) cells[r]).doubleValue();
                }
                b.addDoubles(name, DType.FLOAT64, d);
            } else {
                final long[] l = new long[n];
                for (int r = 0; r < n; r++) {
                    l[r] = ((Number) cells[r]).longValue();
                }
                b.addLongs(name, dtypeOf(t), l, null);
            }
            return;
        }
        if (t instanceof FloatType || t instanceof DoubleType) {
            final double[] d = new double[n];
            for (int r = 0; r < n; r++) {
                d[r] = cells[r] == null ? Double.NaN : ((Number) cells[r]).doubleValue();
            }
            b.addDoubles(name, dtypeOf(t), d);
            return;
        }
        if (t instanceof BooleanType && !anyNull) {
            final boolean[] z = new boolean[n];
            for (int r = 0; r < n; r++) {
                z[r] = (Boolean) cells[r];
            }
            b.addBooleans(name, z);
            return;
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            final long[] ns = new long[n];
            for (int r = 0; r < n; r++) {
                ns[r] = cells[r] == null ? NAT : epochNanos(cells[r]);
            }
            b.addDatetimes(name, "ns", ns);
            return;
        }
        if (t instanceof StringType) {
            final String[] s = new String[n];
            for (int r = 0; r < n; r++) {
                s[r] = (String) cells[r];
            }
            b.addStrings(name, s);
            return;
        }
        if (t instanceof BinaryType) {
            final byte[][] s = new byte[n][];
            for (int r = 0; r < n; r++) {
                s[r] = (byte[]) cells[r];
            }
            b.addBinary(name, s);
            return;
        }
        final List<Object> values = new ArrayList<>(n);
        final boolean converted = t instanceof ArrayType || t instanceof StructType;
        for (int r = 0; r < n; r++) {
            values.add(converted ? mlflowValue(t, cells[r]) : pysparkValue(t, cells[r]));
        }
        if (specType != null) {
            b.addValues(name, specType, values);
        } else {
            b.addValues(name, DType.OBJECT, values);
        }
    }

    /** A timestamp cell as nanoseconds since the epoch (UTC); a value outside datetime64[ns] is refused. */
    static long epochNanos(final Object v) {
        final long seconds;
        final int nanos;
        if (v instanceof Timestamp) {
            final Timestamp ts = (Timestamp) v;
            seconds = Math.floorDiv(ts.getTime(), 1000L);
            nanos = ts.getNanos();
        } else if (v instanceof Instant) {
            seconds = ((Instant) v).getEpochSecond();
            nanos = ((Instant) v).getNano();
        } else if (v instanceof LocalDateTime) {
            seconds = ((LocalDateTime) v).toEpochSecond(java.time.ZoneOffset.UTC);
            nanos = ((LocalDateTime) v).getNano();
        } else {
            throw new IllegalArgumentException("not a timestamp: " + v.getClass().getName());
        }
        try {
            final long ns = Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), nanos);
            if (ns != NAT) {
                return ns;
            }
        } catch (final ArithmeticException e) {
            // outside int64 nanoseconds
        }
        throw new SeamException("Out of bounds nanosecond timestamp: " + localDateTime(v).toString().replace('T', ' '));
    }

    private static LocalDateTime localDateTime(final Object v) {
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime();
        }
        if (v instanceof Instant) {
            return LocalDateTime.ofInstant((Instant) v, ZoneId.systemDefault());
        }
        return (LocalDateTime) v;
    }

    private static LocalDate localDate(final Object v) {
        return v instanceof java.sql.Date ? ((java.sql.Date) v).toLocalDate() : (LocalDate) v;
    }

    /**
     * {@code convert_complex_types_pyspark_to_pandas}: a value inside a top-level Array or Struct
     * column (and the cell itself).
     */
    static Object mlflowValue(final DataType t, final Object v) {
        if (v == null) {
            return null;
        }
        if (t instanceof StructType) {
            final StructType st = (StructType) t;
            final Row row = (Row) v;
            final Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < st.fields().length; i++) {
                m.put(st.fields()[i].name(), mlflowValue(st.fields()[i].dataType(), row.get(i)));
            }
            return m;
        }
        if (t instanceof ArrayType) {
            final DataType e = ((ArrayType) t).elementType();
            final List<Object> l = new ArrayList<>();
            for (final Object x : elements(v)) {
                l.add(mlflowValue(e, x));
            }
            return l;
        }
        if (t instanceof IntegerType) {
            return DType.INT32.scalar(((Number) v).longValue());
        }
        if (t instanceof ShortType) {
            return DType.INT16.scalar(((Number) v).longValue());
        }
        if (t instanceof FloatType) {
            return DType.FLOAT32.scalar(((Number) v).doubleValue());
        }
        if (t instanceof DateType) {
            return localDate(v).toString();
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return STRFTIME.format(localDateTime(v));
        }
        if (t instanceof BinaryType) {
            final byte[] b = (byte[]) v;
            return DType.bytes(Math.max(1, b.length)).scalar(b);
        }
        return pysparkValue(t, v); // a MapType inside: not converted further
    }

    /** A value as PySpark's {@code collect()} hands it to pandas (Python's own types). */
    static Object pysparkValue(final DataType t, final Object v) {
        if (v == null) {
            return null;
        }
        if (t instanceof ByteType || t instanceof ShortType || t instanceof IntegerType || t instanceof LongType) {
            return ((Number) v).longValue();
        }
        if (t instanceof FloatType || t instanceof DoubleType) {
            return ((Number) v).doubleValue();
        }
        if (t instanceof DateType) {
            return localDate(v);
        }
        if (t instanceof TimestampType || t instanceof TimestampNTZType) {
            return localDateTime(v);
        }
        if (t instanceof DecimalType) {
            return v instanceof BigDecimal ? v : ((scala.math.BigDecimal) v).bigDecimal();
        }
        if (t instanceof ArrayType) {
            final DataType e = ((ArrayType) t).elementType();
            final List<Object> l = new ArrayList<>();
            for (final Object x : elements(v)) {
                l.add(pysparkValue(e, x));
            }
            return l;
        }
        if (t instanceof MapType) {
            final MapType mt = (MapType) t;
            final Map<Object, Object> m = new LinkedHashMap<>();
            final scala.collection.Iterator<?> it = ((scala.collection.Map<?, ?>) v).iterator();
            while (it.hasNext()) {
                final scala.Tuple2<?, ?> kv = (scala.Tuple2<?, ?>) it.next();
                m.put(pysparkValue(mt.keyType(), kv._1()), pysparkValue(mt.valueType(), kv._2()));
            }
            return m;
        }
        if (t instanceof StructType) {
            // PySpark hands a Row; MLflow's _enforce_object reads it as row.asDict(recursive=True)
            final StructType st = (StructType) t;
            final Row row = (Row) v;
            final Map<Object, Object> m = new LinkedHashMap<>();
            for (int i = 0; i < st.fields().length; i++) {
                m.put(st.fields()[i].name(), pysparkValue(st.fields()[i].dataType(), row.get(i)));
            }
            return m;
        }
        return v; // str, bytes, bool
    }

    /** The elements of an array cell (a scala Seq, a java List or an array). */
    static List<?> elements(final Object v) {
        if (v instanceof scala.collection.Seq) {
            return scala.jdk.javaapi.CollectionConverters.asJava((scala.collection.Seq<?>) v);
        }
        if (v instanceof List) {
            return (List<?>) v;
        }
        if (v instanceof Object[]) {
            return Arrays.asList((Object[]) v);
        }
        throw new IllegalArgumentException("not an array cell: " + v.getClass().getName());
    }
}
