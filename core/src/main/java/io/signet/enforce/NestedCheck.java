package io.signet.enforce;

import io.signet.column.NestedVector;
import io.signet.schema.AnyType;
import io.signet.schema.ArrayType;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.schema.MapType;
import io.signet.schema.ObjectType;
import io.signet.schema.ObjectType.Property;

import java.util.List;

/**
 * MLflow's {@code _enforce_type} over an offset tree, as a sound accept: {@code true} only when
 * MLflow accepts the slot (so the Java-value path would too), {@code false} when it rejects it or
 * when deciding needs the Python value (an int other than 0/1 for double, a str for double via
 * {@code pd.to_numeric}): the caller then runs {@link ColumnEnforcer#enforceType} on the cell's Java
 * value, which is the authority and words the message. Allocation-free, except for parsing str leaves
 * checked as datetime.
 *
 * <p>The tree holds a leaf only as its type's own Python type (see {@code Column}), so the rules are:
 * nested positions are always required (None rejected; MLflow passes {@code required=True} below the
 * top, even for optional properties); a property the dict lacks is rejected when the checked type
 * requires it; a present property the checked type does not declare is rejected; a leaf's Python type
 * against the checked DataType as {@code pd.Series(x)} upcasts it (int to long, 0/1 to double and
 * float, float to double, bool to boolean, str and bytes to string / binary / boolean, str to datetime
 * when it parses).
 */
final class NestedCheck {
    private NestedCheck() {
    }

    /** The value at {@code slot} (state VALUE expected) against {@code t}. */
    static boolean acceptsValue(final NestedVector v, final int slot, final ColumnType t) {
        if (t instanceof AnyType) {
            return true;
        }
        switch (v.kind()) {
            case LIST:
                return t instanceof ArrayType && range(v.child(), v.start(slot), v.size(slot), ((ArrayType) t).items());
            case MAP:
                return t instanceof MapType && range(v.child(), v.start(slot), v.size(slot), ((MapType) t).values());
            case STRUCT:
                return t instanceof ObjectType && struct(v, slot, (ObjectType) t);
            default:
                return t instanceof DataType && leaf(v, slot, (DataType) t);
        }
    }

    /** Items / values {@code start .. start + n} of a child vector, each required. */
    private static boolean range(final NestedVector c, final int start, final int n, final ColumnType t) {
        if (c.kind() == NestedVector.Kind.LEAF && t == c.leafType() && t != DataType.DATETIME
            && t != DataType.INTEGER && t != DataType.FLOAT) {
            // a leaf of the checked type holds only accepted values: only None can fail
            if (c.nonValueCount() == 0) {
                return true;
            }
            for (int i = start; i < start + n; i++) {
                if (c.state(i) != NestedVector.VALUE) {
                    return false;
                }
            }
            return true;
        }
        for (int i = start; i < start + n; i++) {
            if (c.state(i) != NestedVector.VALUE || !acceptsValue(c, i, t)) {
                return false;
            }
        }
        return true;
    }

    private static boolean struct(final NestedVector v, final int slot, final ObjectType t) {
        final int[] m = v.mappingFor(t);
        final List<Property> ps = t.properties();
        final int n = ps.size();
        for (int j = 0; j < v.propertyCount(); j++) {
            if (m[n + j] < 0 && v.property(j).state(slot) != NestedVector.ABSENT) {
                return false; // Invalid properties not defined in the schema found
            }
        }
        for (int i = 0; i < n; i++) {
            final Property p = ps.get(i);
            final int k = m[i];
            final byte s = k < 0 ? NestedVector.ABSENT : v.property(k).state(slot);
            if (s == NestedVector.ABSENT) {
                if (p.required()) {
                    return false; // Missing required properties
                }
                continue;
            }
            if (s != NestedVector.VALUE || !acceptsValue(v.property(k), slot, p.type())) {
                return false;
            }
        }
        return true;
    }

    private static boolean leaf(final NestedVector v, final int slot, final DataType t) {
        switch (v.leafType()) {
            case BOOLEAN:
                return t == DataType.BOOLEAN;
            case LONG: {
                if (t == DataType.LONG) {
                    return true;
                }
                final long x = v.getLong(slot);
                return (t == DataType.DOUBLE || t == DataType.FLOAT) && (x == 0 || x == 1);
            }
            case DOUBLE:
                return t == DataType.DOUBLE;
            case STRING:
            case DATETIME:
                if (t == DataType.DATETIME) {
                    return io.signet.py.PandasDatetime.cell(v.getString(slot)) != io.signet.py.PandasDatetime.FAIL;
                }
                return t == DataType.STRING || t == DataType.BINARY || t == DataType.BOOLEAN;
            case BINARY:
                return t == DataType.STRING || t == DataType.BINARY || t == DataType.BOOLEAN;
            default:
                return false;
        }
    }
}
