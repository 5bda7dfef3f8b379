package io.signet.enforce;

import io.signet.column.ColumnBatch;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.Schema;
import io.signet.tensor.DType;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The column verdict agrees with an independent transcription of MLflow's upcast table. */
class UpcastPropertyTest {
    private static final List<String> NUMERIC = Arrays.asList("bool", "int8", "int16", "int32", "int64", "uint8",
        "uint16", "uint32", "uint64", "float16", "float32", "float64");

    /** Reference: which numpy dtypes MLflow 2.17.2 accepts for each MLflow type (written out by hand). */
    private static boolean reference(final String from, final DataType to, final long[] values) {
        final Set<String> ok = new HashSet<>();
        switch (to) {
            case BOOLEAN:
                ok.add("bool");
                break;
            case INTEGER:
                ok.addAll(Arrays.asList("int8", "int16", "int32", "uint8", "uint16"));
                break;
            case LONG:
                ok.addAll(Arrays.asList("int8", "int16", "int32", "int64", "uint8", "uint16", "uint32"));
                break;
            case FLOAT:
                ok.addAll(Arrays.asList("float16", "float32"));
                break;
            case DOUBLE:
                ok.addAll(Arrays.asList("float16", "float32", "float64", "int8", "int16", "int32", "uint8", "uint16", "uint32"));
                break;
            default:
                break;
        }
        if (ok.contains(from)) {
            return true;
        }
        if (from.equals("int64") && (to == DataType.FLOAT || to == DataType.DOUBLE)) {
            for (final long v : values) {
                if (v != 0 && v != 1) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }

    @Provide
    Arbitrary<String> dtypes() {
        return Arbitraries.of(NUMERIC);
    }

    @Provide
    Arbitrary<long[]> values() {
        return Arbitraries.longs().between(-3, 200).injectDuplicates(0.3).array(long[].class).ofMinSize(0).ofMaxSize(5)
            .edgeCases(c -> c.add(new long[] {0, 1, 1}));
    }

    @Property(tries = 600)
    void verdictMatchesReference(@ForAll("dtypes") final String from, @ForAll final DataType to,
                                 @ForAll("values") final long[] raw) {
        final DType d = DType.parse(from);
        final long[] vals = raw.clone();
        for (int i = 0; i < vals.length; i++) {
            if (d.kind() == DType.Kind.BOOL) {
                vals[i] = vals[i] & 1;
            } else if (d.kind() == DType.Kind.UINT || d.itemSize() == 1) {
                vals[i] = Math.floorMod(vals[i], 100);
            }
        }
        final boolean expected = reference(from, to, vals);
        final ColumnEnforcer e = ColumnEnforcer.compile(new Schema(Arrays.asList(new ColSpec(to, "a", true))), Mode.MLFLOW);
        try (ColumnBatch b = new ColumnBatch()) {
            if (d.kind() == DType.Kind.FLOAT) {
                final double[] dv = new double[vals.length];
                for (int i = 0; i < vals.length; i++) {
                    dv[i] = vals[i];
                }
                b.addDoubles("a", d, dv);
            } else if (d.kind() == DType.Kind.BOOL) {
                final boolean[] bv = new boolean[vals.length];
                for (int i = 0; i < vals.length; i++) {
                    bv[i] = vals[i] != 0;
                }
                b.addBooleans("a", bv);
            } else {
                b.addLongs("a", d, vals, null);
            }
            final boolean actual = e.check(b, new ColumnViolations());
            if (actual != expected) {
                throw new AssertionError(from + " -> " + to + " " + Arrays.toString(vals) + ": expected " + expected
                    + ", got " + actual);
            }
        }
    }
}
