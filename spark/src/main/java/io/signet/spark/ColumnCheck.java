package io.signet.spark;

import io.signet.column.ColumnBatch;
import io.signet.enforce.ColumnEnforcer;
import io.signet.enforce.ColumnViolations;
import io.signet.enforce.ErrorCode;
import io.signet.enforce.Mode;
import io.signet.enforce.SchemaEnforcementException;
import io.signet.schema.ColSpec;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.SignatureJson;
import org.apache.spark.sql.types.DataType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One column of a column signature, checked cell by cell exactly as the library checks a one-row
 * frame: the cell goes through the seam ({@link SparkCells}) into a one-row {@link ColumnBatch}, and
 * {@link ColumnEnforcer} (compiled for this column alone, so that every violating column of a row is
 * reported, not only MLflow's first) decides and words it.
 *
 * <p>Serializable: Spark ships it to the executors as the signature's dict; the enforcer, the batch
 * and the collector are built there on first use and reused for every cell of the task (a task runs
 * on one thread, and each task deserializes its own copy).
 */
final class ColumnCheck implements CellCheck {
    private static final long serialVersionUID = 1L;

    private final LinkedHashMap<String, Object> signature;
    private final int input;
    final String column;
    final DataType sparkType;
    private final Mode mode;
    private final boolean nonFinite;
    private final int limit;

    private transient ColumnEnforcer enforcer;
    private final io.signet.enforce.Profile profile;
    private transient ColSpec spec;
    private transient ColumnBatch batch;
    private transient ColumnViolations out;
    private transient Object[] cell;

    ColumnCheck(final Map<String, Object> signature, final int input, final String column, final DataType sparkType,
                final CheckOptions o) {
        this.signature = new LinkedHashMap<>(signature);
        this.input = input;
        this.column = column;
        this.sparkType = sparkType;
        this.mode = o.mode;
        this.profile = o.profile();
        this.nonFinite = o.mode == Mode.STRICT && (o.rejectNaN || o.rejectInf);
        this.limit = o.mode == Mode.STRICT ? o.maxPerCell : 1;
    }

    private void init() {
        final Schema schema = SignatureJson.fromDict(signature, profile).inputs();
        spec = (ColSpec) schema.input(input);
        final ColumnEnforcer e = ColumnEnforcer.compile(new Schema(Collections.singletonList(spec)), mode, profile);
        enforcer = nonFinite ? e.rejectingNonFinite() : e;
        batch = new ColumnBatch();
        out = new ColumnViolations(limit);
        cell = new Object[1];
    }

    @Override
    public String column() {
        return column;
    }

    /** The cell's violations; an empty list when the library accepts it. */
    @Override
    public List<Violation> check(final Object value) {
        if (enforcer == null) {
            init();
        }
        final String where = "[" + PyRepr.repr(column) + "]";
        batch.clear();
        out.reset();
        cell[0] = value;
        try {
            SparkCells.addColumn(batch, column, sparkType, cell, 1, spec.type() instanceof io.signet.schema.DataType
                ? null : spec.type());
            if (enforcer.check(batch, out)) {
                return Collections.emptyList();
            }
        } catch (final SparkCells.SeamException e) {
            return Collections.singletonList(new Violation(column, where,
                ErrorCode.INVALID_PARAMETER_VALUE.name(), e.getMessage(), null));
        } catch (final SchemaEnforcementException e) {
            return Collections.singletonList(new Violation(column, where, e.errorCode(), e.getMessage(),
                code(e.deviation())));
        } catch (final RuntimeException e) {
            return Collections.singletonList(internal(column, where, e));
        } finally {
            cell[0] = null;
        }
        final List<Violation> r = new ArrayList<>(out.size());
        for (int i = 0; i < out.size(); i++) {
            r.add(new Violation(column, rowless(out.path(i), where), ErrorCode.INVALID_PARAMETER_VALUE.name(),
                out.message(i), code(out.deviation(i))));
        }
        return r;
    }

    /** A failure of Signet itself on a cell (a bug, never the data's fault): recorded, counted, never thrown. */
    static Violation internal(final String input, final String where, final RuntimeException e) {
        final String m = String.valueOf(e.getMessage());
        return new Violation(input, where, ErrorCode.INTERNAL_ERROR.name(), "Signet could not check this cell: "
            + e.getClass().getSimpleName() + ": " + (m.length() > 200 ? m.substring(0, 200) + "..." : m), null);
    }

    /** The library's path of a one-row frame names row 0 after the column: the table has the row id instead. */
    static String rowless(final String path, final String where) {
        if (path == null) {
            return where;
        }
        if (path.startsWith(where + "[0]")) {
            return where + path.substring(where.length() + 3);
        }
        return path;
    }

    /** A deviation's README code, or null. */
    static String code(final io.signet.enforce.Deviation d) {
        return d == null ? null : d.code();
    }
}
