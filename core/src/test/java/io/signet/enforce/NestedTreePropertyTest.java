package io.signet.enforce;

import io.signet.column.Column;
import io.signet.column.ColumnBatch;
import io.signet.column.NestedWriter;
import io.signet.schema.ArrayType;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;
import io.signet.schema.Schema;
import net.jqwik.api.ForAll;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random nested types and random Python-like values (mostly of the type's shape, with None and
 * wrong-typed values mixed in): written into a tree (whole values and token by token) they read back
 * equal, keys in order; and the enforcer's verdict and message over the tree, checked against the
 * same or a mutated type, equal MLflow's {@code _enforce_type} run on the plain Java values.
 */
class NestedTreePropertyTest {
    private static final String[] NAMES = {"a", "b", "c"};
    private static final DataType[] LEAVES = DataType.values();

    static ColumnType nestedType(final Random r, final int depth) {
        switch (r.nextInt(depth > 0 ? 4 : 3)) {
            case 0:
                return new ArrayType(anyType(r, depth - 1));
            case 1:
                return new MapType(anyType(r, depth - 1));
            case 2:
                return objectType(r, depth - 1);
            default:
                return ArrayType.SPARK_ML_VECTOR;
        }
    }

    static ColumnType anyType(final Random r, final int depth) {
        return depth <= 0 || r.nextInt(3) == 0 ? LEAVES[r.nextInt(LEAVES.length)] : nestedType(r, depth);
    }

    static ObjectType objectType(final Random r, final int depth) {
        final List<Property> ps = new ArrayList<>();
        for (final String n : NAMES) {
            if (ps.isEmpty() || r.nextBoolean()) {
                ps.add(new Property(n, anyType(r, depth), r.nextInt(3) > 0));
            }
        }
        return new ObjectType(ps);
    }

    /** The same type with a few random changes (leaf types, properties, requiredness, nesting). */
    static ColumnType mutate(final ColumnType t, final Random r) {
        if (r.nextInt(4) == 0) {
            return t instanceof DataType ? LEAVES[r.nextInt(LEAVES.length)] : anyType(r, 1);
        }
        if (t == ArrayType.SPARK_ML_VECTOR) {
            return t;
        }
        if (t instanceof ArrayType) {
            return new ArrayType(mutate(((ArrayType) t).items(), r));
        }
        if (t instanceof MapType) {
            return new MapType(mutate(((MapType) t).values(), r));
        }
        if (t instanceof ObjectType) {
            final List<Property> ps = new ArrayList<>();
            for (final Property p : ((ObjectType) t).properties()) {
                if (r.nextInt(5) > 0 || ps.isEmpty()) {
                    ps.add(new Property(p.name(), mutate(p.type(), r), r.nextInt(4) == 0 ? !p.required() : p.required()));
                }
            }
            if (r.nextInt(4) == 0 && ((ObjectType) t).property("d") == null) {
                ps.add(new Property("d", DataType.LONG, false));
            }
            return new ObjectType(ps);
        }
        return t;
    }

    private static final Object[] NOISE = {"s", 2L, 0L, 1L, 1.5, true, new byte[] {1}, Collections.emptyList(),
        new LinkedHashMap<>(), null};

