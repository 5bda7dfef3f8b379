package io.signet.mlflow;

import io.signet.internal.json.PayloadException;
import io.signet.enforce.Profile;
import io.signet.py.DataFrame;
import io.signet.internal.tensor.PyNum;
import io.signet.py.PandasCsv;
import io.signet.py.PyError;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.py.Excerpt;
import io.signet.schema.InputSpec;
import io.signet.schema.Schema;
import io.signet.tensor.DType;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * MLflow 2.17.2's scoring server reading a {@code text/csv} body: {@code pd.read_csv(body, dtype=...)}
 * with the schema's types (cold path). Header names are looked up by hash; cells and names are
 * quoted in errors as bounded excerpts.
 */
public final class CsvInput {
    private static final String PREFIX = "Failed to parse input as a Pandas DataFrame. Ensure that the input is a "
        + "valid CSV-formatted Pandas DataFrame produced using the `pandas.DataFrame.to_csv()` method. Error: '";

    private CsvInput() {
    }

    static PayloadException error(final String e) {
        return PayloadException.badRequest(PREFIX + e + "'", "");
    }

    static PayloadException error(final String e, final String column) {
        return PayloadException.badRequest(PREFIX + e + "'", "/" + Excerpt.text(column));
    }

    /** With MLflow 2.17.2's pandas 1.5. */
    public static DataFrame parse(final String text, final Schema schema) {
        return parse(text, schema, Profile.MLFLOW_2);
    }

    /** {@code parse_csv_input(body, schema)} under the profile's pandas and numpy. */
    public static DataFrame parse(final String text, final Schema schema, final Profile profile) {
        final PandasCsv.Flags flags = new PandasCsv.Flags(profile.pandasReadsNoneAsMissing(),
            profile.numpyRaisesOnIntOverflow(), profile.numpyBoolIsNamedBool());
        if (schema != null && schema.isTensorSpec()) {
            throw error("TensorSpec only supports numpy types, use numpy_types() instead");
        }
        if (schema != null) {
            for (final InputSpec s : schema.inputs()) {
                if (!(((ColSpec) s).type() instanceof DataType)) {
                    throw error("Failed to get pandas types as some of the inputs types are not DataType.");
                }
            }
        }
        // pandas' reader skips one UTF-8 byte order mark at the very start (both versions: m3-M6-csv)
        final List<List<String>> rows = rows(text.startsWith("\ufeff") ? text.substring(1) : text);
        if (rows.isEmpty()) {
            throw error("No columns to parse from file");
        }
        final List<String> header = rows.get(0);
        final int n = rows.size() - 1;
        final DataFrame f = new DataFrame(n);
        // read_csv(dtype=dict(zip(input_names(), pandas_types()))): the last spec of a name wins; pandas looks
        // a column up by its header first, then by its position (an unnamed schema's names and MLflow 3.1's
        // integer names)
        final Map<Object, DataType> byName = new HashMap<>();
        if (schema != null) {
            for (int i = 0; i < schema.size(); i++) {
                byName.put(schema.lookupName(i), (DataType) ((ColSpec) schema.input(i)).type());
            }
        }
        for (int c = 0; c < header.size(); c++) {
            final Object[] raw = new Object[n];
            for (int r = 0; r < n; r++) {
                final List<String> row = rows.get(r + 1);
                raw[r] = c < row.size() ? row.get(c) : null;
            }
            final DataType declared = schema == null ? null : byName.containsKey(header.get(c))
                ? byName.get(header.get(c)) : byName.get((long) c);
            if (declared == DataType.DATETIME && n > 0) {
                throw error("the dtype datetime64[ns] is not supported for parsing, pass this column using parse_dates "
                    + "instead", header.get(c));
            }
            convertColumn(f, header.get(c), raw, declared, c, flags);
        }
        return f;
    }

