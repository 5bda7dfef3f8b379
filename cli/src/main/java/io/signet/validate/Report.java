package io.signet.validate;

import io.signet.schema.PyJson;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The batch report, written as results arrive (in input order): text for people, or JSON Lines for
 * programs. JSON: one object per line, each with {@code "type"} ({@code "file"}, then one
 * {@code "summary"}; {@code "fatal"} for a run that could not start) and {@code "schema_version"}
 * {@value #SCHEMA_VERSION}; field names are stable and documented in README. A failed write (a full
 * disk, a closed pipe) throws {@link OutputFailed}, so the run stops and exits 2.
 */
public abstract class Report {
    /** Version of the JSON Lines schema; changes when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    /** Writing the report failed; PrintStream would have swallowed it. */
    public static final class OutputFailed extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OutputFailed() {
            super("cannot write the report to standard output (disk full or pipe closed?)");
        }
    }

    final PrintStream out;

    Report(final PrintStream out) {
        this.out = out;
    }

    /** A report in {@code format} ("text" or "json"). */
    public static Report of(final String format, final PrintStream out, final boolean verbose) {
        return "json".equals(format) ? new Json(out) : new Text(out, verbose);
    }

    /** One file's result. */
    public final void file(final FileResult r) {
        writeFile(r);
        check();
    }

    /** The closing summary. */
    public final void summary(final BatchRun.Totals t) {
        writeSummary(t);
        check();
    }

    abstract void writeFile(FileResult r);

    abstract void writeSummary(BatchRun.Totals t);

    private void check() {
        if (out.checkError()) {
            throw new OutputFailed();
        }
    }

    /** A run that could not start (usage, model, I/O), as a JSON line. */
    public static String fatalJson(final String message, final int exitCode) {
        final Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "fatal");
        m.put("schema_version", (long) SCHEMA_VERSION);
        m.put("message", message);
        m.put("exit_code", (long) exitCode);
        return PyJson.dumps(m);
    }

    /** What the bytes line says: a throughput only for data that was read. */
    static String bytesLine(final BatchRun.Totals t) {
        final double secs = t.nanos / 1e9;
        if (t.headerOnlyFiles == 0) {
            return String.format(Locale.ROOT, "read %s in %.2f s: %.2f GB/s", Progress.size(t.bytesRead), secs,
                t.gbPerSecond());
        }
        return String.format(Locale.ROOT, "checked in %.2f s: %s read in full; %d tensor file%s (%s) checked by "
                + "header only, as MLflow looks only at dtype and shape (--strict --no-nan reads every value)", secs,
            Progress.size(t.bytesRead), t.headerOnlyFiles, t.headerOnlyFiles == 1 ? "" : "s",
            Progress.size(t.bytes - t.bytesRead));
    }

    static final class Text extends Report {
        private final boolean verbose;

        Text(final PrintStream out, final boolean verbose) {
            super(out);
            this.verbose = verbose;
        }

        @Override
        void writeFile(final FileResult r) {
            if (r.status() == FileResult.Status.VALID) {
                if (verbose) {
                    out.println("ok       " + r.path() + "  (" + r.inputs() + " input" + (r.inputs() == 1 ? "" : "s") + ")");
                }
                return;
            }
            out.println((r.status() == FileResult.Status.INVALID ? "INVALID  " : "UNREADABLE ") + r.path());
            for (final FileResult.Problem p : r.problems()) {
                out.println("    " + (p.location == null ? "" : p.location + ": ") + p.text()
                    + (p.deviation == null ? "" : "  [deviation: " + p.deviation + "]"));
            }
            if (r.droppedProblems() > 0) {
                out.println("    ... and " + r.droppedProblems() + " more (raise --max-errors to see them, up to "
                    + ValidationOptions.MAX_KEPT_PROBLEMS + " per file)");
            }
        }

        @Override
        void writeSummary(final BatchRun.Totals t) {
            out.println();
            out.println(String.format(Locale.ROOT,
                "files: %d (%d valid, %d invalid, %d unreadable)   inputs: %d (%d valid, %d invalid)",
                t.files, t.validFiles, t.invalidFiles, t.unreadableFiles, t.inputs, t.validInputs, t.invalidInputs));
            out.println(bytesLine(t));
            if (t.otherFiles > 0) {
                out.println("left out: " + t.otherFiles + " file(s) in the directories with other extensions (Signet reads "
                    + String.join(", ", FileWalker.EXTENSIONS) + ")");
            }
            if (t.stoppedEarly) {
                out.println("stopped early (--fail-fast): files after the first failure were not validated");
            }
        }
    }

    static final class Json extends Report {
        Json(final PrintStream out) {
            super(out);
        }

        @Override
        void writeFile(final FileResult r) {
            final Map<String, Object> m = new LinkedHashMap<>();
            m.put("type", "file");
            m.put("schema_version", (long) SCHEMA_VERSION);
            m.put("path", r.path().toString());
            m.put("status", r.status().name().toLowerCase(Locale.ROOT));
            m.put("bytes", r.bytes());
            m.put("header_only", r.isHeaderOnly());
            m.put("inputs", r.inputs());
            m.put("valid", r.validInputs());
            m.put("invalid", r.invalidInputs());
            final List<Object> ps = new ArrayList<>();
            for (final FileResult.Problem p : r.problems()) {
                final Map<String, Object> pm = new LinkedHashMap<>();
                pm.put("location", p.location);
                pm.put("line", p.line);
                pm.put("column", p.column);
                pm.put("pointer", p.pointer);
                pm.put("http_status", p.httpStatus == null ? null : (Object) (long) p.httpStatus);
                pm.put("error_code", p.errorCode);
                pm.put("message", p.message);
                pm.put("deviation", p.deviation);
                ps.add(pm);
            }
            m.put("problems", ps);
            m.put("problems_dropped", r.droppedProblems());
            out.println(PyJson.dumps(m));
        }

        @Override
        void writeSummary(final BatchRun.Totals t) {
            final Map<String, Object> s = new LinkedHashMap<>();
            s.put("type", "summary");
            s.put("schema_version", (long) SCHEMA_VERSION);
            s.put("files", t.files);
            s.put("valid_files", t.validFiles);
            s.put("invalid_files", t.invalidFiles);
            s.put("unreadable_files", t.unreadableFiles);
            s.put("inputs", t.inputs);
            s.put("valid_inputs", t.validInputs);
            s.put("invalid_inputs", t.invalidInputs);
            s.put("bytes", t.bytes);
            s.put("bytes_read", t.bytesRead);
            s.put("header_only_files", t.headerOnlyFiles);
            s.put("seconds", t.nanos / 1e9);
            s.put("gb_per_second", t.headerOnlyFiles == 0 ? (Object) t.gbPerSecond() : null);
            s.put("other_files_left_out", (long) t.otherFiles);
            s.put("stopped_early", t.stoppedEarly);
            out.println(PyJson.dumps(s));
        }
    }
}
