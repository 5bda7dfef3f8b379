package io.signet.mlflow;

import io.signet.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.tensor.PyNum;
import io.signet.schema.ColSpec;
import io.signet.schema.DataType;
import io.signet.schema.Excerpt;
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

    public static DataFrame parse(final String text, final Schema schema) {
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
            convertColumn(f, header.get(c), raw, declared, c);
        }
        return f;
    }

    private static void convertColumn(final DataFrame f, final String name, final Object[] raw,
                                      final DataType declared, final int index) {
        final Object[] inferredCells = new Object[raw.length];
        boolean allInt = true;
        boolean allFloat = true;
        boolean allBool = true;
        boolean anyNa = false;
        for (int i = 0; i < raw.length; i++) {
            final String s = (String) raw[i];
            if (s == null || s.isEmpty() || s.equals("NaN") || s.equals("nan") || s.equals("NA")) {
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
            case INTEGER:
            case LONG:
                if (dt == DType.FLOAT64) {
                    // integral floats ("1.0") convert; a fraction or a missing value does not
                    for (int i = 0; i < cells.length; i++) {
                        final double d = cells[i] == null ? Double.NaN : ((Number) cells[i]).doubleValue();
                        if (Double.isNaN(d) || Math.rint(d) != d) {
                            throw error("cannot safely convert passed user dtype of " + declared.toNumpy()
                                + " for float64 dtyped data in column " + index, name);
                        }
                        cells[i] = (long) d;
                    }
                    dt = DType.INT64;
                }
                if (dt != DType.INT64) {
                    for (final Object s : inferredCells) {
                        if (s != null) {
                            try {
                                Long.parseLong(((String) s).strip());
                            } catch (NumberFormatException e) {
                                throw error("invalid literal for int() with base 10: '" + Excerpt.text((String) s)
                                    + "'", name);
                            }
                        }
                    }
                    if (anyNa) {
                        throw error("Integer column has NA values in column " + index, name);
                    }
                }
                dt = declared.toNumpy();
                break;
            case FLOAT:
            case DOUBLE:
                if (dt == DType.OBJECT || dt == DType.BOOL) {
                    for (final Object s : inferredCells) {
                        if (s != null && !((String) s).equalsIgnoreCase("true")
                            && !((String) s).equalsIgnoreCase("false")) {
                            try {
                                PyNum.parseFloat((String) s);
                            } catch (NumberFormatException e) {
                                throw error("could not convert string to float: '" + Excerpt.text((String) s)
                                    + "'", name);
                            }
                        }
                    }
                }
                dt = declared.toNumpy();
                break;
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
