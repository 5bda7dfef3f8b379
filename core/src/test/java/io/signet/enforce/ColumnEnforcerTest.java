package io.signet.enforce;

import io.signet.column.ColumnBatch;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ParamSchema;
import io.signet.schema.ParamSpec;
import io.signet.schema.ObjectType.Property;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ColumnEnforcerTest {
    private static Schema named(final Object... nameType) {
        final ColSpec[] specs = new ColSpec[nameType.length / 2];
        for (int i = 0; i < specs.length; i++) {
            specs[i] = new ColSpec((io.signet.schema.ColumnType) nameType[2 * i + 1], (String) nameType[2 * i], true);
        }
        return new Schema(Arrays.asList(specs));
    }

    private static String error(final ColumnEnforcer e, final Object input) {
        final SchemaEnforcementException ex = assertThrows(SchemaEnforcementException.class, () -> e.enforceInput(input).close());
        return ex.getMessage();
    }

    @Test
    void missingInputsWithExtras() {
        final ColumnEnforcer e = ColumnEnforcer.compile(named("a", DataType.LONG, "c", DataType.LONG), Mode.MLFLOW);
        final Map<String, Object> in = new LinkedHashMap<>();
        in.put("a", 1L);
        in.put("x", 2L);
        assertEquals("Model is missing inputs ['c']. Note that there were extra inputs: ['x']", error(e, in));
    }

    @Test
    void narrowingAndHintMessages() {
        final ColumnEnforcer e = ColumnEnforcer.compile(named("a", DataType.INTEGER), Mode.MLFLOW);
        try (ColumnBatch b = new ColumnBatch().addLongs("a", DType.INT64, new long[] {1, 2}, null)) {
            assertEquals("Incompatible input types for column a. Can not safely convert int64 to int32.", error(e, b));
        }
        final String hint = error(e, Arrays.asList(Collections.singletonMap("a", 1L), Collections.singletonMap("a", null)));
        assertTrue(hint.startsWith("Incompatible input types for column a. Can not safely convert float64 to int32. Hint: "
            + "the type mismatch is likely caused by missing values."), hint);
        try (ColumnBatch b = new ColumnBatch().addDoubles("a", DType.FLOAT64, new double[] {1.5, Double.NaN})) {
            assertEquals("Incompatible input types for column a. Can not safely convert float64 to int32.", error(e, b));
        }
    }

    @Test
    void unnamedCountAndUpcast() {
        final Schema s = new Schema(Arrays.asList(new ColSpec(DataType.DOUBLE, null, true), new ColSpec(DataType.DOUBLE, null, true)));
        final ColumnEnforcer e = ColumnEnforcer.compile(s, Mode.MLFLOW);
        assertEquals("Model inference is missing inputs. The model signature declares 2 inputs  but the provided value only "
            + "has 1 inputs. Note: the inputs were not named in the signature so we can only verify their count.",
            error(e, Collections.singletonList(Collections.singletonList(1.0))));
        assertEquals("Incompatible input types for column 1. Can not safely convert int64 to float64.",
            error(e, Collections.singletonList(Arrays.asList(1.0, 7L))));
        // int64 holding only 0 and 1 converts to double
        try (ColumnBatch out = e.enforceInput(Collections.singletonList(Arrays.asList(1L, 0L)))) {
            assertEquals(DType.FLOAT64, out.column(0).dtype());
        }
        try (ColumnBatch b = new ColumnBatch().addLongs(0L, DType.INT32, new long[] {5}, null)
            .addLongs(1L, DType.UINT16, new long[] {7}, null); ColumnBatch out = e.enforce(b)) {
            assertEquals(DType.FLOAT64, out.column(1).dtype());
            assertEquals(7.0, out.column(1).getDouble(0));
        }
    }

    @Test
    void nestedTypeMessages() {
        final ObjectType obj = new ObjectType(Arrays.asList(new Property("a", DataType.STRING, true),
            new Property("b", DataType.STRING, false)));
        final ColumnEnforcer e = ColumnEnforcer.compile(named("x", obj), Mode.MLFLOW);
        assertEquals("Missing required properties: {'a'}", error(e, Collections.singletonMap("x", Collections.emptyMap())));
        final Map<String, Object> bad = new LinkedHashMap<>();
        bad.put("a", "s");
        bad.put("c", "t");
        assertEquals("Invalid properties not defined in the schema found: {'c'}", error(e, Collections.singletonMap("x", bad)));
        assertEquals("Failed to enforce schema for key `a`. Expected type string, received type int",
            error(e, Collections.singletonMap("x", Collections.singletonMap("a", 1L))));
        final ColumnEnforcer arr = ColumnEnforcer.compile(named("x", new ArrayType(DataType.STRING)), Mode.MLFLOW);
        try (ColumnBatch b = new ColumnBatch().addStrings("x", new String[] {"abc"})) {
            assertEquals("Expected data to be list or numpy array, got str", error(arr, b));
        }
        assertEquals("Failed to enforce schema of data `123` with dtype `string`",
            error(arr, Collections.singletonMap("x", Arrays.asList(123L))));
        final ColumnEnforcer map = ColumnEnforcer.compile(named("m", new MapType(DataType.LONG)), Mode.MLFLOW);
        final Map<Object, Object> nonStr = new LinkedHashMap<>();
        nonStr.put(1L, 2L);
        try (ColumnBatch b = new ColumnBatch().addValues("m", Collections.singletonList(nonStr))) {
            assertEquals("Expected all keys in the map type data are string type.", error(map, b));
        }
    }

    @Test
    void strictReportsEveryBadCell() {
        final ColumnEnforcer e = ColumnEnforcer.compile(named("s", DataType.STRING, "d", DataType.DOUBLE), Mode.STRICT)
            .rejectingNonFinite();
        try (ColumnBatch b = new ColumnBatch().addValues("s", Arrays.asList("a", 1L, true))
            .addDoubles("d", DType.FLOAT64, new double[] {1, Double.NaN, Double.POSITIVE_INFINITY})) {
            final ColumnViolations v = new ColumnViolations(10);
            assertFalse(e.check(b, v));
            assertEquals(4, v.size());
            assertEquals(io.signet.enforce.Deviation.STRICT_STRING_CELLS, v.deviation(0));
            assertEquals(1, v.row(0));
            assertEquals(io.signet.enforce.Deviation.NON_FINITE, v.deviation(3));
            // MLflow mode accepts the same batch
            assertTrue(ColumnEnforcer.compile(e.schema(), Mode.MLFLOW).check(b, new ColumnViolations()));
        }
    }

    @Test
    void successPathAllocatesNothingPerRow() {
        final int rows = 10_000;
        final long[] longs = new long[rows];
        final double[] doubles = new double[rows];
        final boolean[] bools = new boolean[rows];
        final String[] strs = new String[rows];
        for (int i = 0; i < rows; i++) {
            longs[i] = i;
            doubles[i] = i * 0.5;
            bools[i] = (i & 1) == 0;
            strs[i] = "s" + i;
        }
        final ColumnEnforcer e = ColumnEnforcer.compile(named("l", DataType.LONG, "d", DataType.DOUBLE,
            "s", DataType.STRING, "b", DataType.BOOLEAN, "i", DataType.LONG), Mode.MLFLOW);
        try (ColumnBatch b = new ColumnBatch().addLongs("l", DType.INT64, longs, null).addDoubles("d", DType.FLOAT64, doubles)
            .addStrings("s", strs).addBooleans("b", bools).addLongs("i", DType.INT32, longs, null)) {
            final ColumnViolations v = new ColumnViolations();
            for (int i = 0; i < 1000; i++) {
                assertTrue(e.check(b, v)); // warm up
            }
            final long allocated = io.signet.testing.Allocations.steadyState(() -> {
                for (int i = 0; i < 100; i++) {
                    e.check(b, v);
                }
            }, 5);
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100 checks of 10,000 rows");
        }
    }

    @Test
    void params() {
        final ParamSchema ps = new ParamSchema(Arrays.asList(new ParamSpec("a", DataType.LONG, 1L, null),
            new ParamSpec("f", DataType.FLOAT, 1.0, null)));
        final ParamsEnforcer p = ParamsEnforcer.compile(ps);
        final ParamsEnforcer.Result r = p.enforce(Collections.singletonMap("zz", 3L));
        assertEquals(1L, r.params().get("a"));
        assertEquals("Unrecognized params ['zz'] are ignored for inference. Supported params are: {'a', 'f'}. To enable "
            + "them, please add corresponding schema in ModelSignature.", r.warnings().get(0));
        assertEquals("Parameters must be a dictionary. Got type 'list'.",
            assertThrows(SchemaEnforcementException.class, () -> p.enforce(Collections.emptyList())).getMessage());
        assertEquals("Invalid parameters found: {('f', \"Incompatible types for param 'f': float (default: 1.0) with shape "
            + "None. Can not safely convert str to DataType.float.\")}",
            assertThrows(SchemaEnforcementException.class, () -> p.enforce(Collections.singletonMap("f", "x"))).getMessage());
        final ParamsEnforcer none = ParamsEnforcer.compile(null);
        assertNull(none.enforce(null).params());
        final List<String> w = none.enforce(Collections.singletonMap("x", 1L)).warnings();
        assertEquals("`params` can only be specified at inference time if the model signature defines a params schema. "
            + "This model does not define a params schema. Ignoring provided params: ['x']", w.get(0));
    }
}
