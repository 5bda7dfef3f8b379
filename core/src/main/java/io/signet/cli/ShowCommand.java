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
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code signet show MODEL}: a signature as MLflow writes it and as a table. */
@Command(name = "show", mixinStandardHelpOptions = true,
    description = "Prints a model's signature as MLflow writes it in MLmodel, and as a readable table.")
final class ShowCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "MODEL", description = "a model directory, an MLmodel file or a signature JSON file")
    Path model;

    @Override
    public Integer call() {
        final ModelDirectory md;
        try {
            md = ModelDirectory.open(model);
        } catch (final ModelDirectory.ModelFileException e) {
            System.err.println("signet show: " + e.getMessage());
            return 2;
        }
        print(md, System.out);
        return 0;
    }

    static void print(final ModelDirectory md, final PrintStream out) {
        final ModelSignature sig = md.signature();
        out.println("model: " + (md.mlmodelFile() != null ? md.mlmodelFile() : md.root()));
        if (sig == null) {
            out.println("no signature: MLflow enforces nothing for this model");
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
            }
            if (serving != null) {
                out.println("  serving input example: " + serving);
            }
        }
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
