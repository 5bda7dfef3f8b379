package io.signet.mlflow;

import io.signet.enforce.Profile;
import io.signet.internal.json.Deviations;
import io.signet.json.Limits;
import io.signet.internal.json.PayloadException;
import io.signet.py.DataFrame;
import io.signet.py.Pandas;
import io.signet.py.PyError;
import io.signet.py.Series;
import io.signet.internal.tensor.NpCast;
import io.signet.schema.ColSpec;
import io.signet.schema.ColumnType;
import io.signet.schema.DataType;
import io.signet.py.Excerpt;
import io.signet.schema.InputSpec;
import io.signet.py.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import io.signet.tensor.DType;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * MLflow 2.17.2's scoring server casting a {@code dataframe_split} / {@code dataframe_records} /
 * CSV frame to the schema before {@code predict}: {@code cast_df_types_according_to_schema}
 * ({@link #castDf}): which columns are cast to what, and MLflow's sentence when one fails. The cast is
 * the value model's one pandas {@code astype} ({@link Pandas#astype}); binary columns are
 * base64-decoded, bytes ones encoded, and nested cells go through {@code _enforce_type}. Failures are the server's
 * 400 BAD_REQUEST naming the column (quoted as an excerpt); silent wraps go to the request's
 * {@link Deviations}. Immutable: one per served model.
 */
public final class FrameCasts {
    private final Schema schema;
    private final boolean strict;
    private final Limits limits;
    private final ServingInputs inputs;
    private final Profile profile;

    public FrameCasts(final Schema schema, final boolean strict, final Limits limits, final Profile profile) {
        this.profile = profile;
        this.schema = schema;
        this.strict = strict;
        this.limits = limits;
        this.inputs = new ServingInputs(schema, strict, limits, profile);
    }

    private Object enforceType(final Object data, final ColumnType t, final boolean required) {
        return inputs.enforceType(data, t, required);
    }

    
    /** {@code cast_df_types_according_to_schema}: casts {@code f} in place and returns it. */
    public DataFrame castDf(final DataFrame f, final String ptr, final Deviations dev) {
        if (schema == null) {
            return f;
        }
        final List<Object> names = new ArrayList<>();
        final List<Object> types = new ArrayList<>();
        if (schema.hasInputNames()) {
            names.addAll(schema.inputNames()); // zip(input_names(), input_types())
            for (final InputSpec s : schema.inputs()) {
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        } else if (schema.isTensorSpec() && schema.size() == 1) {
            for (final Object n : new java.util.LinkedHashSet<>(f.labels())) { // zip(set(pdf.columns), ...)
                names.add(n);
                types.add(((TensorSpec) schema.input(0)).dtype());
            }
        } else {
            final int n = Math.min(schema.size(), f.columnCount());
            for (int i = 0; i < n; i++) {
                names.add(f.label(i));
                final InputSpec s = schema.input(i);
                types.add(s instanceof TensorSpec ? ((TensorSpec) s).dtype() : ((ColSpec) s).type());
            }
        }
        // M4: MLflow 3 hands each Array / Object / Map cell its column's required (2.17.2: always required)
        final java.util.Set<Object> required = profile.optionalReachesNested()
            ? new java.util.HashSet<>(schema.requiredInputNames()) : null;
        for (int i = 0; i < names.size(); i++) {
            // pdf[name] selects every column carrying the label: a repeated label gives a DataFrame, which
            // astype casts column by column and which has no .map in pandas 1.5 (binary, bytes, Array, Object, Map)
            final int[] same = f.indicesOf(names.get(i));
            for (final int c : same) {
                castColumn(f, c, types.get(i), same.length > 1, required == null || required.contains(names.get(i)),
                    ptr, dev);
            }
        }
        return f;
    }

    private void castColumn(final DataFrame f, final int c, final Object t, final boolean dup, final boolean required,
                            final String ptr, final Deviations dev) {
        final Object[] col = f.cells(c);
        final String colPtr = ptr;
        String typeName = t instanceof DType ? t.toString() : t instanceof DataType
            ? pandasName((DataType) t) : ((ColumnType) t).repr();
        if (t instanceof ColumnType && !(t instanceof DataType)) {
            typeName = ((ColumnType) t).str();
        }
        try {
            if (t instanceof io.signet.schema.AnyType) {
                return; // MLflow 3: an any column is left as parsed
            }
            // M11: pandas 2.1+ has DataFrame.map, which maps every cell of the repeated label's columns
            if (dup && !profile.dataFrameMapExists() && (t == DataType.BINARY
                || t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES
                || t instanceof ColumnType && !(t instanceof DataType))) {
                throw new CastFailure("AttributeError(\"'DataFrame' object has no attribute 'map'\")");
            }
            if (t == DataType.BINARY) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = decodeBase64Lenient((String) col[j]);
                }
                f.setCells(c, r);
                f.setDtype(c, DType.OBJECT);
            } else if (t instanceof DType && ((DType) t).kind() == DType.Kind.BYTES) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    if (!(col[j] instanceof String)) {
                        throw new CastFailure("TypeError('encoding without a string argument')");
                    }
                    r[j] = ((String) col[j]).getBytes(StandardCharsets.UTF_8);
                }
                f.setCells(c, r);
                f.setDtype(c, DType.OBJECT);
            } else if (schema.isTensorSpec() && col.length == 0) {
                throw new CastFailure("IndexError('single positional indexer is out-of-bounds')");
            } else if (schema.isTensorSpec() && col[0] instanceof List && !dup) {
                return;
            } else if (t instanceof ColumnType && !(t instanceof DataType)) {
                final Object[] r = new Object[col.length];
                for (int j = 0; j < col.length; j++) {
                    try {
                        r[j] = enforceType(col[j], (ColumnType) t, required);
                    } catch (PayloadException e) {
                        throw new CastFailure("MlflowException(" + PyRepr.repr(e.getMessage()) + ")");
                    } catch (PyError e) {
                        throw new CastFailure(e.repr());
                    }
                }
                f.setCells(c, r);
            } else {
                final DType target = t instanceof DType ? (DType) t
                    : t == DataType.STRING ? DType.OBJECT : ((DataType) t).toNumpy();
                try {
                    astype(f, c, target, ptr, dev);
                } catch (PyError e) {
                    throw new CastFailure(e.repr()); // cast_df_types_according_to_schema quotes repr(e)
                }
            }
        } catch (CastFailure e) {
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. Error: '" + e.getMessage()
                + "'", colPtr + "/" + Excerpt.str(f.label(c)));
        } catch (PayloadException e) {
            if (e.deviation() != null) {
                throw new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. Data is not compatible with model "
                    + "signature. Failed to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. "
                    + e.getMessage().replaceFirst("^Invalid input\\. ", ""), colPtr + "/" + Excerpt.str(f.label(c)), -1, -1,
                    -1, e.deviation());
            }
            final String inner = e.getMessage().replaceFirst("^Invalid input\\. ", "");
            throw PayloadException.badRequest("Invalid input. Data is not compatible with model signature. Failed "
                + "to convert column " + Excerpt.str(f.label(c)) + " to type '" + typeName + "'. Error: '"
                + (inner.startsWith("Python integer ") ? "OverflowError(" + PyRepr.repr(inner) + ")" : inner) + "'",
                colPtr + "/" + Excerpt.str(f.label(c)));
        }
    }

    private static String pandasName(final DataType t) {
        return t == DataType.STRING || t == DataType.BINARY ? "<class 'object'>" : t.toNumpy().toString();
    }

    /**
     * pandas' {@code astype} of column {@code c} (the value model's one, {@link Pandas#astype}); what it stores
     * silently is the request's deviation at the column; numpy's and pandas' exceptions propagate as
     * {@link PyError}s (MLflow quotes their repr).
     */
    private void astype(final DataFrame f, final int c, final DType target, final String ptr, final Deviations dev) {
        final Object[] col = f.cells(c);
        if (col.length > limits.maxElementsPerTensor()) {
            throw PayloadException.badRequest("Invalid input. Payload exceeds limit maxElementsPerTensor="
                + limits.maxElementsPerTensor(), "/" + limits.maxElementsPerTensor());
        }
        final NpCast.Facts facts = new NpCast.Facts().noteTruncation(strict);
        final Series s = Pandas.astype(Series.of(f, c), target, profile, facts);
        if (facts.event() != NpCast.Facts.NONE) {
            dev.note(new PayloadException(400, PayloadException.BAD_REQUEST, "Invalid input. " + facts.sentence()
                + " (row " + facts.index() + ")", ptr + "/" + Excerpt.str(f.label(c)), -1, -1, -1, facts.deviation()));
        }
        f.set(c, s.dtype(), s.cells());
    }

    /** Python's {@code base64.decodebytes}: non-alphabet characters are skipped, padding is required. */
    static byte[] decodeBase64Lenient(final String s) {
        int q = 0;
        int pads = 0;
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if (ch == '=') {
                if (q % 4 >= 2) {
                    pads++;
                    if (q % 4 + pads == 4) {
                        break;
                    }
                }
            } else if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/') {
                if (pads > 0) {
                    pads = 0;
                }
                q++;
            }
        }
        if (q % 4 == 1) {
            throw new CastFailure("Error('Invalid base64-encoded string: number of data characters (" + q
                + ") cannot be 1 more than a multiple of 4')");
        }
        if (q % 4 != 0 && q % 4 + pads < 4) {
            throw new CastFailure("Error('Incorrect padding')");
        }
        return decodeBase64Chars(s);
    }

    private static byte[] decodeBase64Chars(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            final char ch = s.charAt(i);
            if ((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '+'
                || ch == '/' || ch == '=') {
                sb.append(ch);
            }
        }
        String t = sb.toString();
        final int eq = t.indexOf('=');
        if (eq >= 0) {
            t = t.substring(0, eq);
        }
        t = t.substring(0, t.length() - (t.length() % 4 == 1 ? 1 : 0));
        try {
            return Base64.getDecoder().decode(t + "===".substring(0, (4 - t.length() % 4) % 4));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A pandas failure while casting a column, carrying the Python repr of the exception. */
    static final class CastFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CastFailure(final String repr) {
            super(repr, null, false, false);
        }
    }
}
