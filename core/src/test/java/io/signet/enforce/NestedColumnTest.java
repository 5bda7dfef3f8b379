package io.signet.enforce;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.column.NestedVector;
import io.signet.column.NestedWriter;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;
import io.signet.schema.Schema;
import io.signet.testing.Allocations;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Nested Array / Object / Map columns held as offset trees: layout, reading, writing, enforcement, allocation. */
class NestedColumnTest {
    static final ArrayType ARR_LONG = new ArrayType(DataType.LONG);
    static final ObjectType OBJ_AB = new ObjectType(Arrays.asList(new Property("a", DataType.STRING, true),
        new Property("b", DataType.DOUBLE, false)));

    static Map<String, Object> dict(final Object... kv) {
        final Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Schema schema(final Object... nameType) {
        final List<ColSpec> specs = new ArrayList<>();
        for (int i = 0; i < nameType.length; i += 2) {
            specs.add(new ColSpec((ColumnType) nameType[i + 1], (String) nameType[i], true));
        }
        return new Schema(specs);
    }

    /** The first violation of checking column "x" of {@code values} built as {@code built}, checked as {@code checked}. */
    static String verdict(final ColumnType built, final ColumnType checked, final boolean required, final List<?> values) {
        try (ColumnBatch b = new ColumnBatch().addValues("x", built, values)) {
            final ColumnEnforcer e = ColumnEnforcer.compile(new Schema(Collections.singletonList(
                new ColSpec(checked, "x", required))), Mode.MLFLOW);
            final ColumnViolations v = new ColumnViolations();
            return e.check(b, v) ? null : v.message(0);
        }
    }

    static String verdict(final ColumnType t, final Object... values) {
        return verdict(t, t, true, Arrays.asList(values));
    }

    @Test
    void arrayLayoutAndReading() {
        try (ColumnBatch b = new ColumnBatch().addValues("x", ARR_LONG,
            Arrays.asList(Arrays.asList(1L, 2L, 3L), Collections.emptyList(), null, Arrays.asList(-7L)))) {
            final Column c = b.column(0);
            assertEquals(Column.Storage.NESTED, c.storage());
            assertEquals(4, c.length());
            final NestedVector root = c.tree();
            assertEquals(NestedVector.Kind.LIST, root.kind());
            assertEquals(3, root.size(0));
            assertEquals(0, root.size(1)); // empty sub-array
            assertTrue(root.isNull(2));
            assertTrue(c.isNull(2));
            assertEquals(0, root.size(2));
            assertEquals(1, root.size(3));
            assertEquals(2L, root.child().getLong(root.start(0) + 1));
            assertEquals(-7L, root.child().getLong(root.start(3)));
            assertEquals(4, root.child().length());
            assertEquals(Arrays.asList(1L, 2L, 3L), c.get(0));
            assertEquals(Collections.emptyList(), c.get(1));
            assertNull(c.get(2));
            assertFalse(c.isEscaped(0));
        }
    }

    @Test
    void objectAndMapLayoutKeepKeyOrder() {
        final MapType mapArr = new MapType(ARR_LONG);
        try (ColumnBatch b = new ColumnBatch()
            .addValues("o", OBJ_AB, Arrays.asList(dict("b", 2.5, "a", "x"), dict("a", "y"), dict("b", null, "a", "z")))
            .addValues("m", mapArr, Arrays.asList(dict("k", Arrays.asList(1L), "j", Collections.emptyList()),
                dict(), dict("z", null)))) {
            final NestedVector o = b.column(0).tree();
            assertEquals(NestedVector.Kind.STRUCT, o.kind());
            assertEquals("x", o.property("a").getString(0));
            assertEquals(2.5, o.property("b").getDouble(0));
            assertEquals(NestedVector.ABSENT, o.property("b").state(1));
            assertEquals(NestedVector.NULL, o.property("b").state(2));
            assertEquals(2, o.keyCount(0));
            assertEquals("b", o.propertyName(o.keyAt(0, 0))); // the dict's own order
            assertEquals(Arrays.asList("b", "a"), new ArrayList<>(((Map<?, ?>) b.column(0).get(0)).keySet()));
            assertEquals(dict("a", "y"), b.column(0).get(1));
            assertEquals(dict("b", null, "a", "z"), b.column(0).get(2));

            final NestedVector m = b.column(1).tree();
            assertEquals(NestedVector.Kind.MAP, m.kind());
            assertEquals(2, m.size(0));
            assertEquals("j", m.keys().getString(m.start(0) + 1));
            assertEquals(0, m.child().size(m.start(0) + 1));
            assertEquals(0, m.size(1));
            assertTrue(m.child().isNull(m.start(2)));
            assertEquals(dict("k", Arrays.asList(1L), "j", Collections.emptyList()), b.column(1).get(0));
        }
    }

    @Test
    void cellsThatDoNotFitStayJavaValues() {
        final Object str = "abc";
        final Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(1L, "v");
        try (ColumnBatch b = new ColumnBatch()
            .addValues("x", ARR_LONG, Arrays.asList(str, Arrays.asList(1L, 2.5), Arrays.asList(1L)))
            .addValues("m", new MapType(DataType.STRING), Arrays.asList(intKey, dict("a", "b"), dict("a", 1L)))) {
            final Column c = b.column(0);
            assertTrue(c.isEscaped(0));
            assertSame(str, c.get(0));
            assertTrue(c.isEscaped(1));
            assertEquals(Arrays.asList(1L, 2.5), c.get(1));
            assertFalse(c.isEscaped(2));
            assertEquals(1, c.tree().child().length()); // nothing of the escaped cells in the tree
            assertTrue(b.column(1).isEscaped(0));
            assertFalse(b.column(1).isEscaped(1));
            assertTrue(b.column(1).isEscaped(2));
        }
    }

    @Test
    void streamingWriterWithEscapeMidCell() {
        final byte[] a = "a".getBytes(StandardCharsets.UTF_8);
        final UnsafeBuffer buf = new UnsafeBuffer("a\u00e9z".getBytes(StandardCharsets.UTF_8));
        try (ColumnBatch b = new ColumnBatch()) {
            final NestedWriter w = b.startNestedColumn("o", new ArrayType(OBJ_AB));
            w.startList().startObject().property(new UnsafeBuffer(a), 0, 1).appendUtf8(buf, 0, buf.capacity())
                .key("b").appendDouble(1.5).endObject().endList();                       // row 0: tree
            w.startList().startObject().property("a").appendString("q").property("c").appendLong(3)
                .endObject().startObject().endObject().endList();                         // row 1: extra key -> Java
            w.appendNull();                                                               // row 2: None
            w.startList().startObject().property("b").appendLong(2).endObject().endList(); // row 3: int for double -> Java
            w.appendLong(5);                                                              // row 4: int for list -> Java
            w.startList().endList();                                                      // row 5: tree
            w.finish();
            final Column c = b.column(0);
            assertEquals(6, c.length());
            assertEquals(Arrays.asList(dict("a", "a\u00e9z", "b", 1.5)), c.get(0));
            assertTrue(c.isEscaped(1));
            assertEquals(Arrays.asList(dict("a", "q", "c", 3L), dict()), c.get(1));
            assertTrue(c.isNull(2));
            assertFalse(c.isEscaped(2));
            assertEquals(Arrays.asList(dict("b", 2L)), c.get(3));
            assertEquals(5L, c.get(4));
            assertEquals(Collections.emptyList(), c.get(5));
            assertEquals(1, c.tree().child().length()); // rows 1 and 3 rolled back
            final ColumnEnforcer e = ColumnEnforcer.compile(schema("o", new ArrayType(OBJ_AB)), Mode.STRICT);
            final ColumnViolations v = new ColumnViolations();
            assertFalse(e.check(b, v));
            assertEquals("Invalid properties not defined in the schema found: {'c'}", v.message(0));
            assertEquals("Expected data to be list or numpy array, got NoneType", v.message(1));
            assertEquals("Missing required properties: {'a'}", v.message(2));
            assertEquals("Expected data to be list or numpy array, got int", v.message(3));
            assertEquals(4, v.size());
        }
    }

    @Test
    void writerMisuseIsAnIllegalState() {
        try (ColumnBatch b = new ColumnBatch()) {
            final NestedWriter w = b.startNestedColumn("x", new ArrayType(OBJ_AB));
            assertThrows(IllegalStateException.class, w::endList);
            assertThrows(IllegalStateException.class, () -> w.key("a"));
            w.startList();
            assertThrows(IllegalStateException.class, () -> w.key("a")); // a key inside a list
            w.startObject();
            assertThrows(IllegalStateException.class, () -> w.appendString("v")); // a value without a key
            assertThrows(IllegalStateException.class, w::finish);                 // a cell still open
            w.key("a").appendString("v").endObject().endList().finish();
            assertEquals(Arrays.asList(dict("a", "v")), b.column(0).get(0));
            assertThrows(IllegalArgumentException.class, () -> b.startNestedColumn("y", DataType.LONG));
        }
    }

    @Test
    void mlflowMessagesOverTrees() {
        assertEquals("Expected data to be list or numpy array, got str", verdict(ARR_LONG, Arrays.asList(1L), "abc"));
        assertNull(verdict(ARR_LONG, Arrays.asList(1L), Collections.emptyList()));          // empty sub-array
        assertNull(verdict(new ArrayType(ARR_LONG), Arrays.asList(Collections.emptyList(), Arrays.asList(2L))));
        assertEquals("Expected data to be scalar, got NoneType", verdict(ARR_LONG, Arrays.asList(1L, null)));
        assertEquals("Expected data to be list or numpy array, got NoneType", verdict(ARR_LONG, (Object) null));
        assertNull(verdict(ARR_LONG, ARR_LONG, false, Arrays.asList(Arrays.asList(1L), null))); // optional column
        assertEquals("Missing required properties: {'a'}", verdict(OBJ_AB, dict("b", 1.0)));
        assertEquals("Invalid properties not defined in the schema found: {'c'}", verdict(OBJ_AB, dict("a", "x", "c", 1L)));
        assertEquals("Failed to enforce schema for key `a`. Expected type string, received type int",
            verdict(OBJ_AB, dict("a", 1L)));
        assertEquals("Failed to enforce schema for key `b`. Expected type double, received type NoneType",
            verdict(OBJ_AB, dict("a", "x", "b", null))); // an optional property given as None
        final Map<Object, Object> intKey = new LinkedHashMap<>();
        intKey.put(1L, 2L);
        assertEquals("Expected all keys in the map type data are string type.", verdict(new MapType(DataType.LONG), intKey));
        assertNull(verdict(new MapType(DataType.LONG), dict("k", 1L), dict()));
        // SparkMLVector is Array(double): floats, and ints only 0 / 1
        assertNull(verdict(ArrayType.SPARK_ML_VECTOR, Arrays.asList(1.5, 2.0), Arrays.asList(0L, 1L, 3.5)));
        assertEquals("Failed to enforce schema of data `2` with dtype `double`",
            verdict(ArrayType.SPARK_ML_VECTOR, Arrays.asList(1.5), Arrays.asList(2L)));
    }

    @Test
    void treesCheckedAgainstAnotherType() {
        final ObjectType abc = new ObjectType(Arrays.asList(new Property("a", DataType.STRING, true),
            new Property("b", DataType.DOUBLE, false), new Property("c", DataType.LONG, false)));
        // built with c declared, checked without it: the walk rejects, MLflow's message from the Java value
        assertEquals("Invalid properties not defined in the schema found: {'c'}",
            verdict(abc, OBJ_AB, true, Arrays.asList(dict("a", "x"), dict("a", "y", "c", 1L))));
        assertNull(verdict(abc, OBJ_AB, true, Arrays.asList(dict("a", "x"), dict("b", 0.5, "a", "y"))));
        final ObjectType aLong = new ObjectType(Collections.singletonList(new Property("a", DataType.LONG, true)));
        assertEquals("Failed to enforce schema for key `a`. Expected type string, received type int",
            verdict(aLong, OBJ_AB, true, Collections.singletonList(dict("a", 1L))));
        // long leaves checked as double: 0 / 1 accepted, others rejected with MLflow's message
        final ArrayType arrDouble = new ArrayType(DataType.DOUBLE);
        assertNull(verdict(ARR_LONG, arrDouble, true, Arrays.asList(Arrays.asList(0L, 1L), Collections.emptyList())));
        assertEquals("Failed to enforce schema of data `5` with dtype `double`",
            verdict(ARR_LONG, arrDouble, true, Arrays.asList(Arrays.asList(0L, 5L))));
        // str leaves checked as binary / datetime
        assertNull(verdict(new ArrayType(DataType.STRING), new ArrayType(DataType.BINARY), true,
            Collections.singletonList(Arrays.asList("x"))));
        assertNull(verdict(new ArrayType(DataType.DATETIME), new ArrayType(DataType.DATETIME), true,
            Collections.singletonList(Arrays.asList("2024-01-02T03:04:05"))));
        assertEquals("Failed to enforce schema of data `nope` with dtype `datetime`",
            verdict(new ArrayType(DataType.DATETIME), new ArrayType(DataType.DATETIME), true,
                Collections.singletonList(Arrays.asList("nope"))));
        // a list where the schema says Object
        assertEquals("Failed to enforce schema of '[1]' with type '{a: string (required), b: double (optional)}'. "
            + "Expected data to be dictionary, got list",
            verdict(ARR_LONG, OBJ_AB, true, Collections.singletonList(Arrays.asList(1L))));
    }

    @Test
    void dictAndRecordInputsBuildTrees() {
        final ColumnEnforcer e = ColumnEnforcer.compile(schema("x", ARR_LONG, "y", OBJ_AB), Mode.MLFLOW);
        final List<Object> records = Arrays.asList(dict("x", Arrays.asList(1L, 2L), "y", dict("a", "s")),
            dict("x", Collections.emptyList(), "y", dict("a", "t", "b", 0.5)));
        try (ColumnBatch f = ColumnEnforcer.toFrame(records, e.schema())) {
            assertEquals(Column.Storage.NESTED, f.column(f.indexOf("x")).storage());
            assertEquals(Column.Storage.NESTED, f.column(f.indexOf("y")).storage());
            assertFalse(f.column(0).isEscaped(0));
            assertTrue(e.check(f, new ColumnViolations()));
        }
        try (ColumnBatch out = e.enforceInput(dict("x", Arrays.asList(3L), "y", dict("a", "u")))) {
            assertEquals(Column.Storage.NESTED, out.column(0).storage());
            assertEquals(Arrays.asList(3L), out.column(0).get(0));
            assertEquals(dict("a", "u"), out.column(1).get(0));
        }
    }

    @Test
    void reusedBatchKeepsItsTree() {
        final UnsafeBuffer s = new UnsafeBuffer("abc".getBytes(StandardCharsets.UTF_8));
        final UnsafeBuffer a = new UnsafeBuffer("a".getBytes(StandardCharsets.UTF_8));
        try (ColumnBatch b = new ColumnBatch()) {
            final Runnable request = () -> {
                b.clear();
                final NestedWriter w = b.startNestedColumn("x", ARR_LONG);
                for (int r = 0; r < 10_000; r++) {
                    w.startList().appendLong(r).appendLong(-r).endList();
                }
                w.finish();
                final NestedWriter o = b.startNestedColumn("y", OBJ_AB);
                for (int r = 0; r < 10_000; r++) {
                    o.startObject().property(a, 0, 1).appendUtf8(s, 0, 3).key("b").appendDouble(r).endObject();
                }
                o.finish();
            };
            for (int i = 0; i < 50; i++) {
                request.run();
            }
            final NestedVector before = b.column(0).tree();
            final long allocated = Allocations.steadyState(request, 5);
            assertSame(before, b.column(0).tree());
            assertEquals(20_000, b.column(0).tree().child().length());
            assertEquals(Arrays.asList(9_999L, -9_999L), b.column(0).get(9_999));
            // the batch's label index (a HashMap node a column) is all a repeated request allocates
            assertTrue(allocated < 256, "allocated " + allocated + " bytes to rebuild 2 x 10,000 nested rows");
        }
    }

    @Test
    void successPathAllocatesNothingPerRow() {
        final int rows = 10_000;
        final List<Object> arrays = new ArrayList<>(rows);
        final List<Object> objects = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            arrays.add(Arrays.asList((long) i, (long) -i, 7L));
            objects.add(i % 3 == 0 ? dict("a", "s" + i) : dict("b", i * 0.5, "a", "s" + i));
        }
        final ColumnEnforcer e = ColumnEnforcer.compile(schema("x", ARR_LONG, "y", OBJ_AB), Mode.MLFLOW);
        try (ColumnBatch b = new ColumnBatch().addValues("x", ARR_LONG, arrays).addValues("y", OBJ_AB, objects)) {
            for (int r = 0; r < rows; r++) {
                assertFalse(b.column(0).isEscaped(r));
                assertFalse(b.column(1).isEscaped(r));
            }
            final ColumnViolations v = new ColumnViolations();
            for (int i = 0; i < 300; i++) {
                assertTrue(e.check(b, v)); // warm up
            }
            final long allocated = Allocations.steadyState(() -> {
                for (int i = 0; i < 20; i++) {
                    e.check(b, v);
                }
            }, 5);
            assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 20 checks of 10,000 nested rows");
            assertArrayEquals(new Object[] {Arrays.asList(5L, -5L, 7L), dict("b", 2.5, "a", "s5")},
                new Object[] {b.column(0).get(5), b.column(1).get(5)});
        }
    }
}