    private static void convertColumn(final DataFrame f, final String name, final Object[] raw,
                                      final DataType declared, final int index, final PandasCsv.Flags flags) {
        if (declared == null || declared == DataType.INTEGER || declared == DataType.LONG
            || declared == DataType.FLOAT || declared == DataType.DOUBLE) {
            // pandas' C parser: the user dtype first, else inferred and cast safely (numbers out of range refused)
            final String[] fields = new String[raw.length];
            for (int i = 0; i < raw.length; i++) {
                fields[i] = (String) raw[i];
            }
            final PandasCsv.Column col;
            try {
                col = PandasCsv.convert(fields, declared == null ? null : declared.toNumpy(), index, flags);
            } catch (PyError e) {
                throw error(e.getMessage(), name);
            }
            f.put(name, col.dtype, col.cells);
            return;
        }
        final Object[] inferredCells = new Object[raw.length];
        boolean allInt = true;
        boolean allFloat = true;
        boolean allBool = true;
        boolean anyNa = false;
        for (int i = 0; i < raw.length; i++) {
            final String s = (String) raw[i];
            if (PandasCsv.isNa(s, flags)) {
                anyNa = true;
                inferredCells[i] = null;
                continue;
            }
            inferredCells[i] = s;
            try {
                Long.parseLong(s.strip());
            } catch (NumberFormatException e) {
                allInt = false;
            }
            try {
                PyNum.parseFloat(s);
            } catch (NumberFormatException e) {
                allFloat = false;
            }
            allBool &= s.equals("True") || s.equals("False") || s.equals("true") || s.equals("false");
        }
        DType dt;
        final Object[] cells = new Object[raw.length];
        if (allInt && !anyNa && raw.length > 0) {
            dt = DType.INT64;
        } else if ((allFloat || allInt) && raw.length > 0) {
            dt = DType.FLOAT64;
        } else if (allBool && !anyNa && raw.length > 0) {
            dt = DType.BOOL;
        } else {
            dt = DType.OBJECT;
        }
        for (int i = 0; i < raw.length; i++) {
            final String s = (String) inferredCells[i];
            if (s == null) {
                cells[i] = dt == DType.OBJECT ? null : Double.NaN;
            } else if (dt == DType.INT64) {
                cells[i] = Long.parseLong(s.strip());
            } else if (dt == DType.FLOAT64) {
                cells[i] = PyNum.parseFloat(s);
            } else if (dt == DType.BOOL) {
                cells[i] = s.equalsIgnoreCase("true");
            } else {
                cells[i] = s;
            }
        }
        if (declared != null) {
            dt = declaredType(name, raw, inferredCells, cells, dt, declared, index, anyNa, allBool);
        }
        f.put(name, dt, cells);
    }

    /**
     * {@code read_csv}'s {@code dtype=} for one column: the inferred cells converted in place to the declared
     * type (or pandas' error, naming the column by an excerpt); returns the column's dtype.
     */
    private static DType declaredType(final String name, final Object[] raw, final Object[] inferredCells,
                                      final Object[] cells, final DType inferred, final DataType declared,
                                      final int index, final boolean anyNa, final boolean allBool) {
        DType dt = inferred;
        switch (declared) {
            case BOOLEAN:
                if (dt != DType.BOOL && !(dt == DType.OBJECT && allBool)) {
                    throw error("Bool column has NA values in column " + index, name);
                }
                dt = DType.BOOL;
                break;
            default:
                // string/binary/datetime read as object
                for (int i = 0; i < raw.length; i++) {
                    cells[i] = inferredCells[i];
                }
                dt = DType.OBJECT;
        }
    
        return dt;
    }

    private static List<List<String>> rows(final String text) {
        final List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        final StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean any = false;
        for (int i = 0; i < text.length(); i++) {
            final char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(ch);
                }
                continue;
            }
            if (ch == '"') {
                quoted = true;
                any = true;
            } else if (ch == ',') {
                row.add(cell.toString());
                cell.setLength(0);
                any = true;
            } else if (ch == '\n' || ch == '\r') {
                if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (any || cell.length() > 0) {
                    row.add(cell.toString());
                    rows.add(row);
                }
                row = new ArrayList<>();
                cell.setLength(0);
                any = false;
            } else {
                cell.append(ch);
                any = true;
            }
        }
        if (any || cell.length() > 0) {
            row.add(cell.toString());
            rows.add(row);
        }
        return rows;
    }
}