    static Object value(final ColumnType t, final Random r) {
        final int dice = r.nextInt(20);
        if (dice == 0) {
            return null;
        }
        if (dice == 1) {
            return NOISE[r.nextInt(NOISE.length)];
        }
        if (t instanceof ArrayType) {
            final List<Object> l = new ArrayList<>();
            final int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                l.add(value(((ArrayType) t).items(), r));
            }
            return l;
        }
        if (t instanceof MapType) {
            final Map<Object, Object> m = new LinkedHashMap<>();
            final int n = r.nextInt(4);
            for (int i = 0; i < n; i++) {
                m.put(r.nextInt(15) == 0 ? (Object) 7L : "k" + r.nextInt(4), value(((MapType) t).values(), r));
            }
            return m;
        }
        if (t instanceof ObjectType) {
            final List<Property> ps = new ArrayList<>(((ObjectType) t).properties());
            Collections.shuffle(ps, r);
            final Map<Object, Object> m = new LinkedHashMap<>();
            for (final Property p : ps) {
                if (r.nextInt(p.required() ? 10 : 2) > 0) {
                    m.put(p.name(), value(p.type(), r));
                }
            }
            if (r.nextInt(10) == 0) {
                m.put("zz", 1L);
            }
            return m;
        }
        switch ((DataType) t) {
            case BOOLEAN:
                return r.nextBoolean();
            case INTEGER:
            case LONG:
                return new long[] {0L, 1L, 2L, -3L, Long.MAX_VALUE, Long.MIN_VALUE}[r.nextInt(6)];
            case FLOAT:
            case DOUBLE:
                return new double[] {0.0, 1.5, -2.25, Double.NaN, 1e300, 1.0}[r.nextInt(6)];
            case BINARY:
                return new byte[r.nextInt(3)];
            case DATETIME:
                return new String[] {"2024-01-02T03:04:05", "2024-01-02", "nope"}[r.nextInt(3)];
            default:
                return new String[] {"", "x", "\u00e9t\u00e9", "2024-01-02", "1.5"}[r.nextInt(5)];
        }
    }

    /** Equality with byte[] by content and dict keys in order. */
    static boolean deepEq(final Object a, final Object b) {
        if (a instanceof byte[] && b instanceof byte[]) {
            return Arrays.equals((byte[]) a, (byte[]) b);
        }
        if (a instanceof List && b instanceof List) {
            final List<?> x = (List<?>) a;
            final List<?> y = (List<?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            for (int i = 0; i < x.size(); i++) {
                if (!deepEq(x.get(i), y.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof Map && b instanceof Map) {
            final Map<?, ?> x = (Map<?, ?>) a;
            final Map<?, ?> y = (Map<?, ?>) b;
            if (x.size() != y.size()) {
                return false;
            }
            final Iterator<? extends Map.Entry<?, ?>> i = x.entrySet().iterator();
            final Iterator<? extends Map.Entry<?, ?>> j = y.entrySet().iterator();
            while (i.hasNext()) {
                final Map.Entry<?, ?> e = i.next();
                final Map.Entry<?, ?> f = j.next();
                if (!e.getKey().equals(f.getKey()) || !deepEq(e.getValue(), f.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return a == null ? b == null : a.equals(b);
    }

    /** Feeds a Java value to the streaming writer as a JSON reader would (str alternately as String / UTF-8 bytes). */
    static void tokens(final NestedWriter w, final Object v, final Random r) {
        if (v == null) {
            w.appendNull();
        } else if (v instanceof List) {
            w.startList();
            for (final Object e : (List<?>) v) {
                tokens(w, e, r);
            }
            w.endList();
        } else if (v instanceof Map && allStringKeys((Map<?, ?>) v)) {
            w.startObject();
            for (final Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (r.nextBoolean()) {
                    w.property((String) e.getKey());
                } else {
                    final byte[] k = ((String) e.getKey()).getBytes(StandardCharsets.UTF_8);
                    w.key(new UnsafeBuffer(k), 0, k.length);
                }
                tokens(w, e.getValue(), r);
            }
            w.endObject();
        } else if (v instanceof Long) {
            w.appendLong((Long) v);
        } else if (v instanceof Double) {
            w.appendDouble((Double) v);
        } else if (v instanceof Boolean) {
            w.appendBoolean((Boolean) v);
        } else if (v instanceof String && r.nextBoolean()) {
            final byte[] b = ((String) v).getBytes(StandardCharsets.UTF_8);
            w.appendUtf8(new UnsafeBuffer(b), 0, b.length);
        } else if (v instanceof String) {
            w.appendString((String) v);
        } else if (v instanceof byte[]) {
            w.appendBytes((byte[]) v);
        } else {
            w.appendValue(v);
        }
    }

    private static boolean allStringKeys(final Map<?, ?> m) {
        for (final Object k : m.keySet()) {
            if (!(k instanceof String)) {
                return false;
            }
        }
        return true;
    }

    static List<Object> values(final ColumnType t, final Random r) {
        final List<Object> vs = new ArrayList<>();
        final int n = r.nextInt(6);
        for (int i = 0; i < n; i++) {
            vs.add(value(t, r));
        }
        return vs;
    }

    @net.jqwik.api.Property(tries = 500)
    void readsBackEqual(@ForAll final long seed) {
        final Random r = new Random(seed);
        final ColumnType t = nestedType(r, 3);
        final List<Object> vs = values(t, r);
        try (ColumnBatch b = new ColumnBatch().addValues("x", t, vs)) {
            final NestedWriter w = b.startNestedColumn("y", t);
            for (final Object v : vs) {
                tokens(w, v, r);
            }
            w.finish();
            final Column x = b.column(0);
            final Column y = b.column(1);
            assertEquals(Column.Storage.NESTED, x.storage());
            for (int i = 0; i < vs.size(); i++) {
                assertTrue(deepEq(vs.get(i), x.get(i)), t.repr() + " row " + i + ": " + vs.get(i) + " read " + x.get(i));
                assertTrue(deepEq(vs.get(i), y.get(i)), t.repr() + " row " + i + ": " + vs.get(i) + " streamed " + y.get(i));
                assertEquals(x.isEscaped(i), y.isEscaped(i), t.repr() + " row " + i + ": " + vs.get(i));
                assertEquals(vs.get(i) == null, x.isNull(i));
            }
        }
    }

    @net.jqwik.api.Property(tries = 1000)
    void verdictOverTreeIsMlflows(@ForAll final long seed) {
        final Random r = new Random(seed);
        final ColumnType built = nestedType(r, 3);
        final ColumnType m = r.nextBoolean() ? built : mutate(built, r);
        // a DataType column is checked column-wise (_enforce_mlflow_datatype), not by _enforce_type
        final ColumnType checked = m instanceof DataType ? built : m;
        final boolean required = r.nextInt(4) > 0;
        final List<Object> vs = values(r.nextInt(4) == 0 ? checked : built, r);
        String expected = null;
        for (final Object v : vs) {
            try {
                ColumnEnforcer.enforceType(v, checked, required);
            } catch (final SchemaEnforcementException e) {
                expected = e.getMessage();
                break;
            }
        }
        try (ColumnBatch b = new ColumnBatch().addValues("x", built, vs)) {
            final ColumnEnforcer e = ColumnEnforcer.compile(new Schema(Collections.singletonList(
                new ColSpec(checked, "x", required))), Mode.MLFLOW);
            final ColumnViolations out = new ColumnViolations();
            final boolean ok = e.check(b, out);
            assertEquals(expected, ok ? null : out.message(0),
                "built " + built.repr() + " checked " + checked.repr() + " required " + required + " values " + vs);
        }
    }
}
