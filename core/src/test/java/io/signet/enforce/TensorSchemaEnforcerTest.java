package io.signet.enforce;

import io.signet.enforce.TensorSchemaEnforcer.TensorPolicy;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;
import io.signet.tensor.NdArray;
import io.signet.internal.tensor.TensorArena;
import io.signet.py.Numpy;
import io.signet.tensor.TensorView;
import io.signet.internal.tensor.NpCast;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TensorSchemaEnforcerTest {
    private static TensorSpec spec(final String dtype, final String name, final long... shape) {
        return new TensorSpec(DType.parse(dtype), shape, name);
    }

    private static NdArray arr(final String dtype, final Object data) {
        return Numpy.inMemory(dtype == null ? Numpy.array(data)
            : Numpy.array(data, DType.parse(dtype), new NpCast.Facts()), null);
    }

    private static String firstMessage(final TensorSchemaEnforcer e, final Object input) {
        final SchemaEnforcementException x = assertThrows(SchemaEnforcementException.class, () -> e.enforce(input));
        return x.getMessage();
    }

    @Test
    void mlflowSentencesForShapeDtypeAndMissingInputs() {
        final TensorSchemaEnforcer u = TensorSchemaEnforcer.compile(new Schema(List.of(spec("float32", null, -1, 4))),
            Mode.MLFLOW);
        assertEquals("Shape of input (2, 3) does not match expected shape (-1, 4).",
            firstMessage(u, arr("float32", List.of(List.of(1, 2, 3), List.of(4, 5, 6)))));
        assertEquals("dtype of input float64 does not match expected dtype float32",
            firstMessage(u, arr("float64", List.of(List.of(1, 2, 3, 4)))));
        assertEquals("Shape of input () does not match expected shape (-1, 4).",
            firstMessage(u, Numpy.inMemory(Numpy.full(new long[0], 0.0, DType.FLOAT64), null)));
        assertEquals("This model contains a tensor-based model signature with no input names, which suggests a numpy "
                + "array input or a pandas dataframe input with proper column values, but an input of type "
                + "<class 'list'> was found.", firstMessage(u, List.of(1, 2)));
        u.enforce(arr("float32", List.of(List.of(1, 2, 3, 4), List.of(1, 2, 3, 4))));

        final TensorSchemaEnforcer n = TensorSchemaEnforcer.compile(new Schema(List.of(spec("float32", "x", -1),
            spec("str", "s", -1))), Mode.MLFLOW);
        final Map<String, Object> in = new LinkedHashMap<>();
        in.put("y", arr("float32", List.of(1)));
        in.put("s", arr("str", List.of("a")));
        assertEquals("Model is missing inputs ['x']. Note that there were extra inputs: ['y']", firstMessage(n, in));
        in.put("x", List.of(1.0));
        assertEquals("This model contains a tensor-based model signature with input names, which suggests a dictionary "
            + "input mapping input name to a numpy array, but a dict with value type <class 'list'> was found.",
            firstMessage(n, in));
        in.put("x", arr("float32", List.of(1, 2)));
        n.enforce(in); // <U1 is str after cleaning; the extra 'y' is ignored
        in.put("s", arr("bytes", List.of("a")));
        final SchemaEnforcementException e = assertThrows(SchemaEnforcementException.class, () -> n.enforce(in));
        assertEquals("dtype of input |S1 does not match expected dtype <U0", e.getMessage());
        assertEquals("inputs['s']", e.path());
        assertNull(e.deviation());
    }

    @Test
    void datetimeUnitsMustMatchExactlyAndByteOrderCounts() {
        final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(
            new Schema(List.of(spec("datetime64[s]", null, -1))), Mode.MLFLOW);
        e.enforce(arr("datetime64[s]", List.of("2020-01-01")));
        assertEquals("dtype of input datetime64[ns] does not match expected dtype datetime64[s]",
            firstMessage(e, arr("datetime64[ns]", List.of("2020-01-01"))));
        final TensorSchemaEnforcer f = TensorSchemaEnforcer.compile(new Schema(List.of(spec("float32", null, 2))),
            Mode.MLFLOW);
        assertEquals("dtype of input >f4 does not match expected dtype float32",
            firstMessage(f, arr(">f4", List.of(1, 2))));
    }

    @Test
    void mlflowRaggedRulesAndStrictRowChecks() {
        final io.signet.py.NdArray ragged = io.signet.py.NdArray.objects(arr("int32", List.of(List.of(1, 2, 3), List.of(1, 2, 3))),
            arr("int32", List.of(List.of(1, 2, 3))), arr("int64", List.of(List.of(1, 2))));
        final Schema anyObject = new Schema(List.of(spec("object", null, -1)));
        final Schema inner = new Schema(List.of(spec("int32", null, -1, -1, 3)));
        final Schema fixed = new Schema(List.of(spec("int32", null, -1, 2, 3)));
        TensorSchemaEnforcer.compile(anyObject, Mode.MLFLOW).enforce(ragged);
        TensorSchemaEnforcer.compile(anyObject, Mode.MLFLOW).enforce(arr("float64", List.of(1.0)));
        TensorSchemaEnforcer.compile(inner, Mode.MLFLOW).enforce(ragged);
        assertEquals("Shape of input (3,) does not match expected shape (-1, 2, 3).",
            firstMessage(TensorSchemaEnforcer.compile(fixed, Mode.MLFLOW), ragged));

        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(inner, Mode.STRICT);
        final TensorViolations v = new TensorViolations(8);
        assertFalse(strict.checkInput(ragged, v));
        assertEquals(1, v.count());
        assertEquals(TensorViolations.RAGGED_ROW_SHAPE, v.code(0));
        assertEquals("inputs[2]", v.path(0));
        assertEquals(Deviation.TENSOR_RAGGED_ROW, v.deviation(0));
        assertEquals("Shape of ragged row 2 (1, 2) does not match expected row shape (-1, 3).", v.message(0));
        // list rows: rectangular, right dims, lossless leaves
        v.reset();
        final io.signet.py.NdArray lists = io.signet.py.NdArray.objects(List.of(List.of(1L, 2L, 3L)), List.of(List.of(1L, 2L, 3L),
            List.of(4L, 5L, 6L)), List.of(List.of(1L, 2L, 3L), List.of(4L, 5L)), List.of(List.of(1L, 2L, 1L << 40)));
        assertFalse(strict.checkInput(lists, v));
        assertEquals(2, v.count());
        assertEquals(2, v.index(0));
        assertEquals(TensorViolations.RAGGED_ROW_SHAPE, v.code(0));
        assertEquals(3, v.index(1));
        assertEquals(TensorViolations.RAGGED_ROW_DTYPE, v.code(1));
    }

    @Test
    void strictValuePoliciesLocateTheFirstBadElement() {
        final Schema s = new Schema(List.of(spec("float32", "x", -1, 3), spec("datetime64[ns]", "t", -1)));
        final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(s, Mode.STRICT,
            TensorPolicy.NONE.rejectNaN().rejectInf().rejectNaT().range(-10, 10));
        final Map<String, Object> in = new LinkedHashMap<>();
        in.put("x", arr("float32", List.of(List.of(1, 2, 3), List.of(4, Double.NaN, 6), List.of(11, 0, 0))));
        in.put("t", arr("datetime64[ns]", List.of("2020-01-01", "NaT")));
        final TensorViolations v = new TensorViolations(8);
        assertFalse(e.checkInput(in, v));
        assertEquals(3, v.count());
        assertEquals(TensorViolations.NAN, v.code(0));
        assertEquals("inputs['x'][1][1]", v.path(0));
        assertEquals(TensorViolations.RANGE, v.code(1));
        assertEquals("inputs['x'][2][0]", v.path(1));
        assertEquals(TensorViolations.NAT, v.code(2));
        assertEquals("inputs['t'][1]", v.path(2));
        // MLflow mode with the same policy: values are not its business
        final TensorSchemaEnforcer m = TensorSchemaEnforcer.compile(s, Mode.MLFLOW,
            TensorPolicy.NONE.rejectNaN().rejectNaT());
        v.reset();
        assertTrue(m.checkInput(in, v));
        // UCS4 validity and byte length
        final TensorSchemaEnforcer str = TensorSchemaEnforcer.compile(new Schema(List.of(spec("str", "a", -1),
            spec("bytes", "b", -1))), Mode.STRICT, TensorPolicy.NONE.maxBytes(2));
        final TensorView u = ((io.signet.py.NdArray) arr("<U2", List.of("ok", "xy"))).view();
        ((org.agrona.MutableDirectBuffer) u.buffer()).putInt(u.offsetOf(1) + 4, 0xD800);
        in.clear();
        in.put("a", u);
        in.put("b", arr("bytes", List.of("ab", "abc")));
        v.reset();
        assertFalse(str.checkInput(in, v));
        assertEquals(TensorViolations.UCS4, v.code(0));
        assertEquals("inputs['a'][1]", v.path(0));
        assertEquals(TensorViolations.BYTES_LENGTH, v.code(1));
        assertEquals("inputs['b'][1]", v.path(1));
    }

    @Test
    void successPathAllocatesNothing() {
        final Schema s = new Schema(List.of(spec("float32", "x", -1, 4), spec("int64", "y", -1)));
        final TensorSchemaEnforcer mlflow = TensorSchemaEnforcer.compile(s, Mode.MLFLOW);
        final TensorSchemaEnforcer strict = TensorSchemaEnforcer.compile(s, Mode.STRICT,
            TensorPolicy.NONE.rejectNaN().rejectInf().range(-1e6, 1e6));
        try (TensorArena arena = new TensorArena()) {
            final Map<String, Object> in = new LinkedHashMap<>();
            final TensorView x = arena.allocate(DType.FLOAT32, 64, 4);
            final TensorView y = arena.allocate(DType.INT64, 64);
            in.put("x", x);
            in.put("y", y);
            final TensorViolations v = new TensorViolations(8);
            boolean ok = true;
            for (int i = 0; i < 20_000; i++) {
                v.reset();
                ok &= mlflow.checkInput(in, v) & strict.checkInput(in, v);
            }
            final boolean[] okRef = {true};
            final long allocated = io.signet.testing.Allocations.steadyState(() -> {
                for (int i = 0; i < 10_000; i++) {
                    v.reset();
                    okRef[0] &= mlflow.checkInput(in, v) & strict.checkInput(in, v);
                }
            }, 5);
            ok &= okRef[0];
            assertTrue(ok);
            assertEquals(0, allocated, "bytes allocated by 10000 successful checks");
        }
    }

    @Test
    void oneEnforcerSharedByThreadsGivesTheSameVerdicts() throws Exception {
        final Schema s = new Schema(List.of(spec("float32", "x", -1, 3), spec("int64", "y", 2)));
        final TensorSchemaEnforcer e = TensorSchemaEnforcer.compile(s, Mode.STRICT, TensorPolicy.NONE.rejectNaN());
        final List<Map<String, Object>> inputs = new ArrayList<>();
        final List<String> expected = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            final Map<String, Object> m = new LinkedHashMap<>();
            final int kind = i % 4;
            m.put("x", arr(kind == 1 ? "float64" : "float32", List.of(List.of(1, 2, kind == 2 ? Double.NaN : 3))));
            m.put("y", arr("int64", kind == 3 ? List.of(1, 2, 3) : List.of(1, 2)));
            inputs.add(m);
            final TensorViolations v = new TensorViolations(4);
            e.checkInput(m, v);
            expected.add(v.toString());
        }
        final ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            final List<Future<Boolean>> fs = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                fs.add(pool.submit(() -> {
                    final TensorViolations v = new TensorViolations(4);
                    for (int round = 0; round < 200; round++) {
                        for (int i = 0; i < inputs.size(); i++) {
                            v.reset();
                            e.checkInput(inputs.get(i), v);
                            if (!v.toString().equals(expected.get(i))) {
                                return false;
                            }
                        }
                    }
                    return true;
                }));
            }
            for (final Future<Boolean> f : fs) {
                assertTrue(f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(expected.get(0).equals("TensorViolations[]"));
        assertEquals("TensorViolations[inputs['x']: dtype of input float64 does not match expected dtype float32]",
            expected.get(1));
    }

    @Test
    void arenaResetsItsViewsOnClose() {
        final TensorView v;
        try (TensorArena arena = new TensorArena(1024)) {
            v = arena.allocate(DType.FLOAT64, 1000);
            assertEquals(1000, v.size());
            assertTrue(arena.reservedBytes() >= 8000);
        }
        assertEquals(0, v.size());
        assertEquals(-1, io.signet.internal.tensor.TensorScan.firstNonFinite(v, true, true));
    }
}
