package io.signet.cli;

import io.signet.schema.ColSpec;
import io.signet.schema.InputSpec;
import io.signet.schema.ModelDirectory;
import io.signet.schema.ModelSignature;
import io.signet.schema.ParamSchema;
import io.signet.schema.ParamSpec;
import io.signet.schema.PyJson;
import io.signet.schema.PyRepr;
import io.signet.schema.Schema;
import io.signet.schema.TensorSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code signet show MODEL}: a signature as MLflow writes it and as a table. */
@Command(name = "show", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Prints a model's signature as MLflow writes it in MLmodel, as MLflow prints it, and as tables; "
        + "and what its examples hold.",
        "",
        "Exit codes: 0 shown (a model without a signature too), 2 usage or model error."})
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a model directory, an MLmodel file or a signature JSON file")
    Path model;

    @Mixin
    MlflowOption mlflow = new MlflowOption();

    @Override
    public Integer call() {
        final ModelDirectory md;
        try {
            md = mlflow.open(model);
        } catch (final ModelDirectory.ModelFileException e) {
            System.err.println("signet show: " + e.getMessage());
            return 2;
        }
        print(md, mlflow.describe(md), System.out);
        return 0;
    }

    static void print(final ModelDirectory md, final String rules, final PrintStream out) {
        final ModelSignature sig = md.signature();
        out.println("model: " + Models.name(md));
        final String about = about(md.mlmodel());
        if (!about.isEmpty()) {
            out.println("  " + about);
        }
        out.println("  rules: " + rules);
        if (sig == null) {
            out.println(Models.noSignature(md));
            return;
        }
        out.println();
        out.println("signature (as in MLmodel):");
        for (final Map.Entry<String, Object> e : sig.toDict().entrySet()) {
            final Object v = e.getValue();
            out.println("  " + e.getKey() + ": " + (v == null ? "null" : "'" + v + "'"));
        }
        out.println();
        out.println("signature (as MLflow prints it):");
        out.print(indent(sig.repr()));
        table(out, "inputs", sig.inputs());
        table(out, "outputs", sig.outputs());
        params(out, sig.params());
        final Path ex = md.inputExample();
        final Path serving = md.servingInputExample();
        if (ex != null || serving != null) {
            out.println();
            out.println("examples:");
            if (ex != null) {
                out.println("  input example:         " + ex);
                out.println("    " + exampleSummary(ex, md.savedInputExampleInfo()));
            }
            if (serving != null) {
                out.println("  serving input example: " + serving);
                out.println("    " + servingSummary(serving));
            }
        }
    }

    /** "MLflow 2.17.2, flavors: python_function" from the MLmodel document (empty if it says neither). */
    static String about(final Map<String, Object> mlmodel) {
        final List<String> parts = new ArrayList<>();
        final Object v = mlmodel.get("mlflow_version");
        if (v != null) {
            parts.add("MLflow " + v);
        }
        final Object f = mlmodel.get("flavors");
        if (f instanceof Map && !((Map<?, ?>) f).isEmpty()) {
            final List<String> names = new ArrayList<>();
            for (final Object k : ((Map<?, ?>) f).keySet()) {
                names.add(String.valueOf(k));
            }
            parts.add("flavors: " + String.join(", ", names));
        }
        return String.join(", ", parts);
    }

    /** What an input example holds: its kind (from saved_input_example_info) and shape or columns. */
    static String exampleSummary(final Path file, final Map<String, Object> info) {
        final Object json;
        try {
            json = ModelDirectory.readJson(file);
        } catch (final ModelDirectory.ModelFileException e) {
            return "unreadable: " + e.getMessage();
        }
        final Object type = info == null ? null : info.get("type");
        final StringBuilder sb = new StringBuilder(type == null ? "" : type + ": ");
        Object data = json;
        Object params = null;
        if (info != null && "true".equals(String.valueOf(info.get("params"))) && json instanceof Map) {
            data = ((Map<?, ?>) json).get("inputs");
            params = ((Map<?, ?>) json).get("params");
        }
        sb.append(describe(data));
        if (params instanceof Map) {
            sb.append("; params: ").append(String.join(", ", keys((Map<?, ?>) params)));
        }
        return sb.toString();
    }

    /** What a scoring-server request body holds: its format key, shape or columns, and params. */
    static String servingSummary(final Path file) {
        final Object json;
        try {
            json = ModelDirectory.readJson(file);
        } catch (final ModelDirectory.ModelFileException e) {
            return "unreadable: " + e.getMessage();
        }
        if (!(json instanceof Map)) {
            return describe(json);
        }
        final List<String> parts = new ArrayList<>();
        for (final Map.Entry<?, ?> e : ((Map<?, ?>) json).entrySet()) {
            final Object v = e.getValue();
            parts.add(e.getKey() + ": " + ("params".equals(e.getKey()) && v instanceof Map
                ? String.join(", ", keys((Map<?, ?>) v)) : describe(v)));
        }
        return String.join("; ", parts);
    }

    private static List<String> keys(final Map<?, ?> m) {
        final List<String> r = new ArrayList<>();
        for (final Object k : m.keySet()) {
            r.add(String.valueOf(k));
        }
        return r;
    }

    /**
     * A compact description of example data: a split DataFrame as rows x columns, records as a
     * count, nested lists as a numpy-style shape, a dict of arrays as name shape pairs.
     */
    static String describe(final Object v) {
        if (v instanceof Map) {
            final Map<?, ?> m = (Map<?, ?>) v;
            if (m.get("data") instanceof List && (m.get("columns") instanceof List || m.containsKey("index"))) {
                final List<?> cols = m.get("columns") instanceof List ? (List<?>) m.get("columns") : List.of();
                final int rows = ((List<?>) m.get("data")).size();
                return rows + (rows == 1 ? " row x " : " rows x ") + cols.size() + (cols.size() == 1 ? " column" : " columns")
                    + (cols.isEmpty() ? "" : " (" + joinLimited(cols, 10) + ")");
            }
            final List<String> parts = new ArrayList<>();
            for (final Map.Entry<?, ?> e : m.entrySet()) {
                final Object x = e.getValue();
                parts.add(e.getKey() + (x instanceof List ? " " + shapeOf(x) : ": " + PyRepr.typeName(x)));
                if (parts.size() == 8 && m.size() > 8) {
                    parts.add("... " + (m.size() - 8) + " more");
                    break;
                }
            }
            return "{" + String.join(", ", parts) + "}";
        }
        if (v instanceof List) {
            final List<?> l = (List<?>) v;
            if (!l.isEmpty() && l.get(0) instanceof Map) {
                return l.size() + (l.size() == 1 ? " record (" : " records (") + joinLimited(keys((Map<?, ?>) l.get(0)), 10) + ")";
            }
            return "shape " + shapeOf(v);
        }
        return PyRepr.typeName(v);
    }

    private static String joinLimited(final List<?> xs, final int max) {
        final List<String> r = new ArrayList<>();
        for (int i = 0; i < xs.size() && i < max; i++) {
            r.add(String.valueOf(xs.get(i)));
        }
        if (xs.size() > max) {
            r.add("... " + (xs.size() - max) + " more");
        }
        return String.join(", ", r);
    }

    /** numpy's shape of nested lists, as a tuple; a ragged level ends the shape with "ragged". */
    static String shapeOf(final Object v) {
        final List<String> dims = new ArrayList<>();
        List<?> level = List.of(v);
        while (true) {
            int len = -1;
            boolean allLists = true;
            for (final Object x : level) {
                if (!(x instanceof List)) {
                    allLists = false;
                    break;
                }
                final int n = ((List<?>) x).size();
                if (len == -1) {
                    len = n;
                } else if (len != n) {
                    len = -2;
                    break;
                }
            }
            if (!allLists || level.isEmpty()) {
                break;
            }
            if (len == -2) {
                dims.add("ragged");
                break;
            }
            dims.add(String.valueOf(len));
            final List<Object> next = new ArrayList<>();
            for (final Object x : level) {
                next.addAll((List<?>) x);
            }
            level = next;
        }
        return dims.size() == 1 ? "(" + dims.get(0) + ",)" : "(" + String.join(", ", dims) + ")";
    }

    private static String indent(final String s) {
        final StringBuilder sb = new StringBuilder();
        for (final String line : s.split("\n")) {
            sb.append("  ").append(line).append('\n');
        }
        return sb.toString();
    }

    private static void table(final PrintStream out, final String title, final Schema s) {
        if (s == null) {
            return;
        }
        out.println();
        final List<String[]> rows = new ArrayList<>();
        if (s.isTensorSpec()) {
            rows.add(new String[] {"#", "name", "dtype", "shape"});
            for (int i = 0; i < s.size(); i++) {
                final TensorSpec t = (TensorSpec) s.input(i);
                rows.add(new String[] {String.valueOf(i), t.name() == null ? "-" : t.name(), t.dtype().name(),
                    PyRepr.shape(t.shape())});
            }
        } else {
            rows.add(new String[] {"#", "name", "type", "required"});
            for (int i = 0; i < s.size(); i++) {
                final InputSpec in = s.input(i);
                final ColSpec c = (ColSpec) in;
                rows.add(new String[] {String.valueOf(i), c.name() == null ? "-" : c.name(), c.type().repr(),
                    c.required() ? "yes" : "no"});
            }
        }
        out.println(title + " (" + (s.isTensorSpec() ? "tensors" : "columns") + "):");
        render(out, rows);
    }

    private static void params(final PrintStream out, final ParamSchema ps) {
        if (ps == null) {
            return;
        }
        out.println();
        final List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"name", "type", "default", "shape"});
        for (final ParamSpec p : ps.params()) {
            rows.add(new String[] {p.name(), p.type().mlflowName(), PyJson.dumps(p.toJson().get("default")),
                p.shape() == null ? "scalar" : PyRepr.shape(p.shape())});
        }
        out.println("params:");
        render(out, rows);
    }

    private static void render(final PrintStream out, final List<String[]> rows) {
        final int[] w = new int[rows.get(0).length];
        for (final String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                w[i] = Math.max(w[i], r[i].length());
            }
        }
        for (int j = 0; j < rows.size(); j++) {
            final StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < w.length; i++) {
                sb.append(rows.get(j)[i]);
                if (i < w.length - 1) {
                    sb.append(" ".repeat(w[i] - rows.get(j)[i].length() + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
            if (j == 0) {
                final StringBuilder line = new StringBuilder("  ");
                for (int i = 0; i < w.length; i++) {
                    line.append("-".repeat(w[i]));
                    if (i < w.length - 1) {
                        line.append("  ");
                    }
                }
                out.println(line);
            }
        }
    }
}
